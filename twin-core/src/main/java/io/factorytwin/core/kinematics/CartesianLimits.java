package io.factorytwin.core.kinematics;

/**
 * Speed and acceleration limits of the tool along a straight-line move.
 *
 * <p>Immutable and thread-safe. The constructor throws {@link IllegalArgumentException} naming the
 * field, its value and the bound.
 *
 * @param maxSpeed        tool centre point speed [m/s], > 0
 * @param maxAccel        tool centre point acceleration [m/s²], > 0
 * @param maxAngularSpeed tool turning rate [rad/s], > 0
 * @param maxAngularAccel tool angular acceleration [rad/s²], > 0
 */
public record CartesianLimits(double maxSpeed, double maxAccel, double maxAngularSpeed, double maxAngularAccel) {

  /** Validates every field. */
  public CartesianLimits {
    positive("maxSpeed", maxSpeed, "m/s");
    positive("maxAccel", maxAccel, "m/s^2");
    positive("maxAngularSpeed", maxAngularSpeed, "rad/s");
    positive("maxAngularAccel", maxAngularAccel, "rad/s^2");
  }

  private static void positive(String name, double v, String unit) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("cartesian." + name + ": " + v + " " + unit + ", must be > 0 and finite");
    }
  }
}
