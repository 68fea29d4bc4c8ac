package io.factorytwin.core.geom;

/**
 * A rigid placement: {@code position} of the element's centre in the world frame [m] and its
 * {@code rotation} body to world.
 *
 * <p>Immutable and thread-safe.
 */
public record Pose(Vec3 position, Quat rotation) {
  /** The identity pose at the origin. */
  public static final Pose IDENTITY = new Pose(Vec3.ZERO, Quat.IDENTITY);

  /** A pose at {@code (x, y, z)} metres with no rotation. */
  public static Pose at(double x, double y, double z) {
    return new Pose(new Vec3(x, y, z), Quat.IDENTITY);
  }

  /** This pose with its rotation replaced. */
  public Pose rotated(Quat q) {
    return new Pose(position, q);
  }

  /** A point given in this pose's body frame, expressed in the world frame. */
  public Vec3 toWorld(Vec3 local) {
    return position.plus(rotation.rotate(local));
  }
}
