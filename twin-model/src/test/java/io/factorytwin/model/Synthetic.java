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
}
