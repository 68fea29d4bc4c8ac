package io.factorytwin.core.layout;

import io.factorytwin.core.equipment.Conveyor;
import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.equipment.Equipment;
import io.factorytwin.core.equipment.PhotoEye;
import io.factorytwin.core.equipment.PhotoEyeSpec;
import io.factorytwin.core.equipment.Pusher;
import io.factorytwin.core.equipment.PusherSpec;
import io.factorytwin.core.equipment.Sink;
import io.factorytwin.core.equipment.SinkSpec;
import io.factorytwin.core.equipment.Source;
import io.factorytwin.core.equipment.SourceSpec;
import io.factorytwin.core.equipment.Stopper;
import io.factorytwin.core.equipment.StopperSpec;
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
  private final List<Equipment> equipment;
  private final List<Crane> cranes;
  private final List<Conveyor> conveyors;
  private final List<Stopper> stoppers;
  private final List<Pusher> pushers;
  private final List<Source> sources;
  private final List<io.factorytwin.core.equipment.RobotArm> robotArms;
  private final boolean[] hooks;
  private final int[] parkSlot;
  private final int equipmentSize;
  private final Map<String, Integer> bodyIndex;
  private final ChannelSchema stateSchema;
  private final ChannelSchema actionSchema;
  private final LayoutBuilder recipe;
  private final List<UncertainParameter> uncertain;

  Layout(LayoutBuilder b) {
    this.recipe = b.copy();
    java.util.ArrayList<UncertainParameter> u = new java.util.ArrayList<>();
    for (int k = 0; k < b.uncertainPaths.size(); k++) {
      String path = b.uncertainPaths.get(k);
      u.add(new UncertainParameter(path, Parameters.unit(b, path), Parameters.get(b, path), b.uncertainRanges.get(k)[0],
          b.uncertainRanges.get(k)[1]));
    }
    this.uncertain = List.copyOf(u);
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
    java.util.ArrayList<Equipment> all = new java.util.ArrayList<>();
    ChannelSchema.Builder a = ChannelSchema.builder();
    hooks = new boolean[workpieces.size()];
    parkSlot = new int[workpieces.size()];
    java.util.Arrays.fill(parkSlot, -1);
    int eq = 0, act = 0;
    for (int c = 0; c < b.equipmentIds.size(); c++) {
      String id = b.equipmentIds.get(c);
      Object spec = b.equipmentSpecs.get(c);
      Equipment e;
      if (spec instanceof CraneSpec cs) {
        int hook = idx.get(id + ".hook");
        hooks[hook] = true;
        e = new Crane(id, cs, hook, eq, act);
      } else if (spec instanceof ConveyorSpec cs) {
        e = new Conveyor(id, cs, eq, act);
      } else if (spec instanceof StopperSpec ss) {
        e = new Stopper(id, ss, eq, act);
      } else if (spec instanceof PusherSpec ps) {
        e = new Pusher(id, ps, eq, act);
      } else if (spec instanceof PhotoEyeSpec ps) {
        e = new PhotoEye(id, ps, eq);
      } else if (spec instanceof SourceSpec ss) {
        Source src = new Source(id, ss, eq, act, idx.get(id + ".item0"));
        for (int k = 0; k < ss.pool(); k++) parkSlot[src.poolBody(k)] = src.parkedSlot(k);
        e = src;
      } else if (spec instanceof io.factorytwin.core.equipment.RobotArmSpec rs) {
        e = new io.factorytwin.core.equipment.RobotArm(id, rs, eq, act);
      } else {
        e = new Sink(id, (SinkSpec) spec, eq);
      }
      e.addActionChannels(a);
      e.addStateChannels(s);
      all.add(e);
      eq += e.equipmentSlots();
      act += e.actionCount();
    }
    this.equipment = List.copyOf(all);
    this.cranes = typed(all, Crane.class);
    this.conveyors = typed(all, Conveyor.class);
    this.stoppers = typed(all, Stopper.class);
    this.pushers = typed(all, Pusher.class);
    this.sources = typed(all, Source.class);
    this.robotArms = typed(all, io.factorytwin.core.equipment.RobotArm.class);
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

  private static <T> List<T> typed(List<Equipment> all, Class<T> type) {
    return all.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** All equipment, in declaration order. */
  public List<Equipment> equipment() {
    return equipment;
  }

  /** Belt conveyors, in declaration order. */
  public List<Conveyor> conveyors() {
    return conveyors;
  }

  /** Pop-up stoppers, in declaration order. */
  public List<Stopper> stoppers() {
    return stoppers;
  }

  /** Pushers, in declaration order. */
  public List<Pusher> pushers() {
    return pushers;
  }

  /** Robot arms, in declaration order. */
  public List<io.factorytwin.core.equipment.RobotArm> robotArms() {
    return robotArms;
  }

  /** Sources, in declaration order. */
  public List<Source> sources() {
    return sources;
  }

  /** Index of the fixture called {@code id}, or −1. */
  public int fixtureIndex(String id) {
    for (int i = 0; i < fixtures.size(); i++) if (fixtures.get(i).id().equals(id)) return i;
    return -1;
  }

  /** The equipment slot that says whether body {@code i} is parked (a source's pool box), or −1. */
  public int parkedSlot(int i) {
    return parkSlot[i];
  }

  /** True when body {@code i} is a source's box waiting out of the physics. */
  public boolean isParked(SimState s, int i) {
    return parkSlot[i] >= 0 && s.equipment()[parkSlot[i]] == 1;
  }

  /** Takes a source's box off the line: parks it at its parking pose, at rest. */
  public void park(SimState s, int i) {
    if (parkSlot[i] < 0) {
      throw new IllegalArgumentException("layout." + name + "." + workpieces.get(i).id() + ": not a source's box, cannot be parked");
    }
    s.equipment()[parkSlot[i]] = 1;
    var p = workpieces.get(i).pose();
    s.setPose(i, p.position().x(), p.position().y(), p.position().z(), p.rotation().w(), p.rotation().x(),
        p.rotation().y(), p.rotation().z());
    s.setVelocity(i, 0, 0, 0, 0, 0, 0);
    s.asleep()[i] = false;
    s.restTimes()[i] = 0;
  }

  /** Runs every equipment's start-of-step behaviour (drives, grabs, spawns); called by backends. */
  public void beforePhysics(SimState s, double[] actions) {
    for (Equipment e : equipment) e.beforePhysics(this, s, actions, stepSeconds);
  }

  /** Runs every equipment's end-of-step behaviour (sensors, sinks); called by backends. */
  public void afterPhysics(SimState s) {
    for (Equipment e : equipment) e.afterPhysics(this, s, stepSeconds);
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
    for (Equipment e : equipment) e.checkActions(actions);
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
    for (Equipment e : equipment) e.initialise(this, s);
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
    for (Equipment e : equipment) {
      e.readChannels(state, out, k);
      k += e.stateChannelCount();
    }
  }

  /** The parameters this layout marks uncertain, in declaration order. */
  public List<UncertainParameter> uncertainParameters() {
    return uncertain;
  }

  /**
   * The value of a parameter of this layout ({@link UncertainParameter} lists the paths), whether or
   * not it is marked uncertain.
   *
   * @throws IllegalArgumentException when {@code path} names no parameter of this layout
   */
  public double parameter(String path) {
    if (path == null || Parameters.unit(recipe, path) == null) {
      throw new IllegalArgumentException("layout." + name + ".parameter " + path + ": names no parameter of this layout");
    }
    return Parameters.get(recipe, path);
  }

  /**
   * This layout with some parameters changed: same elements, channels and uncertain ranges, the given
   * values in place of the declared ones (they become the new layout's declared values). Values may lie
   * outside the uncertain range (a plant can be worse than feared; the range then widens to include
   * them) but must pass the layout's own validation.
   *
   * @param values parameter path to value, in the parameter's unit
   * @throws IllegalArgumentException naming the path when it names no parameter or the value is not finite
   * @throws LayoutException when the changed layout is invalid
   */
  public Layout withParameters(Map<String, Double> values) {
    LayoutBuilder b = recipe.copy();
    for (Map.Entry<String, Double> e : new java.util.TreeMap<>(values).entrySet()) {
      String path = e.getKey();
      String unit = Parameters.unit(b, path);
      if (unit == null) {
        throw new IllegalArgumentException("layout." + name + ".parameter " + path + ": names no parameter of this layout");
      }
      double v = e.getValue() == null ? Double.NaN : e.getValue();
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("layout." + name + "." + path + ": " + v + " " + unit + ", must be finite");
      }
      Parameters.set(b, path, v);
      for (int k = 0; k < b.uncertainPaths.size(); k++) {
        if (!b.uncertainPaths.get(k).equals(path)) continue;
        double[] r = b.uncertainRanges.get(k);
        b.uncertainRanges.set(k, new double[] {Math.min(r[0], v), Math.max(r[1], v)});
      }
    }
    return b.build();
  }

  /**
   * This layout with another fixed time step (a reference plant runs finer than the twin).
   *
   * @throws LayoutException when {@code seconds} is not > 0
   */
  public Layout withStep(double seconds) {
    LayoutBuilder b = recipe.copy();
    b.stepSeconds = seconds;
    return b.build();
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
