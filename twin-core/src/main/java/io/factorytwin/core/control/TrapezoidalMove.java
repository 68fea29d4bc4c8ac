package io.factorytwin.core.control;

/**
 * A rest-to-rest move of one axis with a trapezoidal (or, for short moves, triangular) speed
 * profile: accelerate at {@code accel}, cruise at {@code speed}, decelerate at {@code accel}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrapezoidalMove {
  private final double distance, speed, accel;
  private final double sign, ta, tc, peak;

  /**
   * @param distance signed travel [m]
   * @param speed    cruise speed [m/s], > 0
   * @param accel    acceleration and deceleration [m/s²], > 0
   */
  public TrapezoidalMove(double distance, double speed, double accel) {
    if (!Double.isFinite(distance)) throw new IllegalArgumentException("move.distance: " + distance + " m, must be finite");
    if (!(speed > 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("move.speed: " + speed + " m/s, must be > 0");
    if (!(accel > 0) || Double.isInfinite(accel)) throw new IllegalArgumentException("move.accel: " + accel + " m/s^2, must be > 0");
    this.distance = distance;
    this.speed = speed;
    this.accel = accel;
    this.sign = Math.signum(distance);
    double d = Math.abs(distance);
    if (d * accel >= speed * speed) {
      ta = speed / accel;
      tc = (d - speed * ta) / speed;
      peak = speed;
    } else {
      ta = Math.sqrt(d / accel);
      tc = 0;
      peak = accel * ta;
    }
  }

  /** Total duration [s]. */
  public double duration() {
    return 2 * ta + tc;
  }

  /** Signed travel [m]. */
  public double distance() {
    return distance;
  }

  /** Speed at time {@code t} after the start [m/s], 0 outside the move. */
  public double speed(double t) {
    if (t <= 0 || t >= duration()) return 0;
    double v;
    if (t < ta) v = accel * t;
    else if (t < ta + tc) v = peak;
    else v = peak - accel * (t - ta - tc);
    return sign * v;
  }

  /** Acceleration at time {@code t} [m/s²]. */
  public double acceleration(double t) {
    if (t <= 0 || t >= duration()) return 0;
    if (t < ta) return sign * accel;
    if (t < ta + tc) return 0;
    return -sign * accel;
  }

  @Override
  public String toString() {
    return "TrapezoidalMove[" + distance + " m, " + speed + " m/s, " + accel + " m/s^2, " + duration() + " s]";
  }
}
