package io.factorytwin.benchmarks;

import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.rollout.CraneMoves;
import io.factorytwin.core.rollout.Guards;
import io.factorytwin.core.rollout.RolloutRequest;
import io.factorytwin.core.rollout.RolloutResult;
import io.factorytwin.core.rollout.Rollouts;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.examples.ReferencePlants;
import io.factorytwin.physics.JBulletPhysics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Milliseconds per rollout request on the reference crane (docs/predicting.md, "Speed"): 64 trolley
 * moves (two-impulse shaped, 8 speeds × 8 delays) × 3 s × 5 samples = 320 runs of 150 frames (750 physics
 * steps of 4 ms), from a telemetry frame of the reference plant, with the walkway, sway and travel guards,
 * each sample with its own parameter draw (rope offset, block mass, drive lag) and sensor noise on the
 * start. {@code predictor}: {@code physics} (physics from the synced start) or {@code hybrid} (the same plus
 * a 5-member 16-16 residual ensemble, member k for sample k, and the members' disagreement every frame).
 * {@code threads} 1 and 2 in the same run give the speed-up; rollouts per second = 320 / (ms / 1000).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar RolloutBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Thread)
public class RolloutBenchmark {
  static final int PLANS = 64, SAMPLES = 5;
  static final double HORIZON = 3.0;

  /** Worker threads. */
  @Param({"1", "2"})
  public int threads;

  /** {@code physics} or {@code hybrid}. */
  @Param({"physics", "hybrid"})
  public String predictor;

  private Rollouts engine;
  private RolloutRequest request;

  @Setup(Level.Trial)
  public void build() {
    Object[] m = HybridStepBenchmark.model(16);
    Trajectory t = (Trajectory) m[0];
    FeatureSpec spec = (FeatureSpec) m[1];
    ResidualPredictor model = (ResidualPredictor) m[2];
    Layout layout = (Layout) m[3];
    JBulletPhysics backend = (JBulletPhysics) m[4];
    engine = Rollouts.builder(layout, backend).telemetry(spec, ReferencePlants.PERIOD)
        .residual(predictor.equals("hybrid") ? model : null).threads(threads).build();
    double[][] frames = new double[spec.history() + 2][];
    for (int j = 0; j < frames.length; j++) frames[j] = t.frame(300 - j);
    List<Plan> plans = new ArrayList<>();
    for (int i = 0; i < PLANS; i++) {
      plans.add(CraneMoves.twoImpulse(layout, "crane1", 2.0, 0.3 + 0.1 * (i % 8), 0.5, 0.3 * (i / 8), 0.5));
    }
    RolloutRequest.Builder b = RolloutRequest.builder().fromFrames(frames).plans(plans).horizon(HORIZON).samples(SAMPLES)
        .seed(1).randomise(layout.uncertainParameters())
        .guards(Guards.zone("walkway", "block"), Guards.sway("crane1", 0.2), Guards.limit("crane1.trolley.pos", 0.5, 11.5));
    ReferencePlants.craneNoise().forEach(b::noise);
    request = b.build();
  }

  @TearDown(Level.Trial)
  public void close() {
    engine.close();
  }

  /** One request: 320 rollouts. */
  @Benchmark
  public RolloutResult request() {
    return engine.run(request);
  }
}
