package io.factorytwin.core.equipment;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.schema.ChannelSchema;
import io.factorytwin.core.sim.SimState;

/**
 * A compiled pusher. Its paddle is the fixture {@code <id>.paddle}, moved kinematically by the
 * physics backend: offset {@link #position} along the stroke direction, moving at {@link #velocity}.
 *
 * <p>Action: {@code <id>.extend} [1] (1 = extend, 0 = retract). State: {@code <id>.position} [m]
 * (0 retracted, stroke extended), {@code <id>.velocity} [m/s].
 *
 * <p>Immutable and thread-safe.
 */
public final class Pusher implements Equipment {
  private final String id;
  private final PusherSpec spec;
  private final int eq, act;

  /** Made by the layout. */
  public Pusher(String id, PusherSpec spec, int equipmentOffset, int actionOffset) {
    this.id = id;
    this.spec = spec;
    this.eq = equipmentOffset;
    this.act = actionOffset;
  }

  /** Its parameters. */
  public PusherSpec spec() {
    return spec;
  }

  /** Id of the paddle fixture. */
  public String paddleId() {
    return id + ".paddle";
  }

  /** Paddle offset along the stroke [m]. */
  public double position(SimState s) {
    return s.equipment()[eq];
  }

  /** Paddle speed along the stroke [m/s] in this step. */
  public double velocity(SimState s) {
    return s.equipment()[eq + 1];
  }

  @Override public String id() { return id; }
  @Override public int equipmentOffset() { return eq; }
  @Override public int actionOffset() { return act; }
  @Override public int equipmentSlots() { return 2; }
  @Override public int actionCount() { return 1; }
  @Override public int stateChannelCount() { return 2; }

  @Override
  public void addActionChannels(ChannelSchema.Builder b) {
    b.add(id + ".extend", "1");
  }

  @Override
  public void addStateChannels(ChannelSchema.Builder b) {
    b.add(id + ".position", "m").add(id + ".velocity", "m/s");
  }

  @Override
  public void initialise(Layout layout, SimState s) {}

  @Override
  public void checkActions(double[] a) {
    double v = a[act];
    if (v != 0 && v != 1) {
      throw new IllegalArgumentException("actions." + id + ".extend: " + v + ", must be 0 (retract) or 1 (extend)");
    }
  }

  /** Moves the paddle toward the commanded end at the stroke speed; the velocity is this step's. */
  @Override
  public void beforePhysics(Layout layout, SimState s, double[] a, double dt) {
    double[] e = s.equipment();
    double target = a[act] == 1 ? spec.stroke() : 0;
    double x = e[eq];
    double step = spec.speed() * dt;
    double next = target > x ? Math.min(target, x + step) : Math.max(target, x - step);
    e[eq + 1] = (next - x) / dt;
    e[eq] = next;
  }

  @Override
  public void readChannels(SimState s, double[] out, int off) {
    out[off] = s.equipment()[eq];
    out[off + 1] = s.equipment()[eq + 1];
  }
}
