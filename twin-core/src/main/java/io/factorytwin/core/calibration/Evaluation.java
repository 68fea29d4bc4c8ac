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
 * starts divided by the channel's standard deviation over all frames of the test trajectories; a
 * group's NRMSE is the mean over its channels.
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
   * @param nrmse      per horizon, the group's mean NRMSE
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
   * @param history    frames of history the predictor needs before a start
   */
  public static Result nrmse(Supplier<FramePredictor> predictors, int member, List<Trajectory> test, int[] columns,
      int[] horizons, int stride, int history, int threads) {
    int hmax = horizons[horizons.length - 1];
    double[] sd = std(test, columns);
    List<double[]> partial = parallel(test, threads, predictors, (p, t) -> {
      double[] acc = new double[horizons.length * columns.length + 2];
      double[][] out = new double[hmax][t.columns().size()];
      for (int s = Math.max(history, 1); s + hmax < t.length(); s += stride) {
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
    for (int h = 0; h < horizons.length; h++) {
      for (int c = 0; c < columns.length; c++) {
        per[h][c] = Math.sqrt(total[h * columns.length + c] / Math.max(1, starts - diverged)) / sd[c];
        group[h] += per[h][c] / columns.length;
      }
    }
    return new Result(horizons.clone(), group, per, diverged, starts);
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
