package io.factorytwin.physics.testing;

/**
 * Closed-form results that scenario tests compare the twin against.
 *
 * <p>Stateless and thread-safe.
 */
public final class Theory {
  private Theory() {}

  /** Standard gravity used by layouts [m/s²]. */
  public static final double G = 9.81;

  /**
   * Period [s] of a compound pendulum of mass {@code m} [kg], moment of inertia {@code iPivot}
   * about the pivot [kg·m²], centre of mass {@code d} [m] below the pivot, released at rest at
   * {@code theta0} [rad]: {@code 4·sqrt(I/(m g d))·K(sin(θ0/2))}, exact for any amplitude.
   */
  public static double compoundPendulumPeriod(double m, double iPivot, double d, double theta0) {
    return new io.factorytwin.core.equipment.CompoundPendulum(m, d, iPivot).period(G, theta0);
  }

  /** Acceleration [m/s²] of a block sliding down an incline of {@code theta} rad with friction {@code mu}. */
  public static double inclineAcceleration(double theta, double mu) {
    return G * (Math.sin(theta) - mu * Math.cos(theta));
  }

  /** Least-squares slope of y over x. */
  public static double slope(double[] x, double[] y, int n) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int i = 0; i < n; i++) {
      sx += x[i];
      sy += y[i];
      sxx += x[i] * x[i];
      sxy += x[i] * y[i];
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }
}
