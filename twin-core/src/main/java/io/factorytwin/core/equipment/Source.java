package io.factorytwin.core.equipment;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.schema.ChannelSchema;
import io.factorytwin.core.sim.SimState;

/**
 * A compiled source. Its pool boxes are the workpieces {@code <id>.item0} ... in the layout, parked
 * until spawned. A box is placed at the spawn pose at rest when the interval has elapsed (or on the
 * rising edge of {@code <id>.spawn}) and the spawn point is clear (no active body's centre nearer
 * than the largest box's diagonal); otherwise it waits, and the wait is counted.
 *
 * <p>Action: {@code <id>.spawn} [1]. State: {@code <id>.spawned} [1] (boxes placed since the start),
 * {@code <id>.waiting} [1] (steps a due box waited for a clear spawn point or a free pool box).
 *
 * <p>Immutable and thread-safe.
 */
public final class Source implements Equipment {
  static final int TIMER = 0, SPAWNED = 1, LATCH = 2, WAITING = 3, DUE = 4, PARKED = 5;
  private final String id;
  private final SourceSpec spec;
  private final int eq, act;
  private final int firstBody;

  /** Made by the layout; the pool's bodies are {@code firstBody .. firstBody + pool − 1}. */
  public Source(String id, SourceSpec spec, int equipmentOffset, int actionOffset, int firstBody) {
    this.id = id;
    this.spec = spec;
    this.eq = equipmentOffset;
    this.act = actionOffset;
    this.firstBody = firstBody;
  }

  /** Its parameters. */
  public SourceSpec spec() {
    return spec;
  }

  /** Body index of pool box {@code k}. */
  public int poolBody(int k) {
    return firstBody + k;
  }

  /** Equipment slot holding pool box {@code k}'s parked flag (1 = parked). */
  public int parkedSlot(int k) {
    return eq + PARKED + k;
  }

  /** Boxes placed since the start. */
  public long spawned(SimState s) {
    return (long) s.equipment()[eq + SPAWNED];
  }

  @Override public String id() { return id; }
  @Override public int equipmentOffset() { return eq; }
  @Override public int actionOffset() { return act; }
  @Override public int equipmentSlots() { return PARKED + spec.pool(); }
  @Override public int actionCount() { return 1; }
  @Override public int stateChannelCount() { return 2; }

  @Override
  public void addActionChannels(ChannelSchema.Builder b) {
    b.add(id + ".spawn", "1");
  }

  @Override
  public void addStateChannels(ChannelSchema.Builder b) {
    b.add(id + ".spawned", "1").add(id + ".waiting", "1");
  }

  @Override
  public void initialise(Layout layout, SimState s) {
    for (int k = 0; k < spec.pool(); k++) s.equipment()[parkedSlot(k)] = 1;
    // the first box is due at once when the source runs on a timer
    if (spec.interval() > 0) s.equipment()[eq + DUE] = 1;
  }

  @Override
  public void checkActions(double[] a) {
    double v = a[act];
    if (v != 0 && v != 1) {
      throw new IllegalArgumentException("actions." + id + ".spawn: " + v + ", must be 0 or 1");
    }
  }

  @Override
  public void beforePhysics(Layout layout, SimState s, double[] a, double dt) {
    double[] e = s.equipment();
    boolean cmd = a[act] == 1;
    if (cmd && e[eq + LATCH] == 0) e[eq + DUE] += 1;
    e[eq + LATCH] = cmd ? 1 : 0;
    if (spec.interval() > 0) {
      e[eq + TIMER] += dt;
      if (e[eq + TIMER] >= spec.interval() - 1e-12) {
        e[eq + TIMER] -= spec.interval();
        e[eq + DUE] += 1;
      }
    }
    if (e[eq + DUE] < 1) return;
    int free = -1;
    for (int k = 0; k < spec.pool() && free < 0; k++) if (e[parkedSlot(k)] == 1) free = k;
    if (free < 0 || !clear(layout, s)) {
      e[eq + WAITING] += 1;
      return;
    }
    int body = poolBody(free);
    var p = spec.spawn().position();
    var q = spec.spawn().rotation();
    s.setPose(body, p.x(), p.y(), p.z(), q.w(), q.x(), q.y(), q.z());
    s.setVelocity(body, 0, 0, 0, 0, 0, 0);
    s.asleep()[body] = false;
    s.restTimes()[body] = 0;
    e[parkedSlot(free)] = 0;
    e[eq + DUE] -= 1;
    e[eq + SPAWNED] += 1;
  }

  private boolean clear(Layout layout, SimState s) {
    var p = spec.spawn().position();
    double d = spec.maxSize().length();
    for (int i = 0; i < s.bodyCount(); i++) {
      if (layout.isParked(s, i)) continue;
      double dx = s.position(i, 0) - p.x(), dy = s.position(i, 1) - p.y(), dz = s.position(i, 2) - p.z();
      if (dx * dx + dy * dy + dz * dz < d * d) return false;
    }
    return true;
  }

  @Override
  public void readChannels(SimState s, double[] out, int off) {
    out[off] = s.equipment()[eq + SPAWNED];
    out[off + 1] = s.equipment()[eq + WAITING];
  }
}
