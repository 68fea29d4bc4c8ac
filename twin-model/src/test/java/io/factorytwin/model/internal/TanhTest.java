package io.factorytwin.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TanhTest {
  private static double sweep(SplittableRandom r, int i) {
    return switch (i % 3) {
      case 0 -> r.nextDouble(-25, 25);
      case 1 -> (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-12, 1.3));
      default -> r.nextDouble(-1.5, 1.5);
    };
  }

  /**
   * Against StrictMath's over a seeded sweep (uniform on ±25, log-uniform from 1e-12 to 20, dense on
   * ±1.5), a layer of 64 at a time. The bound, 4e-15 absolute, is what the method's roundings allow:
   * five squarings of 1 + u multiply its relative rounding error by 32 (32 × 1.1e-16 = 3.6e-15).
   */
  @Test
  void agreesWithStrictMath() {
    SplittableRandom r = new SplittableRandom(42);
    double[] y = new double[64], x = new double[64], s = new double[64], u = new double[64];
    double worst = 0, at = 0;
    for (int i = 0; i < 600_000; i += 64) {
      for (int j = 0; j < 64; j++) x[j] = y[j] = sweep(r, i + j);
      Tanh.tanh(y, 64, s, u);
      for (int j = 0; j < 64; j++) {
        double d = Math.abs(y[j] - StrictMath.tanh(x[j]));
        if (d > worst) {
          worst = d;
          at = x[j];
        }
      }
    }
    assertTrue(worst <= 4e-15, "worst difference " + worst + " at x = " + at);
  }

  /** Near 0 the precision is relative: e^{2x} − 1 is carried, never 1 + something small. */
  @Test
  void smallArgumentsKeepTheirRelativePrecision() {
    for (double x = 1e-300; x < 0.1; x *= 3.7) {
      assertEquals(StrictMath.tanh(x), Tanh.tanh(x), 40 * Math.ulp(StrictMath.tanh(x)), "x = " + x);
      assertEquals(StrictMath.tanh(-x), Tanh.tanh(-x), 40 * Math.ulp(StrictMath.tanh(x)), "x = " + -x);
    }
  }

  /** Bit-identical whatever the length of the layer and the element's place in it (SIMD or scalar lanes). */
  @Test
  void sameBitsWhereverTheElementSits() {
    SplittableRandom r = new SplittableRandom(7);
    for (int n : new int[] {1, 3, 9, 16, 64, 67}) {
      double[] y = new double[n], x = new double[n];
      for (int rep = 0; rep < 2000; rep++) {
        for (int j = 0; j < n; j++) x[j] = y[j] = sweep(r, rep + j);
        Tanh.tanh(y, n, new double[n], new double[n]);
        for (int j = 0; j < n; j++) {
          assertEquals(Double.doubleToRawLongBits(Tanh.tanh(x[j])), Double.doubleToRawLongBits(y[j]),
              "x = " + x[j] + " at " + j + " of " + n);
        }
      }
    }
  }

  @Test
  void specialValues() {
    assertTrue(Double.isNaN(Tanh.tanh(Double.NaN)));
    assertEquals(1.0, Tanh.tanh(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, Tanh.tanh(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, Tanh.tanh(25));
    assertEquals(-1.0, Tanh.tanh(-25));
    // below the clamp the last rounding may leave one ulp: tanh(−20) = −1 + 8.5e-18 exactly
    assertEquals(1.0, Tanh.tanh(20), Math.ulp(1.0));
    assertEquals(-1.0, Tanh.tanh(-20), Math.ulp(1.0));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Tanh.tanh(-0.0)));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Tanh.tanh(0.0)));
  }

  /** Only the first n elements are touched. */
  @Test
  void leavesTheRestAlone() {
    double[] y = {0.5, 7, -3};
    Tanh.tanh(y, 1, new double[3], new double[3]);
    assertEquals(StrictMath.tanh(0.5), y[0], 1e-15);
    assertEquals(7, y[1]);
    assertEquals(-3, y[2]);
  }
}
