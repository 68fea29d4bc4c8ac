package io.factorytwin.core.calibration;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.PhysicsWorld;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.RandomStreams;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.telemetry.Frame;
import io.factorytwin.core.telemetry.TelemetryLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A stand-in for a real plant: the twin's physics with perturbed parameters, effects the nominal
 * model lacks ({@link PlantEffect}), noisy sensors and telemetry at a fixed rate. Real plant logs are
 * not available to this library's tests, so calibration is developed and measured against this
 * (docs/calibration.md says exactly how it differs from the nominal twin). It is not a model of any
 * particular plant.
 *
 * <p>The telemetry reports {@code columns}, each a state or action channel of the nominal layout,
 * with Gaussian noise of the given standard deviation per column drawn from the counter-based
 * {@link RandomStreams} (the same seed gives the same log, bit for bit).
 *
 * <p>Confined to one thread: it owns a physics world and the effects' state.
 */
public final class ReferencePlant {
  private final Layout layout;
  private final PhysicsWorld world;
  private final List<PlantEffect> effects;
  private final List<Channel> columns;
  private final double[] noise;
  private final int[] stateIndex;
  private final int[] actionIndex;
  private final double period;
  private final int ticksPerFrame;

  /**
   * @param layout  the plant's layout (normally the nominal layout {@code withParameters} and {@code withStep})
   * @param effects what the plant does besides the physics, applied in order
   * @param columns the telemetry's channels (state or action channels of {@code layout})
   * @param noise   per column name, the sensor noise's standard deviation in the column's unit (absent: 0)
   * @param period  telemetry period [s], a whole number of the layout's steps
   * @throws IllegalArgumentException naming a column the layout does not know, a negative or non-finite
   *     noise, or a period that is not a whole number of steps
   */
  public ReferencePlant(Layout layout, PhysicsBackend backend, List<PlantEffect> effects, List<Channel> columns,
      Map<String, Double> noise, double period) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.world = backend.createWorld(layout);
    this.effects = List.copyOf(effects);
    this.columns = List.copyOf(columns);
    StateSync check = new StateSync(layout, columns); // validates names and units
    this.noise = new double[columns.size()];
    this.stateIndex = new int[columns.size()];
    this.actionIndex = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      String name = columns.get(c).name();
      double sd = noise.getOrDefault(name, 0.0);
      if (!(sd >= 0) || Double.isInfinite(sd)) {
        throw new IllegalArgumentException("plant.noise." + name + ": " + sd + ", must be finite and >= 0");
      }
      this.noise[c] = sd;
      stateIndex[c] = check.isAction(c) ? -1 : layout.stateSchema().indexOf(name);
      actionIndex[c] = check.isAction(c) ? layout.actionSchema().indexOf(name) : -1;
    }
    for (String name : noise.keySet()) check.column(name);
    this.ticksPerFrame = FramePredictor.ticksPerFrame(layout, period, "plant.period");
    this.period = period;
  }

  /** The plant's layout. */
  public Layout layout() {
    return layout;
  }

  /** The telemetry's channels. */
  public List<Channel> columns() {
    return columns;
  }

  /** The telemetry period [s]. */
  public double period() {
    return period;
  }

  /**
   * Runs the plant from {@code start} for {@code seconds}, commanded by {@code operator}, and returns
   * the telemetry: one frame at time 0 and one every period after it. The operator is asked once per
   * frame (as a PLC's cycle would) and its actions hold until the next frame; each frame records the
   * state at its time and the actions commanded from then on.
   *
   * @param start    the plant's initial state (not changed; the run works on a copy)
   * @param seed     the sensor noise's stream
   * @param onStep   called after every plant step with the plant's true state (may be a no-op)
   */
  public TelemetryLog run(SimState start, Plan operator, double seconds, long seed, Consumer<SimState> onStep) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("plant.run.seconds: " + seconds + ", must be finite and >= 0");
    }
    SimState s = start.copy();
    for (PlantEffect e : effects) e.reset();
    int na = layout.actionSchema().size();
    double[] commanded = s.actions().clone();
    double[] applied = new double[na];
    double[] channels = new double[layout.stateSchema().size()];
    List<Frame> frames = new ArrayList<>();
    long frameCount = Math.round(seconds / period);
    long noiseKey = RandomStreams.key("plant.sensors");
    for (long f = 0; f <= frameCount; f++) {
      // the operator commands at the frame rate (a PLC cycle): frame f's actions hold until frame f + 1
      operator.actions(s.tick(), s, commanded);
      layout.readState(s, channels);
      for (PlantEffect e : effects) e.observe(layout, s, channels);
      double[] v = new double[columns.size()];
      for (int c = 0; c < v.length; c++) {
        double x = stateIndex[c] >= 0 ? channels[stateIndex[c]] : commanded[actionIndex[c]];
        if (noise[c] > 0) x += noise[c] * RandomStreams.gaussian(seed, noiseKey, f, c);
        v[c] = x;
      }
      frames.add(new Frame(f * period, v));
      if (f == frameCount) break;
      for (int k = 0; k < ticksPerFrame; k++) {
        System.arraycopy(commanded, 0, applied, 0, na);
        for (PlantEffect e : effects) e.beforeStep(layout, s, commanded, applied, layout.stepSeconds());
        world.step(s, applied);
        System.arraycopy(commanded, 0, s.actions(), 0, na);
        onStep.accept(s);
      }
    }
    return TelemetryLog.of(columns, frames);
  }
}
