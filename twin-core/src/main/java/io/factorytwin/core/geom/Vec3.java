package io.factorytwin.core.geom;

/**
 * A point or vector in the world frame (right-handed, Z up) or in a body frame, in metres unless
 * the context says otherwise (m/s for velocities, rad/s for angular velocities).
 *
 * <p>Immutable and thread-safe. Components may be any double; layout validation rejects NaN and
 * infinities where an element is built from them.
 */
public record Vec3(double x, double y, double z) {
  /** The zero vector. */
  public static final Vec3 ZERO = new Vec3(0, 0, 0);

  /** Shorthand for {@code new Vec3(x, y, z)}. */
  public static Vec3 of(double x, double y, double z) {
    return new Vec3(x, y, z);
  }

  /** The sum {@code this + o}. */
  public Vec3 plus(Vec3 o) {
    return new Vec3(x + o.x, y + o.y, z + o.z);
  }

  /** The difference {@code this - o}. */
  public Vec3 minus(Vec3 o) {
    return new Vec3(x - o.x, y - o.y, z - o.z);
  }

  /** This vector scaled by {@code s}. */
  public Vec3 times(double s) {
    return new Vec3(x * s, y * s, z * s);
  }

  /** Dot product. */
  public double dot(Vec3 o) {
    return x * o.x + y * o.y + z * o.z;
  }

  /** Cross product {@code this × o}. */
  public Vec3 cross(Vec3 o) {
    return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
  }

  /** Euclidean length. */
  public double length() {
    return Math.sqrt(dot(this));
  }

  /** True when all three components are finite. */
  public boolean isFinite() {
    return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z);
  }

  /** Component {@code i} (0 = x, 1 = y, 2 = z). */
  public double get(int i) {
    return switch (i) {
      case 0 -> x;
      case 1 -> y;
      case 2 -> z;
      default -> throw new IndexOutOfBoundsException("Vec3 component " + i + ", must be 0, 1 or 2");
    };
  }

  @Override
  public String toString() {
    return "(" + x + ", " + y + ", " + z + ")";
  }
}
