package io.factorytwin.model;

import io.factorytwin.core.model.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/** Seeded synthetic datasets for the tests. */
final class Synthetic {
  private Synthetic() {}

  static List<String> names(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(prefix + i);
    return out;
  }

  /**
   * {@code trajectories × rows} rows of {@code f} features drawn uniformly from [lo, hi], with targets
   * {@code fn(x, y)} plus Gaussian noise of std {@code noise}; trajectory ids start at {@code firstId}.
   */
  static Dataset uniform(long seed, int firstId, int trajectories, int rows, int f, List<String> outputs, double lo,
      double hi, double noise, BiConsumer<double[], double[]> fn) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = trajectories * rows, o = outputs.size();
    double[] x = new double[n * f], y = new double[n * o];
    int[] tr = new int[n];
    double[] xi = new double[f], yi = new double[o];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < f; c++) xi[c] = lo + (hi - lo) * rng.nextDouble();
      fn.accept(xi, yi);
      for (int c = 0; c < o; c++) yi[c] += noise * rng.nextGaussian();
      System.arraycopy(xi, 0, x, r * f, f);
      System.arraycopy(yi, 0, y, r * o, o);
      tr[r] = firstId + r / rows;
    }
    return new Dataset(names("x", f), outputs, x, y, tr);
  }

  /** y1 = sin(x1) + 0.5·x2, y2 = x1·x3 (x0 is x1 here: 0-based), on 3 features. */
  static void smooth(double[] x, double[] y) {
    y[0] = Math.sin(x[0]) + 0.5 * x[1];
    y[1] = x[0] * x[2];
  }

  /**
   * Trajectory-like rows: {@code trajectories × rows} rows of {@code f} features that move smoothly
   * (sums of sines with per-trajectory phases) and {@code o} targets that are a smooth nonlinear
   * function of them plus noise of std 0.01: the shape of a residual-model dataset.
   */
  static Dataset trajectories(long seed, int firstId, int trajectories, int rows, int f, int o) {
    SplittableRandom shared = new SplittableRandom(12345); // the same function for every dataset
    double[][] mixA = new double[o][f];
    for (double[] row : mixA) for (int k = 0; k < f; k++) row[k] = shared.nextGaussian() / Math.sqrt(f);
    double[] freq = new double[f];
    for (int k = 0; k < f; k++) freq[k] = 0.002 + 0.02 * shared.nextDouble();
    SplittableRandom rng = new SplittableRandom(seed);
    int n = trajectories * rows;
    double[] x = new double[n * f], y = new double[n * o];
    int[] tr = new int[n];
    for (int t = 0; t < trajectories; t++) {
      double[] phase = new double[f], amp = new double[f];
      for (int k = 0; k < f; k++) {
        phase[k] = 2 * Math.PI * rng.nextDouble();
        amp[k] = 0.5 + rng.nextDouble();
      }
      for (int s = 0; s < rows; s++) {
        int r = t * rows + s;
        for (int k = 0; k < f; k++) {
          x[r * f + k] = amp[k] * Math.sin(freq[k] * s + phase[k]) + 0.3 * Math.sin(3.1 * freq[k] * s + 2 * phase[k]);
        }
        for (int j = 0; j < o; j++) {
          double z = 0;
          for (int k = 0; k < f; k++) z += mixA[j][k] * x[r * f + k];
          y[r * o + j] = Math.tanh(z) + 0.2 * x[r * f + j] * x[r * f + (j + 1) % f] + 0.01 * rng.nextGaussian();
        }
        tr[r] = firstId + t;
      }
    }
    return new Dataset(names("x", f), names("y", o), x, y, tr);
  }

  /** Like {@link #trajectories} but every row's features drawn independently, uniform in [-1.5, 1.5]. */
  static Dataset iid(long seed, int firstId, int trajectories, int rows, int f, int o) {
    SplittableRandom shared = new SplittableRandom(12345);
    double[][] mixA = new double[o][f];
    for (double[] row : mixA) for (int k = 0; k < f; k++) row[k] = shared.nextGaussian() / Math.sqrt(f) * 2;
    SplittableRandom rng = new SplittableRandom(seed);
    int n = trajectories * rows;
    double[] x = new double[n * f], y = new double[n * o];
    int[] tr = new int[n];
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < f; k++) x[r * f + k] = -1.5 + 3 * rng.nextDouble();
      for (int j = 0; j < o; j++) {
        double z = 0;
        for (int k = 0; k < f; k++) z += mixA[j][k] * x[r * f + k];
        y[r * o + j] = Math.tanh(z) + 0.2 * x[r * f + j] * x[r * f + (j + 1) % f] + 0.01 * rng.nextGaussian();
      }
      tr[r] = firstId + r / rows;
    }
    return new Dataset(names("x", f), names("y", o), x, y, tr);
  }
}
