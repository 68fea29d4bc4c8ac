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
 * and the reference line as plants differ from their nominal layouts the way real cranes and
 * conveyors differ from their drawings.
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

  // ------------------------------------------------------------------ the reference line

  /** The line plant's belt friction: 30 % below the declared {@link ReferenceLayouts#LINE_FRICTION}. */
  public static final double TRUE_LINE_FRICTION = 0.7 * ReferenceLayouts.LINE_FRICTION;
  /** The line plant's belt speed ripple: relative amplitude and frequency [Hz] (a worn drive pulley). */
  public static final double RIPPLE_AMPLITUDE = 0.06, RIPPLE_FREQUENCY = 1.3;

  /** The line's telemetry: belt speed and encoder, the tote's horizontal position and velocity, the speed command. */
  public static List<Channel> lineColumns(Layout layout) {
    List<Channel> cols = new ArrayList<>();
    for (String n : new String[] {"line1.speed", "line1.encoder"}) cols.add(layout.stateSchema().get(layout.stateSchema().indexOf(n)));
    for (String n : new String[] {"tote.pos.x", "tote.pos.y", "tote.vel.x", "tote.vel.y"}) {
      cols.add(layout.stateSchema().get(layout.stateSchema().indexOf(n)));
    }
    cols.add(layout.actionSchema().get(layout.actionSchema().indexOf("line1.speed.cmd")));
    return cols;
  }

  /**
   * Sensor noise of the line plant: standard deviation per channel, in its unit. A drive speed
   * signal (3 mm/s), an encoder (0.5 mm), a camera tracking the tote (1 mm, 5 mm/s).
   */
  public static Map<String, Double> lineNoise() {
    return Map.of("line1.speed", 0.003, "line1.encoder", 0.0005, "tote.pos.x", 0.001, "tote.pos.y", 0.001,
        "tote.vel.x", 0.005, "tote.vel.y", 0.005);
  }

  /**
   * The reference line plant: the {@code reference-line} layout stepped at 1 kHz with the belt's
   * friction 30 % lower than declared (so the tote slips on the belt's ramps: 0.14 × g = 1.37 m/s²
   * against a ramp of 1.6 m/s²) and a belt speed ripple of 6 % at 1.3 Hz, noisy sensors, 50 Hz telemetry.
   */
  public static ReferencePlant line(PhysicsBackend backend, double noiseScale) {
    Layout nominal = ReferenceLayouts.referenceLine();
    Layout plant = nominal.withParameters(Map.of("line1.friction", TRUE_LINE_FRICTION)).withStep(PLANT_STEP);
    List<PlantEffect> effects = List.of(PlantEffects.beltRipple(plant, "line1", RIPPLE_AMPLITUDE, RIPPLE_FREQUENCY));
    Map<String, Double> noise = new java.util.HashMap<>();
    lineNoise().forEach((k, v) -> noise.put(k, v * noiseScale));
    return new ReferencePlant(plant, backend, effects, lineColumns(nominal), noise, PERIOD);
  }

  /** A start of the line plant: the belt standing, the tote at rest at 1.5–4.5 m along it, drawn from {@code seed}. */
  public static SimState lineStart(Layout plant, long seed) {
    double x = 1.5 + 3 * RandomStreams.uniform(seed, RandomStreams.key("line.start"), 0, 0);
    SimState s = plant.newState(seed);
    int tote = plant.bodyIndex("tote");
    s.setPose(tote, x, 0, ReferenceLayouts.LINE_HEIGHT + ReferenceLayouts.TOTE.z() / 2, 1, 0, 0, 0);
    return s;
  }

  /**
   * An operator jogging the belt: each speed held for 1–4 s (drawn from {@code seed}), up to the full
   * speed or standing (a third of the time), turned back to keep the tote within 1–5 m of the belt's
   * 6 m. Asked once per telemetry frame.
   */
  public static Plan lineOperator(Layout layout, long seed) {
    int act = layout.actionSchema().indexOf("line1.speed.cmd");
    int tote = layout.bodyIndex("tote");
    long key = RandomStreams.key("line.operator");
    double[] until = {0};
    double[] speed = {0};
    long[] draws = {0};
    return (tick, s, out) -> {
      double t = tick * layout.stepSeconds();
      double x = s.position(tote, 0);
      boolean outside = (speed[0] > 0 && x > 5) || (speed[0] < 0 && x < 1);
      if (t >= until[0] || outside) {
        long d = draws[0]++;
        until[0] = t + 1 + 3 * RandomStreams.uniform(seed, key, d, 0);
        boolean still = !outside && RandomStreams.uniform(seed, key, d, 1) < 1.0 / 3;
        double v = still ? 0 : ReferenceLayouts.LINE_SPEED * (0.3 + 0.7 * RandomStreams.uniform(seed, key, d, 2));
        speed[0] = x < 2 ? v : x > 4 ? -v : RandomStreams.uniform(seed, key, d, 3) < 0.5 ? v : -v;
      }
      out[act] = speed[0];
    };
  }

  /** Runs the line plant for {@code seconds} from the start and with the operator drawn from {@code seed}. */
  public static TelemetryLog lineTelemetry(ReferencePlant plant, long seed, double seconds) {
    return plant.run(lineStart(plant.layout(), seed), lineOperator(plant.layout(), seed), seconds, seed, s -> {});
  }
}
