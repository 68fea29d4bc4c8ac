package io.factorytwin.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputShaperTest {

  @Test
  void shapersCancelTheirDesignFrequencyAndFollowTheory() {
    double w0 = 1.5;
    assertEquals(0, InputShaper.zv(w0).residualRatio(w0), 1e-12);
    assertEquals(0, InputShaper.zvd(w0).residualRatio(w0), 1e-12);
    double w = 0.95 * w0;
    double zv = Math.abs(Math.cos(Math.PI * w / (2 * w0)));
    assertEquals(zv, InputShaper.zv(w0).residualRatio(w), 1e-12);
    assertEquals(zv * zv, InputShaper.zvd(w0).residualRatio(w), 1e-12);
  }

  @Test
  void shapedMoveTravelsTheSameDistanceAndLastsHalfPeriodsLonger() {
    TrapezoidalMove move = new TrapezoidalMove(6, 1.0, 0.5);
    assertEquals(8.0, move.duration(), 1e-12);
    InputShaper zvd = InputShaper.zvd(1.4);
    double dt = 1e-3, distance = 0, maxSpeed = 0;
    for (double t = 0; t < move.duration() + zvd.delay() + 1; t += dt) {
      double v = zvd.shape(move::speed, t);
      distance += v * dt;
      maxSpeed = Math.max(maxSpeed, v);
    }
    assertEquals(6.0, distance, 2e-3);
    assertTrue(maxSpeed <= 1.0 + 1e-12, "a shaped command never exceeds the original's peak: " + maxSpeed);
    assertEquals(2 * Math.PI / 1.4, zvd.delay(), 1e-12);
  }

  @Test
  void triangularProfileForShortMoves() {
    TrapezoidalMove move = new TrapezoidalMove(-0.5, 1.0, 0.5);
    assertEquals(2.0, move.duration(), 1e-12);
    assertEquals(-0.5, move.speed(1.0), 1e-12);
  }

  @Test
  void badParametersAreRejectedByName() {
    assertEquals("shaper.ZV.frequency: NaN rad/s, must be > 0 and finite",
        assertThrows(IllegalArgumentException.class, () -> InputShaper.zv(Double.NaN)).getMessage());
    assertEquals("move.accel: 0.0 m/s^2, must be > 0",
        assertThrows(IllegalArgumentException.class, () -> new TrapezoidalMove(1, 1, 0)).getMessage());
  }
}
