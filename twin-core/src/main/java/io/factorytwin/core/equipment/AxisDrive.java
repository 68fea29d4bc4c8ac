package io.factorytwin.core.equipment;

/**
 * The drive of one axis: turns a speed or position command into motion within the axis's limits.
 * A position command goes through a stopping-distance profile (the fastest approach that can still
 * stop at the target under the acceleration limit); the resulting speed command goes through a
 * first-order lag of the axis's time constant, with the acceleration clamped to its limit; then the
 * position integrates (semi-implicit Euler, like the bodies).
 *
 * <p>Stateless and thread-safe: the axis's position and speed live in the caller's arrays.
 */
public final class AxisDrive {
  /** Command modes, as the action channel {@code *.mode} carries them. */
  public static final int SPEED = 0, POSITION = 1;

  /** Bits of {@link #step}'s result. */
  public static final int CLAMPED_SPEED = 1, CLAMPED_POSITION = 2, END_STOP = 4;

  private AxisDrive() {}

  /**
   * The highest speed [m/s] from which the axis can still stop within {@code d} metres: it travels
   * v·τ while its lag catches up, then brakes at 90 % of its limit (the margin absorbs the lag's
   * rounding of the braking ramp): v·τ + v²/(2·0.9·a) = d.
   */
  static double stoppingSpeed(AxisSpec a, double d, double dt) {
    double tau = Math.max(dt, a.timeConstant());
    double b = 0.9 * a.maxAccel() * tau;
    return Math.sqrt(b * b + 2 * 0.9 * a.maxAccel() * d) - b;
  }

  /**
   * Advances the axis by {@code dt} seconds.
   *
   * @param a     the axis
   * @param mode  {@link #SPEED} or {@link #POSITION}
   * @param cmd   m/s in speed mode, m in position mode (finite)
   * @param x     {@code x[off]} position [m], {@code x[off + 1]} speed [m/s]; updated in place
   * @return a bit set of {@link #CLAMPED_SPEED}, {@link #CLAMPED_POSITION}, {@link #END_STOP}
   */
  public static int step(AxisSpec a, int mode, double cmd, double[] x, int off, double dt) {
    int flags = 0;
    double pos = x[off], vel = x[off + 1];
    double vmax = a.maxSpeed(), amax = a.maxAccel();
    double vcmd;
    if (mode == POSITION) {
      double target = cmd;
      if (target < a.softMin() || target > a.softMax()) {
        flags |= CLAMPED_POSITION;
        target = Math.min(a.softMax(), Math.max(a.softMin(), target));
      }
      double e = target - pos;
      double v = stoppingSpeed(a, Math.abs(e), dt);
      v = Math.min(v, Math.abs(e) / Math.max(dt, a.timeConstant()));
      vcmd = Math.copySign(Math.min(vmax, v), e);
    } else {
      vcmd = cmd;
      if (Math.abs(vcmd) > vmax) {
        flags |= CLAMPED_SPEED;
        vcmd = Math.copySign(vmax, vcmd);
      }
      // approaching a soft limit: only as fast as can still stop there
      if (vcmd > 0) {
        vcmd = Math.min(vcmd, stoppingSpeed(a, Math.max(0, a.softMax() - pos), dt));
      } else if (vcmd < 0) {
        vcmd = Math.max(vcmd, -stoppingSpeed(a, Math.max(0, pos - a.softMin()), dt));
      }
    }
    double acc = (vcmd - vel) / Math.max(dt, a.timeConstant());
    acc = Math.max(-amax, Math.min(amax, acc));
    vel += acc * dt;
    pos += vel * dt;
    if (pos > a.hardMax()) {
      pos = a.hardMax();
      vel = 0;
      flags |= END_STOP;
    } else if (pos < a.hardMin()) {
      pos = a.hardMin();
      vel = 0;
      flags |= END_STOP;
    }
    x[off] = pos;
    x[off + 1] = vel;
    return flags;
  }
}
