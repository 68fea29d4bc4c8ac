package io.factorytwin.core.deploy;

/**
 * Running prediction-error sums per horizon and channel: everything since the start, and the last
 * {@code window} scores in a ring (recomputed from the ring when read, so no rounding drift builds up).
 *
 * <p>Confined to the monitor thread; {@link #nrmse} and the others return fresh arrays.
 */
final class ErrorStats {
  private final double[] sd;
  private final int[] focus;
  private final double focusScale;
  private final int window;
  private final double[][] sumSq;  // [horizon][channel]
  private final long[] count;      // [horizon]
  private final double[][][] ring; // [horizon][slot][channel]: squared errors
  private final int[] filled;
  private final int[] next;

  /**
   * @param sd     per scored channel, its standard deviation in the baseline data
   * @param focus  indices into the scored channels of the focus group
   * @param window scores per horizon in the recent window, ≥ 1
   */
  ErrorStats(int horizons, double[] sd, int[] focus, int window) {
    this.sd = sd.clone();
    this.focus = focus.clone();
    double v = 0;
    for (int f : focus) v += sd[f] * sd[f];
    this.focusScale = Math.sqrt(v);
    this.window = window;
    sumSq = new double[horizons][sd.length];
    count = new long[horizons];
    ring = new double[horizons][window][sd.length];
    filled = new int[horizons];
    next = new int[horizons];
  }

  /** Adds one score at horizon index {@code h}: {@code error} per scored channel (predicted − observed). */
  void add(int h, double[] error) {
    double[] slot = ring[h][next[h]];
    for (int c = 0; c < sd.length; c++) {
      double e2 = error[c] * error[c];
      sumSq[h][c] += e2;
      slot[c] = e2;
    }
    count[h]++;
    next[h] = (next[h] + 1) % window;
    filled[h] = Math.min(window, filled[h] + 1);
  }

  long[] counts() {
    return count.clone();
  }

  double[][] nrmse(boolean recent) {
    double[][] out = new double[sumSq.length][sd.length];
    for (int h = 0; h < sumSq.length; h++) {
      double[] s = recent ? recentSums(h) : sumSq[h];
      long n = recent ? filled[h] : count[h];
      for (int c = 0; c < sd.length; c++) out[h][c] = n == 0 || !(sd[c] > 0) ? Double.NaN : Math.sqrt(s[c] / n) / sd[c];
    }
    return out;
  }

  double[] focusNrmse(boolean recent) {
    double[] out = new double[sumSq.length];
    for (int h = 0; h < sumSq.length; h++) {
      double[] s = recent ? recentSums(h) : sumSq[h];
      long n = recent ? filled[h] : count[h];
      double sum = 0;
      for (int f : focus) sum += s[f];
      out[h] = n == 0 || !(focusScale > 0) ? Double.NaN : Math.sqrt(sum / n) / focusScale;
    }
    return out;
  }

  private double[] recentSums(int h) {
    double[] s = new double[sd.length];
    for (int k = 0; k < filled[h]; k++) for (int c = 0; c < sd.length; c++) s[c] += ring[h][k][c];
    return s;
  }
}
