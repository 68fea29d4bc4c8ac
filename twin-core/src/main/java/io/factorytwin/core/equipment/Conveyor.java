package io.factorytwin.core.equipment;

import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.schema.ChannelSchema;
import io.factorytwin.core.sim.SimState;

/**
 * A compiled belt conveyor. Its belt is the fixture {@code <id>.belt} (guides: {@code <id>.guideL},
 * {@code <id>.guideR}); the physics backend moves the belt's surface at {@link #surfaceVelocity}.
 *
 * <p>Action: {@code <id>.speed.cmd} [m/s] (signed; the belt ramps to it at its acceleration).
 * State: {@code <id>.speed} [m/s], {@code <id>.encoder} [m] (belt travel since the start, plus the
 * spec's encoder noise from the belt's own random stream). Syncing to telemetry
 * ({@link #writeChannels}) sets the belt speed and travel from the observed values.
 *
 * <p>Immutable and thread-safe.
 */
public final class Conveyor implements Equipment {
  static final int SPEED = 0, ENCODER = 1;
  private final String id;
  private final ConveyorSpec spec;
  private final int eq, act;
  private final Vec3 dir;
  private final long key;

  /** Made by the layout. */
  public Conveyor(String id, ConveyorSpec spec, int equipmentOffset, int actionOffset) {
    this.id = id;
    this.spec = spec;
    this.eq = equipmentOffset;
    this.act = actionOffset;
    this.dir = spec.direction();
    this.key = io.factorytwin.core.sim.RandomStreams.key(id);
  }

  /** Its parameters. */
  public ConveyorSpec spec() {
    return spec;
  }

  /** Id of the belt fixture. */
  public String beltId() {
    return id + ".belt";
  }

  /** Current belt speed [m/s]. */
  public double speed(SimState s) {
    return s.equipment()[eq + SPEED];
  }

  /** Velocity of the belt surface [m/s], world frame, into {@code out}. */
  public void surfaceVelocity(SimState s, double[] out) {
    double v = speed(s);
    out[0] = v * dir.x();
    out[1] = v * dir.y();
    out[2] = v * dir.z();
  }

  @Override public String id() { return id; }
  @Override public int equipmentOffset() { return eq; }
  @Override public int actionOffset() { return act; }
  @Override public int equipmentSlots() { return 2; }
  @Override public int actionCount() { return 1; }
  @Override public int stateChannelCount() { return 2; }

  @Override
  public void addActionChannels(ChannelSchema.Builder b) {
    b.add(id + ".speed.cmd", "m/s");
  }

  @Override
  public void addStateChannels(ChannelSchema.Builder b) {
    b.add(id + ".speed", "m/s").add(id + ".encoder", "m");
  }

  @Override
  public void initialise(Layout layout, SimState s) {}

  @Override
  public void checkActions(double[] a) {}

  @Override
  public void beforePhysics(Layout layout, SimState s, double[] a, double dt) {
    double cmd = a[act];
    if (Math.abs(cmd) > spec.maxSpeed()) {
      s.health().recordNotice(s.tick(), id + ".speed.cmd: " + cmd + " m/s, clamped to the max speed "
          + spec.maxSpeed() + " m/s");
      cmd = Math.copySign(spec.maxSpeed(), cmd);
    }
    double[] e = s.equipment();
    double v = e[eq + SPEED];
    double step = spec.accel() * dt;
    v = cmd > v ? Math.min(cmd, v + step) : Math.max(cmd, v - step);
    e[eq + SPEED] = v;
    e[eq + ENCODER] += v * dt;
  }

  /**
   * Sets the belt speed and its travel from observed {@code <id>.speed} and {@code <id>.encoder}
   * (either may be missing, NaN: that one is kept). The encoder reading, noise and all, becomes the
   * travel.
   */
  @Override
  public void writeChannels(Layout layout, SimState s, double[] values, int off, double[] previous, double dt) {
    double[] e = s.equipment();
    if (!Double.isNaN(values[off])) e[eq + SPEED] = values[off];
    if (!Double.isNaN(values[off + 1])) e[eq + ENCODER] = values[off + 1];
  }

  @Override
  public void readChannels(SimState s, double[] out, int off) {
    out[off] = s.equipment()[eq + SPEED];
    double noise = spec.encoderNoise() > 0
        ? spec.encoderNoise() * io.factorytwin.core.sim.RandomStreams.gaussian(s.seed(), key, s.tick(), 0) : 0;
    out[off + 1] = s.equipment()[eq + ENCODER] + noise;
  }
}
