package io.factorytwin.model.internal;

/**
 * Per-column affine normalisation {@code (x − mean) / std}, fitted on a training set: mean and
 * population standard deviation of each column, in double precision; a column whose standard
 * deviation is below {@link #MIN_STD} (constant, or nearly) gets std 1, so it is only centred.
 *
 * <p>Immutable and thread-safe.
 */
public final class Standardiser {
  /** Standard deviations below this (in the column's unit) count as constant columns. */
  public static final double MIN_STD = 1e-9;

  private final double[] mean;
  private final double[] std;

  private Standardiser(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  /**
   * Fits the columns of {@code data} ({@code rows × cols}, row-major, finite, rows ≥ 1).
   */
  public static Standardiser fit(double[] data, int rows, int cols) {
    double[] mean = new double[cols], std = new double[cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) mean[c] += data[r * cols + c];
    }
    for (int c = 0; c < cols; c++) mean[c] /= rows;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double d = data[r * cols + c] - mean[c];
        std[c] += d * d;
      }
    }
    for (int c = 0; c < cols; c++) {
      double s = Math.sqrt(std[c] / rows);
      std[c] = s < MIN_STD ? 1.0 : s;
    }
    return new Standardiser(mean, std);
  }

  /**
   * A standardiser with the given parameters (copied).
   *
   * @param what names the standardiser in error messages
   * @throws IllegalArgumentException when the lengths differ, a mean is not finite or a std is not
   *     finite and &gt; 0
   */
  public static Standardiser of(String what, double[] mean, double[] std) {
    if (mean.length != std.length) {
      throw new IllegalArgumentException(what + ": " + mean.length + " means and " + std.length + " stds, must be equal");
    }
    for (int c = 0; c < mean.length; c++) {
      if (!Double.isFinite(mean[c])) {
        throw new IllegalArgumentException(what + ".mean[" + c + "]: " + mean[c] + ", must be finite");
      }
      if (!(std[c] > 0 && std[c] < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(what + ".std[" + c + "]: " + std[c] + ", must be finite and > 0");
      }
    }
    return new Standardiser(mean.clone(), std.clone());
  }

  /** Number of columns. */
  public int columns() {
    return mean.length;
  }

  /** The column means (a copy). */
  public double[] mean() {
    return mean.clone();
  }

  /** The column standard deviations (a copy), each &gt; 0. */
  public double[] std() {
    return std.clone();
  }

  /** {@code data} ({@code rows × columns()}) normalised and rounded to float32. */
  public float[] normaliseToFloat(double[] data, int rows) {
    int cols = mean.length;
    float[] out = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r * cols + c] = (float) ((data[r * cols + c] - mean[c]) / std[c]);
      }
    }
    return out;
  }
}
