package io.factorytwin.examples;

import io.factorytwin.core.calibration.PlantEffect;
import io.factorytwin.core.calibration.PlantEffects;
import io.factorytwin.core.calibration.ReferencePlant;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.telemetry.Frame;
import io.factorytwin.core.telemetry.TelemetryLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The reference plants after a change of regime (docs/deployment.md, "Targets"). The crane: the
 * payload 30 % heavier than the reference plant's (2990 kg instead of 2300 kg) and the trolley's and
 * bridge's drive lag doubled (dead time 160 ms instead of 80 ms, first-order time constant 100 ms
 * instead of 50 ms); slings, swing damping, drag, sensors and telemetry as in
 * {@link ReferencePlants#crane}. The line: the belt's friction another 30 % lower (0.196 instead of
 * the line plant's 0.28, itself 30 % below the declared 0.4); ripple, sensors and telemetry as in
 * {@link ReferencePlants#line}. And streams that run a reference plant, then switch to the changed
 * one mid-stream (and optionally back).
 *
 * <p>Stateless and thread-safe; each plant it makes belongs to one thread.
 */
public final class RegimeChanges {
  private RegimeChanges() {}

  /** Payload factor of the changed regime. */
  public static final double PAYLOAD_FACTOR = 1.3;
  /** Drive-lag factor of the changed regime (dead time and time constant). */
  public static final double LAG_FACTOR = 2.0;

  /** Belt-friction factor of the changed line regime (applied to the line plant's friction). */
  public static final double FRICTION_FACTOR = 0.7;

  /** The changed crane plant: payload +30 %, drive dead time and time constant doubled. */
  public static ReferencePlant changedCrane(PhysicsBackend backend) {
    Layout nominal = ReferenceLayouts.referenceCraneCarrying();
    double tau = nominal.cranes().get(0).spec().trolley().timeConstant();
    double tauBridge = nominal.cranes().get(0).spec().bridge().timeConstant();
    Layout plant = nominal.withParameters(Map.of("block.mass", PAYLOAD_FACTOR * ReferencePlants.TRUE_BLOCK_MASS,
        "crane1.trolley.timeConstant", LAG_FACTOR * tau, "crane1.bridge.timeConstant", LAG_FACTOR * tauBridge))
        .withStep(ReferencePlants.PLANT_STEP);
    List<PlantEffect> effects = List.of(
        PlantEffects.deadTime(plant, LAG_FACTOR * ReferencePlants.DEAD_TIME, "crane1.trolley.mode",
            "crane1.trolley.cmd", "crane1.bridge.mode", "crane1.bridge.cmd"),
        PlantEffects.sling(plant, "crane1", "block", ReferencePlants.SLING, ReferencePlants.SLING_STIFFNESS,
            ReferencePlants.SLING_DAMPING),
        PlantEffects.swingDrag(plant, "crane1", ReferencePlants.ROPE_DAMPING, "block", ReferencePlants.BLOCK_DRAG_AREA));
    return new ReferencePlant(plant, backend, effects, ReferencePlants.craneColumns(nominal),
        new HashMap<>(ReferencePlants.craneNoise()), ReferencePlants.PERIOD);
  }

  /**
   * A stream from the reference crane plant that changes regime: {@code before} seconds of the
   * reference plant from the start drawn from {@code seed}, then {@code after} seconds of the changed
   * plant continuing from the state the first one reached (the operator drawn from seed + 1 from
   * then on; sensor noise from seed and seed + 1). Frames are at 50 Hz from t = 0; the change
   * happens at t = {@code before} (the last reference frame).
   */
  public static TelemetryLog stream(PhysicsBackend backend, long seed, double before, double after) {
    return stream(backend, seed, before, after, 0);
  }

  /**
   * As {@link #stream(PhysicsBackend, long, double, double)}, then {@code back} seconds of the
   * reference plant again (operator and noise from seed + 2): the old regime returns at
   * t = before + after. {@code back} = 0: no return.
   */
  public static TelemetryLog stream(PhysicsBackend backend, long seed, double before, double after, double back) {
    return stream(ReferencePlants.crane(backend), changedCrane(backend), seed, before, after, back,
        ReferencePlants::craneStart, ReferencePlants::craneOperator);
  }

  /**
   * The changed line plant: the line plant ({@link ReferencePlants#line}) with the belt's friction
   * {@link #FRICTION_FACTOR} times its own (0.7 × 0.28 = 0.196; the tote slips at 0.098 g = 0.96 m/s²
   * on the belt's 1.6 m/s² ramps instead of 1.37 m/s²); ripple, sensors ({@code noiseScale} times
   * their standard deviations, ≥ 0) and telemetry as the line plant's.
   */
  public static ReferencePlant changedLine(PhysicsBackend backend, double noiseScale) {
    if (!(noiseScale >= 0) || !Double.isFinite(noiseScale)) {
      throw new IllegalArgumentException("noiseScale: " + noiseScale + ", must be finite and >= 0");
    }
    Layout nominal = ReferenceLayouts.referenceLine();
    Layout plant = nominal.withParameters(Map.of("line1.friction", FRICTION_FACTOR * ReferencePlants.TRUE_LINE_FRICTION))
        .withStep(ReferencePlants.PLANT_STEP);
    List<PlantEffect> effects = List.of(PlantEffects.beltRipple(plant, "line1", ReferencePlants.RIPPLE_AMPLITUDE,
        ReferencePlants.RIPPLE_FREQUENCY));
    Map<String, Double> noise = new HashMap<>();
    ReferencePlants.lineNoise().forEach((k, v) -> noise.put(k, v * noiseScale));
    return new ReferencePlant(plant, backend, effects, ReferencePlants.lineColumns(nominal), noise, ReferencePlants.PERIOD);
  }

  /**
   * As {@link #stream(PhysicsBackend, long, double, double, double)} on the line: {@code before}
   * seconds of the line plant (sensor noise at full scale) from the start and operator drawn from
   * {@code seed}, then {@code after} seconds of the changed line plant, then {@code back} seconds of
   * the line plant again (0: no return); operators and noise of the segments from seed, seed + 1,
   * seed + 2.
   */
  public static TelemetryLog lineStream(PhysicsBackend backend, long seed, double before, double after, double back) {
    return stream(ReferencePlants.line(backend, 1.0), changedLine(backend, 1.0), seed, before, after, back,
        ReferencePlants::lineStart, ReferencePlants::lineOperator);
  }

  /** Telemetry of {@code seconds} of the changed line plant alone, from the start drawn from {@code seed}. */
  public static TelemetryLog changedLineTelemetry(PhysicsBackend backend, long seed, double seconds) {
    return ReferencePlants.lineTelemetry(changedLine(backend, 1.0), seed, seconds);
  }

  private static TelemetryLog stream(ReferencePlant reference, ReferencePlant changed, long seed, double before,
      double after, double back, BiFunction<Layout, Long, SimState> startOf, BiFunction<Layout, Long, Plan> operatorOf) {
    if (!(before > 0) || !Double.isFinite(before)) {
      throw new IllegalArgumentException("before: " + before + " s, must be finite and > 0");
    }
    if (!(after > 0) || !Double.isFinite(after)) {
      throw new IllegalArgumentException("after: " + after + " s, must be finite and > 0");
    }
    if (!(back >= 0) || !Double.isFinite(back)) {
      throw new IllegalArgumentException("back: " + back + " s, must be finite and >= 0");
    }
    List<ReferencePlant> plants = new ArrayList<>(List.of(reference, changed));
    List<Double> seconds = new ArrayList<>(List.of(before, after));
    if (back > 0) {
      plants.add(reference);
      seconds.add(back);
    }
    SimState[] last = new SimState[1];
    List<Frame> frames = new ArrayList<>();
    List<io.factorytwin.core.schema.Channel> channels = null;
    double offset = 0;
    for (int k = 0; k < plants.size(); k++) {
      ReferencePlant p = plants.get(k);
      SimState start = k == 0 ? startOf.apply(p.layout(), seed) : last[0];
      TelemetryLog log = p.run(start, operatorOf.apply(p.layout(), seed + k), seconds.get(k), seed + k,
          s -> last[0] = s);
      channels = log.channels();
      // frame 0 of a later segment is the state at the change again
      for (int f = k == 0 ? 0 : 1; f < log.frames().size(); f++) {
        Frame fr = log.frames().get(f);
        frames.add(new Frame(offset + fr.time(), fr.values()));
      }
      offset = frames.get(frames.size() - 1).time();
    }
    return TelemetryLog.of(channels, frames);
  }

  /** Telemetry of {@code seconds} of the changed plant alone, from the start drawn from {@code seed}. */
  public static TelemetryLog changedTelemetry(PhysicsBackend backend, long seed, double seconds) {
    return ReferencePlants.craneTelemetry(changedCrane(backend), seed, seconds);
  }
}
