package io.factorytwin.core.calibration;

import io.factorytwin.core.equipment.Equipment;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.schema.ChannelSchema;
import io.factorytwin.core.sim.SimState;
import java.util.Arrays;
import java.util.List;

/**
 * Sets a twin's state from telemetry frames, and reads a state back in the frames' column order.
 *
 * <p>A telemetry log carries some of the layout's state and action channels (its columns). Syncing
 * writes what was observed and estimates the rest (docs/calibration.md, "Sync"):
 * <ul>
 *   <li>workpiece channels: observed positions and rotations are written (a position component
 *       that is not observed, such as the height of a tote on a belt, keeps its value); an
 *       unobserved linear velocity is the backward difference of the position over the frame
 *       interval (0 without a previous frame, or when that component is not observed); an
 *       unobserved angular velocity is kept as it was;</li>
 *   <li>equipment channels: each equipment sets what it can ({@link Equipment#writeChannels}); the
 *       crane, for example, places its hook and load from the observed load position;</li>
 *   <li>action columns become the state's last actions (so a held grab is not seen as a new one).</li>
 * </ul>
 * The solver's warm-start cache is cleared: contacts of a state the twin did not compute are not known.
 *
 * <p>Immutable and thread-safe; the arrays passed in belong to the caller.
 */
public final class StateSync {
  private final Layout layout;
  private final List<Channel> columns;
  private final int[] stateIndex;  // per column: index in the state schema, or −1
  private final int[] actionIndex; // per column: index in the action schema, or −1

  /**
   * @param columns the telemetry's channels, each a state or action channel of {@code layout} with the same unit
   * @throws IllegalArgumentException naming the first column the layout does not know or whose unit differs
   */
  public StateSync(Layout layout, List<Channel> columns) {
    this.layout = layout;
    this.columns = List.copyOf(columns);
    stateIndex = new int[columns.size()];
    actionIndex = new int[columns.size()];
    ChannelSchema ss = layout.stateSchema(), as = layout.actionSchema();
    for (int c = 0; c < columns.size(); c++) {
      Channel ch = columns.get(c);
      stateIndex[c] = ss.contains(ch.name()) ? ss.indexOf(ch.name()) : -1;
      actionIndex[c] = as.contains(ch.name()) ? as.indexOf(ch.name()) : -1;
      Channel known = stateIndex[c] >= 0 ? ss.get(stateIndex[c]) : actionIndex[c] >= 0 ? as.get(actionIndex[c]) : null;
      if (known == null) {
        throw new IllegalArgumentException("telemetry column " + ch.name() + ": not a state or action channel of layout "
            + layout.name());
      }
      if (!known.unit().equals(ch.unit())) {
        throw new IllegalArgumentException("telemetry column " + ch.name() + ": unit " + ch.unit() + ", must be "
            + known.unit() + " (layout " + layout.name() + ")");
      }
    }
  }

  /** The layout. */
  public Layout layout() {
    return layout;
  }

  /** The columns, in order. */
  public List<Channel> columns() {
    return columns;
  }

  /** Index of the column called {@code name}. @throws IllegalArgumentException when there is none */
  public int column(String name) {
    for (int c = 0; c < columns.size(); c++) if (columns.get(c).name().equals(name)) return c;
    throw new IllegalArgumentException("telemetry column " + name + ": not among the columns " + names());
  }

  /** True when column {@code c} is an action channel. */
  public boolean isAction(int c) {
    return actionIndex[c] >= 0;
  }

  List<String> names() {
    return columns.stream().map(Channel::name).toList();
  }

  /**
   * Syncs {@code s} to a frame.
   *
   * @param values   the frame's values in column order (NaN: not observed this frame)
   * @param previous the previous frame's values, or null when there is none
   * @param dt       seconds since the previous frame, > 0 (ignored without one)
   */
  public void sync(SimState s, double[] values, double[] previous, double dt) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("sync: " + values.length + " values, must be " + columns.size() + " (one per column)");
    }
    if (previous != null && !(dt > 0)) {
      throw new IllegalArgumentException("sync.dt: " + dt + " s, must be > 0");
    }
    int n = layout.stateSchema().size();
    double[] full = new double[n];
    Arrays.fill(full, Double.NaN);
    double[] prevFull = null;
    if (previous != null) {
      prevFull = new double[n];
      Arrays.fill(prevFull, Double.NaN);
    }
    for (int c = 0; c < columns.size(); c++) {
      if (stateIndex[c] < 0) continue;
      full[stateIndex[c]] = values[c];
      if (prevFull != null) prevFull[stateIndex[c]] = previous[c];
    }
    int k = 0;
    for (int i = 0; i < layout.bodyCount(); i++, k += 13) {
      writeBody(s, i, full, prevFull, k, dt);
    }
    for (Equipment e : layout.equipment()) {
      e.writeChannels(layout, s, full, k, prevFull, dt);
      k += e.stateChannelCount();
    }
    double[] a = s.actions();
    for (int c = 0; c < columns.size(); c++) {
      if (actionIndex[c] >= 0 && !Double.isNaN(values[c])) a[actionIndex[c]] = values[c];
    }
    s.solverCache().clear();
  }

  private static void writeBody(SimState s, int i, double[] v, double[] prev, int k, double dt) {
    if (Double.isNaN(v[k]) && Double.isNaN(v[k + 1]) && Double.isNaN(v[k + 2])) return;
    double[] p = new double[3];
    for (int c = 0; c < 3; c++) p[c] = Double.isNaN(v[k + c]) ? s.position(i, c) : v[k + c];
    double qw = s.rotation(i, 0), qx = s.rotation(i, 1), qy = s.rotation(i, 2), qz = s.rotation(i, 3);
    if (!Double.isNaN(v[k + 3]) && !Double.isNaN(v[k + 4]) && !Double.isNaN(v[k + 5]) && !Double.isNaN(v[k + 6])) {
      double nq = Math.sqrt(v[k + 3] * v[k + 3] + v[k + 4] * v[k + 4] + v[k + 5] * v[k + 5] + v[k + 6] * v[k + 6]);
      qw = v[k + 3] / nq;
      qx = v[k + 4] / nq;
      qy = v[k + 5] / nq;
      qz = v[k + 6] / nq;
    }
    s.setPose(i, p[0], p[1], p[2], qw, qx, qy, qz);
    double[] lin = new double[3];
    for (int c = 0; c < 3; c++) {
      double vel = v[k + 7 + c];
      if (Double.isNaN(vel)) {
        vel = prev == null || Double.isNaN(prev[k + c]) ? 0 : (v[k + c] - prev[k + c]) / dt;
      }
      lin[c] = vel;
    }
    double[] ang = new double[3];
    for (int c = 0; c < 3; c++) {
      ang[c] = Double.isNaN(v[k + 10 + c]) ? s.angularVelocity(i, c) : v[k + 10 + c];
    }
    s.setVelocity(i, lin[0], lin[1], lin[2], ang[0], ang[1], ang[2]);
  }

  /**
   * Reads {@code s} in column order: state columns from the state, action columns from its last actions.
   *
   * @param scratch an array of the layout's state-schema size (reused to avoid allocation)
   */
  public void observe(SimState s, double[] scratch, double[] out) {
    layout.readState(s, scratch);
    double[] a = s.actions();
    for (int c = 0; c < columns.size(); c++) {
      out[c] = stateIndex[c] >= 0 ? scratch[stateIndex[c]] : a[actionIndex[c]];
    }
  }

  /** Writes the frame's action columns into {@code actions} (action-schema order); others are left as they are. */
  public void actions(double[] values, double[] actions) {
    for (int c = 0; c < columns.size(); c++) {
      if (actionIndex[c] >= 0 && !Double.isNaN(values[c])) actions[actionIndex[c]] = values[c];
    }
  }
}
