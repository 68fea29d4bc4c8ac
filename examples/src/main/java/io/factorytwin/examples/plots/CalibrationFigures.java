package io.factorytwin.examples.plots;

import io.factorytwin.core.calibration.Calibrator;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.StateSync;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.viewer.PredictedTrack;
import io.factorytwin.viewer.ReplayPage;
import io.factorytwin.viewer.ReplayRecorder;
import io.factorytwin.viewer.Track;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The figures of a crane calibration's evaluation (docs/calibration.md): NRMSE against horizon for
 * the four predictors, one held-out window predicted against what the plant did with the hybrid's
 * 90 % band, and the same window as a 3D replay (the plant's frames synced into the twin, the
 * predictions overlaid with their bands).
 *
 * <p>The band: at horizon h, the hybrid ensemble's mean ± s(h) · √(σ² + floor²), σ the members'
 * spread, floor the channel's one-frame error and s(h) the calibrated 90 % scale of
 * {@link Calibrator#INTERVAL_HORIZONS} (metrics {@code interval.scale90.h<h>}), linear between
 * calibrated horizons and held beyond the last.
 *
 * <p>Stateless; confined to the calling thread while it runs.
 */
public final class CalibrationFigures {
  /** The load channels shown, in the order of the card's {@code interval.floor.<c>} metrics. */
  static final String[] LOAD = {"crane1.load.pos.x", "crane1.load.pos.y", "crane1.load.pos.z"};

  private CalibrationFigures() {}

  /**
   * Writes nrmse-vs-horizon.png, and for a crane's telemetry (its load's position columns)
   * predicted-vs-actual.png and replay-prediction.html, into {@code dir}.
   *
   * @param nrmse      per predictor, NRMSE at each of {@code horizons} [frames]
   * @param layout     the layout the replay shows the plant's frames in: the identified one, whose fitted
   *                   parameters (a crane's rope offset) put the load where the plant's is
   * @param predictors the four predictors by name ("physics-only", "identified", "hybrid", ...)
   * @param hybrid     the hybrid's residual ensemble (its members give the spread)
   * @param metrics    the model card's metrics (interval floors and scales)
   * @param test       a held-out trajectory, at least {@code horizon} + history + 1 frames
   * @param horizon    frames predicted in the window, ≥ 2
   * @return the paths written
   */
  public static List<Path> write(Path dir, int[] horizons, Map<String, double[]> nrmse, Layout layout,
      Map<String, Supplier<FramePredictor>> predictors, ResidualPredictor hybrid, Map<String, Double> metrics,
      Trajectory test, int horizon) {
    double period = test.period();
    List<Path> out = new ArrayList<>();
    double[] seconds = new double[horizons.length];
    for (int h = 0; h < horizons.length; h++) seconds[h] = horizons[h] * period;
    out.add(Plots.nrmseVsHorizon(dir.resolve("nrmse-vs-horizon.png"), seconds, nrmse));

    if (!test.columns().stream().map(io.factorytwin.core.schema.Channel::name).toList().containsAll(List.of(LOAD))) {
      return out; // the window and its replay follow a crane's load; other layouts get the NRMSE plot
    }
    StateSync sync = new StateSync(layout, test.columns());
    int[] cols = new int[LOAD.length];
    for (int c = 0; c < cols.length; c++) cols[c] = sync.column(LOAD[c]);
    FramePredictor hy = predictors.get("hybrid").get();
    int start = Math.max(hy.history(), 1);
    if (start + horizon >= test.length()) {
      throw new IllegalArgumentException("calibration figures: trajectory " + test.id() + " of " + test.length()
          + " frames, must hold " + (start + horizon + 1) + " for a window of " + horizon);
    }
    int members = hybrid.members();
    double[][][] rolled = new double[members][horizon][test.columns().size()];
    for (int m = 0; m < members; m++) hy.rollout(test, start, horizon, m, rolled[m]);
    double[] time = new double[horizon + 1], actual = new double[horizon + 1];
    double[] mean = new double[3 * (horizon + 1)], half = new double[3 * (horizon + 1)], plant = new double[3 * (horizon + 1)];
    for (int k = 0; k <= horizon; k++) {
      time[k] = k * period;
      for (int c = 0; c < 3; c++) {
        double obs = test.frame(start + k)[cols[c]];
        plant[3 * k + c] = obs;
        if (k == 0) {
          mean[c] = obs;
          continue;
        }
        double mu = 0, sq = 0;
        for (int m = 0; m < members; m++) mu += rolled[m][k - 1][cols[c]];
        mu /= members;
        for (int m = 0; m < members; m++) sq += Math.pow(rolled[m][k - 1][cols[c]] - mu, 2);
        double floor = metrics.getOrDefault("interval.floor." + c, 0.0);
        mean[3 * k + c] = mu;
        half[3 * k + c] = scale90(metrics, k) * Math.sqrt(sq / Math.max(1, members - 1) + floor * floor);
      }
      actual[k] = plant[3 * k];
    }
    Map<String, double[]> lines = new LinkedHashMap<>();
    double[] lo = new double[horizon + 1], hi = new double[horizon + 1];
    double[] hybridX = new double[horizon + 1];
    for (int k = 0; k <= horizon; k++) {
      hybridX[k] = mean[3 * k];
      lo[k] = mean[3 * k] - half[3 * k];
      hi[k] = mean[3 * k] + half[3 * k];
    }
    lines.put("hybrid (ensemble mean)", hybridX);
    List<PredictedTrack> others = new ArrayList<>();
    double[][] row = new double[horizon][test.columns().size()];
    for (String name : new String[] {"physics-only", "identified"}) {
      if (!predictors.containsKey(name)) continue;
      predictors.get(name).get().rollout(test, start, horizon, -1, row);
      double[] x = new double[horizon + 1], xyz = new double[3 * (horizon + 1)];
      for (int k = 0; k <= horizon; k++) {
        for (int c = 0; c < 3; c++) xyz[3 * k + c] = k == 0 ? plant[c] : row[k - 1][cols[c]];
        x[k] = xyz[3 * k];
      }
      lines.put(name, x);
      others.add(new PredictedTrack("crane1", name, time, xyz, new double[xyz.length]));
    }
    out.add(Plots.predictedVsActual(dir.resolve("predicted-vs-actual.png"), LOAD[0] + " [m]", time, actual, lines, lo, hi,
        "hybrid 90 % interval"));

    // the replay: the plant's frames synced into a state of the layout, one frame each
    ReplayRecorder rec = new ReplayRecorder(layout, period);
    SimState s = layout.newState(1);
    long ticksPerFrame = Math.round(period / layout.stepSeconds());
    for (int k = 0; k <= horizon; k++) {
      sync.sync(s, test.frame(start + k), test.frame(start + k - 1), period);
      rec.record(s);
      for (long t = 0; t < ticksPerFrame; t++) s.advanceTick();
    }
    ReplayPage.Builder page = ReplayPage.builder(layout).title("Held-out window of trajectory " + test.id()
        + ": plant against predictions").recording(rec).track(new Track("crane1", "plant (load)", time, plant))
        .predicted(new PredictedTrack("crane1", "hybrid, 90 % band", time, mean, half));
    others.forEach(page::predicted);
    out.add(page.build().write(dir.resolve("replay-prediction.html")));
    return out;
  }

  /** The calibrated 90 % scale at horizon h [frames]: linear between calibrated horizons, held outside. */
  static double scale90(Map<String, Double> metrics, int h) {
    int[] hs = Calibrator.INTERVAL_HORIZONS;
    double prevH = 0, prevS = Double.NaN;
    for (int hk : hs) {
      Double s = metrics.get("interval.scale90.h" + hk);
      if (s == null) continue;
      if (h <= hk) return Double.isNaN(prevS) ? s : prevS + (s - prevS) * (h - prevH) / (hk - prevH);
      prevH = hk;
      prevS = s;
    }
    if (Double.isNaN(prevS)) throw new IllegalArgumentException("calibration figures: the card has no interval.scale90 metric");
    return prevS;
  }
}
