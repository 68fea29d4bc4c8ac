package io.factorytwin.physics.internal;

import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.SolverCache;
import io.factorytwin.physics.PhysicsSettings;

/**
 * FactoryTwin's sequential-impulse solver, in double precision, over the contacts of one step
 * (sorted by key) and the layout's point-to-point links. What it does differently from JBullet's
 * {@code SequentialImpulseConstraintSolver}, and why (docs/physics-fidelity.md):
 * <ul>
 *   <li>Friction is a Coulomb cone per contact point (the two tangent impulses clamped together to
 *       μ·λn), solved before the normal row; warm-started friction is re-clamped to the warm-started
 *       normal impulse, and both tangent impulses are kept (JBullet writes back one of them twice).</li>
 *   <li>The warm-start cache lives in the {@link SimState}, keyed by (body pair, contact feature),
 *       so a restored state continues exactly; no randomised row order.</li>
 *   <li>Penetration is removed by split impulses (pseudo-velocities that move bodies but add no
 *       momentum), so resolving overlap injects no energy; separated contacts within the margin
 *       are speculative: they allow exactly the approach that closes the gap.</li>
 *   <li>A link is solved as one 3×3 block (the exact inverse of its effective mass), with a
 *       target velocity that makes the anchor land on the pivot after the step's rotation, which
 *       is second-order exact: a pendulum neither stretches its link nor drifts in energy.</li>
 * </ul>
 *
 * <p>Confined to its world's thread.
 */
final class ContactSolver {
  private final TwinWorld w;
  private final PhysicsSettings settings;
  private final double dt;

  // rows, in sorted contact order; per row three directions (normal, tangent 1, tangent 2)
  private int rows;
  private int[] bA = new int[0], bB = new int[0];
  private double[] dir = new double[0];   // [row][dir][xyz]
  private double[] angA = new double[0];  // rA × dir
  private double[] angB = new double[0];  // rB × dir
  private double[] invA = new double[0];  // IA^-1 (rA × dir)
  private double[] invB = new double[0];  // IB^-1 (rB × dir)
  private double[] mass = new double[0];  // [row][dir] effective mass
  private double[] mu = new double[0];
  private double[] target = new double[0];
  private double[] surf = new double[0]; // [row][dir] velocity of B's surface along each direction
  private double[] posTarget = new double[0];
  private double[] lamN = new double[0], lamT1 = new double[0], lamT2 = new double[0], lamP = new double[0];
  private double[] pv = new double[0], pw = new double[0]; // pseudo-velocities [body][xyz]

  // links
  private final double[] linkArm;     // [link][xyz] world arm R·anchor
  private final double[] linkError;   // [link][xyz] anchor − pivot at step start
  private final double[] linkKInv;    // [link][9]
  private final double[] linkImpulse; // [link][xyz] accumulated this step [N·s]
  private final double[] tmp = new double[3];
  private final double[] kScratch = new double[9];

  ContactSolver(TwinWorld w, PhysicsSettings settings, double dt) {
    this.w = w;
    this.settings = settings;
    this.dt = dt;
    int n = w.bodyCount();
    pv = new double[3 * n];
    pw = new double[3 * n];
    linkArm = new double[3 * w.linkCount];
    linkError = new double[3 * w.linkCount];
    linkKInv = new double[9 * w.linkCount];
    linkImpulse = new double[3 * w.linkCount];
  }

  /** Normal impulses of the last step [N·s], in sorted contact order. */
  double[] normalImpulses() {
    return lamN;
  }

  /** Accumulated impulse of link {@code k} in the last step [N·s], world frame, component {@code c}. */
  double linkImpulse(int k, int c) {
    return linkImpulse[3 * k + c];
  }

  private void ensure(int m) {
    if (bA.length >= m) return;
    int cap = Math.max(m, bA.length * 2);
    bA = new int[cap];
    bB = new int[cap];
    dir = new double[cap * 9];
    angA = new double[cap * 9];
    angB = new double[cap * 9];
    invA = new double[cap * 9];
    invB = new double[cap * 9];
    mass = new double[cap * 3];
    mu = new double[cap];
    target = new double[cap];
    surf = new double[cap * 3];
    posTarget = new double[cap];
    lamN = new double[cap];
    lamT1 = new double[cap];
    lamT2 = new double[cap];
    lamP = new double[cap];
  }

  void solve(SimState state, int[] order) {
    double[] v = w.sbV, om = w.sbW;
    int m = w.contactCount;
    ensure(m);
    rows = m;
    java.util.Arrays.fill(pv, 0);
    java.util.Arrays.fill(pw, 0);
    setupLinks(state);
    setupContacts(state, order, v, om);
    for (int it = 0; it < settings.velocityIterations(); it++) {
      solveLinks(v, om);
      for (int j = 0; j < m; j++) {
        solveFriction(j, v, om);
        solveNormal(j, v, om);
      }
    }
    for (int it = 0; it < settings.positionIterations(); it++) {
      for (int j = 0; j < m; j++) {
        if (posTarget[j] != 0) solvePosition(j);
      }
    }
    storeCache(state.solverCache());
  }

  // ------------------------------------------------------------------ contacts

  private void setupContacts(SimState state, int[] order, double[] v, double[] om) {
    int n = w.bodyCount();
    double[] slotPos = w.slotPositions();
    int[] root = w.root;
    double[] com = w.sbCom;
    SolverCache cache = state.solverCache();
    boolean warm = settings.warmStart();
    double slop = settings.linearSlop();
    for (int j = 0; j < rows; j++) {
      int k = order[j];
      int a = w.cA[k], b = w.cB[k];
      int sa = a < n ? root[a] : -1, sb = b < n ? root[b] : -1;
      bA[j] = sa;
      bB[j] = sb;
      // arms from the centre of mass of each side's rigid assembly (a lone body: its own centre)
      double[] pa = sa >= 0 ? com : slotPos, pb = sb >= 0 ? com : slotPos;
      int ia = sa >= 0 ? sa : a, ib = sb >= 0 ? sb : b;
      double nx = w.cNormal[3 * k], ny = w.cNormal[3 * k + 1], nz = w.cNormal[3 * k + 2];
      double px = w.cPoint[3 * k], py = w.cPoint[3 * k + 1], pz = w.cPoint[3 * k + 2];
      double rax = px - pa[3 * ia], ray = py - pa[3 * ia + 1], raz = pz - pa[3 * ia + 2];
      double rbx = px - pb[3 * ib], rby = py - pb[3 * ib + 1], rbz = pz - pb[3 * ib + 2];
      // tangent basis from the normal alone, so it is the same every step for the same normal
      double t1x, t1y, t1z;
      if (Math.abs(nz) > 0.7071067811865476) {
        double s = 1 / Math.sqrt(ny * ny + nz * nz);
        t1x = 0; t1y = -nz * s; t1z = ny * s;
      } else {
        double s = 1 / Math.sqrt(nx * nx + ny * ny);
        t1x = -ny * s; t1y = nx * s; t1z = 0;
      }
      double t2x = ny * t1z - nz * t1y, t2y = nz * t1x - nx * t1z, t2z = nx * t1y - ny * t1x;
      int o = 9 * j;
      set3(dir, o, nx, ny, nz);
      set3(dir, o + 3, t1x, t1y, t1z);
      set3(dir, o + 6, t2x, t2y, t2z);
      for (int d = 0; d < 3; d++) {
        int q = o + 3 * d;
        double dx = dir[q], dy = dir[q + 1], dz = dir[q + 2];
        double k2 = 0;
        if (bA[j] >= 0) {
          set3(angA, q, ray * dz - raz * dy, raz * dx - rax * dz, rax * dy - ray * dx);
          mulInertia(sa, angA, q, invA);
          k2 += w.sbInvMass[sa] + dot3(angA, q, invA, q);
        } else {
          set3(angA, q, 0, 0, 0);
          set3(invA, q, 0, 0, 0);
        }
        if (bB[j] >= 0) {
          set3(angB, q, rby * dz - rbz * dy, rbz * dx - rbx * dz, rbx * dy - rby * dx);
          mulInertia(sb, angB, q, invB);
          k2 += w.sbInvMass[sb] + dot3(angB, q, invB, q);
        } else {
          set3(angB, q, 0, 0, 0);
          set3(invB, q, 0, 0, 0);
        }
        mass[3 * j + d] = k2 > 0 ? 1 / k2 : 0;
      }
      // a static B may move: a belt's surface (tangential only) or a pusher's paddle (all of it)
      if (sb < 0) {
        // velocity of B's surface at the contact point: v + ω × (p − centre)
        double ox = w.slotOmega[3 * b], oy = w.slotOmega[3 * b + 1], oz = w.slotOmega[3 * b + 2];
        double ux = w.slotVel[3 * b] + (oy * rbz - oz * rby), uy = w.slotVel[3 * b + 1] + (oz * rbx - ox * rbz);
        double uz = w.slotVel[3 * b + 2] + (ox * rby - oy * rbx);
        surf[3 * j] = w.slotKinematic[b] ? ux * nx + uy * ny + uz * nz : 0;
        surf[3 * j + 1] = ux * t1x + uy * t1y + uz * t1z;
        surf[3 * j + 2] = ux * t2x + uy * t2y + uz * t2z;
      } else {
        surf[3 * j] = surf[3 * j + 1] = surf[3 * j + 2] = 0;
      }
      mu[j] = w.slotFriction(a) * w.slotFriction(b);
      double e = w.slotRestitution(a) * w.slotRestitution(b);
      double depth = w.cDepth[k];
      double vn = relVel(j, 0, v, om) - surf[3 * j];
      // speculative: a gap may close this step but not more; touching contacts hold (target 0)
      double t = depth < 0 ? depth / dt : 0;
      double pt = depth > slop ? settings.penetrationRecovery() * (depth - slop) / dt : 0;
      if (e > 0 && vn < -settings.restitutionThreshold() && -vn * dt >= -depth) {
        t = Math.max(t, -e * vn);
        if (depth < 0) {
          // The bounce starts this step from a gap g = -depth, i.e. early. Exactly, A would close the
          // gap and rebound for the rest of the step; the difference is -g(1 + e) of travel along
          // the normal, which a (negative) pseudo-velocity moves without touching momentum.
          pt = (1 + e) * depth / dt;
        }
      }
      target[j] = t;
      posTarget[j] = pt;
      lamP[j] = 0;
      double ln = 0, l1 = 0, l2 = 0;
      if (warm) {
        int at = cache.find(w.cKey[k]);
        if (at >= 0) {
          double[] cv = cache.values();
          int c = at * SolverCache.STRIDE;
          ln = cv[c];
          l1 = cv[c + 1] * t1x + cv[c + 2] * t1y + cv[c + 3] * t1z;
          l2 = cv[c + 1] * t2x + cv[c + 2] * t2y + cv[c + 3] * t2z;
          double cap = mu[j] * ln;
          double len = Math.sqrt(l1 * l1 + l2 * l2);
          if (len > cap) {
            double s = len > 0 ? cap / len : 0;
            l1 *= s;
            l2 *= s;
          }
        }
      }
      lamN[j] = ln;
      lamT1[j] = l1;
      lamT2[j] = l2;
      if (ln != 0) apply(j, 0, ln, v, om);
      if (l1 != 0) apply(j, 1, l1, v, om);
      if (l2 != 0) apply(j, 2, l2, v, om);
    }
  }

  private void solveNormal(int j, double[] v, double[] om) {
    double vn = relVel(j, 0, v, om) - surf[3 * j];
    double d = (target[j] - vn) * mass[3 * j];
    double old = lamN[j];
    double now = Math.max(old + d, 0);
    lamN[j] = now;
    if (now != old) apply(j, 0, now - old, v, om);
  }

  private void solveFriction(int j, double[] v, double[] om) {
    double cap = mu[j] * lamN[j];
    double v1 = relVel(j, 1, v, om) - surf[3 * j + 1], v2 = relVel(j, 2, v, om) - surf[3 * j + 2];
    double o1 = lamT1[j], o2 = lamT2[j];
    double n1 = o1 - v1 * mass[3 * j + 1];
    double n2 = o2 - v2 * mass[3 * j + 2];
    double len = Math.sqrt(n1 * n1 + n2 * n2);
    if (len > cap) {
      double s = len > 0 ? cap / len : 0;
      n1 *= s;
      n2 *= s;
    }
    lamT1[j] = n1;
    lamT2[j] = n2;
    if (n1 != o1) apply(j, 1, n1 - o1, v, om);
    if (n2 != o2) apply(j, 2, n2 - o2, v, om);
  }

  private void solvePosition(int j) {
    double vn = relVel(j, 0, pv, pw);
    double d = (posTarget[j] - vn) * mass[3 * j];
    double old = lamP[j];
    // penetration pushes apart only; an early bounce's correction (negative target) pulls
    double now = posTarget[j] > 0 ? Math.max(old + d, 0) : old + d;
    lamP[j] = now;
    if (now != old) apply(j, 0, now - old, pv, pw);
  }

  /** Relative velocity of A with respect to B along direction {@code d} of row {@code j}. */
  private double relVel(int j, int d, double[] v, double[] om) {
    int q = 9 * j + 3 * d;
    double r = 0;
    int a = bA[j], b = bB[j];
    if (a >= 0) {
      r += dir[q] * v[3 * a] + dir[q + 1] * v[3 * a + 1] + dir[q + 2] * v[3 * a + 2]
          + angA[q] * om[3 * a] + angA[q + 1] * om[3 * a + 1] + angA[q + 2] * om[3 * a + 2];
    }
    if (b >= 0) {
      r -= dir[q] * v[3 * b] + dir[q + 1] * v[3 * b + 1] + dir[q + 2] * v[3 * b + 2]
          + angB[q] * om[3 * b] + angB[q + 1] * om[3 * b + 1] + angB[q + 2] * om[3 * b + 2];
    }
    return r;
  }

  /** Applies impulse {@code l} along direction {@code d} of row {@code j}: +l to A, −l to B. */
  private void apply(int j, int d, double l, double[] v, double[] om) {
    int q = 9 * j + 3 * d;
    int a = bA[j], b = bB[j];
    if (a >= 0) {
      double im = w.sbInvMass[a] * l;
      v[3 * a] += im * dir[q];
      v[3 * a + 1] += im * dir[q + 1];
      v[3 * a + 2] += im * dir[q + 2];
      om[3 * a] += l * invA[q];
      om[3 * a + 1] += l * invA[q + 1];
      om[3 * a + 2] += l * invA[q + 2];
    }
    if (b >= 0) {
      double im = w.sbInvMass[b] * l;
      v[3 * b] -= im * dir[q];
      v[3 * b + 1] -= im * dir[q + 1];
      v[3 * b + 2] -= im * dir[q + 2];
      om[3 * b] -= l * invB[q];
      om[3 * b + 1] -= l * invB[q + 1];
      om[3 * b + 2] -= l * invB[q + 2];
    }
  }

  private void storeCache(SolverCache cache) {
    // this step's rows (ascending keys) merged with the carried entries of calm items (ascending)
    int carried = w.carryCount;
    long[] ck = w.carryKeys();
    double[] cv = w.carryValues();
    long[] rowKeys = rowKeyScratch(rows);
    w.fillSortedKeys(rowKeys);
    cache.resize(rows + carried);
    long[] keys = cache.keys();
    double[] vals = cache.values();
    int r = 0, c = 0, o = 0;
    while (r < rows || c < carried) {
      int out = o * SolverCache.STRIDE;
      if (c >= carried || (r < rows && rowKeys[r] < ck[c])) {
        int d = 9 * r;
        keys[o] = rowKeys[r];
        vals[out] = lamN[r];
        vals[out + 1] = lamT1[r] * dir[d + 3] + lamT2[r] * dir[d + 6];
        vals[out + 2] = lamT1[r] * dir[d + 4] + lamT2[r] * dir[d + 7];
        vals[out + 3] = lamT1[r] * dir[d + 5] + lamT2[r] * dir[d + 8];
        r++;
      } else {
        keys[o] = ck[c];
        System.arraycopy(cv, c * SolverCache.STRIDE, vals, out, SolverCache.STRIDE);
        c++;
      }
      o++;
    }
  }

  private long[] rowKeyBuffer = new long[16];

  private long[] rowKeyScratch(int m) {
    if (rowKeyBuffer.length < m) rowKeyBuffer = new long[Math.max(m, rowKeyBuffer.length * 2)];
    return rowKeyBuffer;
  }

  // ------------------------------------------------------------------ links

  private void setupLinks(SimState state) {
    double[] sp = state.positions();
    double[] rotm = w.slotRotations();
    double[] com = w.sbCom;
    for (int k = 0; k < w.linkCount; k++) {
      linkImpulse[3 * k] = linkImpulse[3 * k + 1] = linkImpulse[3 * k + 2] = 0;
      if (!w.linkActive[k]) continue;
      int i = w.linkBody[k];
      int sb = w.root[i];
      int r = 9 * i;
      // the anchor this step should end at (a rope's anchor moves with its length), at today's pose
      double ax = w.linkAnchor[3 * k], ay = w.linkAnchor[3 * k + 1], az = w.linkAnchor[3 * k + 2];
      double rx = sp[3 * i] + rotm[r] * ax + rotm[r + 1] * ay + rotm[r + 2] * az - com[3 * sb];
      double ry = sp[3 * i + 1] + rotm[r + 3] * ax + rotm[r + 4] * ay + rotm[r + 5] * az - com[3 * sb + 1];
      double rz = sp[3 * i + 2] + rotm[r + 6] * ax + rotm[r + 7] * ay + rotm[r + 8] * az - com[3 * sb + 2];
      set3(linkArm, 3 * k, rx, ry, rz);
      set3(linkError, 3 * k, com[3 * sb] + rx - w.linkPivot[3 * k], com[3 * sb + 1] + ry - w.linkPivot[3 * k + 1],
          com[3 * sb + 2] + rz - w.linkPivot[3 * k + 2]);
      // K λ = λ/m + (I^-1 (r × λ)) × r, column by column
      double[] kk = kScratch;
      double im = w.sbInvMass[sb];
      double[] ii = w.sbInvInertia;
      int q = 9 * sb;
      for (int c = 0; c < 3; c++) {
        double lx = c == 0 ? 1 : 0, ly = c == 1 ? 1 : 0, lz = c == 2 ? 1 : 0;
        double cx = ry * lz - rz * ly, cy = rz * lx - rx * lz, cz = rx * ly - ry * lx;
        double dwx = ii[q] * cx + ii[q + 1] * cy + ii[q + 2] * cz;
        double dwy = ii[q + 3] * cx + ii[q + 4] * cy + ii[q + 5] * cz;
        double dwz = ii[q + 6] * cx + ii[q + 7] * cy + ii[q + 8] * cz;
        kk[c] = im * lx + (dwy * rz - dwz * ry);
        kk[3 + c] = im * ly + (dwz * rx - dwx * rz);
        kk[6 + c] = im * lz + (dwx * ry - dwy * rx);
      }
      invert3(kk, linkKInv, 9 * k);
    }
  }

  private void solveLinks(double[] v, double[] om) {
    for (int k = 0; k < w.linkCount; k++) {
      if (!w.linkActive[k]) continue;
      int i = w.root[w.linkBody[k]];
      double rx = linkArm[3 * k], ry = linkArm[3 * k + 1], rz = linkArm[3 * k + 2];
      double wx = om[3 * i], wy = om[3 * i + 1], wz = om[3 * i + 2];
      // where the arm points after this step's rotation, exactly as integrate() will rotate it
      rotateByAngularVelocity(rx, ry, rz, wx, wy, wz, dt, tmp);
      // anchor displacement over the step / dt, plus the error carried in, must vanish
      double ux = v[3 * i] + (tmp[0] - rx + linkError[3 * k]) / dt;
      double uy = v[3 * i + 1] + (tmp[1] - ry + linkError[3 * k + 1]) / dt;
      double uz = v[3 * i + 2] + (tmp[2] - rz + linkError[3 * k + 2]) / dt;
      int q = 9 * k;
      double lx = -(linkKInv[q] * ux + linkKInv[q + 1] * uy + linkKInv[q + 2] * uz);
      double ly = -(linkKInv[q + 3] * ux + linkKInv[q + 4] * uy + linkKInv[q + 5] * uz);
      double lz = -(linkKInv[q + 6] * ux + linkKInv[q + 7] * uy + linkKInv[q + 8] * uz);
      if (w.linkRope[k] >= 0) {
        // a rope pulls and never pushes: if the total impulse would push the anchor away from the
        // rope's upper end, the rope is slack this step and gives back what it applied
        double ox = w.linkAxis[3 * k], oy = w.linkAxis[3 * k + 1], oz = w.linkAxis[3 * k + 2];
        double axial = (linkImpulse[3 * k] + lx) * ox + (linkImpulse[3 * k + 1] + ly) * oy
            + (linkImpulse[3 * k + 2] + lz) * oz;
        if (axial < 0) {
          lx = -linkImpulse[3 * k];
          ly = -linkImpulse[3 * k + 1];
          lz = -linkImpulse[3 * k + 2];
        }
      }
      applyLink(k, i, rx, ry, rz, lx, ly, lz, v, om);
    }
  }

  private void applyLink(int k, int i, double rx, double ry, double rz, double lx, double ly, double lz, double[] v,
      double[] om) {
    double im = w.sbInvMass[i];
    v[3 * i] += im * lx;
    v[3 * i + 1] += im * ly;
    v[3 * i + 2] += im * lz;
    double cx = ry * lz - rz * ly, cy = rz * lx - rx * lz, cz = rx * ly - ry * lx;
    double[] ii = w.sbInvInertia;
    int r = 9 * i;
    om[3 * i] += ii[r] * cx + ii[r + 1] * cy + ii[r + 2] * cz;
    om[3 * i + 1] += ii[r + 3] * cx + ii[r + 4] * cy + ii[r + 5] * cz;
    om[3 * i + 2] += ii[r + 6] * cx + ii[r + 7] * cy + ii[r + 8] * cz;
    linkImpulse[3 * k] += lx;
    linkImpulse[3 * k + 1] += ly;
    linkImpulse[3 * k + 2] += lz;
  }

  // ------------------------------------------------------------------ integration

  /**
   * Advances every rigid assembly: its centre of mass by (velocity + pseudo-velocity)·dt, its
   * orientation by the exact exponential map; each member keeps its offset from the centre of mass,
   * rotated with it, and takes the assembly's velocity at its own centre.
   */
  void integrate(SimState state, boolean[] frozen, boolean[] asleep, boolean[] carried) {
    double[] p = state.positions(), q = state.rotations(), v = state.velocities(), om = state.angularVelocities();
    double[] sv = w.sbV, sw = w.sbW, com = w.sbCom;
    int[] root = w.root;
    for (int i = 0; i < frozen.length; i++) {
      if (frozen[i] || asleep[i] || carried[i]) continue;
      int s = root[i];
      double wx = sw[3 * s] + pw[3 * s], wy = sw[3 * s + 1] + pw[3 * s + 1], wz = sw[3 * s + 2] + pw[3 * s + 2];
      double lx = sv[3 * s] + pv[3 * s], ly = sv[3 * s + 1] + pv[3 * s + 1], lz = sv[3 * s + 2] + pv[3 * s + 2];
      if (!w.assembled[s]) {
        p[3 * i] += dt * lx;
        p[3 * i + 1] += dt * ly;
        p[3 * i + 2] += dt * lz;
        v[3 * i] = sv[3 * i];
        v[3 * i + 1] = sv[3 * i + 1];
        v[3 * i + 2] = sv[3 * i + 2];
      } else {
        // member offset from the old centre, rotated by this step's rotation, from the new centre
        rotateByAngularVelocity(p[3 * i] - com[3 * s], p[3 * i + 1] - com[3 * s + 1], p[3 * i + 2] - com[3 * s + 2],
            wx, wy, wz, dt, tmp);
        double cx = com[3 * s] + dt * lx, cy = com[3 * s + 1] + dt * ly, cz = com[3 * s + 2] + dt * lz;
        p[3 * i] = cx + tmp[0];
        p[3 * i + 1] = cy + tmp[1];
        p[3 * i + 2] = cz + tmp[2];
        double ox = sw[3 * s], oy = sw[3 * s + 1], oz = sw[3 * s + 2];
        v[3 * i] = sv[3 * s] + (oy * tmp[2] - oz * tmp[1]);
        v[3 * i + 1] = sv[3 * s + 1] + (oz * tmp[0] - ox * tmp[2]);
        v[3 * i + 2] = sv[3 * s + 2] + (ox * tmp[1] - oy * tmp[0]);
      }
      om[3 * i] = sw[3 * s];
      om[3 * i + 1] = sw[3 * s + 1];
      om[3 * i + 2] = sw[3 * s + 2];
      double wl = Math.sqrt(wx * wx + wy * wy + wz * wz);
      if (wl == 0) continue;
      double half = 0.5 * wl * dt;
      double sn = Math.sin(half) / wl, c = Math.cos(half);
      double dw = c, dx = wx * sn, dy = wy * sn, dz = wz * sn;
      int o = 4 * i;
      double qw = q[o], qx = q[o + 1], qy = q[o + 2], qz = q[o + 3];
      double nw = dw * qw - dx * qx - dy * qy - dz * qz;
      double nx = dw * qx + dx * qw + dy * qz - dz * qy;
      double ny = dw * qy - dx * qz + dy * qw + dz * qx;
      double nz = dw * qz + dx * qy - dy * qx + dz * qw;
      double inv = 1 / Math.sqrt(nw * nw + nx * nx + ny * ny + nz * nz);
      q[o] = nw * inv;
      q[o + 1] = nx * inv;
      q[o + 2] = ny * inv;
      q[o + 3] = nz * inv;
    }
  }

  /** Rotates (rx, ry, rz) by the angle |ω|·h about ω (Rodrigues), into {@code out}. */
  static void rotateByAngularVelocity(double rx, double ry, double rz, double wx, double wy, double wz, double h,
      double[] out) {
    double wl = Math.sqrt(wx * wx + wy * wy + wz * wz);
    if (wl == 0) {
      out[0] = rx;
      out[1] = ry;
      out[2] = rz;
      return;
    }
    double kx = wx / wl, ky = wy / wl, kz = wz / wl;
    double th = wl * h;
    // same half-angle quaternion as integrate(), so arm and body rotate identically
    double s = Math.sin(th / 2), c = Math.cos(th / 2);
    double qx = kx * s, qy = ky * s, qz = kz * s;
    double tx = 2 * (qy * rz - qz * ry), ty = 2 * (qz * rx - qx * rz), tz = 2 * (qx * ry - qy * rx);
    out[0] = rx + c * tx + (qy * tz - qz * ty);
    out[1] = ry + c * ty + (qz * tx - qx * tz);
    out[2] = rz + c * tz + (qx * ty - qy * tx);
  }

  // ------------------------------------------------------------------ small linear algebra

  private void mulInertia(int body, double[] src, int q, double[] dst) {
    double[] ii = w.sbInvInertia;
    int r = 9 * body;
    double x = src[q], y = src[q + 1], z = src[q + 2];
    dst[q] = ii[r] * x + ii[r + 1] * y + ii[r + 2] * z;
    dst[q + 1] = ii[r + 3] * x + ii[r + 4] * y + ii[r + 5] * z;
    dst[q + 2] = ii[r + 6] * x + ii[r + 7] * y + ii[r + 8] * z;
  }

  private static void set3(double[] a, int o, double x, double y, double z) {
    a[o] = x;
    a[o + 1] = y;
    a[o + 2] = z;
  }

  private static double dot3(double[] a, int oa, double[] b, int ob) {
    return a[oa] * b[ob] + a[oa + 1] * b[ob + 1] + a[oa + 2] * b[ob + 2];
  }

  /** Inverse of the 3×3 matrix {@code m} (row-major) into {@code out[o..o+8]}, by cofactors. */
  static void invert3(double[] m, double[] out, int o) {
    double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], k = m[8];
    double A = e * k - f * h, B = -(d * k - f * g), C = d * h - e * g;
    double det = a * A + b * B + c * C;
    double inv = 1 / det;
    out[o] = A * inv;
    out[o + 1] = -(b * k - c * h) * inv;
    out[o + 2] = (b * f - c * e) * inv;
    out[o + 3] = B * inv;
    out[o + 4] = (a * k - c * g) * inv;
    out[o + 5] = -(a * f - c * d) * inv;
    out[o + 6] = C * inv;
    out[o + 7] = -(a * h - b * g) * inv;
    out[o + 8] = (a * e - b * d) * inv;
  }
}
