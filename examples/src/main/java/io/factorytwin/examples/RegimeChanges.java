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
    return stream(backend, seed, before, after, 0);
  }

  /**
   * As {@link #stream(PhysicsBackend, long, double, double)}, then {@code back} seconds of the
   * reference plant again (operator and noise from seed + 2): the old regime returns at
   * t = before + after. {@code back} = 0: no return.
   */
  public static TelemetryLog stream(PhysicsBackend backend, long seed, double before, double after, double back) {
    List<ReferencePlant> plants = new ArrayList<>(List.of(ReferencePlants.crane(backend), changedCrane(backend)));
    List<Double> seconds = new ArrayList<>(List.of(before, after));
    if (back > 0) {
      plants.add(ReferencePlants.crane(backend));
      seconds.add(back);
    }
    SimState[] last = new SimState[1];
    List<Frame> frames = new ArrayList<>();
    List<io.factorytwin.core.schema.Channel> channels = null;
    double offset = 0;
    for (int k = 0; k < plants.size(); k++) {
      ReferencePlant p = plants.get(k);
      SimState start = k == 0 ? ReferencePlants.craneStart(p.layout(), seed) : last[0];
      TelemetryLog log = p.run(start, ReferencePlants.craneOperator(p.layout(), seed + k), seconds.get(k), seed + k,
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
