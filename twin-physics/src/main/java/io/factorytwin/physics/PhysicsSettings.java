package io.factorytwin.physics;

/**
 * Solver settings of the JBullet twin. The defaults ({@link #ACCURATE}) are the ones whose accuracy
 * the scenario tests check against theory (docs/physics-fidelity.md explains each).
 *
 * <p>Immutable and thread-safe.
 *
 * @param velocityIterations   Gauss–Seidel sweeps over contacts and links per step, ≥ 1 (default 10)
 * @param positionIterations   sweeps of the split-impulse penetration pass per step, ≥ 0 (default 4)
 * @param penetrationRecovery  share of the penetration beyond the slop removed per step, in (0, 1] (default 0.2)
 * @param linearSlop           penetration left alone [m], ≥ 0 (default 0.5 mm)
 * @param contactMargin        distance at which separated surfaces already make (speculative) contacts [m], ≥ 0
 *                             (default 1 cm)
 * @param restitutionThreshold closing speed below which contacts do not bounce [m/s], ≥ 0 (default 0.2)
 * @param warmStart            start each step's solve from the last step's contact impulses (default true)
 * @param sleeping             let groups of touching bodies that have rested for {@value #SLEEP_TIME} s
 *                             sleep until something moves them (default false): a large resting scene then
 *                             costs little, at the price of the solver no longer refining what sleeps
 */
public record PhysicsSettings(int velocityIterations, int positionIterations, double penetrationRecovery,
    double linearSlop, double contactMargin, double restitutionThreshold, boolean warmStart, boolean sleeping) {

  /** A body is at rest below this speed [m/s]... */
  public static final double SLEEP_LINEAR = 0.02;
  /** ...and below this angular speed [rad/s]. */
  public static final double SLEEP_ANGULAR = 0.05;
  /** A group of touching bodies sleeps when all have rested this long [s]. */
  public static final double SLEEP_TIME = 0.5;

  /** The defaults: the accuracy documented in docs/physics-fidelity.md; no sleeping. */
  public static final PhysicsSettings ACCURATE = new PhysicsSettings(10, 4, 0.2, 5e-4, 0.01, 0.2, true, false);

  /** Validates every field; the message names the setting, the value and the bound. */
  public PhysicsSettings {
    if (velocityIterations < 1) {
      throw new IllegalArgumentException("physics.velocityIterations: " + velocityIterations + ", must be >= 1");
    }
    if (positionIterations < 0) {
      throw new IllegalArgumentException("physics.positionIterations: " + positionIterations + ", must be >= 0");
    }
    if (!(penetrationRecovery > 0 && penetrationRecovery <= 1)) {
      throw new IllegalArgumentException("physics.penetrationRecovery: " + penetrationRecovery + ", must be in (0, 1]");
    }
    if (!(linearSlop >= 0) || Double.isInfinite(linearSlop)) {
      throw new IllegalArgumentException("physics.linearSlop: " + linearSlop + " m, must be >= 0 and finite");
    }
    if (!(contactMargin >= 0) || Double.isInfinite(contactMargin)) {
      throw new IllegalArgumentException("physics.contactMargin: " + contactMargin + " m, must be >= 0 and finite");
    }
    if (!(restitutionThreshold >= 0) || Double.isInfinite(restitutionThreshold)) {
      throw new IllegalArgumentException(
          "physics.restitutionThreshold: " + restitutionThreshold + " m/s, must be >= 0 and finite");
    }
  }

  /** These settings with another number of velocity iterations. */
  public PhysicsSettings withVelocityIterations(int n) {
    return new PhysicsSettings(n, positionIterations, penetrationRecovery, linearSlop, contactMargin,
        restitutionThreshold, warmStart, sleeping);
  }

  /** These settings with warm starting on or off. */
  public PhysicsSettings withWarmStart(boolean on) {
    return new PhysicsSettings(velocityIterations, positionIterations, penetrationRecovery, linearSlop, contactMargin,
        restitutionThreshold, on, sleeping);
  }

  /** These settings with sleeping on or off. */
  public PhysicsSettings withSleeping(boolean on) {
    return new PhysicsSettings(velocityIterations, positionIterations, penetrationRecovery, linearSlop, contactMargin,
        restitutionThreshold, warmStart, on);
  }
}
