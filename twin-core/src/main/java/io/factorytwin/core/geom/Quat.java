package io.factorytwin.core.geom;

/**
 * A rotation as a unit quaternion {@code w + xi + yj + zk}, body to world.
 *
 * <p>Immutable and thread-safe. The record accepts any components so that layout validation can
 * report a non-unit quaternion by element path; {@link #isUnit(double)} tells whether it is a
 * rotation.
 */
public record Quat(double w, double x, double y, double z) {
  /** The identity rotation. */
  public static final Quat IDENTITY = new Quat(1, 0, 0, 0);

  /**
   * The rotation by {@code angle} radians about {@code axis} (any non-zero length; normalised here).
   *
   * @throws IllegalArgumentException if the axis has zero or non-finite length, or the angle is not finite
   */
  public static Quat axisAngle(Vec3 axis, double angle) {
    double len = axis.length();
    if (!(len > 0) || !Double.isFinite(len) || !Double.isFinite(angle)) {
      throw new IllegalArgumentException("axis " + axis + " and angle " + angle + " rad: axis must be non-zero, both finite");
    }
    double s = Math.sin(angle / 2) / len;
    return new Quat(Math.cos(angle / 2), axis.x() * s, axis.y() * s, axis.z() * s);
  }

  /** Rotation about world Z by {@code yaw} radians. */
  public static Quat yaw(double yaw) {
    return axisAngle(new Vec3(0, 0, 1), yaw);
  }

  /** The norm {@code sqrt(w² + x² + y² + z²)}. */
  public double norm() {
    return Math.sqrt(w * w + x * x + y * y + z * z);
  }

  /** True when {@code |norm − 1| <= tolerance} (NaN is never a unit quaternion). */
  public boolean isUnit(double tolerance) {
    return Math.abs(norm() - 1) <= tolerance;
  }

  /** The product {@code this · o} (apply {@code o} first, then this). */
  public Quat times(Quat o) {
    return new Quat(
        w * o.w - x * o.x - y * o.y - z * o.z,
        w * o.x + x * o.w + y * o.z - z * o.y,
        w * o.y - x * o.z + y * o.w + z * o.x,
        w * o.z + x * o.y - y * o.x + z * o.w);
  }

  /** This rotation applied to {@code v}. */
  public Vec3 rotate(Vec3 v) {
    // v' = v + 2w (q×v) + 2 q×(q×v), with q the vector part
    double tx = 2 * (y * v.z() - z * v.y());
    double ty = 2 * (z * v.x() - x * v.z());
    double tz = 2 * (x * v.y() - y * v.x());
    return new Vec3(
        v.x() + w * tx + (y * tz - z * ty),
        v.y() + w * ty + (z * tx - x * tz),
        v.z() + w * tz + (x * ty - y * tx));
  }

  /** Writes the row-major 3×3 rotation matrix (body to world) into {@code out[off..off+8]}. */
  public void toMatrix(double[] out, int off) {
    Rotations.matrix(w, x, y, z, out, off);
  }
}
