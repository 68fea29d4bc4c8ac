package io.factorytwin.core.equipment;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.schema.ChannelSchema;
import io.factorytwin.core.sim.SimState;

/**
 * A compiled pop-up stopper: the fixture {@code <id>.blade} takes part in the physics only while up.
 * It moves instantly (a pneumatic stopper's stroke of a few tens of milliseconds is below what the
 * line's items notice); raising it under an item lifts the item off.
 *
 * <p>Action: {@code <id>.up} [1] (1 = up, 0 = down). State: {@code <id>.up} [1]. Starts down.
 *
 * <p>Immutable and thread-safe.
 */
public final class Stopper implements Equipment {
  private final String id;
  private final StopperSpec spec;
  private final int eq, act;

  /** Made by the layout. */
  public Stopper(String id, StopperSpec spec, int equipmentOffset, int actionOffset) {
    this.id = id;
    this.spec = spec;
    this.eq = equipmentOffset;
    this.act = actionOffset;
  }

  /** Its parameters. */
  public StopperSpec spec() {
    return spec;
  }

  /** Id of the blade fixture. */
  public String bladeId() {
    return id + ".blade";
  }

  /** True while the blade is up. */
  public boolean isUp(SimState s) {
    return s.equipment()[eq] == 1;
  }

  @Override public String id() { return id; }
  @Override public int equipmentOffset() { return eq; }
  @Override public int actionOffset() { return act; }
  @Override public int equipmentSlots() { return 1; }
  @Override public int actionCount() { return 1; }
  @Override public int stateChannelCount() { return 1; }

  @Override
  public void addActionChannels(ChannelSchema.Builder b) {
    b.add(id + ".up", "1");
  }

  @Override
  public void addStateChannels(ChannelSchema.Builder b) {
    b.add(id + ".up", "1");
  }

  @Override
  public void initialise(Layout layout, SimState s) {}

  @Override
  public void checkActions(double[] a) {
    double v = a[act];
    if (v != 0 && v != 1) {
      throw new IllegalArgumentException("actions." + id + ".up: " + v + ", must be 0 (down) or 1 (up)");
    }
  }

  @Override
  public void beforePhysics(Layout layout, SimState s, double[] a, double dt) {
    s.equipment()[eq] = a[act];
  }

  @Override
  public void readChannels(SimState s, double[] out, int off) {
    out[off] = s.equipment()[eq];
  }
}
