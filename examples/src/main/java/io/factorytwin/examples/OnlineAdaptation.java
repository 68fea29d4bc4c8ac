package io.factorytwin.examples;

import io.factorytwin.core.calibration.Datasets;
import io.factorytwin.core.calibration.Evaluation;
import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.Identification;
import io.factorytwin.core.calibration.ReferencePlant;
import io.factorytwin.core.calibration.StateSync;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.deploy.DeployedTwin;
import io.factorytwin.core.deploy.DriftEvent;
import io.factorytwin.core.deploy.MonitorSnapshot;
import io.factorytwin.core.deploy.SwapRecord;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.Dataset;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.telemetry.Frame;
import io.factorytwin.core.telemetry.TelemetryLog;
import io.factorytwin.model.MlpEnsembleTrainer;
import io.factorytwin.physics.JBulletPhysics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A twin that keeps learning while deployed (docs/deployment.md): the reference crane is calibrated
 * on a few minutes of its telemetry, deployed, and fed a live stream in which the plant changes
 * regime (payload +30 %, drive lag doubled, {@link RegimeChanges}); the example prints the timeline:
 * the change, its detection, the updates and the recovery of the prediction error, then the
 * targets measured on held-out trajectories of both regimes.
 *
 * <pre>./mvnw -q -pl examples exec:java -Dexec.mainClass=io.factorytwin.examples.OnlineAdaptation</pre>
 *
 * <p>Confined to the calling thread (the deployed twin runs its own threads).
 */
public final class OnlineAdaptation {
  private OnlineAdaptation() {}

  /** Seconds of the reference regime before the change, and of the changed regime after it. */
  public static final double BEFORE = 60, AFTER = 90;
  /** Seconds of the reference regime again after the changed one. */
  public static final double BACK = 45;
  /** The load position: the focus channels (updates are judged by its NRMSE as one vector). */
  public static final String[] LOAD = {"crane1.load.pos.x", "crane1.load.pos.y", "crane1.load.pos.z"};
  /** The load's horizontal position (what the residual corrects). */
  public static final String[] LOAD_XY = {"crane1.load.pos.x", "crane1.load.pos.y"};
  /** Frames of history the features read: 10 frames (200 ms), longer than the changed plant's 160 ms dead time. */
  public static final int HISTORY = 10;

  /**
   * A calibrated twin ready to deploy.
   *
   * @param identified the layout with the identified parameters
   * @param spec       the features
   * @param residual   the residual ensemble
   * @param baseline   the calibration trajectories
   */
  public record Calibrated(Layout identified, FeatureSpec spec, ResidualPredictor residual, List<Trajectory> baseline) {}

  /** The trainer used for calibration and online updates: small, so that an update takes seconds. */
  public static MlpEnsembleTrainer trainer() {
    return MlpEnsembleTrainer.builder().members(3).hiddenLayers(32, 32).maxEpochs(40).patience(8).threads(1).build();
  }

  /** The trainer of online updates: the calibration trainer's network, a smaller step for fine-tuning. */
  public static MlpEnsembleTrainer updateTrainer() {
    return MlpEnsembleTrainer.builder().members(3).hiddenLayers(32, 32).maxEpochs(40).patience(8).threads(1)
        .learningRate(2e-4).build();
  }

  /**
   * Calibrates on {@code trajectories} runs of 40 s of the reference plant (seeds from {@code seed}):
   * identification, then a residual ensemble on one-step rows of the identified physics.
   */
  public static Calibrated calibrate(PhysicsBackend backend, long seed, int trajectories, Consumer<String> progress) {
    List<Trajectory> data = referenceTrajectories(backend, seed, trajectories);
    Layout nominal = ReferenceLayouts.referenceCraneCarrying();
    FeatureSpec spec = spec(nominal, data);
    Identification.Result id = Identification.fit(nominal, backend, spec, data, new Identification.Options(25, 5, 100,
        List.of("crane1.load.pos.x", "crane1.load.pos.y", "crane1.load.pos.z", "crane1.trolley.pos",
            "crane1.bridge.pos", "crane1.rope.tension"), 15, 2), progress);
    return train(backend, id.layout(), spec, data, seed, progress);
  }

  /** {@code n} runs of 40 s of the reference plant, seeds from {@code seed}. */
  public static List<Trajectory> referenceTrajectories(PhysicsBackend backend, long seed, int n) {
    ReferencePlant plant = ReferencePlants.crane(backend);
    List<Trajectory> data = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      data.add(Trajectory.split(ReferencePlants.craneTelemetry(plant, seed + k, 40), ReferencePlants.PERIOD, 100, k)
          .trajectories().get(0));
    }
    return data;
  }

  /** The crane features with {@link #HISTORY} frames of history over the data's columns. */
  public static FeatureSpec spec(Layout nominal, List<Trajectory> data) {
    return FeatureSpec.crane(new StateSync(nominal, data.get(0).columns()), "crane1", HISTORY);
  }

  /** Trains the residual ensemble over {@code identified} physics (the last trajectory validates). */
  public static Calibrated train(PhysicsBackend backend, Layout identified, FeatureSpec spec, List<Trajectory> data,
      long seed, Consumer<String> progress) {
    Supplier<FramePredictor> physics = () -> new FramePredictor(identified, backend, spec, FramePredictor.Kind.HYBRID,
        null, ReferencePlants.PERIOD, 0);
    List<Trajectory> train = data.subList(0, data.size() - 1), val = data.subList(data.size() - 1, data.size());
    Dataset rows = Datasets.oneStep(physics, train, spec, 2);
    Dataset valRows = Datasets.oneStep(physics, val, spec, 2);
    ResidualPredictor residual = trainer().train(rows, valRows, seed, p -> {});
    progress.accept(String.format(Locale.ROOT, "calibrated on %d trajectories: %d rows", data.size(), rows.rows()));
    return new Calibrated(identified, spec, residual, data);
  }

  /** The deployed twin over a calibration, with this example's settings. */
  public static DeployedTwin deploy(PhysicsBackend backend, Calibrated c, Path edgeCases, long seed) {
    // snippet:deploy
    DeployedTwin.Builder b = DeployedTwin.builder(c.identified(), backend, c.spec(), ReferencePlants.PERIOD)
        .residual(c.residual())          // the calibrated residual ensemble (null: physics only)
        .trainer(updateTrainer())        // who fine-tunes it (null: no updates)
        .baseline(c.baseline())          // the calibration trajectories (required)
        .focus(LOAD)                     // the channels updates are judged by (the load position)
        .driftChannels(DRIFT)            // the channels watched for drift
        .reidentify(REIDENTIFY)          // after a drift: re-identify the physics (null: never)
        .recentScores(100).seed(seed);
    if (edgeCases != null) b.edgeCases(edgeCases, 4, 1 << 20, 4); // where surprises go, threshold, bytes per file, files
    return b.build();
    // end-snippet
  }

  /**
   * Re-identification after a drift event: 25-frame rollouts (every 25th frame of each 1 s window,
   * every 5th frame compared) of the load position, the trolley and bridge and the rope tension.
   */
  public static final Identification.Options REIDENTIFY = new Identification.Options(25, 5, 25,
      List.of("crane1.load.pos.x", "crane1.load.pos.y", "crane1.load.pos.z", "crane1.trolley.pos",
          "crane1.bridge.pos", "crane1.rope.tension"), 60, 1);

  /** Channels watched for drift: all but the sway, whose errors carry the plant's second pendulum mode. */
  public static final String[] DRIFT = {"crane1.bridge.pos", "crane1.bridge.vel", "crane1.trolley.pos",
      "crane1.trolley.vel", "crane1.hoist.length", "crane1.hoist.vel", "crane1.load.pos.x", "crane1.load.pos.y",
      "crane1.load.pos.z", "crane1.load.vel.x", "crane1.load.vel.y", "crane1.load.vel.z", "crane1.rope.tension"};

  /** NRMSE(h) of a layout and model on trajectories, of {@code channels} taken as one vector. */
  public static double nrmse(PhysicsBackend backend, Calibrated c, Layout layout, ResidualPredictor model,
      List<Trajectory> test, int h, String... channels) {
    StateSync sync = new StateSync(layout, c.spec().columns());
    int[] cols = java.util.Arrays.stream(channels).mapToInt(sync::column).toArray();
    return Evaluation.nrmse(() -> new FramePredictor(layout, backend, c.spec(), FramePredictor.Kind.HYBRID,
        model, ReferencePlants.PERIOD, 0), -1, test, cols, new int[] {h}, 5, 2).nrmse()[0];
  }

  /**
   * Held-out trajectories (30 s each) of the reference regime ({@code changed} false) or the changed
   * one; with the same seed, both regimes start from the same state under the same operator.
   */
  public static List<Trajectory> heldOut(PhysicsBackend backend, boolean changed, long seed, int n) {
    List<Trajectory> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      TelemetryLog log = changed ? RegimeChanges.changedTelemetry(backend, seed + k, 30)
          : ReferencePlants.craneTelemetry(ReferencePlants.crane(backend), seed + k, 30);
      out.add(Trajectory.split(log, ReferencePlants.PERIOD, 100, 50_000 + k).trajectories().get(0));
    }
    return out;
  }

  /**
   * What a run found.
   *
   * @param snapshot          the monitor at the end of the stream
   * @param layoutAtRecovery  the layout in use {@code recovery} seconds after the change
   * @param atRecovery        the model in use then
   * @param versionAtRecovery its version
   * @param finalLayout       the layout in use at the end of the stream
   * @param finalModel        the model in use then
   */
  public record Run(MonitorSnapshot snapshot, Layout layoutAtRecovery, ResidualPredictor atRecovery,
      int versionAtRecovery, Layout finalLayout, ResidualPredictor finalModel) {}

  /**
   * Deploys {@code c}, feeds it {@code stream} (which changes regime at {@code change} seconds) and
   * prints every 5 s of stream the recent NRMSE; returns the final snapshot and the model in use
   * {@code recovery} seconds after the change.
   */
  public static Run run(PhysicsBackend backend, Calibrated c, TelemetryLog stream, double change, double recovery,
      Path edgeCases, java.io.PrintStream out) throws InterruptedException {
    ResidualPredictor atRecovery = c.residual();
    Layout layoutAtRecovery = c.identified();
    int version = 0;
    double liveBefore = Double.NaN, liveAfter = Double.NaN;
    try (DeployedTwin twin = deploy(backend, c, edgeCases, 1)) {
      int printed = 0;
      long t1 = System.nanoTime();
      for (Frame f : stream.frames()) {
        twin.submit(f);
        if (f.time() >= 5 * (printed + 1) - 1e-9) {
          twin.awaitProcessed();
          printed++;
          MonitorSnapshot s = twin.snapshot();
          out.printf(Locale.ROOT, "t = %5.1f s  model v%d  load position NRMSE(1) %.5f, NRMSE(10) %.5f (last 100 scores)%s%n",
              f.time(), s.modelVersion(), s.recentFocus(1), s.recentFocus(10),
              f.time() > change - 2.5 && f.time() <= change + 2.5 ? "   <- regime change at " + change + " s" : "");
        }
        if (Math.abs(f.time() - change) < 1e-9) {
          twin.awaitProcessed();
          liveBefore = twin.snapshot().recentFocus(10);
        }
        if (Math.abs(f.time() - (change + recovery)) < 1e-9) {
          twin.awaitProcessed();
          atRecovery = twin.model();
          layoutAtRecovery = twin.layout();
          version = twin.modelVersion();
          liveAfter = twin.snapshot().recentFocus(10);
        }
      }
      twin.awaitProcessed();
      out.printf(Locale.ROOT, "%.0f s of stream processed in %.1f s%n", stream.frames().get(stream.frames().size() - 1)
          .time(), (System.nanoTime() - t1) / 1e9);
      MonitorSnapshot s = twin.snapshot();
      out.println("timeline:");
      List<Object[]> events = new ArrayList<>();
      events.add(new Object[] {change, "regime change (payload +30 %, drive lag doubled)"});
      for (DriftEvent e : s.drifts()) {
        events.add(new Object[] {e.time(), String.format(Locale.ROOT, "drift detected (started about %.2f s) in %s",
            e.start(), e.channels())});
      }
      for (SwapRecord r : s.swaps()) events.add(new Object[] {r.time(), r.toString()});
      events.add(new Object[] {change + recovery, String.format(Locale.ROOT, "recovery check: live NRMSE(10) of the "
          + "load position over the last 100 scores %.5f, %.2fx its value at the change (%.5f), model v%d",
          liveAfter, liveAfter / liveBefore, liveBefore, version)});
      events.sort(java.util.Comparator.comparingDouble(e -> (Double) e[0]));
      for (Object[] e : events) out.printf(Locale.ROOT, "  %7.2f s  %s%n", (Double) e[0], e[1]);
      out.println("bad telemetry: " + s.issues() + "; edge cases stored: " + s.edgeCases());
      return new Run(s, layoutAtRecovery, atRecovery, version, twin.layout(), twin.model());
    }
  }

  /**
   * Runs the example: calibration, a stream of 60 s of the reference regime, 90 s of the changed one
   * and 45 s of the reference regime again; the timeline and the targets.
   */
  public static void main(String[] args) throws Exception {
    JBulletPhysics backend = new JBulletPhysics();
    long t0 = System.nanoTime();
    Calibrated c = calibrate(backend, 100, 3, line -> {});
    System.out.printf(Locale.ROOT, "calibrated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    TelemetryLog stream = RegimeChanges.stream(backend, 7, BEFORE, AFTER, BACK);
    Run run = run(backend, c, stream, BEFORE, 60, Path.of("target", "edge-cases"), System.out);
    List<Trajectory> oldTest = heldOut(backend, false, 900, 2), newTest = heldOut(backend, true, 900, 2);
    report(backend, c, run, oldTest, newTest, System.out);
  }

  /** Prints the targets' figures for the load's horizontal position and the full load position. */
  public static void report(PhysicsBackend backend, Calibrated c, Run run, List<Trajectory> oldTest,
      List<Trajectory> newTest, java.io.PrintStream out) {
    for (String[] focus : List.of(LOAD_XY, LOAD)) {
      double pre = nrmse(backend, c, c.identified(), c.residual(), oldTest, 10, focus);
      double without = nrmse(backend, c, c.identified(), c.residual(), newTest, 10, focus);
      double post = nrmse(backend, c, run.layoutAtRecovery(), run.atRecovery(), newTest, 10, focus);
      double old = nrmse(backend, c, run.finalLayout(), run.finalModel(), oldTest, 10, focus);
      out.printf(Locale.ROOT, "held-out NRMSE(10) of %s: before the change %.5f; on the changed plant %.5f without "
          + "updates, %.5f with the twin's layout and model 60 s after the change (v%d: %.2fx the pre-change figure, "
          + "target <= 1.2x); on the old regime with those at the end of the stream %.5f (%+.1f %%, target <= +10 %%)%n",
          List.of(focus), pre, without, post, run.versionAtRecovery(), post / pre, old, 100 * (old / pre - 1));
    }
  }
}
