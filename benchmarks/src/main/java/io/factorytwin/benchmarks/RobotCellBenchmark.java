package io.factorytwin.benchmarks;

import io.factorytwin.core.equipment.RobotArm;
import io.factorytwin.core.layout.Layout;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microseconds per step of the robot cell of the examples (the six-axis arm with its links in the
 * physics, a belt, a stopper, a photo-eye, a source and a pallet), with the arm sweeping all six
 * joints and boxes arriving on the belt.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar RobotCellBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Thread)
public class RobotCellBenchmark {
  private Layout layout;
  private TwinWorld world;
  private SimState state;
  private double[] actions;
  private RobotArm arm;
  private double[] home;

  @Setup(Level.Iteration)
  public void build() {
    layout = io.factorytwin.examples.RobotCell.layout();
    world = new TwinWorld(layout, PhysicsSettings.ACCURATE);
    state = layout.newState(1);
    arm = layout.robotArms().get(0);
    home = arm.spec().start();
    actions = new double[layout.actionSchema().size()];
    actions[arm.actionCount()] = 0.3; // belt
    actions[arm.actionCount() + 1] = 1; // stopper up
  }

  /** One step: joints sweep ±0.3 rad around home at 0.5 Hz; a box every 4 s. */
  @Benchmark
  public void step() {
    double t = state.tick() / 240.0;
    for (int j = 0; j < 6; j++) {
      actions[arm.jointAction(j)] = 1;
      actions[arm.jointAction(j) + 1] = home[j] + 0.3 * Math.sin(Math.PI * t + j);
    }
    actions[arm.actionCount() + 2] = state.tick() % 960 == 0 ? 1 : 0;
    world.step(state, actions);
  }

  /** The layout stepped (for benchmarks that add work to this one's step). */
  Layout layout() {
    return layout;
  }

  /** The state stepped. */
  SimState state() {
    return state;
  }
}
