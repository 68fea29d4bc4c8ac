package io.factorytwin.core.equipment;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Shape;
import io.factorytwin.core.layout.Workpiece;
import io.factorytwin.core.schema.ChannelSchema;
import io.factorytwin.core.sim.SimState;
import java.util.List;

/**
 * A compiled overhead crane of a {@link Layout}: where its actuators live in the state's equipment
 * array and in the action vector, how its drives advance, and how it grabs and releases. The hook
 * is a body of the layout (workpiece {@code <id>.hook}, whose pose and velocity channels are the
 * hook's: {@code <id>.hook.pos.x} ...); the rope is a rigid link from the hook's
 * top to the trolley whose length is the hoist position, and which goes slack instead of pushing.
 * While a workpiece is attached, the hook and the workpiece move as one rigid body.
 *
 * <p><b>Action channels</b> ({@code c} = crane id): {@code c.bridge.mode}, {@code c.trolley.mode},
 * {@code c.hoist.mode} [1] (0 = speed, 1 = position); {@code c.bridge.cmd}, {@code c.trolley.cmd}
 * [m/s or m], {@code c.hoist.cmd} [m/s or m of rope]; {@code c.grab} [1] (1 = grab, 0 = release).
 *
 * <p><b>State channels</b>: {@code c.bridge.pos} [m], {@code c.bridge.vel} [m/s], {@code c.trolley.pos},
 * {@code c.trolley.vel}, {@code c.hoist.length} [m], {@code c.hoist.vel} [m/s], {@code c.load.pos.x|y|z}
 * [m], {@code c.load.vel.x|y|z} [m/s] (the attached workpiece, or the hook when nothing is attached), {@code c.sway.x}, {@code c.sway.y} [rad] (the
 * rope's angle from the vertical in the XZ and YZ planes, positive when the hook is displaced
 * towards +X or +Y), {@code c.rope.tension} [N] (the load cell), {@code c.attached} [1].
 *
 * <p>Immutable and thread-safe; the methods that step write only to the state passed in.
 */
public final class Crane implements Equipment {
  /** Slots in the state's equipment array, from {@link #equipmentOffset()}. */
  public static final int BRIDGE = 0, TROLLEY = 2, ROPE = 4, TENSION = 6, ATTACHED = 7, GRAB = 8, SLACK = 9;
  /** Equipment slots per crane. */
  public static final int STRIDE = 10;
  /** Action channels per crane, in order. */
  public static final String[] ACTIONS = {"bridge.mode", "bridge.cmd", "trolley.mode", "trolley.cmd", "hoist.mode",
      "hoist.cmd", "grab"};
  /** Action units, in order. */
  static final String[] ACTION_UNITS = {"1", "m/s|m", "1", "m/s|m", "1", "m/s|m", "1"};
  /** State channels per crane. */
  public static final int STATE_CHANNELS = 16;

  private final String id;
  private final CraneSpec spec;
  private final int hookBody;
  private final int equipment;
  private final int action;
  private final AxisSpec[] axes;
  private static final String[] AXIS_NAMES = {"bridge", "trolley", "hoist"};

  /** Made by the layout. */
  public Crane(String id, CraneSpec spec, int hookBody, int equipmentOffset, int actionOffset) {
    this.id = id;
    this.spec = spec;
    this.axes = new AxisSpec[] {spec.bridge(), spec.trolley(), spec.hoist()};
    this.hookBody = hookBody;
    this.equipment = equipmentOffset;
    this.action = actionOffset;
  }

  @Override
  public int equipmentSlots() {
    return STRIDE;
  }

  @Override
  public int actionCount() {
    return ACTIONS.length;
  }

  @Override
  public int stateChannelCount() {
    return STATE_CHANNELS;
  }

  @Override
  public void initialise(Layout layout, SimState s) {
    initialise(s);
  }

  @Override
  public void beforePhysics(Layout layout, SimState s, double[] a, double dt) {
    advance(layout, s, a, dt);
  }

  /** The crane's id (element path). */
  @Override
  public String id() {
    return id;
  }

  /** Its parameters. */
  public CraneSpec spec() {
    return spec;
  }

  /** Body index of the hook. */
  public int hookBody() {
    return hookBody;
  }

  /** Offset of this crane's slots in {@link SimState#equipment()}. */
  @Override
  public int equipmentOffset() {
    return equipment;
  }

  /** Offset of this crane's channels in the action vector. */
  @Override
  public int actionOffset() {
    return action;
  }

  /** Adds the action channels, in {@link #ACTIONS} order. */
  @Override
  public void addActionChannels(ChannelSchema.Builder b) {
    for (int k = 0; k < ACTIONS.length; k++) b.add(id + "." + ACTIONS[k], ACTION_UNITS[k]);
  }

  /** Adds the state channels (see the class comment). */
  @Override
  public void addStateChannels(ChannelSchema.Builder b) {
    b.add(id + ".bridge.pos", "m").add(id + ".bridge.vel", "m/s");
    b.add(id + ".trolley.pos", "m").add(id + ".trolley.vel", "m/s");
    b.add(id + ".hoist.length", "m").add(id + ".hoist.vel", "m/s");
    for (String c : new String[] {"x", "y", "z"}) b.add(id + ".load.pos." + c, "m");
    for (String c : new String[] {"x", "y", "z"}) b.add(id + ".load.vel." + c, "m/s");
    b.add(id + ".sway.x", "rad").add(id + ".sway.y", "rad");
    b.add(id + ".rope.tension", "N").add(id + ".attached", "1");
  }

  /** Puts the axes at their start positions, nothing attached, rope taut. */
  public void initialise(SimState s) {
    double[] e = s.equipment();
    e[equipment + BRIDGE] = spec.bridgeStart();
    e[equipment + TROLLEY] = spec.trolleyStart();
    e[equipment + ROPE] = spec.ropeStart();
    e[equipment + ATTACHED] = -1;
  }


  /**
   * Rejects action values that are not commands: modes other than 0 or 1, grab other than 0 or 1.
   * (Finiteness is checked by the caller.)
   *
   * @throws IllegalArgumentException naming the channel, the value and the bound
   */
  @Override
  public void checkActions(double[] a) {
    for (int k : new int[] {0, 2, 4}) {
      double m = a[action + k];
      if (m != AxisDrive.SPEED && m != AxisDrive.POSITION) {
        throw new IllegalArgumentException("actions." + id + "." + ACTIONS[k] + ": " + m
            + ", must be 0 (speed) or 1 (position)");
      }
    }
    double g = a[action + 6];
    if (g != 0 && g != 1) {
      throw new IllegalArgumentException("actions." + id + ".grab: " + g + ", must be 0 (release) or 1 (grab)");
    }
  }

  /**
   * Advances the three drives by {@code dt} and handles grab and release; called by the physics
   * backend at the start of each step, before the bodies move. Clamped commands and end-stop hits are
   * recorded as notices in the state's health.
   */
  public void advance(Layout layout, SimState s, double[] a, double dt) {
    double[] e = s.equipment();
    for (int k = 0; k < 3; k++) {
      int mode = (int) a[action + 2 * k];
      double cmd = a[action + 2 * k + 1];
      int flags = AxisDrive.step(axes[k], mode, cmd, e, equipment + 2 * k, dt);
      if (flags != 0) notice(s, AXIS_NAMES[k], axes[k], mode, cmd, flags);
    }
    boolean grab = a[action + 6] == 1;
    boolean was = e[equipment + GRAB] == 1;
    e[equipment + GRAB] = grab ? 1 : 0;
    if (grab && !was) {
      grab(layout, s);
    } else if (!grab && was) {
      e[equipment + ATTACHED] = -1;
    }
  }

  private void notice(SimState s, String axis, AxisSpec a, int mode, double cmd, int flags) {
    String path = id + "." + axis;
    if ((flags & AxisDrive.CLAMPED_SPEED) != 0) {
      s.health().recordNotice(s.tick(), path + ".cmd: " + cmd + " m/s, clamped to the max speed " + a.maxSpeed() + " m/s");
    }
    if ((flags & AxisDrive.CLAMPED_POSITION) != 0) {
      s.health().recordNotice(s.tick(), path + ".cmd: " + cmd + " m, clamped to the soft limits [" + a.softMin() + ", "
          + a.softMax() + "] m");
    }
    if ((flags & AxisDrive.END_STOP) != 0) {
      s.health().recordNotice(s.tick(), path + ".pos: hit the end stop at " + s.equipment()[equipment
          + (axis.equals("bridge") ? BRIDGE : axis.equals("trolley") ? TROLLEY : ROPE)] + " m");
    }
  }

  private void grab(Layout layout, SimState s) {
    double[] under = hookUnderside(s);
    List<Workpiece> wps = layout.workpieces();
    int best = -1;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < wps.size(); i++) {
      if (i == hookBody || layout.isHook(i)) continue;
      double d = distance(under, liftingPoint(wps.get(i).shape(), s, i));
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best >= 0 && bestD <= spec.grabTolerance()) {
      s.equipment()[equipment + ATTACHED] = best;
    } else {
      s.health().recordNotice(s.tick(), id + ".grab: no workpiece within " + spec.grabTolerance()
          + " m of the hook" + (best >= 0 ? " (nearest " + wps.get(best).id() + " at " + bestD + " m)" : ""));
    }
  }

  /** The centre of the hook block's underside [m], world frame. */
  public double[] hookUnderside(SimState s) {
    double[] r = new double[9];
    io.factorytwin.core.geom.Rotations.matrix(s.rotation(hookBody, 0), s.rotation(hookBody, 1),
        s.rotation(hookBody, 2), s.rotation(hookBody, 3), r, 0);
    double h = spec.hookSize().z() / 2;
    return new double[] {s.position(hookBody, 0) - r[2] * h, s.position(hookBody, 1) - r[5] * h,
        s.position(hookBody, 2) - r[8] * h};
  }

  /** Top centre of body {@code i} (the point of its shape highest above its centre) [m]. */
  static double[] liftingPoint(Shape shape, SimState s, int i) {
    double[] r = new double[9];
    io.factorytwin.core.geom.Rotations.matrix(s.rotation(i, 0), s.rotation(i, 1), s.rotation(i, 2), s.rotation(i, 3), r, 0);
    double up;
    if (shape instanceof Shape.Box b) {
      up = Math.abs(r[6]) * b.sx() / 2 + Math.abs(r[7]) * b.sy() / 2 + Math.abs(r[8]) * b.sz() / 2;
    } else if (shape instanceof Shape.Cylinder c) {
      double az = r[8];
      up = c.radius() * Math.sqrt(Math.max(0, 1 - az * az)) + Math.abs(az) * c.height() / 2;
    } else {
      up = ((Shape.Sphere) shape).radius();
    }
    return new double[] {s.position(i, 0), s.position(i, 1), s.position(i, 2) + up};
  }

  private static double distance(double[] a, double[] b) {
    double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }

  /** World position of the rope's upper end (on the trolley) [m], into {@code out}. */
  public void ropeTop(SimState s, double[] out) {
    double[] e = s.equipment();
    var o = spec.origin();
    out[0] = o.x() + e[equipment + TROLLEY];
    out[1] = o.y() + e[equipment + BRIDGE];
    out[2] = o.z() + spec.ropeTop();
  }

  /** Rope length [m] (the hoist position). */
  public double ropeLength(SimState s) {
    return s.equipment()[equipment + ROPE];
  }

  /** Body index of the attached workpiece, or −1. */
  public int attachedBody(SimState s) {
    return (int) s.equipment()[equipment + ATTACHED];
  }

  /** Records the rope tension of the last step [N] and whether the rope was slack; called by backends. */
  public void setRope(SimState s, double tension, boolean slack) {
    s.equipment()[equipment + TENSION] = tension;
    s.equipment()[equipment + SLACK] = slack ? 1 : 0;
  }

  /** Writes the {@value #STATE_CHANNELS} state channels into {@code out[off..]}. */
  @Override
  public void readChannels(SimState s, double[] out, int off) {
    double[] e = s.equipment();
    int k = off;
    for (int j = 0; j < 6; j++) out[k++] = e[equipment + j];
    int att = attachedBody(s);
    int load = att >= 0 ? att : hookBody;
    for (int c = 0; c < 3; c++) out[k++] = s.position(load, c);
    for (int c = 0; c < 3; c++) out[k++] = s.velocity(load, c);
    double[] top = new double[3];
    ropeTop(s, top);
    double[] hookTop = hookTop(s);
    double dz = top[2] - hookTop[2];
    out[k++] = Math.atan2(hookTop[0] - top[0], dz);
    out[k++] = Math.atan2(hookTop[1] - top[1], dz);
    out[k++] = e[equipment + TENSION];
    out[k++] = att >= 0 ? 1 : 0;
  }

  /**
   * Sync: sets the axes, the attachment and the hook (with its load) from observed channels.
   * <ul>
   *   <li>bridge, trolley and hoist positions are written; their speeds too, or when not observed the
   *       backward difference of positions over {@code dt} (0 without a previous frame);</li>
   *   <li>{@code attached} = 1 attaches the workpiece nearest the observed load position (not a hook);
   *       0 releases;</li>
   *   <li>the nominal twin's rope and hook block swing as one rigid pendulum, so the hook and its load
   *       are placed on the line from the rope's upper end through the observed load position, the
   *       hook at the effective rope length (hoist + ropeOffset), the load's top against the hook's
   *       underside, tilted by the smallest rotation that aligns them with that line (the load keeps
   *       its heading); the assembly's angular velocity is the one that gives the observed load
   *       velocity relative to the trolley (its spin about the rope is kept);</li>
   *   <li>the sway, tension and the load's velocity when not observed (then: backward difference of
   *       the load position) are not written: sway and tension are what the physics computes.</li>
   * </ul>
   * Without an observed load position the hook and load are left as they are.
   */
  @Override
  public void writeChannels(Layout layout, SimState s, double[] v, int off, double[] prev, double dt) {
    double[] e = s.equipment();
    for (int k = 0; k < 3; k++) {
      double pos = v[off + 2 * k], vel = v[off + 2 * k + 1];
      if (Double.isNaN(pos)) continue;
      if (Double.isNaN(vel)) {
        vel = prev == null || Double.isNaN(prev[off + 2 * k]) ? 0 : (pos - prev[off + 2 * k]) / dt;
      }
      e[equipment + 2 * k] = pos;
      e[equipment + 2 * k + 1] = vel;
    }
    double px = v[off + 6], py = v[off + 7], pz = v[off + 8];
    double att = v[off + 15];
    if (!Double.isNaN(att)) {
      if (att >= 0.5 && Double.isFinite(px) && Double.isFinite(py) && Double.isFinite(pz)) {
        if (attachedBody(s) < 0) e[equipment + ATTACHED] = nearestLoad(layout, s, px, py, pz);
        e[equipment + GRAB] = 1;
      } else if (att < 0.5) {
        e[equipment + ATTACHED] = -1;
        e[equipment + GRAB] = 0;
      }
    }
    if (Double.isNaN(px) || Double.isNaN(py) || Double.isNaN(pz)) return;
    double vx = v[off + 9], vy = v[off + 10], vz = v[off + 11];
    if (Double.isNaN(vx) || Double.isNaN(vy) || Double.isNaN(vz)) {
      boolean have = prev != null && !Double.isNaN(prev[off + 6]) && !Double.isNaN(prev[off + 7])
          && !Double.isNaN(prev[off + 8]);
      vx = have ? (px - prev[off + 6]) / dt : 0;
      vy = have ? (py - prev[off + 7]) / dt : 0;
      vz = have ? (pz - prev[off + 8]) / dt : 0;
    }
    placeAssembly(layout, s, px, py, pz, vx, vy, vz);
  }

  private int nearestLoad(Layout layout, SimState s, double x, double y, double z) {
    int best = -1;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < layout.bodyCount(); i++) {
      if (layout.isHook(i) || layout.isParked(s, i)) continue;
      double dx = s.position(i, 0) - x, dy = s.position(i, 1) - y, dz = s.position(i, 2) - z;
      double d = dx * dx + dy * dy + dz * dz;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  /** Puts hook and load on the line from the rope top through the load position (see writeChannels). */
  private void placeAssembly(Layout layout, SimState s, double px, double py, double pz, double vx, double vy,
      double vz) {
    double[] e = s.equipment();
    double[] top = new double[3];
    ropeTop(s, top);
    int load = attachedBody(s);
    double ux = px - top[0], uy = py - top[1], uz = pz - top[2];
    double r = Math.sqrt(ux * ux + uy * uy + uz * uz);
    if (!(r > 1e-9)) return;
    ux /= r;
    uy /= r;
    uz /= r;
    double rope = e[equipment + ROPE] + spec.ropeOffset();
    double hz = spec.hookSize().z();
    // tilt: the smallest rotation taking the body's +Z to the rope's upward direction −u
    double qw = 1 - uz, qx = uy, qy = -ux; // (1 + a·b, a × b) with a = +Z, b = −u
    double qn = Math.sqrt(qw * qw + qx * qx + qy * qy);
    qw /= qn;
    qx /= qn;
    qy /= qn;
    double hookDist = rope + hz / 2;
    s.setPose(hookBody, top[0] + ux * hookDist, top[1] + uy * hookDist, top[2] + uz * hookDist, qw, qx, qy, 0);
    double loadDist = rope;
    if (load >= 0) {
      loadDist = rope + hz + uprightHalfHeight(layout.workpieces().get(load).shape());
      double yaw = Math.atan2(2 * (s.rotation(load, 0) * s.rotation(load, 3) + s.rotation(load, 1) * s.rotation(load, 2)),
          1 - 2 * (s.rotation(load, 2) * s.rotation(load, 2) + s.rotation(load, 3) * s.rotation(load, 3)));
      double cw = Math.cos(yaw / 2), sz = Math.sin(yaw / 2);
      // tilt ∘ yaw
      s.setPose(load, top[0] + ux * loadDist, top[1] + uy * loadDist, top[2] + uz * loadDist, qw * cw,
          qx * cw + qy * sz, qy * cw - qx * sz, qw * sz);
    } else {
      loadDist = hookDist;
    }
    // angular velocity: ω⊥ = u × (v_load − v_top − L̇ u) / d, plus the kept spin about u
    double tvx = e[equipment + TROLLEY + 1], tvy = e[equipment + BRIDGE + 1], ld = e[equipment + ROPE + 1];
    double rx = vx - tvx - ld * ux, ry = vy - tvy - ld * uy, rz = vz - ld * uz;
    double wx = (uy * rz - uz * ry) / loadDist, wy = (uz * rx - ux * rz) / loadDist, wz = (ux * ry - uy * rx) / loadDist;
    double spin = s.angularVelocity(hookBody, 0) * ux + s.angularVelocity(hookBody, 1) * uy
        + s.angularVelocity(hookBody, 2) * uz;
    wx += spin * ux;
    wy += spin * uy;
    wz += spin * uz;
    for (int b : new int[] {hookBody, load}) {
      if (b < 0) continue;
      double d = b == hookBody ? hookDist : loadDist;
      // v = v_top + L̇ u + ω × (d u)
      s.setVelocity(b, tvx + ld * ux + d * (wy * uz - wz * uy), tvy + ld * uy + d * (wz * ux - wx * uz),
          ld * uz + d * (wx * uy - wy * ux), wx, wy, wz);
    }
  }

  private static double uprightHalfHeight(Shape shape) {
    if (shape instanceof Shape.Box b) return b.sz() / 2;
    if (shape instanceof Shape.Cylinder c) return c.height() / 2;
    return ((Shape.Sphere) shape).radius();
  }

  /**
   * Takes {@code fraction} (in [0, 1]) of body {@code body}'s velocity relative to the trolley across
   * the rope away: the rope's direction is from the hook's centre to the rope's upper end. The crane's
   * swing damping (backends, with fraction 1 − exp(−swingDamping·dt)) and the reference plant's rope
   * damping both use it.
   */
  public void dampSwing(SimState s, int body, double fraction) {
    double[] e = s.equipment();
    var o = spec.origin();
    double ux = o.x() + e[equipment + TROLLEY] - s.position(hookBody, 0);
    double uy = o.y() + e[equipment + BRIDGE] - s.position(hookBody, 1);
    double uz = o.z() + spec.ropeTop() - s.position(hookBody, 2);
    double len = Math.sqrt(ux * ux + uy * uy + uz * uz);
    if (len == 0) return;
    ux /= len;
    uy /= len;
    uz /= len;
    double rx = s.velocity(body, 0) - e[equipment + TROLLEY + 1], ry = s.velocity(body, 1) - e[equipment + BRIDGE + 1];
    double rz = s.velocity(body, 2);
    double along = rx * ux + ry * uy + rz * uz;
    s.setVelocity(body, s.velocity(body, 0) - fraction * (rx - along * ux),
        s.velocity(body, 1) - fraction * (ry - along * uy), s.velocity(body, 2) - fraction * (rz - along * uz),
        s.angularVelocity(body, 0), s.angularVelocity(body, 1), s.angularVelocity(body, 2));
  }

  /** The point of the hook where the rope is tied: the centre of its top face [m], world frame. */
  public double[] hookTop(SimState s) {
    double[] r = new double[9];
    io.factorytwin.core.geom.Rotations.matrix(s.rotation(hookBody, 0), s.rotation(hookBody, 1),
        s.rotation(hookBody, 2), s.rotation(hookBody, 3), r, 0);
    double h = spec.hookSize().z() / 2;
    return new double[] {s.position(hookBody, 0) + r[2] * h, s.position(hookBody, 1) + r[5] * h,
        s.position(hookBody, 2) + r[8] * h};
  }
}
