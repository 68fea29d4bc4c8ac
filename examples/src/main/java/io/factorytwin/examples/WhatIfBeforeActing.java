package io.factorytwin.examples;

import io.factorytwin.core.calibration.Calibrator;
import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.Identification;
import io.factorytwin.core.calibration.ReferencePlant;
import io.factorytwin.core.calibration.StateSync;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.control.InputShaper;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.UncertainParameter;
import io.factorytwin.core.model.FittedParameter;
import io.factorytwin.core.model.ModelCard;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.rollout.ActionGate;
import io.factorytwin.core.rollout.CraneMoves;
import io.factorytwin.core.rollout.CrossEntropyPlanner;
import io.factorytwin.core.rollout.Decision;
import io.factorytwin.core.rollout.Guard;
import io.factorytwin.core.rollout.Guards;
import io.factorytwin.core.rollout.RolloutRequest;
import io.factorytwin.core.rollout.RolloutResult;
import io.factorytwin.core.rollout.Rollouts;
import io.factorytwin.core.rollout.TrainingRanges;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.telemetry.Frame;
import io.factorytwin.core.telemetry.TelemetryLog;
import io.factorytwin.model.MlpEnsembleTrainer;
import io.factorytwin.physics.JBulletPhysics;
import io.factorytwin.examples.plots.Outputs;
import io.factorytwin.examples.plots.Plots;
import io.factorytwin.viewer.PredictedTrack;
import io.factorytwin.viewer.ReplayEvent;
import io.factorytwin.viewer.ReplayPage;
import io.factorytwin.viewer.ReplayRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What-if before acting, on the reference crane plant (docs/predicting.md): the twin is calibrated from
 * the plant's telemetry; an operator's move that would swing the 2.3 t block into the walkway is rolled
 * out first and rejected, with the guard and the time it would happen; the planner finds a move that
 * keeps clear, the gate commits it, the plant executes it, and the prediction is compared with what the
 * plant then did. For the planner's move, the residual sway on the plant is compared with a ZV shaper's
 * designed from a rope length 10 % too long.
 *
 * <p>Run: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl examples exec:java
 * -Dexec.mainClass=io.factorytwin.examples.WhatIfBeforeActing}. Stateless; each run builds its own
 * plant, twin and engine.
 */
public final class WhatIfBeforeActing {
  /** Where the move starts and where the operator wants the block: trolley positions [m]. */
  public static final double START_TROLLEY = 6.0, TARGET = 10.4;
  /** Rope while carrying [m]: the block's underside hangs at about 1.5 m, below the walkway's 2.2 m. */
  public static final double ROPE = 4.8;
  /**
   * Seeds of the plant runs the twin is calibrated on: runs that start with 4.3–5.0 m of rope, so that the
   * training data covers the carrying height of this example (the gate would call the model out of its
   * training distribution otherwise, and rightly).
   */
  public static final long[] CALIBRATION_SEEDS = {43, 46, 49};
  /** Rollout horizon [s]: the longest move the planner may choose and the swing after it. */
  public static final double HORIZON = 16.0;
  /** Seconds after the trolley comes to rest before residual swing is measured (drive lag and dead time). */
  public static final double SETTLE = 1.0;
  /** Seconds over which residual swing is measured. */
  public static final double WINDOW = 3.0;
  /** The planner's price of residual swing [s per m]: a centimetre costs two seconds of cycle time. */
  public static final double SWING_COST = 200;
  /** Trolley speed below which the planner's cost counts the trolley at rest [m/s]. */
  public static final double REST_SPEED = 0.02;
  /** Samples per plan. */
  public static final int SAMPLES = 5;
  /** Frames of history the residual reads. */
  public static final int HISTORY = 4;
  /** The plant's seed in this example. */
  public static final long PLANT_SEED = 7;

  private WhatIfBeforeActing() {}

  /**
   * A calibrated twin: the identified layout, the features, the hybrid residual, its card.
   *
   * @param fitted the identified parameters with their standard errors
   */
  public record Calibrated(Layout identified, FeatureSpec spec, ResidualPredictor model, ModelCard card,
      List<FittedParameter> fitted) {}

  /**
   * Calibrates the twin from runs of {@code seconds} of the reference plant (one per seed) under its
   * operator: identification, then a small ensemble (3 members of 16-16, {@code epochs} epochs, no
   * fine-tuning rounds), brief enough for an example; docs/calibration.md has the full procedure.
   */
  public static Calibrated calibrate(PhysicsBackend backend, long[] seeds, double seconds, int epochs,
      Consumer<String> progress) {
    Layout nominal = ReferenceLayouts.referenceCraneCarrying();
    ReferencePlant plant = ReferencePlants.crane(backend);
    List<Trajectory> data = new ArrayList<>();
    for (int k = 0; k < seeds.length; k++) {
      data.add(Trajectory.split(ReferencePlants.craneTelemetry(plant, seeds[k], seconds), ReferencePlants.PERIOD, 100, k)
          .trajectories().get(0));
    }
    FeatureSpec spec = FeatureSpec.crane(new StateSync(nominal, data.get(0).columns()), "crane1", HISTORY);
    List<String> load = List.of("crane1.load.pos.x", "crane1.load.pos.y", "crane1.load.pos.z");
    List<String> compare = new ArrayList<>(load);
    compare.addAll(List.of("crane1.trolley.pos", "crane1.bridge.pos", "crane1.rope.tension"));
    Calibrator.Options o = new Calibrator.Options(new Identification.Options(25, 5, 200, compare, 30, 2), 20, 10, 0,
        false, 2, 1, load);
    Calibrator.Result r = Calibrator.calibrate(nominal, backend,
        MlpEnsembleTrainer.builder().members(3).hiddenLayers(16, 16).maxEpochs(epochs).build(), spec, data, o, progress);
    return new Calibrated(r.identification().layout(), spec, r.hybrid(), r.card(), r.identification().parameters());
  }

  /**
   * The fitted parameters as ranges to draw samples from: value ± 2 standard errors, within the layout's
   * own uncertain range.
   */
  public static List<UncertainParameter> fittedRanges(Calibrated c) {
    List<UncertainParameter> out = new ArrayList<>();
    for (FittedParameter p : c.fitted()) {
      UncertainParameter prior = c.identified().uncertainParameters().stream().filter(u -> u.path().equals(p.path()))
          .findFirst().orElseThrow();
      double lo = prior.clamp(p.value() - 2 * p.stdError()), hi = prior.clamp(p.value() + 2 * p.stdError());
      out.add(new UncertainParameter(p.path(), p.unit(), p.value(), lo, hi));
    }
    return out;
  }

  /** The guards: the block out of the walkway, the rope within 0.2 rad, the trolley within 0.5–11.5 m. */
  public static List<Guard> guards() {
    return List.of(Guards.zone("walkway", "block"), Guards.sway("crane1", 0.2),
        Guards.limit("crane1.trolley.pos", 0.5, 11.5));
  }

  /**
   * The planner's cost of one predicted run: the time until the trolley comes to rest (below
   * {@value #REST_SPEED} m/s for good: the hybrid's learned drive corrections leave it creeping at a few
   * mm/s) [s], plus {@value #SWING_COST} s per
   * metre of residual swing (the largest |load x − trolley x| over {@value #WINDOW} s from {@value #SETTLE} s
   * after the rest), plus 0.5 s per m²/s of ∫v² dt of the trolley (a stand-in for drive losses). A
   * centimetre of residual swing is thus worth two seconds of cycle time. A run that does not come to
   * rest early enough to show its residual swing within the horizon is charged a swing of 1 m.
   */
  public static double cost(RolloutResult r, int plan, int sample) {
    int v = r.channel("crane1.trolley.vel"), x = r.channel("crane1.trolley.pos"), load = r.channel("crane1.load.pos.x");
    int end = r.steps() - 1;
    while (end > 0 && Math.abs(r.value(plan, sample, end, v)) < REST_SPEED) end--;
    int from = end + (int) Math.round(SETTLE / r.period()), to = from + (int) Math.round(WINDOW / r.period());
    double swing = to < r.steps() ? 0 : 1.0, energy = 0;
    for (int k = 0; k < r.steps(); k++) {
      double vel = r.value(plan, sample, k, v);
      energy += vel * vel * r.period();
      if (k >= from && k <= to) swing = Math.max(swing, Math.abs(r.value(plan, sample, k, load) - r.value(plan, sample, k, x)));
    }
    return r.time(end) + SWING_COST * swing + 0.5 * energy;
  }

  /**
   * What the example found.
   *
   * @param operator          the gate's decision on the operator's move
   * @param operatorOnPlant   whether the operator's move, run on a copy of the plant, put the block in the walkway
   * @param operatorPlantTime when it did [s] (NaN if not)
   * @param planned           the planner's result
   * @param plannedDecision   the gate's decision on the planned move
   * @param plantSwing        residual swing on the plant after the planned move [m]: largest |load x − trolley x|
   *                          over {@value #WINDOW} s from {@value #SETTLE} s after the move's commands end
   * @param zvWrongSwing      the same for a ZV shaper designed from a rope 10 % too long [m]
   * @param zvRightSwing      the same for a ZV shaper designed from the identified rope [m]
   * @param predictionRms     RMS over the horizon of the predicted (samples' mean) load x minus the plant's
   *                          telemetry [m]
   * @param predictionMax     largest such error [m]
   * @param trolleyErrorMax   largest error of the predicted trolley position (samples' mean) [m]
   * @param coverage          share of frames at which the plant's load x lies within the samples' range
   *                          (widened by 3 mm, twice the load tracker's noise)
   * @param predictedClearance the predicted smallest gap between the block and the walkway's edge [m]
   * @param plantClearance    the same on the plant [m]
   * @param log               the decision log
   */
  public record Outcome(Decision operator, boolean operatorOnPlant, double operatorPlantTime,
      CrossEntropyPlanner.Result planned, Decision plannedDecision, double plantSwing, double zvWrongSwing,
      double zvRightSwing, double predictionRms, double predictionMax, double trolleyErrorMax, double coverage, double predictedClearance,
      double plantClearance, List<String> log, List<java.nio.file.Path> files) {}

  /** Runs the example on a calibrated twin with {@code threads} rollout workers. */
  public static Outcome run(Calibrated c, PhysicsBackend backend, int threads) {
    List<String> log = new ArrayList<>();
    List<java.nio.file.Path> files = new ArrayList<>();
    ReferencePlant plant = ReferencePlants.crane(backend);
    Layout plantLayout = plant.layout();
    SimState start = ReferencePlants.craneStart(plantLayout, PLANT_SEED, START_TROLLEY, ReferenceLayouts.BRIDGE_Y, ROPE);
    Plan hold = CraneMoves.trapezoid(plantLayout, "crane1", 0, 1, 1);
    SimState[] now = new SimState[1];
    TelemetryLog before = plant.run(start, hold, 1.0, PLANT_SEED, s -> now[0] = s);
    SimState here = now[0].copy();
    double[][] frames = latest(before, HISTORY + 2);
    log.add(String.format(Locale.ROOT, "t=0.00  synced to the plant's telemetry: trolley %.3f m, rope %.3f m, load x %.3f m",
        frames[0][c.spec().column("crane1.trolley.pos")], frames[0][c.spec().column("crane1.hoist.length")],
        frames[0][c.spec().column("crane1.load.pos.x")]));

    Map<String, Double> noise = ReferencePlants.craneNoise();
    RolloutRequest.Builder template = RolloutRequest.builder().fromFrames(frames).plan(Plan.IDLE).horizon(HORIZON)
        .samples(SAMPLES).seed(1).randomise(fittedRanges(c)).guards(guards());
    noise.forEach(template::noise);
    RolloutRequest t = template.build();
    try (Rollouts engine = Rollouts.builder(c.identified(), backend).telemetry(c.spec(), ReferencePlants.PERIOD)
        .residual(c.model()).trainingRanges(TrainingRanges.of(c.card(), c.model().featureNames(), 0.1))
        .threads(threads).build()) {
      ActionGate gate = ActionGate.builder(engine, t).build();
      double distance = TARGET - START_TROLLEY;
      CraneSpec spec = c.identified().cranes().get(0).spec();
      Plan operator = CraneMoves.trapezoid(c.identified(), "crane1", distance, spec.trolley().maxSpeed(),
          spec.trolley().maxAccel());
      Decision op = gate.propose(frames, operator);
      log.add(String.format(Locale.ROOT, "t=0.00  operator proposes: trolley %.1f -> %.1f m at %.1f m/s, unshaped",
          START_TROLLEY, TARGET, spec.trolley().maxSpeed()));
      log.add("t=0.00  gate: " + op);

      // what the operator's move would have done (a copy of the plant: in a real cell this never runs)
      double[] opTime = {Double.NaN};
      Guard.Monitor walkway = Guards.zone("walkway", "block").monitor(plantLayout);
      double[] row = new double[plantLayout.stateSchema().size()];
      long t0 = here.tick();
      plant.run(here, onPlant(operator, c.identified(), plantLayout, t0), HORIZON, PLANT_SEED + 1, s -> {
        plantLayout.readState(s, row);
        if (Double.isNaN(opTime[0]) && walkway.check(row) != null) opTime[0] = (s.tick() - t0) * plantLayout.stepSeconds();
      });

      // candidates are judged by the same gate: one it would reject or doubt is never elite
      CrossEntropyPlanner planner = CrossEntropyPlanner.builder(engine, CraneMoves.family(c.identified(), "crane1",
          distance, 4.0, 0.5), WhatIfBeforeActing::cost, gate, t).population(24).elites(5).iterations(6).seed(1).build();
      CrossEntropyPlanner.Result best = planner.plan(frames);
      double[] x = best.parameters();
      log.add(String.format(Locale.ROOT,
          "t=0.00  planner: delay %.3f s, share %.3f, speed %.3f m/s; predicted cost %.2f (%s)", x[0], x[1], x[2],
          best.cost(), best.decision()));

      Decision check = gate.propose(frames, best.plan());
      log.add("t=0.00  gate on the planned move: " + check);
      RolloutResult predicted = engine.run(t.withPlans(List.of(best.plan())));

      double plantSwing = Double.NaN, rms = Double.NaN, max = Double.NaN, trolleyMax = Double.NaN, plantGap = Double.NaN;
      double coverage = Double.NaN;
      if (check.committed()) {
        log.add("t=0.00  committed: the plant executes the planned move");
        double end = x[0] + new io.factorytwin.core.control.TrapezoidalMove(distance, x[2], spec.trolley().maxAccel())
            .duration();
        double[] swing = new double[1];
        double[] gap = {Double.POSITIVE_INFINITY};
        Consumer<SimState> watch = swingAfter(plantLayout, t0, end, swing, gap);
        ReplayRecorder recorder = new ReplayRecorder(plantLayout, ReferencePlants.PERIOD);
        TelemetryLog done = plant.run(here, onPlant(best.plan(), c.identified(), plantLayout, t0),
            Math.max(HORIZON, end + SETTLE + WINDOW), PLANT_SEED + 2, st -> {
              watch.accept(st);
              recorder.record(st);
            });
        files.addAll(figures(plantLayout, recorder, predicted, done, c.spec().column("crane1.load.pos.x"), op, check));
        plantSwing = swing[0];
        plantGap = gap[0];
        int lx = c.spec().column("crane1.load.pos.x");
        int px = predicted.channel("crane1.load.pos.x");
        int tx = c.spec().column("crane1.trolley.pos"), ptx = predicted.channel("crane1.trolley.pos");
        double sq = 0;
        max = 0;
        trolleyMax = 0;
        int inside = 0;
        int n = Math.min(predicted.steps(), done.frames().size());
        for (int k = 0; k < n; k++) {
          double mean = 0, trolley = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
          for (int s = 0; s < SAMPLES; s++) {
            mean += predicted.value(0, s, k, px) / SAMPLES;
            trolley += predicted.value(0, s, k, ptx) / SAMPLES;
            lo = Math.min(lo, predicted.value(0, s, k, px));
            hi = Math.max(hi, predicted.value(0, s, k, px));
          }
          double seen = done.frames().get(k).value(lx);
          if (seen >= lo - 0.003 && seen <= hi + 0.003) inside++;
          trolleyMax = Math.max(trolleyMax, Math.abs(trolley - done.frames().get(k).value(tx)));
          double e = mean - done.frames().get(k).value(lx);
          sq += e * e;
          max = Math.max(max, Math.abs(e));
        }
        rms = Math.sqrt(sq / n);
        coverage = (double) inside / n;
        log.add(String.format(Locale.ROOT, "t=%.2f  trolley at rest on the plant; residual swing %.1f mm", end,
            1000 * plantSwing));
      } else {
        log.add("t=0.00  not committed: the cell waits for an operator");
      }

      // the comparison: ZV shapers executed on the plant, from the identified rope and from one 10 % too long
      double offset = c.identified().parameter("crane1.ropeOffset");
      double mass = c.identified().parameter("block.mass");
      double[] zv = new double[2];
      for (int k = 0; k < 2; k++) {
        double rope = (ROPE + offset) * (k == 0 ? 1.1 : 1.0);
        InputShaper shaper = InputShaper.zv(spec.loadedPendulum(rope, ReferenceLayouts.BLOCK, mass).omega(9.81));
        Plan p = CraneMoves.shaped(c.identified(), "crane1", distance, spec.trolley().maxSpeed(),
            spec.trolley().maxAccel(), shaper);
        double end = shaper.delay() + new io.factorytwin.core.control.TrapezoidalMove(distance,
            spec.trolley().maxSpeed(), spec.trolley().maxAccel()).duration();
        double[] swing = new double[1];
        plant.run(here, onPlant(p, c.identified(), plantLayout, t0), end + SETTLE + WINDOW, PLANT_SEED + 3,
            swingAfter(plantLayout, t0, end, swing, new double[] {Double.POSITIVE_INFINITY}));
        zv[k] = swing[0];
      }
      double predictedGap = Double.POSITIVE_INFINITY;
      int bx = predicted.channel("block.pos.x");
      double edge = walkwayEdge(c.identified());
      for (int s = 0; s < SAMPLES; s++) {
        for (int k = 0; k < predicted.steps(); k++) {
          predictedGap = Math.min(predictedGap, edge - (predicted.value(0, s, k, bx) + ReferenceLayouts.BLOCK.x() / 2));
        }
      }
      return new Outcome(op, !Double.isNaN(opTime[0]), opTime[0], best, check, plantSwing, zv[0], zv[1], rms, max,
          trolleyMax, coverage, predictedGap, plantGap, log, files);
    }
  }

  /**
   * Writes what the example shows into its output folder ({@link Outputs}, "what-if-before-acting"):
   * {@code predicted-vs-plant.png}, the block's x predicted by the committed plan's samples (mean and
   * their range) against the plant's load tracker (telemetry column {@code seen}), and {@code replay.html}, the plant executing the planned move in
   * 3D with the samples' mean path and range overlaid and the gate's decisions on the timeline.
   */
  static List<java.nio.file.Path> figures(Layout plantLayout, ReplayRecorder recorder, RolloutResult predicted,
      TelemetryLog done, int seen, Decision operator, Decision planned) {
    java.nio.file.Path dir = Outputs.folder("what-if-before-acting");
    int n = Math.min(predicted.steps(), done.frames().size());
    int[] ch = {predicted.channel("block.pos.x"), predicted.channel("block.pos.y"), predicted.channel("block.pos.z")};
    double[] time = new double[n], actual = new double[n], mean = new double[3 * n], half = new double[3 * n];
    double[] lo = new double[n], hi = new double[n];
    for (int k = 0; k < n; k++) {
      time[k] = k * ReferencePlants.PERIOD;
      actual[k] = done.frames().get(k).value(seen);
      for (int a = 0; a < 3; a++) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int s = 0; s < predicted.samples(); s++) {
          double v = predicted.value(0, s, k, ch[a]);
          sum += v;
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        mean[3 * k + a] = sum / predicted.samples();
        half[3 * k + a] = (max - min) / 2;
        if (a == 0) {
          lo[k] = min;
          hi[k] = max;
        }
      }
    }
    double[] meanX = new double[n];
    for (int k = 0; k < n; k++) meanX[k] = mean[3 * k];
    List<java.nio.file.Path> out = new ArrayList<>();
    out.add(Plots.predictedVsActual(dir.resolve("predicted-vs-plant.png"), "block x [m] (plant: load tracker)", time,
        actual, Map.of("committed plan, mean of " + predicted.samples() + " samples", meanX), lo, hi,
        "range of the samples"));
    ReplayPage.Builder page = ReplayPage.builder(plantLayout).title("What-if before acting: the committed move on the plant")
        .recording(recorder).predicted(new PredictedTrack("block", "predicted (mean, samples' range)", time, mean, half))
        .event(ReplayEvent.at(0, "gate: operator's move " + operator.kind()))
        .event(ReplayEvent.at(0, "gate: planned move " + planned.kind()));
    if (!Double.isNaN(operator.time())) {
      page.event(new ReplayEvent(operator.time(), "the operator's move would enter the walkway (rejected)", "block"));
    }
    out.add(page.build().write(dir.resolve("replay.html")));
    return out;
  }

  /** The walkway's near edge along x [m]. */
  static double walkwayEdge(Layout layout) {
    var z = layout.zones().stream().filter(w -> w.id().equals("walkway")).findFirst().orElseThrow();
    return z.pose().position().x() - z.size().x() / 2;
  }

  /**
   * Watches the plant's true state: the largest |load x − trolley x| over {@value #WINDOW} s from
   * {@value #SETTLE} s after {@code end}, and the smallest gap between the block's +x face and the walkway.
   */
  private static Consumer<SimState> swingAfter(Layout plant, long t0, double end, double[] swing, double[] gap) {
    double[] row = new double[plant.stateSchema().size()];
    int load = plant.stateSchema().indexOf("crane1.load.pos.x"), x = plant.stateSchema().indexOf("crane1.trolley.pos");
    int bx = plant.stateSchema().indexOf("block.pos.x");
    double edge = walkwayEdge(plant);
    return s -> {
      plant.readState(s, row);
      gap[0] = Math.min(gap[0], edge - (row[bx] + ReferenceLayouts.BLOCK.x() / 2));
      double t = (s.tick() - t0) * plant.stepSeconds();
      if (t >= end + SETTLE && t <= end + SETTLE + WINDOW) swing[0] = Math.max(swing[0], Math.abs(row[load] - row[x]));
    };
  }

  /**
   * A plan made for the twin's step, asked by the plant (a finer step): ticks are converted to the twin's,
   * counted from the plant's tick {@code t0}. The plant asks once per frame, a whole number of both steps.
   */
  static Plan onPlant(Plan plan, Layout twin, Layout plant, long t0) {
    double ratio = plant.stepSeconds() / twin.stepSeconds();
    return (tick, s, out) -> plan.actions(Math.round((tick - t0) * ratio), s, out);
  }

  /** The last {@code n} frames of a log, latest first. */
  static double[][] latest(TelemetryLog log, int n) {
    List<Frame> f = log.frames();
    double[][] out = new double[n][];
    for (int j = 0; j < n; j++) out[j] = f.get(f.size() - 1 - j).values();
    return out;
  }

  /** Calibrates, runs and prints the decision log and the comparison. */
  public static void main(String[] args) {
    JBulletPhysics backend = new JBulletPhysics();
    long c0 = System.nanoTime();
    Calibrated c = calibrate(backend, CALIBRATION_SEEDS, 30, 20, line -> {});
    System.out.printf(Locale.ROOT, "calibrated on 3 x 30 s of plant telemetry in %.1f s:%n", (System.nanoTime() - c0) / 1e9);
    for (FittedParameter p : c.fitted()) {
      System.out.printf(Locale.ROOT, "  %-28s %10.4f %s (± %.2g)%n", p.path(), p.value(), p.unit(), p.stdError());
    }
    long r0 = System.nanoTime();
    Outcome o = run(c, backend, 2);
    System.out.printf(Locale.ROOT, "%ndecision log (%.1f s of rollouts, planning and plant runs):%n",
        (System.nanoTime() - r0) / 1e9);
    for (String line : o.log()) System.out.println("  " + line);
    System.out.println();
    System.out.printf(Locale.ROOT, "operator's move on a copy of the plant: %s%n", o.operatorOnPlant()
        ? String.format(Locale.ROOT, "the block enters the walkway at %.2f s (predicted %.2f s)", o.operatorPlantTime(),
            o.operator().time()) : "the block stays clear");
    System.out.printf(Locale.ROOT, "planned move, predicted against the plant: load x RMS error %.1f mm, largest %.1f mm "
        + "(trolley: largest %.1f mm); the plant within the samples' range at %.0f %% of the frames%n",
        1000 * o.predictionRms(), 1000 * o.predictionMax(), 1000 * o.trolleyErrorMax(), 100 * o.coverage());
    System.out.printf(Locale.ROOT, "smallest gap to the walkway: predicted %.3f m, plant %.3f m%n", o.predictedClearance(),
        o.plantClearance());
    System.out.printf(Locale.ROOT, "residual swing on the plant: planner %.1f mm, ZV from a rope 10 %% too long %.1f mm, "
        + "ZV from the identified rope %.1f mm%n", 1000 * o.plantSwing(), 1000 * o.zvWrongSwing(), 1000 * o.zvRightSwing());
    for (java.nio.file.Path f : o.files()) System.out.println("wrote " + f);
  }
}
