package io.factorytwin.core.kinematics;

/**
 * Settings of the inverse-kinematics solver ({@link Kinematics#inverse(ArmSpec, io.factorytwin.core.geom.Pose,
 * double[], IkOptions)}).
 *
 * <p>Immutable and thread-safe. The constructor throws {@link IllegalArgumentException} naming the
 * field, its value and the bound.
 *
 * @param positionTolerance    a solution is reachable when its tool point is within this distance of
 *                             the target [m], {@code > 0}; default 1e-6 m
 * @param orientationTolerance ... and its orientation within this angle [rad], {@code > 0}; default
 *                             1e-6 rad (for {@link TaskSpace#POSITION_YAW}, the yaw error)
 * @param orientationWeight    length [m/rad] that trades orientation error against position error in
 *                             the least-squares cost {@code |Δp|² + (w·Δθ)²}, {@code > 0}; default 0.2 m/rad.
 *                             It decides which pose is "closest" when the target cannot be reached
 * @param maxIterations        iterations per start, {@code >= 1}; default 100
 * @param restarts             extra starts after the caller's seed, from joint vectors drawn uniformly
 *                             within the limits, {@code >= 0}; default 100. Most targets need one or two
 *                             starts; a target that is hard to reach within the joint limits may need
 *                             dozens, and an unreachable one uses them all
 * @param seed                 seed of the generator that draws the extra starts: the same call with
 *                             the same options gives the same answer; default 0x5eed
 */
public record IkOptions(double positionTolerance, double orientationTolerance, double orientationWeight,
    int maxIterations, int restarts, long seed) {

  /** The defaults listed above. */
  public static final IkOptions DEFAULT = new IkOptions(1e-6, 1e-6, 0.2, 100, 100, 0x5eed);

  /** Validates every field. */
  public IkOptions {
    if (!(positionTolerance > 0) || Double.isInfinite(positionTolerance)) {
      throw new IllegalArgumentException("ik.positionTolerance: " + positionTolerance + " m, must be > 0 and finite");
    }
    if (!(orientationTolerance > 0) || Double.isInfinite(orientationTolerance)) {
      throw new IllegalArgumentException(
          "ik.orientationTolerance: " + orientationTolerance + " rad, must be > 0 and finite");
    }
    if (!(orientationWeight > 0) || Double.isInfinite(orientationWeight)) {
      throw new IllegalArgumentException("ik.orientationWeight: " + orientationWeight + " m/rad, must be > 0 and finite");
    }
    if (maxIterations < 1) throw new IllegalArgumentException("ik.maxIterations: " + maxIterations + ", must be >= 1");
    if (restarts < 0) throw new IllegalArgumentException("ik.restarts: " + restarts + ", must be >= 0");
  }

  /** These options with other tolerances [m], [rad]. */
  public IkOptions withTolerances(double position, double orientation) {
    return new IkOptions(position, orientation, orientationWeight, maxIterations, restarts, seed);
  }

  /** These options with another number of extra starts. */
  public IkOptions withRestarts(int n) {
    return new IkOptions(positionTolerance, orientationTolerance, orientationWeight, maxIterations, n, seed);
  }

  /** These options with another seed for the extra starts. */
  public IkOptions withSeed(long s) {
    return new IkOptions(positionTolerance, orientationTolerance, orientationWeight, maxIterations, restarts, s);
  }
}
