package io.factorytwin.core.kinematics;

import io.factorytwin.core.internal.Checks;
import java.util.List;

/**
 * One actuated revolute joint of an arm: its row of the standard Denavit–Hartenberg table and its
 * limits. The joint's frame follows the previous frame by
 * {@code Rz(q + thetaOffset) · Tz(d) · Tx(a) · Rx(alpha)}, where {@code q} is the joint variable; the
 * joint turns about the previous frame's Z axis.
 *
 * <p>Immutable and thread-safe. Any values are accepted here; {@link ArmSpec.Builder#build()}
 * reports the invalid ones with their paths ({@code arm1.joint3.max: ...}).
 *
 * @param a           DH link length along the new X [m], finite
 * @param alpha       DH twist about the new X [rad], finite
 * @param d           DH offset along the previous Z [m], finite
 * @param thetaOffset angle added to the joint variable [rad], finite: the DH θ at {@code q = 0}
 * @param min         lower joint limit [rad], finite
 * @param max         upper joint limit [rad], finite, {@code > min}
 * @param maxSpeed    speed limit [rad/s], {@code > 0}
 * @param maxAccel    acceleration (and deceleration) limit [rad/s²], {@code > 0}
 */
public record Joint(double a, double alpha, double d, double thetaOffset, double min, double max, double maxSpeed,
    double maxAccel) {

  /** True when {@code min <= q <= max} (NaN is never within). */
  public boolean within(double q) {
    return q >= min && q <= max;
  }

  /** {@code q} clamped into {@code [min, max]}. */
  public double clamp(double q) {
    return q < min ? min : q > max ? max : q;
  }

  void validate(List<String> p, String path) {
    Checks.finite(p, path + ".a", a, "m");
    Checks.finite(p, path + ".alpha", alpha, "rad");
    Checks.finite(p, path + ".d", d, "m");
    Checks.finite(p, path + ".thetaOffset", thetaOffset, "rad");
    Checks.finite(p, path + ".min", min, "rad");
    Checks.finite(p, path + ".max", max, "rad");
    if (Double.isFinite(min) && Double.isFinite(max) && !(max > min)) {
      p.add(path + ".max: " + max + " rad, must be > min " + min + " rad");
    }
    Checks.positive(p, path + ".maxSpeed", maxSpeed, "rad/s");
    Checks.positive(p, path + ".maxAccel", maxAccel, "rad/s^2");
  }
}
