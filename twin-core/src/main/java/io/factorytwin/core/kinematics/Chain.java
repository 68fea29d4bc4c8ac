package io.factorytwin.core.kinematics;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Rotations;
import io.factorytwin.core.geom.Vec3;
import java.util.List;

/**
 * The numeric form of an {@link ArmSpec}: the DH rows in chain order (actuated and coupled
 * together), each row's angle as {@code offset + gain · q}, and the base and tool as rigid
 * transforms. Transforms are stored as 12 doubles, a row-major 3×4 matrix {@code [R | p]}.
 *
 * <p>Immutable and thread-safe; callers pass their own scratch arrays.
 */
final class Chain {
  /** Actuated joints. */
  final int n;
  /** DH rows (actuated + coupled). */
  final int m;
  private final double[] a, d, offset, cosAlpha, sinAlpha;
  /** [row][joint]: dθ_row/dq_joint. */
  private final double[][] gain;
  /** row → actuated joint index, or −1 for a coupled row. */
  final int[] jointOfRow;
  /** actuated joint → row. */
  final int[] rowOfJoint;
  final double[] lo, hi, maxSpeed, maxAccel;
  /**
   * Per actuated joint: true when adding 2π to it leaves every frame where it was, i.e. when every
   * coupled row depends on it with an integer gain.
   */
  final boolean[] periodic;
  private final double[] base = new double[12], tool = new double[12];

  Chain(List<Joint> joints, List<CoupledJoint> coupled, Pose basePose, Pose toolPose) {
    n = joints.size();
    m = n + coupled.size();
    a = new double[m];
    d = new double[m];
    offset = new double[m];
    cosAlpha = new double[m];
    sinAlpha = new double[m];
    gain = new double[m][n];
    jointOfRow = new int[m];
    rowOfJoint = new int[n];
    lo = new double[n];
    hi = new double[n];
    maxSpeed = new double[n];
    maxAccel = new double[n];
    int r = 0;
    for (int k = 0; k <= n; k++) {
      for (CoupledJoint c : coupled) {
        if (c.afterJoint() == k) {
          set(r, c.a(), c.alpha(), c.d(), c.thetaOffset());
          for (int j = 0; j < n; j++) gain[r][j] = c.gain(j);
          jointOfRow[r++] = -1;
        }
      }
      if (k < n) {
        Joint jt = joints.get(k);
        set(r, jt.a(), jt.alpha(), jt.d(), jt.thetaOffset());
        gain[r][k] = 1;
        jointOfRow[r] = k;
        rowOfJoint[k] = r++;
        lo[k] = jt.min();
        hi[k] = jt.max();
        maxSpeed[k] = jt.maxSpeed();
        maxAccel[k] = jt.maxAccel();
      }
    }
    periodic = new boolean[n];
    for (int j = 0; j < n; j++) {
      periodic[j] = true;
      for (int row = 0; row < m; row++) {
        if (jointOfRow[row] < 0 && gain[row][j] != Math.rint(gain[row][j])) periodic[j] = false;
      }
    }
    toArray(basePose, base);
    toArray(toolPose, tool);
  }

  private void set(int r, double ar, double alpha, double dr, double off) {
    a[r] = ar;
    d[r] = dr;
    offset[r] = off;
    cosAlpha[r] = Math.cos(alpha);
    sinAlpha[r] = Math.sin(alpha);
  }

  /**
   * Forward kinematics. {@code frames} receives (m + 1) transforms, world from frame k (k = 0 the
   * base); {@code toolOut} receives world from tool.
   */
  void forward(double[] q, double[] frames, double[] toolOut) {
    System.arraycopy(base, 0, frames, 0, 12);
    double[] row = new double[12];
    for (int r = 0; r < m; r++) {
      double theta = offset[r];
      double[] g = gain[r];
      int j = jointOfRow[r];
      if (j >= 0) {
        theta += q[j];
      } else {
        for (int k = 0; k < n; k++) theta += g[k] * q[k];
      }
      double ct = Math.cos(theta), st = Math.sin(theta), ca = cosAlpha[r], sa = sinAlpha[r];
      row[0] = ct; row[1] = -st * ca; row[2] = st * sa; row[3] = a[r] * ct;
      row[4] = st; row[5] = ct * ca; row[6] = -ct * sa; row[7] = a[r] * st;
      row[8] = 0; row[9] = sa; row[10] = ca; row[11] = d[r];
      compose(frames, 12 * r, row, 0, frames, 12 * (r + 1));
    }
    compose(frames, 12 * m, tool, 0, toolOut, 0);
  }

  /**
   * The geometric Jacobian at the tool point, world frame, written row-major 6×n into {@code jac}:
   * rows 0–2 linear velocity [m/s per rad/s], rows 3–5 angular velocity [rad/s per rad/s].
   */
  void jacobian(double[] frames, double[] toolT, double[] jac) {
    java.util.Arrays.fill(jac, 0, 6 * n, 0);
    double px = toolT[3], py = toolT[7], pz = toolT[11];
    for (int r = 0; r < m; r++) {
      int f = 12 * r; // row r turns about the Z axis of frame r (the frame before it)
      double zx = frames[f + 2], zy = frames[f + 6], zz = frames[f + 10];
      double rx = px - frames[f + 3], ry = py - frames[f + 7], rz = pz - frames[f + 11];
      double vx = zy * rz - zz * ry, vy = zz * rx - zx * rz, vz = zx * ry - zy * rx;
      int j = jointOfRow[r];
      for (int k = 0; k < n; k++) {
        double g = j >= 0 ? (k == j ? 1 : 0) : gain[r][k];
        if (g == 0) continue;
        jac[k] += g * vx;
        jac[n + k] += g * vy;
        jac[2 * n + k] += g * vz;
        jac[3 * n + k] += g * zx;
        jac[4 * n + k] += g * zy;
        jac[5 * n + k] += g * zz;
      }
    }
  }

  /** C = A · B for 3×4 rigid transforms; C may alias neither A nor B. */
  static void compose(double[] A, int ao, double[] B, int bo, double[] C, int co) {
    for (int i = 0; i < 3; i++) {
      double a0 = A[ao + 4 * i], a1 = A[ao + 4 * i + 1], a2 = A[ao + 4 * i + 2];
      C[co + 4 * i] = a0 * B[bo] + a1 * B[bo + 4] + a2 * B[bo + 8];
      C[co + 4 * i + 1] = a0 * B[bo + 1] + a1 * B[bo + 5] + a2 * B[bo + 9];
      C[co + 4 * i + 2] = a0 * B[bo + 2] + a1 * B[bo + 6] + a2 * B[bo + 10];
      C[co + 4 * i + 3] = a0 * B[bo + 3] + a1 * B[bo + 7] + a2 * B[bo + 11] + A[ao + 4 * i + 3];
    }
  }

  /** Writes the pose (its rotation normalised) as a 3×4 transform. */
  static void toArray(Pose pose, double[] out) {
    Quat q = pose.rotation();
    double s = 1 / q.norm();
    double[] r = new double[9];
    Rotations.matrix(q.w() * s, q.x() * s, q.y() * s, q.z() * s, r, 0);
    for (int i = 0; i < 3; i++) {
      out[4 * i] = r[3 * i];
      out[4 * i + 1] = r[3 * i + 1];
      out[4 * i + 2] = r[3 * i + 2];
    }
    out[3] = pose.position().x();
    out[7] = pose.position().y();
    out[11] = pose.position().z();
  }

  /** The transform at {@code off} as a pose. */
  static Pose toPose(double[] t, int off) {
    return new Pose(new Vec3(t[off + 3], t[off + 7], t[off + 11]),
        quat(t[off], t[off + 1], t[off + 2], t[off + 4], t[off + 5], t[off + 6], t[off + 8], t[off + 9], t[off + 10]));
  }

  /**
   * The unit quaternion (w ≥ 0) of a rotation matrix given row by row, by Shepperd's method: divide by
   * the largest of the four candidate components, so no division is ever by a small number.
   */
  static Quat quat(double m00, double m01, double m02, double m10, double m11, double m12, double m20, double m21,
      double m22) {
    double tr = m00 + m11 + m22;
    double w, x, y, z;
    if (tr >= m00 && tr >= m11 && tr >= m22) {
      double s = 2 * Math.sqrt(1 + tr);
      w = s / 4;
      x = (m21 - m12) / s;
      y = (m02 - m20) / s;
      z = (m10 - m01) / s;
    } else if (m00 >= m11 && m00 >= m22) {
      double s = 2 * Math.sqrt(1 + m00 - m11 - m22);
      w = (m21 - m12) / s;
      x = s / 4;
      y = (m01 + m10) / s;
      z = (m02 + m20) / s;
    } else if (m11 >= m22) {
      double s = 2 * Math.sqrt(1 + m11 - m00 - m22);
      w = (m02 - m20) / s;
      x = (m01 + m10) / s;
      y = s / 4;
      z = (m12 + m21) / s;
    } else {
      double s = 2 * Math.sqrt(1 + m22 - m00 - m11);
      w = (m10 - m01) / s;
      x = (m02 + m20) / s;
      y = (m12 + m21) / s;
      z = s / 4;
    }
    double norm = Math.sqrt(w * w + x * x + y * y + z * z);
    if (w < 0) norm = -norm;
    return new Quat(w / norm, x / norm, y / norm, z / norm);
  }
}
