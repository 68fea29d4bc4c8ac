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
import io.factorytwin.examples.cli.TwinCli;
import io.factorytwin.model.MlpEnsembleTrainer;
import io.factorytwin.physics.JBulletPhysics;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.examples.plots.Outputs;
import io.factorytwin.examples.plots.Plots;
import io.factorytwin.viewer.ReplayEvent;
import io.factorytwin.viewer.ReplayPage;
import io.factorytwin.viewer.ReplayRecorder;
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
 * targets measured on held-out trajectories of both regimes. With {@code --line}, the same on the
 * reference line, whose belt friction drops by 30 % ({@link RegimeChanges#changedLine}).
 *
 * <pre>./mvnw -q -pl examples exec:java -Dexec.mainClass=io.factorytwin.examples.OnlineAdaptation [-Dexec.args=--line]</pre>
 *
 * <p>With {@code --line --streams}: the belt's targets on five streams and false alarms on a steady
 * one ({@link #lineStreams}).
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
  public record Calibrated(Layout identified, FeatureSpec spec, ResidualPredictor residual, List<Trajectory> baseline,
      Setting setting) {}

  /**
   * What the deployed twin watches on a plant.
   *
   * @param focus      the channels updates are judged by (their NRMSE as one vector)
   * @param drift      the channels watched for drift
   * @param reidentify re-identification after a drift
   * @param longDrift  the channels whose 10-frame errors are watched for drift
   * @param change     the regime change, in words (for the timeline)
   */
  public record Setting(List<String> focus, List<String> drift, List<String> longDrift,
      Identification.Options reidentify, String change) {
    /** Copies the lists. */
    public Setting {
      focus = List.copyOf(focus);
      drift = List.copyOf(drift);
      longDrift = List.copyOf(longDrift);
    }
  }


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

  /** Frames of history the line's features read (as calibration's study of the line). */
  public static final int LINE_HISTORY = 4;

  /**
   * Calibrates on {@code trajectories} runs of 40 s of the reference line plant (seeds from
   * {@code seed}): identification with calibration's default settings (the belt's friction), then a
   * residual ensemble; deployed with {@link #LINE}.
   */
  public static Calibrated calibrateLine(PhysicsBackend backend, long seed, int trajectories, Consumer<String> progress) {
    List<Trajectory> data = lineTrajectories(backend, seed, trajectories);
    Layout nominal = ReferenceLayouts.referenceLine();
    FeatureSpec spec = lineSpec(nominal, data);
    Identification.Result id = Identification.fit(nominal, backend, spec, data,
        TwinCli.defaultOptions(spec, 0, 2, seed).identification(), progress);
    return train(backend, id.layout(), spec, data, seed, LINE, progress);
  }

  /** {@code n} runs of 40 s of the reference line plant (sensor noise at full scale), seeds from {@code seed}. */
  public static List<Trajectory> lineTrajectories(PhysicsBackend backend, long seed, int n) {
    ReferencePlant plant = ReferencePlants.line(backend, 1.0);
    return trajectories(s -> ReferencePlants.lineTelemetry(plant, s, 40), seed, n, 0);
  }

  /** {@code n} trajectories of the logs {@code telemetry} gives for seeds from {@code seed}, ids from {@code firstId}. */
  private static List<Trajectory> trajectories(java.util.function.LongFunction<TelemetryLog> telemetry, long seed, int n,
      int firstId) {
    List<Trajectory> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(Trajectory.split(telemetry.apply(seed + k), ReferencePlants.PERIOD, 100, firstId + k).trajectories().get(0));
    }
    return out;
  }

  /** The line's features ({@link FeatureSpec#conveyor}, belt {@code line1}, tote {@code tote}) with {@link #LINE_HISTORY}. */
  public static FeatureSpec lineSpec(Layout nominal, List<Trajectory> data) {
    return FeatureSpec.conveyor(new StateSync(nominal, data.get(0).columns()), "line1", "tote", LINE_HISTORY);
  }

  /**
   * Held-out trajectories (30 s each) of the line plant ({@code changed} false) or the changed one;
   * with the same seed, both regimes start from the same state under the same operator.
   */
  public static List<Trajectory> lineHeldOut(PhysicsBackend backend, boolean changed, long seed, int n) {
    return trajectories(s -> changed ? RegimeChanges.changedLineTelemetry(backend, s, 30)
        : ReferencePlants.lineTelemetry(ReferencePlants.line(backend, 1.0), s, 30), seed, n, 50_000);
  }

  /** {@code n} runs of 40 s of the reference plant, seeds from {@code seed}. */
  public static List<Trajectory> referenceTrajectories(PhysicsBackend backend, long seed, int n) {
    ReferencePlant plant = ReferencePlants.crane(backend);
    return trajectories(s -> ReferencePlants.craneTelemetry(plant, s, 40), seed, n, 0);
  }

  /** The crane features with {@link #HISTORY} frames of history over the data's columns. */
  public static FeatureSpec spec(Layout nominal, List<Trajectory> data) {
    return FeatureSpec.crane(new StateSync(nominal, data.get(0).columns()), "crane1", HISTORY);
  }

  /** Trains the residual ensemble over {@code identified} physics (the last trajectory validates). */
  public static Calibrated train(PhysicsBackend backend, Layout identified, FeatureSpec spec, List<Trajectory> data,
      long seed, Consumer<String> progress) {
    return train(backend, identified, spec, data, seed, CRANE, progress);
  }

  /** As {@link #train(PhysicsBackend, Layout, FeatureSpec, List, long, Consumer)}, deployed with {@code setting}. */
  public static Calibrated train(PhysicsBackend backend, Layout identified, FeatureSpec spec, List<Trajectory> data,
      long seed, Setting setting, Consumer<String> progress) {
    Supplier<FramePredictor> physics = () -> new FramePredictor(identified, backend, spec, FramePredictor.Kind.HYBRID,
        null, ReferencePlants.PERIOD, 0);
    List<Trajectory> train = data.subList(0, data.size() - 1), val = data.subList(data.size() - 1, data.size());
    Dataset rows = Datasets.oneStep(physics, train, spec, 2);
    Dataset valRows = Datasets.oneStep(physics, val, spec, 2);
    ResidualPredictor residual = trainer().train(rows, valRows, seed, p -> {});
    progress.accept(String.format(Locale.ROOT, "calibrated on %d trajectories: %d rows", data.size(), rows.rows()));
    return new Calibrated(identified, spec, residual, data, setting);
  }

  /** The deployed twin over a calibration, with this example's settings. */
  public static DeployedTwin deploy(PhysicsBackend backend, Calibrated c, Path edgeCases, long seed) {
    // snippet:deploy
    Setting set = c.setting();        // what to watch on this plant (CRANE, LINE)
    DeployedTwin.Builder b = DeployedTwin.builder(c.identified(), backend, c.spec(), ReferencePlants.PERIOD)
        .residual(c.residual())          // the calibrated residual ensemble (null: physics only)
        .trainer(updateTrainer())        // who fine-tunes it (null: no updates)
        .retrainer(trainer())            // who retrains it from scratch on a new regime (null: never)
        .baseline(c.baseline())          // the calibration trajectories (required)
        .focus(set.focus().toArray(String[]::new))        // the channels updates are judged by
        .driftChannels(set.drift().toArray(String[]::new))         // watched for drift at 1 frame
        .longDriftChannels(set.longDrift().toArray(String[]::new)) // and at 10 frames
        .drift(0.5, 100, 100, 5)         // Page–Hinkley at 1 frame: δ, λ, warm-up frames, cap (the defaults)
        .longDrift(0.75, 30)             // and at 10 frames: δ, λ (the defaults)
        .reidentify(set.reidentify())    // after a drift: re-identify the physics (null: never)
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

  /** Channels watched for drift at 10 frames: the positions (the velocities' 10-frame errors carry the load's second mode). */
  public static final String[] LONG_DRIFT = {"crane1.bridge.pos", "crane1.trolley.pos", "crane1.hoist.length",
      "crane1.load.pos.x", "crane1.load.pos.y", "crane1.load.pos.z"};

  /**
   * The crane's setting: the load position; drift watched at 1 frame on every state channel but the
   * sway, at 10 frames on the positions; {@link #REIDENTIFY}.
   */
  public static final Setting CRANE = new Setting(List.of(LOAD), List.of(DRIFT), List.of(LONG_DRIFT), REIDENTIFY,
      "payload +30 %, drive lag doubled");

  /** The line's focus: the tote's position along the belt. */
  public static final String[] TOTE_X = {"tote.pos.x"};

  /**
   * The line's setting: the tote's position along the belt; drift watched on the tote's position and
   * velocity along the belt (the friction acts on the tote, not on the driven belt, whose speed errors
   * are the ripple's; across the belt the tote rattles between its guides, noise to the twin), with
   * the detectors' defaults: the friction shows in one-frame errors only while the tote slips, a
   * fraction of a second per speed change, but spoils the 10-frame predictions at once, which the
   * detectors on the 10-frame errors see (docs/deployment.md, "The belt"); re-identification on
   * 25-frame rollouts of the tote's position and the belt's speed and travel (the channels
   * calibration compares).
   */
  public static final Setting LINE = new Setting(List.of(TOTE_X), List.of("tote.pos.x", "tote.vel.x"),
      List.of("tote.pos.x", "tote.vel.x"),
      new Identification.Options(25, 5, 25, List.of("line1.speed", "line1.encoder", "tote.pos.x"), 30, 1),
      "belt friction -30 %");

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
    return trajectories(s -> changed ? RegimeChanges.changedTelemetry(backend, s, 30)
        : ReferencePlants.craneTelemetry(ReferencePlants.crane(backend), s, 30), seed, n, 50_000);
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
      int versionAtRecovery, Layout finalLayout, ResidualPredictor finalModel, List<Path> files) {}

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
    // for the pictures: the live error once a second, and the stream synced into the twin at 10 Hz
    List<double[]> live = new ArrayList<>();
    StateSync sync = new StateSync(c.identified(), c.spec().columns());
    ReplayRecorder recorder = new ReplayRecorder(c.identified(), 0.1);
    SimState view = c.identified().newState(1);
    long ticksPerFrame = Math.round(ReferencePlants.PERIOD / c.identified().stepSeconds());
    double[] previous = null;
    try (DeployedTwin twin = deploy(backend, c, edgeCases, 1)) {
      int printed = 0, sampled = 0;
      long t1 = System.nanoTime();
      for (Frame f : stream.frames()) {
        twin.submit(f);
        sync.sync(view, f.values(), previous, ReferencePlants.PERIOD);
        recorder.record(view);
        for (long k = 0; k < ticksPerFrame; k++) view.advanceTick();
        previous = f.values();
        if (f.time() >= sampled + 1 - 1e-9) {
          twin.awaitProcessed();
          sampled++;
          live.add(new double[] {f.time(), twin.snapshot().recentFocus(10)});
        }
        if (f.time() >= 5 * (printed + 1) - 1e-9) {
          twin.awaitProcessed();
          printed++;
          MonitorSnapshot s = twin.snapshot();
          out.printf(Locale.ROOT, "t = %5.1f s  model v%d  %s NRMSE(1) %.5f, NRMSE(10) %.5f (last 100 scores)%s%n",
              f.time(), s.modelVersion(), c.setting().focus(), s.recentFocus(1), s.recentFocus(10),
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
      events.add(new Object[] {change, "regime change (" + c.setting().change() + ")"});
      for (DriftEvent e : s.drifts()) {
        List<String> where = new ArrayList<>();
        for (int k = 0; k < e.channels().size(); k++) {
          where.add(e.channels().get(k) + " at " + e.horizons().get(k) + (e.horizons().get(k) == 1 ? " frame" : " frames"));
        }
        events.add(new Object[] {e.time(), String.format(Locale.ROOT, "drift detected (started about %.2f s) in %s",
            e.start(), where)});
      }
      for (SwapRecord r : s.swaps()) events.add(new Object[] {r.time(), r.toString()});
      events.add(new Object[] {change + recovery, String.format(Locale.ROOT, "recovery check: live NRMSE(10) of "
          + "%s over the last 100 scores %.5f, %.2fx its value at the change (%.5f), model v%d", c.setting().focus(),
          liveAfter, liveAfter / liveBefore, liveBefore, version)});
      events.sort(java.util.Comparator.comparingDouble(e -> (Double) e[0]));
      for (Object[] e : events) out.printf(Locale.ROOT, "  %7.2f s  %s%n", (Double) e[0], e[1]);
      out.println("bad telemetry: " + s.issues() + "; edge cases stored: " + s.edgeCases());
      List<Path> files = pictures(c, live, events, recorder);
      for (Path f : files) out.println("wrote " + f);
      return new Run(s, layoutAtRecovery, atRecovery, version, twin.layout(), twin.model(), files);
    }
  }

  /**
   * Writes the run's pictures into the output folder {@code online-adaptation/<layout>} ({@link Outputs}):
   * {@code timeline.png}, the live NRMSE(10) of the focus channels (over the last 100 scores, sampled
   * once a second) with the change, drifts, swaps and the recovery check marked; and {@code replay.html}, the stream synced
   * into the twin at 10 Hz in 3D with the same events on its timeline.
   */
  static List<Path> pictures(Calibrated c, List<double[]> live, List<Object[]> events, ReplayRecorder recorder) {
    Path dir = Outputs.folder("online-adaptation").resolve(c.identified().name());
    List<double[]> finite = live.stream().filter(v -> Double.isFinite(v[1])).toList();
    double[] time = finite.stream().mapToDouble(v -> v[0]).toArray();
    double[] error = finite.stream().mapToDouble(v -> v[1]).toArray();
    // the plot marks what changed the twin or the plant (candidates kept out are in the replay's timeline)
    List<Object[]> shown = events.stream().filter(e -> !((String) e[1]).startsWith("KEPT"))
        .filter(e -> time.length > 0 && (Double) e[0] >= time[0] && (Double) e[0] <= time[time.length - 1]).toList();
    double[] at = shown.stream().mapToDouble(e -> (Double) e[0]).toArray();
    String[] labels = shown.stream().map(e -> shortLabel((String) e[1])).toArray(String[]::new);
    List<Path> out = new ArrayList<>();
    out.add(Plots.onlineAdaptation(dir.resolve("timeline.png"), time, error,
        "NRMSE(10), last 100 scores", at, labels));
    ReplayPage.Builder page = ReplayPage.builder(c.identified()).title("Online adaptation: the plant's stream")
        .recording(recorder);
    for (Object[] e : events) page.event(ReplayEvent.at((Double) e[0], (String) e[1]));
    out.add(page.build().write(dir.resolve("replay.html")));
    return out;
  }

  /** An event's label cut to what fits on a plot: up to the first parenthesis, colon or " at frame", 40 characters at most. */
  private static String shortLabel(String label) {
    int cut = label.length();
    for (String end : new String[] {"(", ":", " at frame"}) if (label.indexOf(end) > 0) cut = Math.min(cut, label.indexOf(end));
    String s = label.substring(0, cut).trim();
    return s.length() > 40 ? s.substring(0, 40) : s;
  }

  /**
   * Runs the example: calibration, a stream of 60 s of the reference regime, 90 s of the changed one
   * and 45 s of the reference regime again; the timeline and the targets. {@code --line}: the same
   * on the reference line (belt friction −30 %) instead of the crane.
   */
  public static void main(String[] args) throws Exception {
    boolean line = List.of(args).contains("--line");
    JBulletPhysics backend = new JBulletPhysics();
    if (line && List.of(args).contains("--streams")) {
      lineStreams(backend, new long[] {7, 8, 9, 10, 11}, System.out);
      return;
    }
    long t0 = System.nanoTime();
    Calibrated c = line ? calibrateLine(backend, 100, 3, p -> {}) : calibrate(backend, 100, 3, p -> {});
    System.out.printf(Locale.ROOT, "calibrated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    TelemetryLog stream = line ? RegimeChanges.lineStream(backend, 7, BEFORE, AFTER, BACK)
        : RegimeChanges.stream(backend, 7, BEFORE, AFTER, BACK);
    Run run = run(backend, c, stream, BEFORE, 60, Path.of("target", "edge-cases"), System.out);
    if (line) {
      report(backend, c, run, lineHeldOut(backend, false, 900, 2), lineHeldOut(backend, true, 900, 2), List.<String[]>of(TOTE_X),
          System.out);
    } else {
      report(backend, c, run, heldOut(backend, false, 900, 2), heldOut(backend, true, 900, 2), List.of(LOAD_XY, LOAD),
          System.out);
    }
  }

  /**
   * The belt's targets on several streams ({@code --line --streams}, docs/deployment.md, "The belt"):
   * the twin of {@code OnlineAdaptationLineTest} (the friction identification finds, a residual
   * trained on 3 × 40 s) fed, for each seed, 20 s of the line plant, 61 s of the changed one and 20 s
   * of the line plant again; then 200 s of the steady line plant (seed 41), for false alarms. Prints
   * per seed the drifts, the held-out NRMSE(10) 60 s after the change and of the old regime at the end.
   */
  public static void lineStreams(PhysicsBackend backend, long[] seeds, java.io.PrintStream out)
      throws InterruptedException {
    Layout identified = ReferenceLayouts.referenceLine().withParameters(java.util.Map.of("line1.friction",
        ReferencePlants.TRUE_LINE_FRICTION));
    List<Trajectory> data = lineTrajectories(backend, 100, 3);
    Calibrated c = train(backend, identified, lineSpec(ReferenceLayouts.referenceLine(), data), data, 100, LINE, p -> {});
    List<Trajectory> oldTest = lineHeldOut(backend, false, 900, 1), newTest = lineHeldOut(backend, true, 900, 1);
    double pre = nrmse(backend, c, c.identified(), c.residual(), oldTest, 10, TOTE_X);
    java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    List<String> rows = new ArrayList<>();
    for (long seed : seeds) {
      Run run = run(backend, c, RegimeChanges.lineStream(backend, seed, 20, 61, 20), 20, 60, null, quiet);
      double post = nrmse(backend, c, run.layoutAtRecovery(), run.atRecovery(), newTest, 10, TOTE_X);
      double old = nrmse(backend, c, run.finalLayout(), run.finalModel(), oldTest, 10, TOTE_X);
      StringBuilder drifts = new StringBuilder();
      for (DriftEvent e : run.snapshot().drifts()) drifts.append(String.format(Locale.ROOT, " %.2f", e.time()));
      rows.add(String.format(Locale.ROOT, "seed %d: drifts at [%s ] s (change at 20 s, return at 81 s); NRMSE(10) 60 s "
          + "after the change %.2fx the pre-change %.5f; old regime at the end %+.1f %%", seed, drifts, post / pre, pre,
          100 * (old / pre - 1)));
    }
    Run steady = run(backend, c, ReferencePlants.lineTelemetry(ReferencePlants.line(backend, 1.0), 41, 200), 100, 60,
        null, quiet);
    rows.add("steady line plant, 200 s: " + steady.snapshot().drifts().size() + " drifts signalled "
        + steady.snapshot().drifts().stream().map(e -> String.format(Locale.ROOT, "%.2f s", e.time())).toList());
    rows.forEach(out::println);
  }

  /** Prints the targets' figures for each of {@code focuses} (channels taken as one vector). */
  public static void report(PhysicsBackend backend, Calibrated c, Run run, List<Trajectory> oldTest,
      List<Trajectory> newTest, List<String[]> focuses, java.io.PrintStream out) {
    for (String[] focus : focuses) {
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
