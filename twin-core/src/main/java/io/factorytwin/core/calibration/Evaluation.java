package io.factorytwin.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Multi-step prediction error on held-out trajectories (docs/calibration.md, "Evaluation").
 *
 * <p>From every {@code stride}-th frame of every trajectory (with room for the history before and
 * the longest horizon after), a predictor rolls forward under the recorded actions; at each horizon
 * h the prediction is compared with the observed frame. NRMSE(h) of a channel is the RMSE over all
 * starts divided by the channel's standard deviation over all frames of the test trajectories. A
 * group of channels (a position's x, y and z) is treated as one vector: its NRMSE is the RMS of the
 * error vector's length over the root of the summed variances, so that a channel that hardly varies
 * (a load's height) does not dominate the figure through its small deviation.
 *
 * <p>Stateless; runs on {@code threads} workers, each with its own predictor from the supplier, and
 * adds up per trajectory in trajectory order, so results are bit-identical for any thread count.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Errors of one predictor at each horizon.
   *
   * @param horizons   the horizons [frames], ascending
   * @param nrmse      per horizon, the group's NRMSE (as one vector)
   * @param perChannel per horizon, per channel NRMSE
   * @param diverged   rollouts that went non-finite (counted, left out of the errors)
   * @param starts     rollouts made
   */
  public record Result(int[] horizons, double[] nrmse, double[][] perChannel, int diverged, int starts) {}

  /** Standard deviation of each column over every frame of {@code test}. */
  public static double[] std(List<Trajectory> test, int[] columns) {
    double[] sd = new double[columns.length];
    for (int k = 0; k < columns.length; k++) {
      double sum = 0, sq = 0;
      long n = 0;
      for (Trajectory t : test) {
        for (int r = 0; r < t.length(); r++) {
          double v = t.frame(r)[columns[k]];
          sum += v;
          sq += v * v;
          n++;
        }
      }
      double mean = sum / n;
      sd[k] = Math.sqrt(Math.max(0, sq / n - mean * mean));
    }
    return sd;
  }

  /**
   * Evaluates a predictor.
   *
   * @param predictors makes one predictor per worker
   * @param member     the ensemble member, or −1 for the mean
   * @param columns    the channel group (column indices)
   */
  public static Result nrmse(Supplier<FramePredictor> predictors, int member, List<Trajectory> test, int[] columns,
      int[] horizons, int stride, int threads) {
    int hmax = horizons[horizons.length - 1];
    double[] sd = std(test, columns);
    List<double[]> partial = parallel(test, threads, predictors, (p, t) -> {
      double[] acc = new double[horizons.length * columns.length + 2];
      double[][] out = new double[hmax][t.columns().size()];
      for (int s = Math.max(p.history(), 1); s + hmax < t.length(); s += stride) {
        acc[acc.length - 1]++;
        if (!p.rollout(t, s, hmax, member, out)) {
          acc[acc.length - 2]++;
          continue;
        }
        for (int h = 0; h < horizons.length; h++) {
          double[] obs = t.frame(s + horizons[h]);
          double[] pred = out[horizons[h] - 1];
          for (int c = 0; c < columns.length; c++) {
            double d = pred[columns[c]] - obs[columns[c]];
            acc[h * columns.length + c] += d * d;
          }
        }
      }
      return acc;
    });
    double[] total = new double[horizons.length * columns.length + 2];
    for (double[] a : partial) for (int i = 0; i < total.length; i++) total[i] += a[i];
    int starts = (int) total[total.length - 1], diverged = (int) total[total.length - 2];
    double[] group = new double[horizons.length];
    double[][] per = new double[horizons.length][columns.length];
    double variance = 0;
    for (double v : sd) variance += v * v;
    for (int h = 0; h < horizons.length; h++) {
      double squared = 0;
      for (int c = 0; c < columns.length; c++) {
        double ms = total[h * columns.length + c] / Math.max(1, starts - diverged);
        per[h][c] = Math.sqrt(ms) / sd[c];
        squared += ms;
      }
      group[h] = Math.sqrt(squared / variance);
    }
    return new Result(horizons.clone(), group, per, diverged, starts);
  }

  /**
   * Standardised errors of an ensemble's rollouts, for calibrating and checking its intervals: for
   * every start and channel, at each horizon, |y − μ| / sqrt(σ² + floor²), with μ and σ the mean and
   * standard deviation of the members' own rollouts (each member's residual throughout) and
   * {@code floor[c]} the channel's irreducible one-frame error (sensor noise), so that early horizons
   * are not judged by an ensemble spread that only grows with the horizon.
   *
   * @return per horizon, the standardised errors in start and channel order
   */
  public static double[][] standardisedErrors(Supplier<FramePredictor> predictors, int members, List<Trajectory> data,
      int[] columns, double[] floor, int[] horizons, int stride, int threads) {
    int hmax = horizons[horizons.length - 1];
    List<List<double[]>> parts = parallel(data, threads, predictors, (p, t) -> {
      List<double[]> rows = new ArrayList<>();
      double[][][] out = new double[members][hmax][t.columns().size()];
      for (int s = Math.max(p.history(), 1); s + hmax < t.length(); s += stride) {
        boolean ok = true;
        for (int m = 0; m < members; m++) ok &= p.rollout(t, s, hmax, m, out[m]);
        if (!ok) continue;
        double[] z = new double[horizons.length * columns.length];
        for (int h = 0; h < horizons.length; h++) {
          double[] obs = t.frame(s + horizons[h]);
          for (int c = 0; c < columns.length; c++) {
            double mean = 0, sq = 0;
            for (int m = 0; m < members; m++) mean += out[m][horizons[h] - 1][columns[c]];
            mean /= members;
            for (int m = 0; m < members; m++) {
              double d = out[m][horizons[h] - 1][columns[c]] - mean;
              sq += d * d;
            }
            double var = sq / Math.max(1, members - 1) + floor[c] * floor[c];
            z[h * columns.length + c] = Math.abs(obs[columns[c]] - mean) / Math.sqrt(var);
          }
        }
        rows.add(z);
      }
      return rows;
    });
    int n = 0;
    for (List<double[]> l : parts) n += l.size();
    double[][] out = new double[horizons.length][n * columns.length];
    int k = 0;
    for (List<double[]> l : parts) {
      for (double[] z : l) {
        for (int h = 0; h < horizons.length; h++) {
          System.arraycopy(z, h * columns.length, out[h], k * columns.length, columns.length);
        }
        k++;
      }
    }
    return out;
  }

  /** The {@code q}-quantile (0 < q < 1) of {@code values} (the order statistic at ceil(q·n)). */
  public static double quantile(double[] values, double q) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    int i = (int) Math.ceil(q * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, i))];
  }

  /** Share of {@code values} at most {@code bound}. */
  public static double shareWithin(double[] values, double bound) {
    int k = 0;
    for (double v : values) if (v <= bound) k++;
    return values.length == 0 ? Double.NaN : (double) k / values.length;
  }

  /**
   * Long rollouts that stay bounded: from every {@code stride}-th frame with {@code horizon} frames
   * after it, the predictor rolls the whole horizon; a rollout is bounded when every value of every
   * {@code columns} channel stays finite and within {@code [lo[c], hi[c]]}.
   *
   * @return {bounded, total}
   */
  public static int[] bounded(Supplier<FramePredictor> predictors, List<Trajectory> data, int[] columns, double[] lo,
      double[] hi, int horizon, int stride, int threads) {
    List<int[]> parts = parallel(data, threads, predictors, (p, t) -> {
      int[] r = new int[2];
      double[][] out = new double[horizon][t.columns().size()];
      for (int s = Math.max(p.history(), 1); s + horizon < t.length(); s += stride) {
        r[1]++;
        boolean ok = p.rollout(t, s, horizon, -1, out);
        for (int h = 0; ok && h < horizon; h++) {
          for (int c = 0; c < columns.length; c++) {
            double v = out[h][columns[c]];
            ok &= Double.isFinite(v) && v >= lo[c] && v <= hi[c];
          }
        }
        if (ok) r[0]++;
      }
      return r;
    });
    int[] total = new int[2];
    for (int[] r : parts) {
      total[0] += r[0];
      total[1] += r[1];
    }
    return total;
  }

  /** A job over one trajectory with a worker's predictor. */
  @FunctionalInterface
  public interface Job<T> {
    /** The job's result for trajectory {@code t}. */
    T run(FramePredictor p, Trajectory t);
  }

  /**
   * Runs {@code job} over every trajectory on {@code threads} workers (one predictor each) and returns
   * the results in trajectory order.
   */
  public static <T> List<T> parallel(List<Trajectory> trajectories, int threads, Supplier<FramePredictor> predictors,
      Job<T> job) {
    if (threads < 1) throw new IllegalArgumentException("threads: " + threads + ", must be >= 1");
    int n = trajectories.size();
    List<T> results = new ArrayList<>(java.util.Collections.nCopies(n, null));
    if (threads == 1 || n <= 1) {
      FramePredictor p = predictors.get();
      for (int i = 0; i < n; i++) results.set(i, job.run(p, trajectories.get(i)));
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n));
    try {
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < Math.min(threads, n); w++) {
        fs.add(pool.submit(() -> {
          FramePredictor p = predictors.get();
          for (int i; (i = next.getAndIncrement()) < n;) results.set(i, job.run(p, trajectories.get(i)));
          return null;
        }));
      }
      for (Future<?> f : fs) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return results;
  }
}
