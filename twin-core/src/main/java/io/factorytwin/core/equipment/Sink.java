package io.factorytwin.core.equipment;

import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Zone;
import io.factorytwin.core.schema.ChannelSchema;
import io.factorytwin.core.sim.SimState;

/**
 * A compiled sink: after each step, every source box whose centre is inside the sink volume is parked
 * (back at its parking pose, at rest, out of the physics) and counted. Workpieces that belong to no
 * source are neither taken nor counted.
 *
 * <p>State: {@code <id>.count} [1] (boxes taken since the start). No actions.
 *
 * <p>Immutable and thread-safe.
 */
public final class Sink implements Equipment {
  private final String id;
  private final SinkSpec spec;
  private final Zone volume;
  private final int eq;

  /** Made by the layout. */
  public Sink(String id, SinkSpec spec, int equipmentOffset) {
    this.id = id;
    this.spec = spec;
    this.volume = new Zone(id, spec.pose(), spec.size());
    this.eq = equipmentOffset;
  }

  /** Its parameters. */
  public SinkSpec spec() {
    return spec;
  }

  /** Boxes taken since the start. */
  public long count(SimState s) {
    return (long) s.equipment()[eq];
  }

  @Override public String id() { return id; }
  @Override public int equipmentOffset() { return eq; }
  @Override public int actionOffset() { return 0; }
  @Override public int equipmentSlots() { return 1; }
  @Override public int actionCount() { return 0; }
  @Override public int stateChannelCount() { return 1; }
  @Override public void addActionChannels(ChannelSchema.Builder b) {}
  @Override public void initialise(Layout layout, SimState s) {}
  @Override public void checkActions(double[] a) {}
  @Override public void beforePhysics(Layout layout, SimState s, double[] a, double dt) {}

  @Override
  public void addStateChannels(ChannelSchema.Builder b) {
    b.add(id + ".count", "1");
  }

  @Override
  public void afterPhysics(Layout layout, SimState s, double dt) {
    for (int i = 0; i < s.bodyCount(); i++) {
      if (layout.isParked(s, i) || layout.parkedSlot(i) < 0) continue;
      if (!volume.contains(new Vec3(s.position(i, 0), s.position(i, 1), s.position(i, 2)))) continue;
      layout.park(s, i);
      s.equipment()[eq] += 1;
    }
  }

  @Override
  public void readChannels(SimState s, double[] out, int off) {
    out[off] = s.equipment()[eq];
  }
}
