package io.factorytwin.core.kinematics;

import io.factorytwin.core.geom.Quat;

/** Spherical linear interpolation of unit quaternions. Stateless and thread-safe. */
final class Slerp {
  private Slerp() {}

  /** {@code b} or {@code −b}, whichever is on {@code a}'s side, so interpolation takes the short way. */
  static Quat near(Quat a, Quat b) {
    double dot = a.w() * b.w() + a.x() * b.x() + a.y() * b.y() + a.z() * b.z();
    return dot >= 0 ? b : new Quat(-b.w(), -b.x(), -b.y(), -b.z());
  }

  /** The angle [rad] of the rotation from {@code a} to {@code b}, in [0, π]. */
  static double angle(Quat a, Quat b) {
    Quat d = b.times(new Quat(a.w(), -a.x(), -a.y(), -a.z()));
    double v = Math.sqrt(d.x() * d.x() + d.y() * d.y() + d.z() * d.z());
    return 2 * Math.atan2(v, Math.abs(d.w()));
  }

  /**
   * The rotation a fraction {@code s} of the way from {@code a} to {@code b} at constant angular
   * speed about a fixed axis; {@code b} must be {@link #near} {@code a}. Unit if both are.
   */
  static Quat interpolate(Quat a, Quat b, double s) {
    double dot = Math.min(1, a.w() * b.w() + a.x() * b.x() + a.y() * b.y() + a.z() * b.z());
    double theta = Math.acos(dot);
    double wa, wb;
    if (theta < 1e-6) { // sin θ ≈ θ: the linear weights are exact to ~θ², then normalise
      wa = 1 - s;
      wb = s;
    } else {
      double sin = Math.sin(theta);
      wa = Math.sin((1 - s) * theta) / sin;
      wb = Math.sin(s * theta) / sin;
    }
    double w = wa * a.w() + wb * b.w(), x = wa * a.x() + wb * b.x(), y = wa * a.y() + wb * b.y(),
        z = wa * a.z() + wb * b.z();
    double n = Math.sqrt(w * w + x * x + y * y + z * z);
    return new Quat(w / n, x / n, y / n, z / n);
  }
}
