package io.factorytwin.core.layout;

import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.schema.ChannelSchema;
import io.factorytwin.core.sim.SimState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compiled, validated layout: what the factory is made of, as MuJoCo's {@code mjModel} is to
 * its {@code mjData}. Everything that changes over time lives in a {@link SimState}; a layout is
 * shared by every state, world and thread that simulates it.
 *
 * <p><b>State schema.</b> Each workpiece {@code w}, in declaration order, has the channels
 * {@code w.pos.x|y|z [m]}, {@code w.rot.w|x|y|z [1]} (unit quaternion, body to world),
 * {@code w.vel.x|y|z [m/s]} and {@code w.angvel.x|y|z [rad/s]} (world frame).
 * Then each crane's channels (see {@link Crane}). <b>Action schema.</b> Each crane's commands
 * (see {@link Crane}), in declaration order.
 *
 * <p>Immutable and thread-safe.
 */
public final class Layout {
  private final String name;
  private final double stepSeconds;
  private final double gravity;
  private final Vec3 boundsMin;
  private final Vec3 boundsMax;
  private final Optional<Floor> floor;
  private final List<Fixture> fixtures;
  private final List<Workpiece> workpieces;
  private final List<Zone> zones;
  private final List<Link> links;
  private final List<Crane> cranes;
  private final boolean[] hooks;
  private final int equipmentSize;
  private final Map<String, Integer> bodyIndex;
  private final ChannelSchema stateSchema;
  private final ChannelSchema actionSchema;

  Layout(LayoutBuilder b) {
    this.name = b.name;
    this.stepSeconds = b.stepSeconds;
    this.gravity = b.gravity;
    this.boundsMin = b.boundsMin;
    this.boundsMax = b.boundsMax;
    this.floor = Optional.ofNullable(b.floor);
    this.fixtures = List.copyOf(b.fixtures);
    this.workpieces = List.copyOf(b.workpieces);
    this.zones = List.copyOf(b.zones);
    this.links = List.copyOf(b.links);
    Map<String, Integer> idx = new HashMap<>();
    ChannelSchema.Builder s = ChannelSchema.builder();
    for (int i = 0; i < workpieces.size(); i++) {
      String id = workpieces.get(i).id();
      idx.put(id, i);
      for (String c : new String[] {"x", "y", "z"}) s.add(id + ".pos." + c, "m");
      for (String c : new String[] {"w", "x", "y", "z"}) s.add(id + ".rot." + c, "1");
      for (String c : new String[] {"x", "y", "z"}) s.add(id + ".vel." + c, "m/s");
      for (String c : new String[] {"x", "y", "z"}) s.add(id + ".angvel." + c, "rad/s");
    }
    this.bodyIndex = Map.copyOf(idx);
    java.util.ArrayList<Crane> cs = new java.util.ArrayList<>();
    ChannelSchema.Builder a = ChannelSchema.builder();
    hooks = new boolean[workpieces.size()];
    int eq = 0, act = 0;
    for (int c = 0; c < b.cranes.size(); c++) {
      String id = b.craneIds.get(c);
      int hook = idx.get(id + ".hook");
      hooks[hook] = true;
      Crane crane = new Crane(id, b.cranes.get(c), hook, eq, act);
      crane.addActionChannels(a);
      crane.addStateChannels(s);
      cs.add(crane);
      eq += Crane.STRIDE;
      act += Crane.ACTIONS.length;
    }
    this.cranes = List.copyOf(cs);
    this.equipmentSize = eq;
    this.stateSchema = s.build();
    this.actionSchema = a.build();
  }

  /** A new, empty builder for a layout called {@code name}. */
  public static LayoutBuilder builder(String name) {
    return new LayoutBuilder(name);
  }

  /** The layout's name. */
  public String name() {
    return name;
  }

  /** The fixed time step of the clock [s]. */
  public double stepSeconds() {
    return stepSeconds;
  }

  /** Gravity along world Z [m/s²] (negative: down). */
  public double gravity() {
    return gravity;
  }

  /** Lower corner of the world bounds [m]. */
  public Vec3 boundsMin() {
    return boundsMin;
  }

  /** Upper corner of the world bounds [m]. */
  public Vec3 boundsMax() {
    return boundsMax;
  }

  /** The floor, if the layout has one. */
  public Optional<Floor> floor() {
    return floor;
  }

  /** Static fixtures, in declaration order (racks expanded into their parts). */
  public List<Fixture> fixtures() {
    return fixtures;
  }

  /** Workpieces (the free bodies), in declaration order; body index = position in this list. */
  public List<Workpiece> workpieces() {
    return workpieces;
  }

  /** Zones, in declaration order. */
  public List<Zone> zones() {
    return zones;
  }

  /** Links, in declaration order. */
  public List<Link> links() {
    return links;
  }

  /** Overhead cranes, in declaration order. */
  public List<Crane> cranes() {
    return cranes;
  }

  /** True when body {@code i} is a crane's hook. */
  public boolean isHook(int i) {
    return hooks[i];
  }

  /** Size of the state's equipment array. */
  public int equipmentSize() {
    return equipmentSize;
  }

  /**
   * Rejects action vectors whose values are not commands for the equipment (a mode other than 0 or
   * 1, say). Length and finiteness are checked by the caller ({@code Twin}).
   *
   * @throws IllegalArgumentException naming the channel, the value and the bound
   */
  public void checkActions(double[] actions) {
    for (Crane c : cranes) c.checkActions(actions);
  }

  /** Number of free bodies. */
  public int bodyCount() {
    return workpieces.size();
  }

  /**
   * The body index of workpiece {@code id}.
   *
   * @throws IllegalArgumentException naming the id when no workpiece has it
   */
  public int bodyIndex(String id) {
    Integer i = bodyIndex.get(id);
    if (i == null) {
      throw new IllegalArgumentException("layout." + name + "." + id + ": no such workpiece");
    }
    return i;
  }

  /** The ordered, named state channels (see the class comment). */
  public ChannelSchema stateSchema() {
    return stateSchema;
  }

  /** The ordered, named action channels. */
  public ChannelSchema actionSchema() {
    return actionSchema;
  }

  /** A state at tick 0 with every workpiece at its initial pose and velocity, random streams from {@code seed}. */
  public SimState newState(long seed) {
    SimState s = new SimState(workpieces.size(), actionSchema.size(), equipmentSize, seed);
    for (int i = 0; i < workpieces.size(); i++) {
      Workpiece w = workpieces.get(i);
      var p = w.pose().position();
      var q = w.pose().rotation();
      double n = q.norm();
      s.setPose(i, p.x(), p.y(), p.z(), q.w() / n, q.x() / n, q.y() / n, q.z() / n);
      s.setVelocity(i, w.velocity().x(), w.velocity().y(), w.velocity().z(),
          w.angularVelocity().x(), w.angularVelocity().y(), w.angularVelocity().z());
    }
    for (Crane c : cranes) c.initialise(s);
    return s;
  }

  /**
   * Reads the state channels of {@code state} into {@code out} in schema order.
   *
   * @param out array of length {@code stateSchema().size()}
   */
  public void readState(SimState state, double[] out) {
    if (out.length != stateSchema.size()) {
      throw new IllegalArgumentException("out: length " + out.length + ", must be " + stateSchema.size());
    }
    int k = 0;
    for (int i = 0; i < workpieces.size(); i++) {
      for (int c = 0; c < 3; c++) out[k++] = state.position(i, c);
      for (int c = 0; c < 4; c++) out[k++] = state.rotation(i, c);
      for (int c = 0; c < 3; c++) out[k++] = state.velocity(i, c);
      for (int c = 0; c < 3; c++) out[k++] = state.angularVelocity(i, c);
    }
    for (Crane c : cranes) {
      c.readChannels(state, out, k);
      k += Crane.STATE_CHANNELS;
    }
  }

  /** Converts seconds to whole ticks of this layout's step, rounding to nearest. */
  public long ticks(double seconds) {
    return Math.round(seconds / stepSeconds);
  }

  @Override
  public String toString() {
    return "Layout[" + name + ": " + workpieces.size() + " workpieces, " + fixtures.size() + " fixtures, "
        + zones.size() + " zones, " + links.size() + " links, step " + stepSeconds + " s]";
  }
}
