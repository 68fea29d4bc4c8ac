package io.factorytwin.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TanhTest {
  /**
   * The forward pass's tanh against StrictMath's over a seeded sweep: uniform on ±25, log-uniform
   * down to 1e-12, and dense around the switch from the series to the exponential at 0.25. The
   * bound, 3e-16 absolute, is a bit more than one ulp of 1 (2.2e-16): the rounding of 1 − 2/(e+1).
   */
  @Test
  void agreesWithStrictMathToAboutOneUlpOfOne() {
    SplittableRandom r = new SplittableRandom(42);
    double worst = 0, at = 0;
    for (int i = 0; i < 600_000; i++) {
      double x = switch (i % 3) {
        case 0 -> r.nextDouble(-25, 25);
        case 1 -> (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-12, 1));
        default -> r.nextDouble(0.2499, 0.2501) * (r.nextBoolean() ? 1 : -1);
      };
      double d = Math.abs(Tanh.tanh(x) - StrictMath.tanh(x));
      if (d > worst) {
        worst = d;
        at = x;
      }
    }
    assertTrue(worst <= 3e-16, "worst difference " + worst + " at x = " + at);
  }

  /** Below 0.25 the series keeps relative precision: two roundings (x·z·p, then x − it), so 2 ulps. */
  @Test
  void smallArgumentsKeepTheirRelativePrecision() {
    for (double x = 1e-300; x < 0.25; x *= 3.7) {
      assertEquals(StrictMath.tanh(x), Tanh.tanh(x), 2 * Math.ulp(x), "x = " + x);
    }
  }

  @Test
  void specialValues() {
    assertTrue(Double.isNaN(Tanh.tanh(Double.NaN)));
    assertEquals(1.0, Tanh.tanh(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, Tanh.tanh(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, Tanh.tanh(20));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Tanh.tanh(-0.0)));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Tanh.tanh(0.0)));
    assertEquals(-Tanh.tanh(0.7), Tanh.tanh(-0.7));
  }
}
