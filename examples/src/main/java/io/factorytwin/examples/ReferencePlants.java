package io.factorytwin.examples;

import io.factorytwin.core.calibration.PlantEffect;
import io.factorytwin.core.calibration.PlantEffects;
import io.factorytwin.core.calibration.ReferencePlant;
import io.factorytwin.core.equipment.AxisDrive;
import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.RandomStreams;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.telemetry.TelemetryLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference plants that stand in for real plant data (docs/calibration.md): the reference crane
 * as a plant differs from the nominal {@code reference-crane} layout the way real cranes differ
 * from their drawings.
 *
 * <p>Stateless and thread-safe; each plant it makes belongs to one thread.
 */
public final class ReferencePlants {
  private ReferencePlants() {}

  /** Telemetry period of the reference plants [s] (50 Hz). */
  public static final double PERIOD = 0.02;
  /** The plant's physics step [s]: finer than the twin's. */
  public static final double PLANT_STEP = 0.001;
  /** Dead time of the trolley and bridge drives [s]. */
  public static final double DEAD_TIME = 0.08;
  /** The block's true mass: 15 % more than declared [kg]. */
  public static final double TRUE_BLOCK_MASS = 1.15 * ReferenceLayouts.BLOCK_MASS;
  /** Length of the slings between the hook and the block [m]. */
  public static final double SLING = 0.8;
  /** Sling stiffness [N/m] (about 11 mm of stretch under the block) and damping [N·s/m]. */
  public static final double SLING_STIFFNESS = 2e6, SLING_DAMPING = 8000;
  /** Rope damping of the plant's hook swing [1/s]. */
  public static final double ROPE_DAMPING = 0.05;
  /** Drag area Cd·A of the block [m²] (a 1.2 × 0.6 m face, Cd 1.05). */
  public static final double BLOCK_DRAG_AREA = 1.05 * 1.2 * 0.6;

  /** The crane's telemetry: its 16 state channels and 7 action channels. */
  public static List<Channel> craneColumns(Layout layout) {
    List<Channel> cols = new ArrayList<>();
    for (Channel c : layout.stateSchema().channels()) {
      if (c.name().startsWith("crane1.") && !c.name().startsWith("crane1.hook.")) cols.add(c);
    }
    for (Channel c : layout.actionSchema().channels()) if (c.name().startsWith("crane1.")) cols.add(c);
    return cols;
  }

  /**
   * Sensor noise of the crane plant: standard deviation per channel, in its unit. Absolute encoders on
   * the axes (0.3 mm, 1 mm/s), a camera-based load tracker (1.5 mm, 3 mm/s), a sway sensor (0.3 mrad)
   * and a load cell (60 N, 0.25 % of the load).
   */
  public static Map<String, Double> craneNoise() {
    return Map.ofEntries(Map.entry("crane1.bridge.pos", 0.0003), Map.entry("crane1.bridge.vel", 0.001),
        Map.entry("crane1.trolley.pos", 0.0003), Map.entry("crane1.trolley.vel", 0.001),
        Map.entry("crane1.hoist.length", 0.0003), Map.entry("crane1.hoist.vel", 0.001),
        Map.entry("crane1.load.pos.x", 0.0015), Map.entry("crane1.load.pos.y", 0.0015),
        Map.entry("crane1.load.pos.z", 0.0015), Map.entry("crane1.load.vel.x", 0.003),
        Map.entry("crane1.load.vel.y", 0.003), Map.entry("crane1.load.vel.z", 0.003),
        Map.entry("crane1.sway.x", 0.0003), Map.entry("crane1.sway.y", 0.0003), Map.entry("crane1.rope.tension", 60.0));
  }

  /**
   * The reference crane plant: the {@code reference-crane-carrying} layout stepped at 1 kHz with the block 15 %
   * heavier than declared, hanging from the hook by 0.8 m elastic slings (a double pendulum) instead
   * of rigidly, 80 ms dead time on the trolley and bridge commands, rope damping 0.05 1/s and air drag
   * on the block, noisy sensors, 50 Hz telemetry.
   */
  public static ReferencePlant crane(PhysicsBackend backend) {
    return crane(backend, 1.0);
  }

  /** The reference crane plant with its sensor noise scaled by {@code noiseScale} (0: noise-free), ≥ 0. */
  public static ReferencePlant crane(PhysicsBackend backend, double noiseScale) {
    Layout nominal = ReferenceLayouts.referenceCraneCarrying();
    Layout plant = nominal.withParameters(Map.of("block.mass", TRUE_BLOCK_MASS)).withStep(PLANT_STEP);
    List<PlantEffect> effects = List.of(
        PlantEffects.deadTime(plant, DEAD_TIME, "crane1.trolley.mode", "crane1.trolley.cmd", "crane1.bridge.mode",
            "crane1.bridge.cmd"),
        PlantEffects.sling(plant, "crane1", "block", SLING, SLING_STIFFNESS, SLING_DAMPING),
        PlantEffects.swingDrag(plant, "crane1", ROPE_DAMPING, "block", BLOCK_DRAG_AREA));
    Map<String, Double> noise = new java.util.HashMap<>();
    craneNoise().forEach((k, v) -> noise.put(k, v * noiseScale));
    return new ReferencePlant(plant, backend, effects, craneColumns(nominal), noise, PERIOD);
  }

  /**
   * A start state of the crane plant: the block hanging at rest on its slings under the hook, the
   * trolley, bridge and rope drawn from {@code seed} (trolley 3–9 m, bridge 12–18 m, rope 3–5 m).
   */
  public static SimState craneStart(Layout plant, long seed) {
    long key = RandomStreams.key("crane.start");
    double x = 3 + 6 * RandomStreams.uniform(seed, key, 0, 0);
    double y = 12 + 6 * RandomStreams.uniform(seed, key, 0, 1);
    double rope = 3 + 2 * RandomStreams.uniform(seed, key, 0, 2);
    return craneStart(plant, seed, x, y, rope);
  }

  /**
   * A start state of the crane plant: the block hanging at rest on its slings under the hook, the trolley
   * at {@code x}, the bridge at {@code y} and the rope {@code rope} long [m]; random streams from {@code seed}.
   */
  public static SimState craneStart(Layout plant, long seed, double x, double y, double rope) {
    SimState s = plant.newState(seed);
    Crane crane = plant.cranes().get(0);
    double[] e = s.equipment();
    e[crane.equipmentOffset() + Crane.BRIDGE] = y;
    e[crane.equipmentOffset() + Crane.TROLLEY] = x;
    e[crane.equipmentOffset() + Crane.ROPE] = rope;
    double top = crane.spec().origin().z() + crane.spec().ropeTop();
    double hz = crane.spec().hookSize().z();
    double hookZ = top - rope - crane.spec().ropeOffset() - hz / 2;
    s.setPose(crane.hookBody(), x, y, hookZ, 1, 0, 0, 0);
    int block = plant.bodyIndex("block");
    double mass = plant.workpieces().get(block).mass();
    double stretch = mass * -plant.gravity() / SLING_STIFFNESS;
    s.setPose(block, x, y, hookZ - hz / 2 - SLING - stretch - ReferenceLayouts.BLOCK.z() / 2, 1, 0, 0, 0);
    s.actions()[crane.actionOffset() + 6] = 1; // grab held: the load is on the hook
    return s;
  }

  /**
   * An operator on joysticks: every axis in speed mode, each holding a speed for 1–5 s (drawn from
   * {@code seed}), the trolley and bridge at up to their full speed or standing still (a third of the
   * time), turned back before their working area's edges (trolley 2–10 m, bridge 10–20 m); the hoist
   * at up to 0.1 m/s within 3–5.5 m of rope. Asked once per telemetry frame.
   */
  public static Plan craneOperator(Layout layout, long seed) {
    Crane crane = layout.cranes().get(0);
    int a = crane.actionOffset(), e = crane.equipmentOffset();
    long key = RandomStreams.key("crane.operator");
    double[] until = new double[3];
    double[] speed = new double[3];
    long[] draws = new long[1];
    double[][] limits = {{10, 20}, {2, 10}, {3, 5.5}};
    double[] vmax = {crane.spec().bridge().maxSpeed(), crane.spec().trolley().maxSpeed(), 0.1};
    int[] slot = {Crane.BRIDGE, Crane.TROLLEY, Crane.ROPE};
    return (tick, s, out) -> {
      double t = tick * layout.stepSeconds();
      for (int k = 0; k < 3; k++) {
        double pos = s.equipment()[e + slot[k]];
        boolean outside = (speed[k] > 0 && pos > limits[k][1]) || (speed[k] < 0 && pos < limits[k][0]);
        if (t >= until[k] || outside) {
          long d = draws[0]++;
          until[k] = t + 1 + 4 * RandomStreams.uniform(seed, key, d, 0);
          boolean still = RandomStreams.uniform(seed, key, d, 1) < 1.0 / 3;
          double v = still ? 0 : vmax[k] * (0.2 + 0.8 * RandomStreams.uniform(seed, key, d, 2));
          speed[k] = pos < limits[k][0] + 1 ? v : pos > limits[k][1] - 1 ? -v
              : RandomStreams.uniform(seed, key, d, 3) < 0.5 ? v : -v;
        }
        out[a + 2 * k] = AxisDrive.SPEED;
        out[a + 2 * k + 1] = speed[k];
      }
      out[a + 6] = 1;
    };
  }

  /**
   * Runs the crane plant for {@code seconds} from the start drawn from {@code seed}, with the operator
   * drawn from the same seed, and returns its telemetry.
   */
  public static TelemetryLog craneTelemetry(ReferencePlant plant, long seed, double seconds) {
    return plant.run(craneStart(plant.layout(), seed), craneOperator(plant.layout(), seed), seconds, seed, s -> {});
  }
}
