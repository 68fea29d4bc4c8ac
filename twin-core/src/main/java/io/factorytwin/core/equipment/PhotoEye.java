package io.factorytwin.core.equipment;

import io.factorytwin.core.geom.Rotations;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Shape;
import io.factorytwin.core.schema.ChannelSchema;
import io.factorytwin.core.sim.SimState;

/**
 * A compiled photo-eye. After each step it tests its beam against every active workpiece (boxes
 * exactly; spheres exactly; cylinders as their bounding box) and debounces the result.
 *
 * <p>State: {@code <id>.blocked} [1] (the debounced output), {@code <id>.beam} [1] (the raw beam),
 * {@code <id>.rising} and {@code <id>.falling} [1] (counts of output edges since the start). No actions.
 *
 * <p>Immutable and thread-safe.
 */
public final class PhotoEye implements Equipment {
  static final int RAW = 0, OUT = 1, TIMER = 2, RISING = 3, FALLING = 4;
  private final String id;
  private final PhotoEyeSpec spec;
  private final int eq;
  private final long key;

  /** Made by the layout. */
  public PhotoEye(String id, PhotoEyeSpec spec, int equipmentOffset) {
    this.id = id;
    this.key = io.factorytwin.core.sim.RandomStreams.key(id);
    this.spec = spec;
    this.eq = equipmentOffset;
  }

  /** Its parameters. */
  public PhotoEyeSpec spec() {
    return spec;
  }

  /** The debounced output. */
  public boolean blocked(SimState s) {
    return s.equipment()[eq + OUT] == 1;
  }

  /** Rising edges of the output since the start. */
  public long risingEdges(SimState s) {
    return (long) s.equipment()[eq + RISING];
  }

  /** Falling edges of the output since the start. */
  public long fallingEdges(SimState s) {
    return (long) s.equipment()[eq + FALLING];
  }

  @Override public String id() { return id; }
  @Override public int equipmentOffset() { return eq; }
  @Override public int actionOffset() { return 0; }
  @Override public int equipmentSlots() { return 5; }
  @Override public int actionCount() { return 0; }
  @Override public int stateChannelCount() { return 4; }
  @Override public void addActionChannels(ChannelSchema.Builder b) {}
  @Override public void initialise(Layout layout, SimState s) {}
  @Override public void checkActions(double[] a) {}
  @Override public void beforePhysics(Layout layout, SimState s, double[] a, double dt) {}

  @Override
  public void addStateChannels(ChannelSchema.Builder b) {
    b.add(id + ".blocked", "1").add(id + ".beam", "1").add(id + ".rising", "1").add(id + ".falling", "1");
  }

  @Override
  public void afterPhysics(Layout layout, SimState s, double dt) {
    boolean raw = false;
    for (int i = 0; i < s.bodyCount() && !raw; i++) {
      if (layout.isParked(s, i)) continue;
      raw = crosses(layout.workpieces().get(i).shape(), s, i);
    }
    if (spec.flicker() > 0 && io.factorytwin.core.sim.RandomStreams.uniform(s.seed(), key, s.tick(), 0) < spec.flicker()) {
      raw = !raw;
    }
    double[] e = s.equipment();
    e[eq + RAW] = raw ? 1 : 0;
    boolean out = e[eq + OUT] == 1;
    if (raw == out) {
      e[eq + TIMER] = 0;
      return;
    }
    e[eq + TIMER] += dt;
    if (e[eq + TIMER] >= (raw ? spec.onDelay() : spec.offDelay()) - 1e-12) {
      e[eq + OUT] = raw ? 1 : 0;
      e[eq + (raw ? RISING : FALLING)] += 1;
      e[eq + TIMER] = 0;
    }
  }

  /** True when the beam segment crosses body {@code i}'s shape. */
  boolean crosses(Shape shape, SimState s, int i) {
    double cx = s.position(i, 0), cy = s.position(i, 1), cz = s.position(i, 2);
    double ax = spec.from().x() - cx, ay = spec.from().y() - cy, az = spec.from().z() - cz;
    double dx = spec.to().x() - spec.from().x(), dy = spec.to().y() - spec.from().y(), dz = spec.to().z() - spec.from().z();
    if (shape instanceof Shape.Sphere sp) {
      // closest point of the segment to the centre
      double t = Math.max(0, Math.min(1, -(ax * dx + ay * dy + az * dz) / (dx * dx + dy * dy + dz * dz)));
      double px = ax + t * dx, py = ay + t * dy, pz = az + t * dz;
      return px * px + py * py + pz * pz <= sp.radius() * sp.radius();
    }
    double hx, hy, hz;
    if (shape instanceof Shape.Box b) {
      hx = b.sx() / 2;
      hy = b.sy() / 2;
      hz = b.sz() / 2;
    } else {
      Shape.Cylinder c = (Shape.Cylinder) shape;
      hx = c.radius();
      hy = c.radius();
      hz = c.height() / 2;
    }
    double[] r = new double[9];
    Rotations.matrix(s.rotation(i, 0), s.rotation(i, 1), s.rotation(i, 2), s.rotation(i, 3), r, 0);
    // into the body frame: x' = Rᵀ x
    double[] o = {r[0] * ax + r[3] * ay + r[6] * az, r[1] * ax + r[4] * ay + r[7] * az, r[2] * ax + r[5] * ay + r[8] * az};
    double[] d = {r[0] * dx + r[3] * dy + r[6] * dz, r[1] * dx + r[4] * dy + r[7] * dz, r[2] * dx + r[5] * dy + r[8] * dz};
    double[] h = {hx, hy, hz};
    double t0 = 0, t1 = 1;
    for (int k = 0; k < 3; k++) {
      if (Math.abs(d[k]) < 1e-15) {
        if (Math.abs(o[k]) > h[k]) return false;
      } else {
        double u = (-h[k] - o[k]) / d[k], v = (h[k] - o[k]) / d[k];
        t0 = Math.max(t0, Math.min(u, v));
        t1 = Math.min(t1, Math.max(u, v));
        if (t0 > t1) return false;
      }
    }
    return true;
  }

  @Override
  public void readChannels(SimState s, double[] out, int off) {
    double[] e = s.equipment();
    out[off] = e[eq + OUT];
    out[off + 1] = e[eq + RAW];
    out[off + 2] = e[eq + RISING];
    out[off + 3] = e[eq + FALLING];
  }
}
