package io.factorytwin.core.deploy;

import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.Trajectory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * One {@link PageHinkley} detector per channel on the standardised prediction errors of one horizon
 * (docs/deployment.md, "Drift detection"): the deployed twin keeps one set on the one-frame errors
 * (fed every frame) and one on the longest horizon's (fed at every scored start, every
 * {@code stride}-th frame). Each value is capped at {@code cap} before it is added, so that one wild
 * value cannot signal on its own. The set remembers the times of the values it was fed (the last
 * 3000), to date the start of a change.
 *
 * <p>Confined to one thread (the monitor's).
 */
final class DriftDetectors {
  private static final int TIMES = 3000;

  private final int horizon;
  private final double period;
  private final double lambda;
  private final double cap;
  private final boolean[] watched;
  private final PageHinkley[] detectors;
  private final ArrayDeque<Double> times = new ArrayDeque<>();

  /**
   * @param watched per channel, whether it is watched (the others are never fed)
   * @param horizon the horizon of the errors [frames], ≥ 1
   * @param period  the frame period [s], &gt; 0
   * @param delta   Page–Hinkley δ, ≥ 0
   * @param lambda  Page–Hinkley λ, &gt; 0
   * @param warmUp  values that set each detector's reference mean, ≥ 1
   * @param cap     the largest value one error adds, &gt; 0
   */
  DriftDetectors(boolean[] watched, int horizon, double period, double delta, double lambda, int warmUp, double cap) {
    this.watched = watched.clone();
    this.horizon = horizon;
    this.period = period;
    this.lambda = lambda;
    this.cap = cap;
    detectors = new PageHinkley[watched.length];
    for (int c = 0; c < watched.length; c++) detectors[c] = new PageHinkley(delta, lambda, warmUp);
  }

  /**
   * Feeds the standardised errors {@code z} (one per channel, ≥ 0, finite) of the prediction that
   * ended at {@code time} [s].
   *
   * @return the watched channels whose statistic crossed λ at this value, ascending (empty: none)
   */
  List<Integer> add(double time, double[] z) {
    times.addLast(time);
    if (times.size() > TIMES) times.removeFirst();
    List<Integer> crossed = new ArrayList<>();
    for (int c = 0; c < detectors.length; c++) {
      if (watched[c] && detectors[c].add(Math.min(z[c], cap))) crossed.add(c);
    }
    return crossed;
  }

  /** The horizon of the errors [frames]. */
  int horizon() {
    return horizon;
  }

  /** Whether channel {@code c} is watched and its statistic is above λ/2 (a channel that is drifting too). */
  boolean rising(int c) {
    return watched[c] && detectors[c].statistic() > lambda / 2;
  }

  /** Channel {@code c}'s statistic m_t − M_t. */
  double statistic(int c) {
    return detectors[c].statistic();
  }

  /**
   * The estimated start [s] of the change channel {@code c} signals, {@code now} being the time of
   * the last value: the time of the first value after its cumulative sum's last minimum, less
   * (horizon − 1) periods, since a prediction over h frames is spoiled by a change anywhere in them
   * (the earliest such time is given).
   */
  double start(int c, double now) {
    int back = (int) Math.min(detectors[c].count() - detectors[c].changeIndex(), times.size() - 1);
    Iterator<Double> it = times.descendingIterator();
    double start = now;
    for (int k = 0; k <= back; k++) start = it.next();
    return start - (horizon - 1) * period;
  }

  /** Forgets everything: the next values set new reference means. */
  void reset() {
    for (PageHinkley d : detectors) d.reset();
    times.clear();
  }

  /**
   * Forgets everything but takes {@code reference} (per channel; a non-finite value: learn it over
   * the warm-up) as the reference means at once.
   */
  void reset(double[] reference) {
    reset();
    for (int c = 0; c < detectors.length; c++) if (Double.isFinite(reference[c])) detectors[c].reset(reference[c]);
  }

  /**
   * The reference means a model's errors would give these detectors: per channel, the mean of
   * min(|predicted − observed| / floor, cap) over {@code horizon}-frame predictions from every
   * {@code stride}-th frame of {@code windows} (NaN for a channel whose floor is 0, or when no
   * prediction was made).
   *
   * @param columns per channel, its column
   * @param floor   per channel, the error that standardises it (0: none)
   */
  static double[] reference(Supplier<FramePredictor> predictors, List<Trajectory> windows, int[] columns, double[] floor,
      int horizon, int stride, double cap) {
    double[] sum = new double[columns.length];
    long n = 0;
    FramePredictor p = predictors.get();
    for (Trajectory t : windows) {
      double[][] out = new double[horizon][t.columns().size()];
      for (int s = Math.max(p.history(), 1); s + horizon < t.length(); s += stride) {
        if (!p.rollout(t, s, horizon, -1, out)) continue;
        n++;
        double[] observed = t.frame(s + horizon);
        for (int c = 0; c < columns.length; c++) {
          if (floor[c] > 0) sum[c] += Math.min(Math.abs(out[horizon - 1][columns[c]] - observed[columns[c]]) / floor[c], cap);
        }
      }
    }
    double[] mean = new double[columns.length];
    for (int c = 0; c < columns.length; c++) mean[c] = floor[c] > 0 && n > 0 ? sum[c] / n : Double.NaN;
    return mean;
  }
}
