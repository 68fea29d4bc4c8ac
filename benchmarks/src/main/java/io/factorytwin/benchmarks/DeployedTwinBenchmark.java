package io.factorytwin.benchmarks;

import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.deploy.DeployedTwin;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.telemetry.Frame;
import io.factorytwin.examples.ReferencePlants;
import io.factorytwin.physics.JBulletPhysics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microseconds of work per live telemetry frame of the reference crane (50 Hz: 20,000 µs between
 * frames) in a deployed twin's monitor (docs/deployment.md, "Cost"): {@code predict}, the baseline
 * measured in the same run, is the least any live check costs, one synced one-frame hybrid
 * prediction (the members' mean) per frame; {@code monitorH1} is the deployed twin scoring horizon 1
 * only (mean prediction, each member's prediction for the spread, drift detectors, statistics);
 * {@code monitor} adds horizon 10 from every 5th frame (the default). Updates are off (they run on
 * the updater thread). Each invocation hands 400 frames to the twin and waits until it has
 * processed them, so the figure includes the queue's hand-over.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DeployedTwinBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Thread)
public class DeployedTwinBenchmark {
  static final int FRAMES = 400;

  /** {@code predict}, {@code monitorH1} or {@code monitor}. */
  @Param({"predict", "monitorH1", "monitor"})
  public String loop;

  private Trajectory t;
  private FramePredictor p;
  private DeployedTwin twin;
  private double[][] out;
  private double clock;

  @Setup(Level.Trial)
  public void build() {
    Object[] m = HybridStepBenchmark.model(64);
    t = (Trajectory) m[0];
    FeatureSpec spec = (FeatureSpec) m[1];
    ResidualPredictor model = (ResidualPredictor) m[2];
    Layout layout = (Layout) m[3];
    JBulletPhysics backend = (JBulletPhysics) m[4];
    out = new double[1][t.columns().size()];
    if (loop.equals("predict")) {
      p = new FramePredictor(layout, backend, spec, FramePredictor.Kind.HYBRID, model, ReferencePlants.PERIOD, 0);
      return;
    }
    DeployedTwin.Builder b = DeployedTwin.builder(layout, backend, spec, ReferencePlants.PERIOD).residual(model)
        .baseline(List.of(t)).queueCapacity(FRAMES + 1);
    if (loop.equals("monitorH1")) b.horizons(1);
    twin = b.build();
  }

  @TearDown(Level.Trial)
  public void close() {
    if (twin != null) twin.close();
  }

  /** 400 frames. */
  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public double frames() throws InterruptedException {
    if (p != null) {
      double s = 0;
      for (int k = 0; k < FRAMES; k++) {
        p.rollout(t, 100 + k, 1, -1, out);
        s += out[0][0];
      }
      return s;
    }
    for (int k = 0; k < FRAMES; k++) {
      twin.offer(new Frame(clock + k * ReferencePlants.PERIOD, t.frame(100 + k)));
    }
    clock += (FRAMES + 10) * ReferencePlants.PERIOD; // a gap before the next batch: its context starts afresh
    twin.awaitProcessed();
    return twin.snapshot().processed();
  }
}
