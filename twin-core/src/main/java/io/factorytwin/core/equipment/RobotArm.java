package io.factorytwin.core.equipment;

import io.factorytwin.core.dynamics.SerialChain;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Rotations;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.kinematics.ArmFrames;
import io.factorytwin.core.kinematics.ArmSpec;
import io.factorytwin.core.kinematics.Kinematics;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Shape;
import io.factorytwin.core.schema.ChannelSchema;
import io.factorytwin.core.sim.SimState;

/**
 * A compiled robot arm with a vacuum gripper. The arm is an articulated body in reduced coordinates:
 * each step its motors' torques come from a computed-torque servo (the model's mass matrix, Coriolis,
 * gravity and the gripped payload, plus a PD on the error at the spec's bandwidth), clamped to the
 * motors' limits, and its joints move by the exact forward dynamics of the chain ({@link SerialChain}).
 * A motor too weak for its load therefore lags or sags instead of hiding it. The links are in the
 * physics as moving fixtures {@code <id>.link1} ... and the vacuum cup {@code <id>.cup}: they push
 * workpieces with their own velocity and report contacts, but nothing pushes them back (stiff
 * industrial servos; docs/robots.md).
 *
 * <p>Actions: {@code <id>.jK.mode} [1] (0 = velocity, 1 = position) and {@code <id>.jK.cmd} [rad/s or
 * rad] per joint K = 1..n; {@code <id>.vacuum} [1] (1 = on). State: {@code <id>.jK.pos} [rad],
 * {@code <id>.jK.vel} [rad/s], {@code <id>.jK.torque} [N·m]; {@code <id>.tool.pos.x|y|z} [m],
 * {@code <id>.tool.rot.w|x|y|z} [1]; {@code <id>.vacuum} [1]; {@code <id>.holding} [1].
 *
 * <p>The vacuum grips, on switching on or while on, the workpiece nearest the cup whose surface is
 * within the grip tolerance of the tool point: from then it is carried (its pose follows the tool,
 * its mass loads the last link). Switching the vacuum off releases it with the tool's velocity there.
 *
 * <p>Immutable and thread-safe, except that one {@link SerialChain} per thread is kept internally.
 */
public final class RobotArm implements Equipment {
  private final String id;
  private final RobotArmSpec spec;
  private final ArmSpec arm;
  private final int n, eq, act;
  private final int Q, QD, TAU, PREV, PREVQD, VACUUM, HOLD, REL;
  private final ThreadLocal<SerialChain> chains;
  private final int rowCount;        // DH rows: actuated and coupled
  private final double[] rowGains;   // [row][joint]

  /** Made by the layout. */
  public RobotArm(String id, RobotArmSpec spec, int equipmentOffset, int actionOffset) {
    this.id = id;
    this.spec = spec;
    this.arm = spec.arm();
    this.n = arm.dof();
    this.eq = equipmentOffset;
    this.act = actionOffset;
    Q = eq;
    QD = Q + n;
    TAU = QD + n;
    PREV = TAU + n;
    PREVQD = PREV + n;
    VACUUM = PREVQD + n;
    HOLD = VACUUM + 1;
    REL = HOLD + 1;
    // DH rows in chain order: coupled (passive) rows sit after the actuated joint they follow
    java.util.List<double[]> rows = new java.util.ArrayList<>(); // a, alpha, d, offset, actuated index or -1
    java.util.List<double[]> gains = new java.util.ArrayList<>();
    for (int j = 0; j <= n; j++) {
      for (var c : arm.coupledJoints()) {
        if (c.afterJoint() == j) {
          rows.add(new double[] {c.a(), c.alpha(), c.d(), c.thetaOffset(), -1});
          gains.add(c.gains());
        }
      }
      if (j < n) {
        var jt = arm.joint(j);
        rows.add(new double[] {jt.a(), jt.alpha(), jt.d(), jt.thetaOffset(), j});
        double[] g = new double[n];
        g[j] = 1;
        gains.add(g);
      }
    }
    int m = rows.size();
    this.rowGains = new double[m * n];
    double[] a = new double[m], alpha = new double[m], d = new double[m], off = new double[m], mass = new double[m];
    double[] com = new double[3 * m], in = new double[3 * m];
    for (int r = 0; r < m; r++) {
      double[] row = rows.get(r);
      a[r] = row[0];
      alpha[r] = row[1];
      d[r] = row[2];
      off[r] = row[3];
      System.arraycopy(gains.get(r), 0, rowGains, r * n, n);
      int j = (int) row[4];
      if (j < 0) continue; // the coupled row's own links are lumped into its neighbours' (ArmSpec)
      var l = arm.links().get(j);
      mass[r] = l.mass();
      com[3 * r] = l.centreOfMass().x();
      com[3 * r + 1] = l.centreOfMass().y();
      com[3 * r + 2] = l.centreOfMass().z();
      in[3 * r] = l.principalInertia().x();
      in[3 * r + 1] = l.principalInertia().y();
      in[3 * r + 2] = l.principalInertia().z();
    }
    this.rowCount = m;
    double[] base = new double[9];
    arm.base().rotation().toMatrix(base, 0);
    SerialChain proto = new SerialChain(a, alpha, d, off, mass, com, in, base, rowGains);
    this.chains = ThreadLocal.withInitial(proto::copy);
  }

  /** Its parameters. */
  public RobotArmSpec spec() {
    return spec;
  }

  /** Joint angles [rad] into {@code out}. */
  public void joints(SimState s, double[] out) {
    System.arraycopy(s.equipment(), Q, out, 0, n);
  }

  /** Joint {@code k}'s angle [rad] (k from 0). */
  public double joint(SimState s, int k) {
    return s.equipment()[Q + k];
  }

  /** Body index of the workpiece the cup holds, or −1. */
  public int holding(SimState s) {
    return (int) s.equipment()[HOLD];
  }

  /** Action index of joint {@code k}'s mode (its command follows). */
  public int jointAction(int k) {
    return act + 2 * k;
  }

  /** Action index of the vacuum. */
  public int vacuumAction() {
    return act + 2 * n;
  }

  /** Id of the fixture of DH row {@code k} (from 0); rows shorter than 2 cm have none. */
  public String linkId(int k) {
    return id + ".link" + (k + 1);
  }

  /** Id of the cup fixture. */
  public String cupId() {
    return id + ".cup";
  }

  @Override public String id() { return id; }
  @Override public int equipmentOffset() { return eq; }
  @Override public int actionOffset() { return act; }
  @Override public int equipmentSlots() { return 5 * n + 2 + 7; }
  @Override public int actionCount() { return 2 * n + 1; }
  @Override public int stateChannelCount() { return 3 * n + 9; }

  @Override
  public void addActionChannels(ChannelSchema.Builder b) {
    for (int k = 1; k <= n; k++) b.add(id + ".j" + k + ".mode", "1").add(id + ".j" + k + ".cmd", "rad/s|rad");
    b.add(id + ".vacuum", "1");
  }

  @Override
  public void addStateChannels(ChannelSchema.Builder b) {
    for (int k = 1; k <= n; k++) {
      b.add(id + ".j" + k + ".pos", "rad").add(id + ".j" + k + ".vel", "rad/s").add(id + ".j" + k + ".torque", "N*m");
    }
    for (String c : new String[] {"x", "y", "z"}) b.add(id + ".tool.pos." + c, "m");
    for (String c : new String[] {"w", "x", "y", "z"}) b.add(id + ".tool.rot." + c, "1");
    b.add(id + ".vacuum", "1").add(id + ".holding", "1");
  }

  @Override
  public void initialise(Layout layout, SimState s) {
    System.arraycopy(spec.start(), 0, s.equipment(), Q, n);
    System.arraycopy(spec.start(), 0, s.equipment(), PREV, n); // "where it should be now": where it is
    s.equipment()[HOLD] = -1;
  }

  @Override
  public void checkActions(double[] a) {
    for (int k = 0; k < n; k++) {
      double m = a[act + 2 * k];
      if (m != 0 && m != 1) {
        throw new IllegalArgumentException("actions." + id + ".j" + (k + 1) + ".mode: " + m
            + ", must be 0 (velocity) or 1 (position)");
      }
    }
    double v = a[act + 2 * n];
    if (v != 0 && v != 1) throw new IllegalArgumentException("actions." + id + ".vacuum: " + v + ", must be 0 or 1");
  }

  @Override
  public void beforePhysics(Layout layout, SimState s, double[] a, double dt) {
    double[] e = s.equipment();
    SerialChain chain = chains.get();
    double[] q = new double[n], qd = new double[n];
    System.arraycopy(e, Q, q, 0, n);
    System.arraycopy(e, QD, qd, 0, n);
    int held = holding(s);
    double payload = 0;
    double[] pcom = new double[3];
    if (held >= 0) {
      payload = layout.workpieces().get(held).mass();
      payloadCentre(s, held, pcom);
    }
    // references from the commands; speeds and accelerations of a position command by differences
    double wn = 2 * Math.PI * spec.bandwidth();
    double kp = wn * wn, kd = 2 * wn;
    double[] acc = new double[n];
    for (int k = 0; k < n; k++) {
      double mode = a[act + 2 * k], cmd = a[act + 2 * k + 1];
      if (mode == 1) {
        // the previous command is where the joint should be now, the new one where it should be at
        // the end of this step: feed forward the speed and acceleration that get it there, and
        // correct what is off now with the PD
        double qRefNow = e[PREV + k], qdRefNow = e[PREVQD + k];
        double qdRefNext = (cmd - qRefNow) / dt;
        acc[k] = (qdRefNext - qdRefNow) / dt + kp * (qRefNow - q[k]) + kd * (qdRefNow - qd[k]);
        e[PREVQD + k] = qdRefNext;
      } else {
        acc[k] = kd * (cmd - qd[k]);
        e[PREVQD + k] = cmd;
      }
      e[PREV + k] = mode == 1 ? cmd : q[k];
    }
    double[] g = {0, 0, layout.gravity()};
    double[] tau = new double[n];
    chain.inverseDynamics(q, qd, acc, g, payload, pcom, tau);
    for (int k = 0; k < n; k++) {
      double lim = spec.maxTorque()[k];
      tau[k] = Math.max(-lim, Math.min(lim, tau[k]));
    }
    double[] qdd = new double[n];
    chain.forwardDynamics(q, qd, tau, g, payload, pcom, qdd);
    for (int k = 0; k < n; k++) {
      qd[k] += qdd[k] * dt;
      q[k] += qd[k] * dt;
      var j = arm.joint(k);
      if (q[k] < j.min() || q[k] > j.max()) {
        s.health().recordNotice(s.tick(), id + ".j" + (k + 1) + ".pos: hit its limit at " + j.clamp(q[k]) + " rad");
        q[k] = j.clamp(q[k]);
        qd[k] = 0;
      }
      e[Q + k] = q[k];
      e[QD + k] = qd[k];
      e[TAU + k] = tau[k];
    }
    vacuum(layout, s, a[act + 2 * n] == 1, q, qd);
  }

  /** The payload's centre in the last DH frame [m]. */
  private void payloadCentre(SimState s, int body, double[] out) {
    double[] q = new double[n];
    System.arraycopy(s.equipment(), Q, q, 0, n);
    Pose flange = Kinematics.forward(arm, q).flange();
    Vec3 d = new Vec3(s.position(body, 0), s.position(body, 1), s.position(body, 2)).minus(flange.position());
    Quat inv = conj(flange.rotation());
    Vec3 local = inv.rotate(d);
    out[0] = local.x();
    out[1] = local.y();
    out[2] = local.z();
  }

  private static Quat conj(Quat q) {
    return new Quat(q.w(), -q.x(), -q.y(), -q.z());
  }

  private void vacuum(Layout layout, SimState s, boolean on, double[] q, double[] qd) {
    double[] e = s.equipment();
    e[VACUUM] = on ? 1 : 0;
    int held = holding(s);
    if (!on) {
      if (held >= 0) {
        s.carried()[held] = false; // keeps the velocity it was carried with
        e[HOLD] = -1;
      }
      return; // nothing to find or carry: no kinematics needed this step
    }
    Pose tool = Kinematics.toolPose(arm, q);
    if (held < 0) {
      held = nearest(layout, s, tool.position());
      if (held < 0) return;
      e[HOLD] = held;
      s.carried()[held] = true;
      // remember where it sits in the tool frame
      Quat inv = conj(tool.rotation());
      Vec3 r = inv.rotate(new Vec3(s.position(held, 0), s.position(held, 1), s.position(held, 2)).minus(tool.position()));
      Quat rq = inv.times(new Quat(s.rotation(held, 0), s.rotation(held, 1), s.rotation(held, 2), s.rotation(held, 3)));
      e[REL] = r.x(); e[REL + 1] = r.y(); e[REL + 2] = r.z();
      e[REL + 3] = rq.w(); e[REL + 4] = rq.x(); e[REL + 5] = rq.y(); e[REL + 6] = rq.z();
    }
    double[][] jac = Kinematics.jacobian(arm, q);
    double[] tw = new double[6];
    for (int row = 0; row < 6; row++) for (int k = 0; k < n; k++) tw[row] += jac[row][k] * qd[k];
    Vec3 r = tool.rotation().rotate(new Vec3(e[REL], e[REL + 1], e[REL + 2]));
    Vec3 p = tool.position().plus(r);
    Quat rq = tool.rotation().times(new Quat(e[REL + 3], e[REL + 4], e[REL + 5], e[REL + 6]));
    double qn = rq.norm();
    s.setPose(held, p.x(), p.y(), p.z(), rq.w() / qn, rq.x() / qn, rq.y() / qn, rq.z() / qn);
    // velocity of the held body's centre: v_tool + ω × r
    s.setVelocity(held, tw[0] + (tw[4] * r.z() - tw[5] * r.y()), tw[1] + (tw[5] * r.x() - tw[3] * r.z()),
        tw[2] + (tw[3] * r.y() - tw[4] * r.x()), tw[3], tw[4], tw[5]);
  }

  /** The workpiece whose box around its shape is within the grip tolerance of {@code p}, nearest first; −1. */
  private int nearest(Layout layout, SimState s, Vec3 p) {
    int best = -1;
    double bestD = spec.gripTolerance();
    for (int i = 0; i < s.bodyCount(); i++) {
      if (layout.isParked(s, i) || s.carried()[i]) continue;
      double dist = distanceToShape(layout.workpieces().get(i).shape(), s, i, p);
      if (dist <= bestD) {
        bestD = dist;
        best = i;
      }
    }
    return best;
  }

  /** Distance [m] from {@code p} to body {@code i}'s shape (its bounding box for cylinders); 0 inside. */
  static double distanceToShape(Shape shape, SimState s, int i, Vec3 p) {
    double dx = p.x() - s.position(i, 0), dy = p.y() - s.position(i, 1), dz = p.z() - s.position(i, 2);
    if (shape instanceof Shape.Sphere sp) return Math.max(0, Math.sqrt(dx * dx + dy * dy + dz * dz) - sp.radius());
    double[] r = new double[9];
    Rotations.matrix(s.rotation(i, 0), s.rotation(i, 1), s.rotation(i, 2), s.rotation(i, 3), r, 0);
    double lx = r[0] * dx + r[3] * dy + r[6] * dz, ly = r[1] * dx + r[4] * dy + r[7] * dz, lz = r[2] * dx + r[5] * dy + r[8] * dz;
    double hx, hy, hz;
    if (shape instanceof Shape.Box b) {
      hx = b.sx() / 2; hy = b.sy() / 2; hz = b.sz() / 2;
    } else {
      Shape.Cylinder c = (Shape.Cylinder) shape;
      hx = c.radius(); hy = c.radius(); hz = c.height() / 2;
    }
    double ex = Math.max(0, Math.abs(lx) - hx), ey = Math.max(0, Math.abs(ly) - hy), ez = Math.max(0, Math.abs(lz) - hz);
    return Math.sqrt(ex * ex + ey * ey + ez * ez);
  }

  /**
   * Poses and velocities of the link fixtures and the cup this step, for the physics backend:
   * {@code pose[k]} (k = 0..n−1 links, n = cup) as centre + rotation, {@code vel[k]} = (v, ω).
   * Links shorter than 2 cm are null.
   */
  public void linkMotion(SimState s, Pose[] pose, double[][] vel) {
    double[] q = new double[n], qd = new double[n];
    System.arraycopy(s.equipment(), Q, q, 0, n);
    System.arraycopy(s.equipment(), QD, qd, 0, n);
    ArmFrames f = Kinematics.forward(arm, q);
    int m = rowCount;
    double[] rate = new double[m]; // each row's turning rate
    for (int r = 0; r < m; r++) for (int j = 0; j < n; j++) rate[r] += rowGains[r * n + j] * qd[j];
    double[] w = new double[3];
    for (int k = 0; k <= m; k++) {
      Pose p;
      if (k < m) {
        Vec3 a = f.frames().get(k).position(), b = f.frames().get(k + 1).position();
        if (b.minus(a).length() < 0.02) {
          pose[k] = null;
          continue;
        }
        p = new Pose(a.plus(b).times(0.5), along(b.minus(a)));
      } else {
        Pose tool = f.tool();
        p = new Pose(tool.toWorld(new Vec3(0, 0, -CUP_DEPTH / 2)), tool.rotation());
      }
      pose[k] = p;
      // velocity of row k's link (moved by rows 0..k; the cup by all): Σ θ̇_r z_r × (c − O_r), Σ θ̇_r z_r
      int moved = Math.min(k, m - 1);
      double vx = 0, vy = 0, vz = 0;
      w[0] = w[1] = w[2] = 0;
      for (int r = 0; r <= moved; r++) {
        Pose fr = f.frames().get(r);
        Vec3 z = fr.rotation().rotate(new Vec3(0, 0, 1));
        Vec3 rr = p.position().minus(fr.position());
        vx += rate[r] * (z.y() * rr.z() - z.z() * rr.y());
        vy += rate[r] * (z.z() * rr.x() - z.x() * rr.z());
        vz += rate[r] * (z.x() * rr.y() - z.y() * rr.x());
        w[0] += rate[r] * z.x();
        w[1] += rate[r] * z.y();
        w[2] += rate[r] * z.z();
      }
      vel[k][0] = vx; vel[k][1] = vy; vel[k][2] = vz;
      vel[k][3] = w[0]; vel[k][4] = w[1]; vel[k][5] = w[2];
    }
  }

  /** Number of link fixtures slots (one per DH row; the cup follows). */
  public int rowCount() {
    return rowCount;
  }

  /** Depth of the vacuum cup along the tool axis [m]; its face is at the tool point. */
  public static final double CUP_DEPTH = 0.04;
  /** Side of the (square) vacuum cup [m]. */
  public static final double CUP_SIZE = 0.08;

  /**
   * Shapes and start poses of the link fixtures (one per DH row k = 0..m−1, null where a link is shorter
   * than 2 cm) and the cup (k = m), for the layout builder.
   */
  public static Object[][] fixtures(RobotArmSpec spec) {
    ArmSpec arm = spec.arm();
    ArmFrames f = Kinematics.forward(arm, spec.start());
    int n = f.frames().size() - 1; // DH rows, coupled ones included
    Object[][] out = new Object[n + 1][];
    for (int k = 0; k < n; k++) {
      Vec3 a = f.frames().get(k).position(), b = f.frames().get(k + 1).position();
      double len = b.minus(a).length();
      if (len < 0.02) continue;
      double r = spec.linkRadius();
      out[k] = new Object[] {Shape.box(len, 2 * r, 2 * r), new Pose(a.plus(b).times(0.5), along(b.minus(a)))};
    }
    Pose tool = f.tool();
    out[n] = new Object[] {Shape.box(CUP_SIZE, CUP_SIZE, CUP_DEPTH),
        new Pose(tool.toWorld(new Vec3(0, 0, -CUP_DEPTH / 2)), tool.rotation())};
    return out;
  }


  /** A rotation that takes the X axis onto {@code dir}. */
  static Quat along(Vec3 dir) {
    Vec3 u = dir.times(1 / dir.length());
    double c = u.x(); // cos of the angle from +X
    Vec3 axis = new Vec3(0, -u.z(), u.y()); // X × u
    double s = axis.length();
    if (s < 1e-12) return c > 0 ? Quat.IDENTITY : new Quat(0, 0, 0, 1);
    return Quat.axisAngle(axis, Math.atan2(s, c));
  }

  @Override
  public void readChannels(SimState s, double[] out, int off) {
    double[] e = s.equipment();
    int k = off;
    for (int j = 0; j < n; j++) {
      out[k++] = e[Q + j];
      out[k++] = e[QD + j];
      out[k++] = e[TAU + j];
    }
    double[] q = new double[n];
    System.arraycopy(e, Q, q, 0, n);
    Pose tool = Kinematics.toolPose(arm, q);
    out[k++] = tool.position().x();
    out[k++] = tool.position().y();
    out[k++] = tool.position().z();
    out[k++] = tool.rotation().w();
    out[k++] = tool.rotation().x();
    out[k++] = tool.rotation().y();
    out[k++] = tool.rotation().z();
    out[k++] = e[VACUUM];
    out[k++] = e[HOLD] >= 0 ? 1 : 0;
  }
}
