package io.factorytwin.benchmarks;

import io.factorytwin.benchmarks.jbullet.JBulletScenes;
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
 * Microseconds per step of the five anchor scenes (../shared/anchors/scenes.md) in two engines
 * measured in the same run: {@code twin}, FactoryTwin's {@code TwinWorld} with
 * {@code PhysicsSettings.ACCURATE} on the {@code AnchorScenes} layouts, and {@code jbulletDefaults},
 * plain JBullet 1.0.3 at engine defaults ({@link JBulletScenes}).
 *
 * <p>Every iteration (warm-up or measured) starts from a freshly built world that has run the scene's
 * settle steps (240 for pile, pile-sleep and conveyor-lite), so a long measurement cannot drift out
 * of the regime the scene describes. One benchmark call is one step; for conveyor-lite it includes
 * computing and applying the drive forces, as the native harness times them.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AnchorSceneBenchmark
 * java -jar benchmarks/target/benchmarks.jar AnchorSceneBenchmark -p scene=pile -wi 2 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Thread)
public class AnchorSceneBenchmark {

  /** Scene name as scenes.md spells it (the native harness calls conveyor-lite "conveyor"). */
  @Param({"pile", "pile-sleep", "pendulum", "slide", "conveyor-lite"})
  public String scene;

  /** {@code twin} or {@code jbulletDefaults}. */
  @Param({"twin", "jbulletDefaults"})
  public String engine;

  private TwinScene twin;
  private JBulletScenes.Scene jbullet;

  /** Builds a fresh world and runs the scene's settle steps, untimed. */
  @Setup(Level.Iteration)
  public void buildWorld() {
    twin = null;
    jbullet = null;
    int settle = JBulletScenes.settleSteps(scene);
    switch (engine) {
      case "twin" -> {
        twin = TwinScene.build(scene);
        for (int k = 0; k < settle; k++) twin.step();
      }
      case "jbulletDefaults" -> {
        jbullet = JBulletScenes.build(scene);
        for (int k = 0; k < settle; k++) jbullet.step();
      }
      default -> throw new IllegalArgumentException("engine: " + engine + ", must be twin or jbulletDefaults");
    }
  }

  /** One step of the scene (with the conveyor's drive-force computation). */
  @Benchmark
  public void step() {
    if (twin != null) {
      twin.step();
    } else {
      jbullet.step();
    }
  }

  /** Fails the run if the iteration did not simulate what it claims to. */
  @TearDown(Level.Iteration)
  public void check() {
    if (twin != null) twin.checkHealthy();
    if (jbullet != null) jbullet.checkOneStepPerCall();
  }
}
