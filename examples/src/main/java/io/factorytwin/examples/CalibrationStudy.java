package io.factorytwin.examples;

import io.factorytwin.core.calibration.Calibrator;
import io.factorytwin.core.calibration.Evaluation;
import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.ReferencePlant;
import io.factorytwin.core.calibration.StateSync;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.examples.cli.Report;
import io.factorytwin.examples.cli.TwinCli;
import io.factorytwin.examples.plots.CalibrationFigures;
import io.factorytwin.examples.plots.Outputs;
import io.factorytwin.examples.plots.Plots;
import io.factorytwin.model.MlpEnsembleTrainer;
import io.factorytwin.physics.JBulletPhysics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The figures of docs/calibration.md: for each seed, the reference crane plant (or, with
 * {@code --line}, the reference line plant) generates training trajectories and 5 held-out ones
 * (60 s each, 50 Hz); calibration runs on 10 training trajectories; the four predictors are evaluated
 * on the held-out ones (NRMSE of the load's or the tote's position at horizons 1, 10, 50, 100, the
 * hybrid's 90 % interval coverage at 10 and 100, and the share of bounded 1000-step rollouts); with
 * {@code --efficiency}, also the data-efficiency curve (1, 3, 10, 30 training trajectories) for the
 * first seed. Figures go to the output folder "calibration-study" ({@link Outputs}): the mean NRMSE
 * against horizon, the first seed's held-out window predicted against the plant with its band and as
 * a 3D replay (cranes), and the data-efficiency curve.
 *
 * <pre>./mvnw -q -pl examples exec:java -Dexec.mainClass=io.factorytwin.examples.CalibrationStudy -Dexec.args="5 --efficiency"</pre>
 *
 * <p>Takes several minutes per seed on 2 cores. Confined to the calling thread (it starts workers).
 */
public final class CalibrationStudy {
  private CalibrationStudy() {}


  /**
   * Runs the study: {@code args[0]} seeds (default 5), {@code --from N} the first seed (default 1),
   * {@code --efficiency} for the curve on the first seed ({@code --sizes 1,3} for some of its points;
   * default 1,3,10,30), {@code --line} for the reference line, {@code --hidden N} for hidden layers of
   * N units (default 16, as the command-line tool).
   */
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    boolean efficiency = List.of(args).contains("--efficiency");
    boolean line = List.of(args).contains("--line");
    int hidden = List.of(args).contains("--hidden") ? Integer.parseInt(args[List.of(args).indexOf("--hidden") + 1]) : 16;
    int from = List.of(args).contains("--from") ? Integer.parseInt(args[List.of(args).indexOf("--from") + 1]) : 1;
    JBulletPhysics backend = new JBulletPhysics();
    ReferencePlant plant = line ? ReferencePlants.line(backend, 1.0) : ReferencePlants.crane(backend);
    Layout nominal = line ? ReferenceLayouts.referenceLine() : ReferenceLayouts.referenceCraneCarrying();
    int[] horizons = {1, 10, 50, 100};
    Map<String, double[]> sums = new LinkedHashMap<>();
    Path figures = Outputs.folder("calibration-study");
    double[] sizes = List.of(args).contains("--sizes")
        ? java.util.Arrays.stream(args[List.of(args).indexOf("--sizes") + 1].split(",")).mapToDouble(Double::parseDouble)
            .toArray()
        : new double[] {1, 3, 10, 30};
    int most = (int) java.util.Arrays.stream(sizes).max().orElse(10);
    Map<String, double[]> efficiencyCurve = new LinkedHashMap<>();
    double[] cover = new double[2];
    double[] bounded = new double[2];
    for (int seed = from; seed < from + seeds; seed++) {
      long base = 1000L * seed;
      List<Trajectory> train = generate(plant, line, base, efficiency && seed == from ? Math.max(10, most) : 10, 0);
      List<Trajectory> test = generate(plant, line, base + 500, 5, 10_000);
      StateSync sync = new StateSync(nominal, train.get(0).columns());
      FeatureSpec spec = line ? FeatureSpec.conveyor(sync, "line1", "tote", 4) : FeatureSpec.crane(sync, "crane1", 4);
      List<String> focus = TwinCli.focus(spec);
      int[] cols = focus.stream().mapToInt(sync::column).toArray();
      long t0 = System.nanoTime();
      Calibrator.Result r = calibrate(nominal, backend, spec, train.subList(0, 10), seed, hidden);
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "seed %d: calibrated on 10 trajectories in %.1f s; fitted %s; gains %s%n", seed,
          seconds, fitted(r), gains(r));
      Report rep = Report.evaluate(nominal, r.identification().layout(), backend, spec, r.hybrid(), r.learned(),
          r.card().metrics(), test, focus, horizons, 2, System.out);
      for (Map.Entry<String, double[]> e : rep.nrmse().entrySet()) {
        double[] s = sums.computeIfAbsent(e.getKey(), k -> new double[horizons.length]);
        for (int h = 0; h < horizons.length; h++) s[h] += e.getValue()[h] / seeds;
      }
      cover[0] += rep.coverage().get(10) / seeds;
      cover[1] += rep.coverage().get(100) / seeds;
      bounded[0] += rep.bounded()[0];
      bounded[1] += rep.bounded()[1];
      if (seed == from) {
        for (Path p : CalibrationFigures.write(figures.resolve("seed-" + seed), horizons, rep.nrmse(),
            r.identification().layout(),
            Report.predictors(nominal, r.identification().layout(), backend, spec, r.hybrid(), r.learned(),
            ReferencePlants.PERIOD), r.hybrid(), r.card().metrics(), test.get(0), horizons[horizons.length - 1])) {
          System.out.println("  figure: " + p);
        }
      }
      if (efficiency && seed == from) {
        for (int i = 0; i < sizes.length; i++) {
          int n = (int) sizes[i];
          Calibrator.Result rn = n == 10 ? r : calibrate(nominal, backend, spec, train.subList(0, n), seed, hidden);
          Map<String, Supplier<FramePredictor>> pn = Report.predictors(nominal, rn.identification().layout(), backend, spec,
              rn.hybrid(), rn.learned(), ReferencePlants.PERIOD);
          double hy = Evaluation.nrmse(pn.get("hybrid"), -1, test, cols, new int[] {100}, 10, 2).nrmse()[0];
          double le = Evaluation.nrmse(pn.get("pure-learned"), -1, test, cols, new int[] {100}, 10, 2).nrmse()[0];
          double id = Evaluation.nrmse(pn.get("identified"), -1, test, cols, new int[] {100}, 10, 2).nrmse()[0];
          System.out.printf(Locale.ROOT, "  efficiency: %2d trajectories: NRMSE(100) identified %.5f, hybrid %.5f, "
              + "pure-learned %.5f%n", n, id, hy, le);
          efficiencyCurve.computeIfAbsent("identified", k -> new double[sizes.length])[i] = id;
          efficiencyCurve.computeIfAbsent("hybrid", k -> new double[sizes.length])[i] = hy;
          efficiencyCurve.computeIfAbsent("pure-learned", k -> new double[sizes.length])[i] = le;
        }
        System.out.println("  figure: " + Plots.dataEfficiency(figures.resolve("data-efficiency.png"), sizes,
            "training trajectories of 60 s (seed " + seed + "), NRMSE at h = 100", efficiencyCurve));
      }
    }
    System.out.printf(Locale.ROOT, "mean over %d seeds, NRMSE at horizons %s:%n", seeds,
        java.util.Arrays.toString(horizons));
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      System.out.printf(Locale.ROOT, "  %-14s %s%n", e.getKey(), fmt(e.getValue()));
    }
    System.out.printf(Locale.ROOT, "hybrid 90 %% intervals cover %.1f %% at h=10 and %.1f %% at h=100; %d of %d "
        + "1000-step rollouts bounded (%.1f %%)%n", 100 * cover[0], 100 * cover[1], (int) bounded[0], (int) bounded[1],
        100 * bounded[0] / bounded[1]);
    double[] seconds = new double[horizons.length];
    for (int h = 0; h < horizons.length; h++) seconds[h] = horizons[h] * ReferencePlants.PERIOD;
    System.out.println("figure: " + Plots.nrmseVsHorizon(figures.resolve("nrmse-vs-horizon-mean.png"), seconds, sums));
  }

  private static String fitted(Calibrator.Result r) {
    StringBuilder b = new StringBuilder();
    for (var p : r.identification().parameters()) {
      b.append(String.format(Locale.ROOT, "%s=%.4g±%.2g ", p.path(), p.value(), p.stdError()));
    }
    return b.toString().trim();
  }

  private static String gains(Calibrator.Result r) {
    StringBuilder b = new StringBuilder();
    r.card().metrics().forEach((k, v) -> {
      if (k.startsWith("residual.gain.") && k.endsWith("vel.x [m/s]") || k.startsWith("residual.gain.") && k.contains(".pos [")) {
        b.append(k.substring("residual.gain.".length(), k.indexOf(' '))).append('=').append(v.intValue()).append(' ');
      }
    });
    return b.toString().trim();
  }

  static List<Trajectory> generate(ReferencePlant plant, boolean line, long seed, int n, int firstId) {
    List<Trajectory> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      var log = line ? ReferencePlants.lineTelemetry(plant, seed + k, 60) : ReferencePlants.craneTelemetry(plant, seed + k, 60);
      out.add(Trajectory.split(log, ReferencePlants.PERIOD, 100, firstId + k).trajectories().get(0));
    }
    return out;
  }

  static Calibrator.Result calibrate(Layout nominal, JBulletPhysics backend, FeatureSpec spec, List<Trajectory> train,
      long seed, int hidden) {
    return Calibrator.calibrate(nominal, backend, MlpEnsembleTrainer.builder().hiddenLayers(hidden, hidden).build(), spec,
        train, TwinCli.defaultOptions(spec, 2, 2, seed), line -> {});
  }

  private static String fmt(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double x : v) b.append(String.format(Locale.ROOT, " %9.5f", x));
    return b.toString();
  }
}
