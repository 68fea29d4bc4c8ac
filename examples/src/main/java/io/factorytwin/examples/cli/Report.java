package io.factorytwin.examples.cli;

import io.factorytwin.core.calibration.Calibrator;
import io.factorytwin.core.calibration.Evaluation;
import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.sim.PhysicsBackend;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The evaluation table of docs/calibration.md: NRMSE of the focus columns (a crane's load position,
 * a belt's workpiece position) at the given horizons for physics-only, identified physics, hybrid and
 * pure-learned; the hybrid's 90 % interval coverage at the calibrated horizons; the share of its
 * 1000-step rollouts that stay bounded.
 *
 * @param nrmse     predictor name to NRMSE per horizon
 * @param coverage  horizon to the share of standardised errors within the calibrated 90 % scale
 * @param bounded   bounded 1000-step rollouts and rollouts made (0 and 0 when the trajectories are too short)
 * @param csv       the same as CSV
 */
public record Report(Map<String, double[]> nrmse, Map<Integer, Double> coverage, int[] bounded, String csv) {

  /**
   * The four predictors of the table, by name: physics-only (the nominal layout), identified, hybrid,
   * and pure-learned when {@code learned} is not null. Each supplier makes a new predictor (one per worker).
   */
  public static Map<String, Supplier<FramePredictor>> predictors(Layout nominal, Layout identified,
      PhysicsBackend backend, FeatureSpec spec, ResidualPredictor hybrid, ResidualPredictor learned, double period) {
    Map<String, Supplier<FramePredictor>> predictors = new LinkedHashMap<>();
    predictors.put("physics-only", () -> new FramePredictor(nominal, backend, spec, FramePredictor.Kind.PHYSICS, null,
        period, 0));
    predictors.put("identified", () -> new FramePredictor(identified, backend, spec, FramePredictor.Kind.PHYSICS, null,
        period, 0));
    predictors.put("hybrid", () -> new FramePredictor(identified, backend, spec, FramePredictor.Kind.HYBRID, hybrid,
        period, 0));
    if (learned != null) {
      predictors.put("pure-learned", () -> new FramePredictor(identified, backend, spec, FramePredictor.Kind.LEARNED,
          learned, period, 0));
    }
    return predictors;
  }

  /**
   * Evaluates and prints the table to {@code out}.
   *
   * @param focus the columns scored as one vector (calibration's focus columns, in the same order, so
   *     that the card's interval metrics apply)
   */
  public static Report evaluate(Layout nominal, Layout identified, PhysicsBackend backend, FeatureSpec spec,
      ResidualPredictor hybrid, ResidualPredictor learned, Map<String, Double> metrics, List<Trajectory> test,
      List<String> focus, int[] horizons, int threads, PrintStream out) {
    double period = test.get(0).period();
    int[] cols = focus.stream().mapToInt(spec::column).toArray();
    Map<String, Supplier<FramePredictor>> predictors = predictors(nominal, identified, backend, spec, hybrid, learned,
        period);
    StringBuilder csv = new StringBuilder("predictor");
    for (int h : horizons) csv.append(",nrmse_h").append(h);
    csv.append(",diverged,rollouts\n");
    out.printf(Locale.ROOT, "NRMSE of %s (as one vector) on %d held-out trajectories:%n", focus, test.size());
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-14s", "predictor"));
    for (int h : horizons) head.append(String.format(Locale.ROOT, " %10s", "h=" + h));
    out.println(head);
    Map<String, double[]> nrmse = new LinkedHashMap<>();
    for (Map.Entry<String, Supplier<FramePredictor>> e : predictors.entrySet()) {
      Evaluation.Result r = Evaluation.nrmse(e.getValue(), -1, test, cols, horizons, 10, threads);
      nrmse.put(e.getKey(), r.nrmse());
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-14s", e.getKey()));
      csv.append(e.getKey());
      for (double v : r.nrmse()) {
        line.append(String.format(Locale.ROOT, " %10.5f", v));
        csv.append(',').append(v);
      }
      if (r.diverged() > 0) line.append("  (").append(r.diverged()).append(" of ").append(r.starts()).append(" diverged)");
      csv.append(',').append(r.diverged()).append(',').append(r.starts()).append('\n');
      out.println(line);
    }
    double[] floor = new double[cols.length];
    for (int c = 0; c < cols.length; c++) floor[c] = metrics.getOrDefault("interval.floor." + c, 0.0);
    int[] ih = Calibrator.INTERVAL_HORIZONS;
    double[][] z = Evaluation.standardisedErrors(predictors.get("hybrid"), hybrid.members(), test, cols, floor, ih, 10,
        threads);
    Map<Integer, Double> coverage = new LinkedHashMap<>();
    for (int h = 0; h < ih.length; h++) {
      Double scale = metrics.get("interval.scale90.h" + ih[h]);
      if (scale == null) continue;
      double cover = Evaluation.shareWithin(z[h], scale);
      coverage.put(ih[h], cover);
      out.printf(Locale.ROOT, "  hybrid 90 %% interval at h=%d covers %.1f %%%n", ih[h], 100 * cover);
      csv.append("coverage90_h").append(ih[h]).append(',').append(cover).append('\n');
    }
    double[] lo = new double[cols.length], hi = new double[cols.length];
    for (int c = 0; c < cols.length; c++) {
      double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
      for (Trajectory t : test) {
        for (int r = 0; r < t.length(); r++) {
          min = Math.min(min, t.frame(r)[cols[c]]);
          max = Math.max(max, t.frame(r)[cols[c]]);
        }
      }
      lo[c] = min - (max - min);
      hi[c] = max + (max - min);
    }
    int[] bounded = {0, 0};
    int longest = test.stream().mapToInt(Trajectory::length).max().orElse(0);
    if (longest > 1000 + spec.history() + 1) {
      bounded = Evaluation.bounded(predictors.get("hybrid"), test, cols, lo, hi, 1000, 100, threads);
      out.printf(Locale.ROOT, "  hybrid 1000-step rollouts bounded: %d of %d (%.1f %%)%n", bounded[0], bounded[1],
          100.0 * bounded[0] / bounded[1]);
      csv.append("bounded1000,").append((double) bounded[0] / bounded[1]).append('\n');
    }
    return new Report(nrmse, coverage, bounded, csv.toString());
  }
}
