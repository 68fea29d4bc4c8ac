package io.factorytwin.examples;

import io.factorytwin.core.calibration.PlantEffect;
import io.factorytwin.core.calibration.PlantEffects;
import io.factorytwin.core.calibration.ReferencePlant;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.telemetry.Frame;
import io.factorytwin.core.telemetry.TelemetryLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference crane plant after a change of regime (docs/deployment.md, "Targets"): the payload
 * 30 % heavier than the reference plant's (2990 kg instead of 2300 kg) and the trolley's and bridge's
 * drive lag doubled (dead time 160 ms instead of 80 ms, first-order time constant 100 ms instead of
 * 50 ms); slings, swing damping, drag, sensors and telemetry as in {@link ReferencePlants#crane}.
 * And a stream that runs the reference plant, then switches to the changed one mid-stream.
 *
 * <p>(The third change, belt friction −30 %, needs a conveyor reference plant, which does
 * not exist yet: it is left out.)
 *
 * <p>Stateless and thread-safe; each plant it makes belongs to one thread.
 */
public final class RegimeChanges {
  private RegimeChanges() {}

  /** Payload factor of the changed regime. */
  public static final double PAYLOAD_FACTOR = 1.3;
  /** Drive-lag factor of the changed regime (dead time and time constant). */
  public static final double LAG_FACTOR = 2.0;

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
    ReferencePlant first = ReferencePlants.crane(backend);
    ReferencePlant second = changedCrane(backend);
    SimState[] last = new SimState[1];
    TelemetryLog a = first.run(ReferencePlants.craneStart(first.layout(), seed),
        ReferencePlants.craneOperator(first.layout(), seed), before, seed, s -> last[0] = s);
    TelemetryLog b = second.run(last[0], ReferencePlants.craneOperator(second.layout(), seed + 1), after, seed + 1,
        s -> {});
    List<Frame> frames = new ArrayList<>(a.frames());
    double offset = a.frames().get(a.frames().size() - 1).time();
    for (int k = 1; k < b.frames().size(); k++) { // frame 0 of the second run is the state at the change again
      Frame f = b.frames().get(k);
      frames.add(new Frame(offset + f.time(), f.values()));
    }
    return TelemetryLog.of(a.channels(), frames);
  }

  /** Telemetry of {@code seconds} of the changed plant alone, from the start drawn from {@code seed}. */
  public static TelemetryLog changedTelemetry(PhysicsBackend backend, long seed, double seconds) {
    return ReferencePlants.craneTelemetry(changedCrane(backend), seed, seconds);
  }
}
