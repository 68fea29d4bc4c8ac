package io.factorytwin.core.geom;

/**
 * Quaternion and rotation-matrix arithmetic on flat arrays, shared by the core and the backends
 * so that every module turns a quaternion into a matrix the same way (bit for bit).
 *
 * <p>Stateless and thread-safe. Quaternions are stored {@code (w, x, y, z)}; matrices row-major,
 * body to world.
 */
public final class Rotations {
  private Rotations() {}

  /** Writes the row-major rotation matrix of the (assumed unit) quaternion into {@code out[off..off+8]}. */
  public static void matrix(double w, double x, double y, double z, double[] out, int off) {
    double xx = x * x, yy = y * y, zz = z * z;
    double xy = x * y, xz = x * z, yz = y * z, wx = w * x, wy = w * y, wz = w * z;
    out[off] = 1 - 2 * (yy + zz);
    out[off + 1] = 2 * (xy - wz);
    out[off + 2] = 2 * (xz + wy);
    out[off + 3] = 2 * (xy + wz);
    out[off + 4] = 1 - 2 * (xx + zz);
    out[off + 5] = 2 * (yz - wx);
    out[off + 6] = 2 * (xz - wy);
    out[off + 7] = 2 * (yz + wx);
    out[off + 8] = 1 - 2 * (xx + yy);
  }
}
