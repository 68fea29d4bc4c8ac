package io.factorytwin.core.kinematics;

/**
 * A rest-to-rest path parameter {@code s(t)} from 0 to 1 with a trapezoidal speed profile: constant
 * acceleration {@code a} up to the peak speed, cruise at {@code v}, constant deceleration {@code a}
 * (a triangle when 1 is too short to reach {@code v}). Every move of this package is a fixed path
 * scaled by one of these, so all joints (or the position and the orientation) start, cruise and
 * stop together.
 *
 * <p>{@code control.TrapezoidalMove} has the same profile but no position, which sampling needs.
 *
 * <p>Immutable and thread-safe.
 */
final class TimeScaling {
  private final double accel, ta, tc, peak, duration;

  /**
   * @param speed peak ds/dt [1/s], > 0; infinite (with {@code accel}) for an empty move of duration 0
   * @param accel d²s/dt² [1/s²], > 0
   */
  TimeScaling(double speed, double accel) {
    this.accel = accel;
    if (Double.isInfinite(speed) || Double.isInfinite(accel)) {
      ta = 0;
      tc = 0;
      peak = 0;
    } else if (speed * speed <= accel) {
      ta = speed / accel;
      tc = (1 - speed * ta) / speed;
      peak = speed;
    } else {
      ta = Math.sqrt(1 / accel);
      tc = 0;
      peak = accel * ta;
    }
    duration = 2 * ta + tc;
  }

  double duration() {
    return duration;
  }

  /** s(t), exactly 0 for t ≤ 0 and exactly 1 for t ≥ duration. */
  double position(double t) {
    if (t <= 0) return 0;
    if (t >= duration) return 1;
    if (t < ta) return accel * t * t / 2;
    if (t < ta + tc) return accel * ta * ta / 2 + peak * (t - ta);
    double r = duration - t;
    return 1 - accel * r * r / 2;
  }

  /** ds/dt [1/s]. */
  double speed(double t) {
    if (t <= 0 || t >= duration) return 0;
    if (t < ta) return accel * t;
    if (t < ta + tc) return peak;
    return accel * (duration - t);
  }

  /** d²s/dt² [1/s²]; at a switching instant, the value of the phase that starts there. */
  double acceleration(double t) {
    if (t < 0 || t >= duration) return 0;
    if (t < ta) return accel;
    if (t < ta + tc) return 0;
    return -accel;
  }

  /** Number of equal intervals of at most {@code dt} that cover the move (≥ 1). */
  int intervals(double dt) {
    return Math.max(1, (int) Math.ceil(duration / dt));
  }

  /** Time of sample k of {@code n} intervals; exactly the duration at k = n. */
  double sampleTime(int k, int n) {
    return k == n ? duration : duration * k / n;
  }
}
