package io.factorytwin.core.dynamics;

/**
 * Rigid-body dynamics of a serial chain of revolute joints described by standard Denavit–Hartenberg
 * parameters: link i's frame follows link i−1's by Rz(θᵢ + offsetᵢ)·Tz(dᵢ)·Tx(aᵢ)·Rx(αᵢ). Inverse
 * dynamics by the recursive Newton–Euler algorithm; forward dynamics by building the joint-space mass
 * matrix from n inverse-dynamics calls and solving with a Cholesky factorisation (n ≤ 8 here, so
 * this costs a few microseconds and is exact to rounding).
 *
 * <p>Units: m, rad, kg, kg·m², N·m. Gravity and the base rotation are in the world frame.
 *
 * <p>Immutable description; the scratch arrays make an instance confined to one thread. Create one
 * per thread ({@link #copy()}).
 */
public final class SerialChain {
  private final int n;        // DH rows (actuated and coupled)
  private final int dof;      // actuated joints
  private final double[] gain; // [row][dof]: row angle = offset + Σ gain·q
  private final double[] a, alpha, d, offset;
  private final double[] rowQ, rowQd, rowQdd, rowTau;
  private final double[] mass;     // [link]
  private final double[] com;      // [link][3] in the link frame
  private final double[] inertia;  // [link][3] principal moments about the com, link-frame axes
  private final double[] baseRot;  // [9] world from base
  // scratch
  private final double[] rot;      // [link][9] world rotation of each link frame
  private final double[] pos;      // [link][3] world origin of each link frame
  private final double[] w, wd, vd; // [link][3] angular velocity, acceleration, linear acceleration of the origin
  private final double[] f, t;      // [link][3] force and torque transmitted from link i−1 to link i
  private final double[] mm;        // [n][n] mass matrix
  private final double[] tmp = new double[3];

  /**
   * @param a       DH link lengths [m]
   * @param alpha   DH twists [rad]
   * @param d       DH offsets [m]
   * @param offset  joint zero offsets [rad]
   * @param mass    link masses [kg]
   * @param com     centres of mass in each link's frame [m], flat [link][3]
   * @param inertia principal moments about each centre of mass along the link frame's axes [kg·m²], flat [link][3]
   * @param baseRot world-from-base rotation, row-major [9]
   */
  public SerialChain(double[] a, double[] alpha, double[] d, double[] offset, double[] mass, double[] com,
      double[] inertia, double[] baseRot) {
    this(a, alpha, d, offset, mass, com, inertia, baseRot, identity(a.length));
  }

  private static double[] identity(int n) {
    double[] g = new double[n * n];
    for (int i = 0; i < n; i++) g[i * n + i] = 1;
    return g;
  }

  /**
   * A chain whose DH rows are not all actuated: row r turns by {@code offset[r] + Σⱼ gain[r][j]·q[j]}
   * (a parallelogram's passive joint is a row with gains such as (0, −1, −1, 0)). Masses, centres and
   * inertias are per row (zero for a massless row). Joint torques are the rows' torques mapped back
   * through the gains, τ = Gᵀ·τ_rows.
   *
   * @param gain the row-by-joint gain matrix, flat [row][joint]
   */
  public SerialChain(double[] a, double[] alpha, double[] d, double[] offset, double[] mass, double[] com,
      double[] inertia, double[] baseRot, double[] gain) {
    this.n = a.length;
    this.dof = gain.length / n;
    this.gain = gain.clone();
    rowQ = new double[n];
    rowQd = new double[n];
    rowQdd = new double[n];
    rowTau = new double[n];
    this.a = a.clone();
    this.alpha = alpha.clone();
    this.d = d.clone();
    this.offset = offset.clone();
    this.mass = mass.clone();
    this.com = com.clone();
    this.inertia = inertia.clone();
    this.baseRot = baseRot.clone();
    rot = new double[9 * n];
    pos = new double[3 * n];
    w = new double[3 * n];
    wd = new double[3 * n];
    vd = new double[3 * n];
    f = new double[3 * n];
    t = new double[3 * n];
    mm = new double[dof * dof];
  }

  /** A fresh instance with the same description (for another thread). */
  public SerialChain copy() {
    return new SerialChain(a, alpha, d, offset, mass, com, inertia, baseRot, gain);
  }

  /** Number of actuated joints. */
  public int joints() {
    return dof;
  }

  private void rows(double[] q, double[] out) {
    for (int r = 0; r < n; r++) {
      double v = 0;
      for (int j = 0; j < dof; j++) v += gain[r * dof + j] * q[j];
      out[r] = v;
    }
  }

  /**
   * Frames of every link for joint angles {@code q}, relative to the base origin: {@code rotOut}
   * [link][9] world rotations, {@code posOut} [link][3] origins (base origin at 0).
   */
  public void frames(double[] q, double[] rotOut, double[] posOut) {
    rows(q, rowQ);
    rowFrames(rowQ, rotOut, posOut);
  }

  private void rowFrames(double[] q, double[] rotOut, double[] posOut) {
    double[] r = {baseRot[0], baseRot[1], baseRot[2], baseRot[3], baseRot[4], baseRot[5], baseRot[6], baseRot[7], baseRot[8]};
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < n; i++) {
      double th = q[i] + offset[i];
      double ct = Math.cos(th), st = Math.sin(th), ca = Math.cos(alpha[i]), sa = Math.sin(alpha[i]);
      // local transform: rotation columns and translation in the parent frame
      double[] l = {ct, -st * ca, st * sa, st, ct * ca, -ct * sa, 0, sa, ca};
      double lx = a[i] * ct, ly = a[i] * st, lz = d[i];
      double nx = px + r[0] * lx + r[1] * ly + r[2] * lz;
      double ny = py + r[3] * lx + r[4] * ly + r[5] * lz;
      double nz = pz + r[6] * lx + r[7] * ly + r[8] * lz;
      double[] m = new double[9];
      for (int row = 0; row < 3; row++) {
        for (int col = 0; col < 3; col++) {
          m[3 * row + col] = r[3 * row] * l[col] + r[3 * row + 1] * l[3 + col] + r[3 * row + 2] * l[6 + col];
        }
      }
      r = m;
      px = nx;
      py = ny;
      pz = nz;
      System.arraycopy(r, 0, rotOut, 9 * i, 9);
      posOut[3 * i] = px;
      posOut[3 * i + 1] = py;
      posOut[3 * i + 2] = pz;
    }
  }

  /**
   * Joint torques [N·m] that give accelerations {@code qdd} at {@code q}, {@code qd}, under gravity
   * {@code g} (world, m/s²), with a payload of {@code payloadMass} kg whose centre is at
   * {@code payloadCom} in the last link's frame (point mass), into {@code tauOut}.
   */
  public void inverseDynamics(double[] qJoints, double[] qdJoints, double[] qddJoints, double[] g, double payloadMass,
      double[] payloadCom, double[] tauJoints) {
    rows(qJoints, rowQ);
    rows(qdJoints, rowQd);
    rows(qddJoints, rowQdd);
    double[] q = rowQ, qd = rowQd, qdd = rowQdd, tauOut = rowTau;
    rowFrames(q, rot, pos);
    // joint i turns about the z axis of frame i−1 (the base's z for joint 0), through frame i−1's origin
    double wx = 0, wy = 0, wz = 0, ax = 0, ay = 0, az = 0;
    double lx = -g[0], ly = -g[1], lz = -g[2]; // base "accelerates up" to stand in for gravity
    double ox = 0, oy = 0, oz = 0;
    for (int i = 0; i < n; i++) {
      double zx, zy, zz;
      if (i == 0) {
        zx = baseRot[2];
        zy = baseRot[5];
        zz = baseRot[8];
      } else {
        zx = rot[9 * (i - 1) + 2];
        zy = rot[9 * (i - 1) + 5];
        zz = rot[9 * (i - 1) + 8];
      }
      // angular velocity and acceleration of link i
      double nwx = wx + qd[i] * zx, nwy = wy + qd[i] * zy, nwz = wz + qd[i] * zz;
      double nax = ax + qdd[i] * zx + (wy * qd[i] * zz - wz * qd[i] * zy);
      double nay = ay + qdd[i] * zy + (wz * qd[i] * zx - wx * qd[i] * zz);
      double naz = az + qdd[i] * zz + (wx * qd[i] * zy - wy * qd[i] * zx);
      // linear acceleration of link i's origin from the previous origin
      double rx = pos[3 * i] - ox, ry = pos[3 * i + 1] - oy, rz = pos[3 * i + 2] - oz;
      double[] acc = pointAccel(lx, ly, lz, nax, nay, naz, nwx, nwy, nwz, rx, ry, rz);
      lx = acc[0];
      ly = acc[1];
      lz = acc[2];
      wx = nwx; wy = nwy; wz = nwz; ax = nax; ay = nay; az = naz;
      ox = pos[3 * i];
      oy = pos[3 * i + 1];
      oz = pos[3 * i + 2];
      w[3 * i] = wx; w[3 * i + 1] = wy; w[3 * i + 2] = wz;
      wd[3 * i] = ax; wd[3 * i + 1] = ay; wd[3 * i + 2] = az;
      vd[3 * i] = lx; vd[3 * i + 1] = ly; vd[3 * i + 2] = lz;
    }
    // backward: F = force the parent exerts on link i and everything beyond it; M = its torque about
    // joint i's point (frame i−1's origin), which is also where link i−1 needs it
    double fx = 0, fy = 0, fz = 0, mx = 0, my = 0, mz = 0;
    double[] body = wrench;
    for (int i = n - 1; i >= 0; i--) {
      System.arraycopy(rot, 9 * i, frame, 0, 9);
      bodyWrench(i, frame, mass[i], com, 3 * i, inertia, 3 * i, body);
      double bfx = body[0], bfy = body[1], bfz = body[2], btx = body[3], bty = body[4], btz = body[5];
      if (i == n - 1 && payloadMass > 0) {
        bodyWrench(i, frame, payloadMass, payloadCom, 0, null, 0, body);
        bfx += body[0]; bfy += body[1]; bfz += body[2];
        btx += body[3]; bty += body[4]; btz += body[5];
      }
      // about O_i: the body's own wrench plus what the child needs (already about O_i)
      fx += bfx;
      fy += bfy;
      fz += bfz;
      double tx = btx + mx, ty = bty + my, tz = btz + mz;
      // move to joint i's point O_{i−1}
      double jx, jy, jz, px, py, pz;
      if (i == 0) {
        jx = baseRot[2]; jy = baseRot[5]; jz = baseRot[8];
        px = 0; py = 0; pz = 0;
      } else {
        jx = rot[9 * (i - 1) + 2]; jy = rot[9 * (i - 1) + 5]; jz = rot[9 * (i - 1) + 8];
        px = pos[3 * (i - 1)]; py = pos[3 * (i - 1) + 1]; pz = pos[3 * (i - 1) + 2];
      }
      double rx = pos[3 * i] - px, ry = pos[3 * i + 1] - py, rz = pos[3 * i + 2] - pz;
      mx = tx + (ry * fz - rz * fy);
      my = ty + (rz * fx - rx * fz);
      mz = tz + (rx * fy - ry * fx);
      tauOut[i] = mx * jx + my * jy + mz * jz;
      f[3 * i] = fx; f[3 * i + 1] = fy; f[3 * i + 2] = fz;
      t[3 * i] = mx; t[3 * i + 1] = my; t[3 * i + 2] = mz;
    }
    for (int j = 0; j < dof; j++) {
      double v = 0;
      for (int r = 0; r < n; r++) v += gain[r * dof + j] * rowTau[r];
      tauJoints[j] = v;
    }
  }

  private final double[] wrench = new double[6];
  private final double[] frame = new double[9];

  /** Linear acceleration at r from a point with acceleration l, in a body with ω, ω̇. */
  private static double[] pointAccel(double lx, double ly, double lz, double ax, double ay, double az, double wx, double wy,
      double wz, double rx, double ry, double rz) {
    // l + ω̇ × r + ω × (ω × r)
    double cx = wy * rz - wz * ry, cy = wz * rx - wx * rz, cz = wx * ry - wy * rx;
    return new double[] {lx + (ay * rz - az * ry) + (wy * cz - wz * cy), ly + (az * rx - ax * rz) + (wz * cx - wx * cz),
        lz + (ax * ry - ay * rx) + (wx * cy - wy * cx)};
  }

  /**
   * Wrench [force, torque about link i's origin], world frame, needed to give a body of mass m at
   * centre c (link frame) with principal inertia (link-frame axes; null for a point mass) the motion of link i.
   */
  private void bodyWrench(int i, double[] R, double m, double[] c, int co, double[] in, int io, double[] out) {
    double cx = R[0] * c[co] + R[1] * c[co + 1] + R[2] * c[co + 2];
    double cy = R[3] * c[co] + R[4] * c[co + 1] + R[5] * c[co + 2];
    double cz = R[6] * c[co] + R[7] * c[co + 1] + R[8] * c[co + 2];
    double wx = w[3 * i], wy = w[3 * i + 1], wz = w[3 * i + 2];
    double ax = wd[3 * i], ay = wd[3 * i + 1], az = wd[3 * i + 2];
    double[] acc = pointAccel(vd[3 * i], vd[3 * i + 1], vd[3 * i + 2], ax, ay, az, wx, wy, wz, cx, cy, cz);
    double fx = m * acc[0], fy = m * acc[1], fz = m * acc[2];
    double tx = 0, ty = 0, tz = 0;
    if (in != null) {
      // I_world = R diag(in) Rᵀ; τ = I ω̇ + ω × I ω
      double[] iw = new double[9];
      for (int row = 0; row < 3; row++) {
        for (int col = 0; col < 3; col++) {
          iw[3 * row + col] = R[3 * row] * in[io] * R[3 * col] + R[3 * row + 1] * in[io + 1] * R[3 * col + 1]
              + R[3 * row + 2] * in[io + 2] * R[3 * col + 2];
        }
      }
      double iax = iw[0] * ax + iw[1] * ay + iw[2] * az, iay = iw[3] * ax + iw[4] * ay + iw[5] * az, iaz = iw[6] * ax + iw[7] * ay + iw[8] * az;
      double iwx = iw[0] * wx + iw[1] * wy + iw[2] * wz, iwy = iw[3] * wx + iw[4] * wy + iw[5] * wz, iwz = iw[6] * wx + iw[7] * wy + iw[8] * wz;
      tx = iax + (wy * iwz - wz * iwy);
      ty = iay + (wz * iwx - wx * iwz);
      tz = iaz + (wx * iwy - wy * iwx);
    }
    // about the link origin: add c × f
    out[0] = fx;
    out[1] = fy;
    out[2] = fz;
    out[3] = tx + (cy * fz - cz * fy);
    out[4] = ty + (cz * fx - cx * fz);
    out[5] = tz + (cx * fy - cy * fx);
  }

  /**
   * Joint accelerations [rad/s²] under torques {@code tau} at {@code q}, {@code qd}: solves
   * M(q)·q̈ = τ − h(q, q̇), with M built column by column from inverse dynamics.
   */
  public void forwardDynamics(double[] q, double[] qd, double[] tau, double[] g, double payloadMass, double[] payloadCom,
      double[] qddOut) {
    int k = dof;
    double[] zero = new double[k];
    double[] h = new double[k];
    inverseDynamics(q, qd, zero, g, payloadMass, payloadCom, h);
    double[] e = new double[k];
    double[] col = new double[k];
    double[] none = {0, 0, 0};
    for (int j = 0; j < k; j++) {
      java.util.Arrays.fill(e, 0);
      e[j] = 1;
      inverseDynamics(q, zero, e, none, payloadMass, payloadCom, col);
      for (int i = 0; i < k; i++) mm[i * k + j] = col[i];
    }
    for (int i = 0; i < k; i++) qddOut[i] = tau[i] - h[i];
    solveSpd(mm, qddOut, k);
  }

  /** Solves A x = b in place (A symmetric positive definite, overwritten by its Cholesky factor). */
  static void solveSpd(double[] A, double[] b, int n) {
    for (int j = 0; j < n; j++) {
      double s = A[j * n + j];
      for (int k = 0; k < j; k++) s -= A[j * n + k] * A[j * n + k];
      if (!(s > 0)) throw new ArithmeticException("mass matrix not positive definite at column " + j + ": " + s);
      double l = Math.sqrt(s);
      A[j * n + j] = l;
      for (int i = j + 1; i < n; i++) {
        double v = A[i * n + j];
        for (int k = 0; k < j; k++) v -= A[i * n + k] * A[j * n + k];
        A[i * n + j] = v / l;
      }
    }
    for (int i = 0; i < n; i++) {
      double v = b[i];
      for (int k = 0; k < i; k++) v -= A[i * n + k] * b[k];
      b[i] = v / A[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double v = b[i];
      for (int k = i + 1; k < n; k++) v -= A[k * n + i] * b[k];
      b[i] = v / A[i * n + i];
    }
  }
}
