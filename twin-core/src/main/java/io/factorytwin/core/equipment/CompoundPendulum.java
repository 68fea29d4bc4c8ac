package io.factorytwin.core.equipment;

/**
 * A rigid body swinging about a fixed pivot in a uniform field: the model of a crane's hook and
 * load on a rigid rope, and the theory the scenario tests and the input shapers use.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mass              total mass [kg], > 0
 * @param comDistance       distance from the pivot down to the centre of mass [m], > 0
 * @param inertiaAboutPivot moment of inertia about the swing axis through the pivot [kg·m²]
 */
public record CompoundPendulum(double mass, double comDistance, double inertiaAboutPivot) {

  /** Small-amplitude angular frequency sqrt(m·g·d / I) [rad/s] under gravity {@code g} [m/s²]. */
  public double omega(double g) {
    return Math.sqrt(mass * g * comDistance / inertiaAboutPivot);
  }

  /** Exact period [s] for a release from rest at amplitude {@code theta0} [rad]: (4/ω)·K(sin(θ0/2)). */
  public double period(double g, double theta0) {
    return 4 / omega(g) * ellipticK(Math.sin(theta0 / 2));
  }

  /** The complete elliptic integral of the first kind, K(k), by the arithmetic–geometric mean. */
  public static double ellipticK(double k) {
    double a = 1, b = Math.sqrt(1 - k * k);
    for (int i = 0; i < 40 && Math.abs(a - b) > 1e-16 * a; i++) {
      double an = (a + b) / 2;
      b = Math.sqrt(a * b);
      a = an;
    }
    return Math.PI / (2 * a);
  }

  /** This pendulum with another body of {@code m} kg added, its centre {@code d} m below the pivot and
   *  its own moment of inertia {@code icm} about its centre [kg·m²]. */
  public CompoundPendulum plus(double m, double d, double icm) {
    double total = mass + m;
    return new CompoundPendulum(total, (mass * comDistance + m * d) / total, inertiaAboutPivot + icm + m * d * d);
  }
}
