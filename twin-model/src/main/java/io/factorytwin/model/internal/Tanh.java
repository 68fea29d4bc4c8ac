package io.factorytwin.model.internal;

/**
 * The hyperbolic tangent of the plain-Java forward pass, written with {@code + − × ÷} and
 * {@link Math#scalb} only, so that it gives the same bits on every JVM and at every JIT tier (Java
 * arithmetic is strict since Java 17), and costs a few nanoseconds: on Java 17
 * {@link StrictMath#tanh} is a native call that costs several times more, which the hybrid step pays
 * for every hidden unit of every frame.
 *
 * <p>Accuracy: within 3e-16 of {@link StrictMath#tanh} everywhere (absolute; tested over a seeded
 * sweep), which is far below the float32 weights' own precision.
 *
 * <p>Stateless and thread-safe.
 */
public final class Tanh {
  private Tanh() {}

  private static final double LN2_HI = 0.6931471803691238;      // ln 2 to 32 bits: k·LN2_HI is exact
  private static final double LN2_LO = 1.9082149292705877e-10;  // ln 2 − LN2_HI
  private static final double INV_LN2 = 1.4426950408889634;

  /** tanh(x); NaN for NaN, ±0 for ±0, ±1 from |x| = 20 on (where tanh rounds to ±1 in double precision). */
  public static double tanh(double x) {
    double ax = Math.abs(x);
    if (!(ax < 20)) return Double.isNaN(x) ? x : Math.copySign(1.0, x);
    if (x == 0) return x; // keeps the sign of −0
    if (ax < 0.25) {
      // odd Taylor series to x^23: the first omitted term is below 3e-18·|x| for |x| < 0.25
      double z = x * x;
      double p = 3.927832388331683e-05;                     // x^23 coefficient
      p = p * z - 9.691537956929451e-05;
      p = p * z + 0.00023912911424355248;
      p = p * z - 0.000590027440945586;
      p = p * z + 0.0014558343870513183;
      p = p * z - 0.003592128036572481;
      p = p * z + 0.008863235529902197;
      p = p * z - 0.021869488536155203;
      p = p * z + 0.05396825396825397;
      p = p * z - 0.13333333333333333;
      p = p * z + 0.3333333333333333;
      return x - x * z * p;
    }
    double e = exp(2 * ax);
    return Math.copySign(1 - 2 / (e + 1), x);
  }

  /** e^y for 0 ≤ y ≤ 40: y = k·ln 2 + r with |r| ≤ ln2/2, e^r by its Taylor series to r^13. */
  static double exp(double y) {
    double k = Math.floor(y * INV_LN2 + 0.5);
    double r = (y - k * LN2_HI) - k * LN2_LO;
    double p = 1.0 / 6227020800.0;                               // 1/13!
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    return Math.scalb(p, (int) k);
  }
}
