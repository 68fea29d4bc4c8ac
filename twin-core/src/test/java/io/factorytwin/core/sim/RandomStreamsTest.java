package io.factorytwin.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {

  @Test
  void drawsArePureFunctionsWithTheRightMoments() {
    long key = RandomStreams.key("belt1");
    assertEquals(RandomStreams.uniform(7, key, 123, 0), RandomStreams.uniform(7, key, 123, 0));
    assertNotEquals(RandomStreams.uniform(7, key, 123, 0), RandomStreams.uniform(7, RandomStreams.key("belt2"), 123, 0));
    int n = 200_000;
    double sum = 0, sq = 0, g = 0, gsq = 0;
    for (int t = 0; t < n; t++) {
      double u = RandomStreams.uniform(7, key, t, 0);
      sum += u;
      sq += u * u;
      double z = RandomStreams.gaussian(7, key, t, 0);
      g += z;
      gsq += z * z;
    }
    // standard errors: uniform mean 0.00065, normal mean 0.0022, normal variance 0.0032; 5 of each
    assertEquals(0.5, sum / n, 0.0033);
    assertEquals(1.0 / 12, sq / n - (sum / n) * (sum / n), 0.001);
    assertEquals(0.0, g / n, 0.011);
    assertEquals(1.0, gsq / n, 0.016);
  }
}
