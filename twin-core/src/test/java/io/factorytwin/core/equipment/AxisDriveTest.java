package io.factorytwin.core.equipment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AxisDriveTest {
  static final double DT = 1.0 / 240;
  static final AxisSpec TROLLEY = AxisSpec.of(1.0, 0.5, 0.05, 0, 12, 0.25);

  /** Runs {@code seconds}; returns the OR of all flags; checks the limits at every step. */
  static int run(AxisSpec a, int mode, double cmd, double[] x, double seconds) {
    return run(a, mode, cmd, x, seconds, true);
  }

  static int run(AxisSpec a, int mode, double cmd, double[] x, double seconds, boolean accelLimited) {
    int flags = 0;
    for (int k = 0; k < Math.round(seconds / DT); k++) {
      double v0 = x[1];
      flags |= AxisDrive.step(a, mode, cmd, x, 0, DT);
      assertTrue(Math.abs(x[1]) <= a.maxSpeed() + 1e-12, "speed " + x[1]);
      if (accelLimited) {
        assertTrue(Math.abs(x[1] - v0) <= a.maxAccel() * DT + 1e-12, "acceleration " + (x[1] - v0) / DT);
      }
      assertTrue(x[0] >= a.hardMin() && x[0] <= a.hardMax(), "position " + x[0]);
    }
    return flags;
  }

  @Test
  void positionCommandArrivesWithinLimitsAndStays() {
    double[] x = {2, 0};
    assertEquals(0, run(TROLLEY, AxisDrive.POSITION, 8, x, 12));
    assertEquals(8, x[0], 1e-4);
    assertEquals(0, x[1], 1e-4);
  }

  @Test
  void speedCommandAboveTheMaximumIsClampedAndFlagged() {
    double[] x = {2, 0};
    int flags = run(TROLLEY, AxisDrive.SPEED, 2.5, x, 3);
    assertEquals(AxisDrive.CLAMPED_SPEED, flags & AxisDrive.CLAMPED_SPEED);
    assertEquals(1.0, x[1], 1e-9);
  }

  @Test
  void positionBeyondTheSoftLimitIsClampedFlaggedAndReachedNotPassed() {
    double[] x = {10, 0};
    int flags = run(TROLLEY, AxisDrive.POSITION, 15, x, 8);
    assertEquals(AxisDrive.CLAMPED_POSITION, flags);
    assertEquals(12, x[0], 1e-4);
  }

  @Test
  void speedModeStopsAtTheSoftLimitWithoutHittingTheEndStop() {
    double[] x = {9, 0};
    int flags = run(TROLLEY, AxisDrive.SPEED, 1.0, x, 10);
    assertEquals(0, flags & AxisDrive.END_STOP);
    assertTrue(x[0] <= 12 + 1e-3 && x[0] > 11.9, "stopped at " + x[0]);
  }

  @Test
  void anAxisDrivenPastItsEndStopIsStoppedDeadAndFlagged() {
    AxisSpec tight = new AxisSpec(1.0, 0.5, 0, 0, 12, 0, 12);
    double[] x = {11.99, 1.0}; // arriving at full speed, too late to brake
    int flags = run(tight, AxisDrive.SPEED, 1.0, x, 1, false); // an end stop is a crash: no acceleration limit
    assertEquals(AxisDrive.END_STOP, flags & AxisDrive.END_STOP);
    assertEquals(12, x[0]);
    assertEquals(0, x[1]);
  }

  @Test
  void driveLagsItsCommandByTheTimeConstant() {
    AxisSpec lag = AxisSpec.of(1.0, 100, 0.2, -100, 100, 1); // acceleration limit out of the way
    double[] x = {0, 0};
    run(lag, AxisDrive.SPEED, 0.5, x, 0.2);
    // first-order lag sampled with the same semi-implicit step: v(τ) = v·(1 − (1 − dt/τ)^n), n = τ/dt
    double expected = 0.5 * (1 - Math.pow(1 - DT / 0.2, 48));
    assertEquals(expected, x[1], 1e-12);
    assertEquals(0.5 * (1 - Math.exp(-1)), x[1], 0.005, "close to the continuous 63 %");
  }
}
