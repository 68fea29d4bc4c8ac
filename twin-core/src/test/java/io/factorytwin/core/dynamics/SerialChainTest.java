package io.factorytwin.core.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SerialChainTest {
  static final double[] G = {0, 0, -9.81};
  /** Base turned so joint 0's axis (base z) is horizontal, along world −Y... rows of world-from-base. */
  static final double[] HORIZONTAL = {1, 0, 0, 0, 0, -1, 0, 1, 0};

  @Test
  void singleLinkIsACompoundPendulum() {
    double m = 3, l = 0.8, icm = 0.05;
    // one joint, link along its x axis (a = l), centre of mass halfway
    SerialChain c = new SerialChain(new double[] {l}, new double[] {0}, new double[] {0}, new double[] {0},
        new double[] {m}, new double[] {-l / 2, 0, 0}, new double[] {icm, icm, icm}, HORIZONTAL);
    double[] tau = new double[1], qdd = new double[1];
    for (double th : new double[] {0, 0.3, 1.2, -2.0}) {
      c.inverseDynamics(new double[] {th}, new double[] {0}, new double[] {0}, G, 0, new double[3], tau);
      // the link points along (cos θ, ·, sin θ) in the vertical plane; holding it costs m g (l/2) cos θ
      assertEquals(m * 9.81 * (l / 2) * Math.cos(th), tau[0], 1e-9, "holding torque at " + th);
      c.forwardDynamics(new double[] {th}, new double[] {0}, new double[] {0}, G, 0, new double[3], qdd);
      assertEquals(-m * 9.81 * (l / 2) * Math.cos(th) / (icm + m * l * l / 4), qdd[0], 1e-9);
    }
    // a point payload at the tip adds its weight times the full length
    c.inverseDynamics(new double[] {0}, new double[] {0}, new double[] {0}, G, 2.0, new double[] {0, 0, 0}, tau);
    assertEquals(m * 9.81 * l / 2 + 2.0 * 9.81 * l, tau[0], 1e-9);
  }

  /** A 3-link chain swinging freely keeps its energy (checks mass matrix, Coriolis and gravity together). */
  @Test
  void freeSwingOfAThreeLinkChainConservesEnergy() {
    double[] a = {0.5, 0.4, 0.3}, alpha = {0, Math.PI / 2, 0}, d = {0, 0.1, 0};
    double[] mass = {2, 1.5, 1};
    double[] com = {-0.25, 0, 0, -0.2, 0.02, 0, -0.15, 0, 0.01};
    double[] in = {0.02, 0.05, 0.05, 0.01, 0.03, 0.03, 0.005, 0.01, 0.012};
    SerialChain c = new SerialChain(a, alpha, d, new double[3], mass, com, in, HORIZONTAL);
    double[] q = {0.4, -0.7, 1.1}, qd = {0.5, -0.3, 0.8};
    double e0 = energy(c, q, qd, mass, com);
    double h = 1e-4;
    for (int k = 0; k < 20000; k++) { // 2 s of RK4
      double[][] kq = new double[4][], kv = new double[4][];
      double[] q1 = q, v1 = qd;
      for (int s = 0; s < 4; s++) {
        double[] acc = new double[3];
        c.forwardDynamics(q1, v1, new double[3], G, 0, new double[3], acc);
        kq[s] = v1.clone();
        kv[s] = acc;
        double step = s < 2 ? h / 2 : h;
        if (s < 3) {
          double[] nq = new double[3], nv = new double[3];
          for (int i = 0; i < 3; i++) {
            nq[i] = q[i] + step * kq[s][i];
            nv[i] = qd[i] + step * kv[s][i];
          }
          q1 = nq;
          v1 = nv;
        }
      }
      double[] nq = new double[3], nv = new double[3];
      for (int i = 0; i < 3; i++) {
        nq[i] = q[i] + h / 6 * (kq[0][i] + 2 * kq[1][i] + 2 * kq[2][i] + kq[3][i]);
        nv[i] = qd[i] + h / 6 * (kv[0][i] + 2 * kv[1][i] + 2 * kv[2][i] + kv[3][i]);
      }
      q = nq;
      qd = nv;
    }
    double e1 = energy(c, q, qd, mass, com);
    // RK4 at 0.1 ms conserves energy to ~1e-9 J for this system; a wrong Coriolis or gravity term drifts by joules
    assertEquals(e0, e1, 1e-6, "energy [J]");
  }

  /** A chain with a passive row turning by −q1 (a parallelogram) swings freely keeping its energy. */
  @Test
  void coupledRowMapsTorquesThroughItsGains() {
    double[] a = {0.5, 0.4, 0.3}, alpha = {0, 0, 0}, d = {0, 0, 0};
    double[] mass = {2, 1.5, 1};
    double[] com = {-0.25, 0, 0, -0.2, 0, 0, -0.15, 0, 0};
    double[] in = {0.02, 0.05, 0.05, 0.01, 0.03, 0.03, 0.005, 0.01, 0.012};
    double[] gain = {1, 0, 0, 1, 0, -1}; // rows × 2 joints: q0, q1, −q1
    SerialChain c = new SerialChain(a, alpha, d, new double[3], mass, com, in, HORIZONTAL, gain);
    assertEquals(2, c.joints());
    double[] q = {0.3, -0.5}, qd = {0.7, 0.4};
    double e0 = energyRows(c, q, qd, mass, com);
    double h = 1e-4;
    for (int k = 0; k < 10000; k++) {
      double[][] kq = new double[4][], kv = new double[4][];
      double[] q1 = q, v1 = qd;
      for (int st = 0; st < 4; st++) {
        double[] acc = new double[2];
        c.forwardDynamics(q1, v1, new double[2], G, 0, new double[3], acc);
        kq[st] = v1.clone();
        kv[st] = acc;
        double step = st < 2 ? h / 2 : h;
        if (st < 3) {
          q1 = new double[] {q[0] + step * kq[st][0], q[1] + step * kq[st][1]};
          v1 = new double[] {qd[0] + step * kv[st][0], qd[1] + step * kv[st][1]};
        }
      }
      double[] nq = new double[2], nv = new double[2];
      for (int i = 0; i < 2; i++) {
        nq[i] = q[i] + h / 6 * (kq[0][i] + 2 * kq[1][i] + 2 * kq[2][i] + kq[3][i]);
        nv[i] = qd[i] + h / 6 * (kv[0][i] + 2 * kv[1][i] + 2 * kv[2][i] + kv[3][i]);
      }
      q = nq;
      qd = nv;
    }
    assertEquals(e0, energyRows(c, q, qd, mass, com), 1e-6, "energy [J]");
  }

  /** As {@link #energy} for a chain whose rows outnumber its joints. */
  static double energyRows(SerialChain c, double[] q, double[] qd, double[] mass, double[] com) {
    int n = q.length, rows = mass.length;
    double[] mq = new double[n];
    c.inverseDynamics(q, new double[n], qd, new double[3], 0, new double[3], mq);
    double ke = 0;
    for (int i = 0; i < n; i++) ke += 0.5 * qd[i] * mq[i];
    double[] rot = new double[9 * rows], pos = new double[3 * rows];
    c.frames(q, rot, pos);
    double pe = 0;
    for (int i = 0; i < rows; i++) {
      double z = pos[3 * i + 2] + rot[9 * i + 6] * com[3 * i] + rot[9 * i + 7] * com[3 * i + 1] + rot[9 * i + 8] * com[3 * i + 2];
      pe += mass[i] * 9.81 * z;
    }
    return ke + pe;
  }

  @Test
  void massMatrixIsSymmetricAndPositive() {
    Random rnd = new Random(3);
    double[] a = {0, 0.4, 0.35, 0, 0, 0}, alpha = {Math.PI / 2, 0, 0, Math.PI / 2, -Math.PI / 2, 0},
        d = {0.3, 0, 0, 0.3, 0, 0.08};
    double[] mass = {4, 3, 2, 1, 0.8, 0.3};
    double[] com = new double[18], in = new double[18];
    for (int i = 0; i < 18; i++) {
      com[i] = 0.05 * rnd.nextGaussian();
      in[i] = 0.01 + 0.02 * rnd.nextDouble();
    }
    SerialChain c = new SerialChain(a, alpha, d, new double[6], mass, com, in, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    double[] q = new double[6];
    for (int i = 0; i < 6; i++) q[i] = rnd.nextDouble() * 2 - 1;
    double[][] m = new double[6][6];
    double[] col = new double[6];
    for (int j = 0; j < 6; j++) {
      double[] e = new double[6];
      e[j] = 1;
      c.inverseDynamics(q, new double[6], e, new double[3], 0, new double[3], col);
      for (int i = 0; i < 6; i++) m[i][j] = col[i];
    }
    for (int i = 0; i < 6; i++) {
      assertTrue(m[i][i] > 0);
      for (int j = 0; j < 6; j++) assertEquals(m[i][j], m[j][i], 1e-12, "M symmetric at " + i + "," + j);
    }
  }

  /** ½ q̇ᵀ M q̇ (M from inverse dynamics) plus m·g·z of every centre of mass (from the frames). */
  static double energy(SerialChain c, double[] q, double[] qd, double[] mass, double[] com) {
    int n = q.length;
    double[] mq = new double[n];
    c.inverseDynamics(q, new double[n], qd, new double[3], 0, new double[3], mq); // M q̇ (no velocity terms, no g)
    double ke = 0;
    for (int i = 0; i < n; i++) ke += 0.5 * qd[i] * mq[i];
    double[] rot = new double[9 * n], pos = new double[3 * n];
    c.frames(q, rot, pos);
    double pe = 0;
    for (int i = 0; i < n; i++) {
      double z = pos[3 * i + 2] + rot[9 * i + 6] * com[3 * i] + rot[9 * i + 7] * com[3 * i + 1] + rot[9 * i + 8] * com[3 * i + 2];
      pe += mass[i] * 9.81 * z;
    }
    return ke + pe;
  }
}
