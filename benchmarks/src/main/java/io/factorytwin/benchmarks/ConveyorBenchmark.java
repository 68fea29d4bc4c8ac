package io.factorytwin.benchmarks;

import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.LayoutBuilder;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.physics.PhysicsSettings;
import io.factorytwin.physics.internal.TwinWorld;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microseconds per step of the twin's belt scenes: {@code items} boxes (0.5 m, 1 kg, friction 0.5,
 * as in the anchor scene conveyor-lite) riding five parallel 40 m belts at 0.5 m/s, in rows 1.2 m
 * apart, plus the same scene's baseline on plain JBullet's defaults measured in the same run by
 * {@link AnchorSceneBenchmark} (engine {@code jbulletDefaults}, scene {@code conveyor-lite}).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ConveyorBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Thread)
public class ConveyorBenchmark {

  /** Number of boxes on the belts. */
  @Param({"50", "200"})
  public int items;

  private TwinWorld world;
  private SimState state;
  private double[] actions;

  /** Five parallel belts, {@code items} boxes in rows along them. */
  static Layout layout(int items) {
    LayoutBuilder b = Layout.builder("belts-" + items).floor(Material.of(0.5, 0));
    for (int lane = 0; lane < 5; lane++) {
      b.conveyor("belt" + lane, ConveyorSpec.level(new Vec3(0, 1.0 * lane, 0.5), 0, 60, 0.8).withDrive(0.5, 1.0));
    }
    for (int i = 0; i < items; i++) {
      int lane = i % 5, row = i / 5;
      b.workpiece("box" + i, w -> w.box(0.5, 0.5, 0.5).mass(1).friction(0.5).at(0.5 + 1.2 * row, 1.0 * lane, 0.7501));
    }
    return b.build();
  }

  @Setup(Level.Iteration)
  public void build() {
    Layout layout = layout(items);
    world = new TwinWorld(layout, PhysicsSettings.ACCURATE);
    state = layout.newState(1);
    actions = new double[layout.actionSchema().size()];
    java.util.Arrays.fill(actions, 0.5);
    for (int k = 0; k < 240; k++) world.step(state, actions);
  }

  /**
   * One step of the belts. Every second of simulated time, boxes that ran past x = 50 m go back 48 m
   * (40 rows of 1.2 m), like a loop, so a long measurement stays in the regime it describes.
   */
  @Benchmark
  public void step() {
    world.step(state, actions);
    if (state.tick() % 240 == 0) {
      double[] p = state.positions();
      for (int i = 0; i < items; i++) if (p[3 * i] > 50) p[3 * i] -= 48;
    }
  }
}
