package io.factorytwin.benchmarks;

import io.factorytwin.core.equipment.RobotArm;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.physics.PhysicsSettings;
import io.factorytwin.physics.internal.TwinWorld;
import io.factorytwin.viewer.ReplayRecorder;
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
 * What recording a replay costs: microseconds per step of the robot cell (the example's layout, the
 * arm sweeping as in {@link RobotCellBenchmark}) with {@code ReplayRecorder.record} called after
 * every step, keeping a frame at 30 per second or at every tick, against the same steps without
 * recording measured in the same run (the baseline, {@code none}). The robot cell is the dearest
 * layout to record: 24 bodies and 8 moving fixtures whose poses come from the arm's kinematics.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ReplayRecorderBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Thread)
public class ReplayRecorderBenchmark {
  /** {@code none} (the baseline), {@code frames30} (a frame every 1/30 s) or {@code everyTick}. */
  @Param({"none", "frames30", "everyTick"})
  public String recording;

  private TwinWorld world;
  private SimState state;
  private double[] actions;
  private RobotArm arm;
  private double[] home;
  private ReplayRecorder recorder;

  @Setup(Level.Iteration)
  public void build() {
    Layout layout = io.factorytwin.examples.RobotCell.layout();
    world = new TwinWorld(layout, PhysicsSettings.ACCURATE);
    state = layout.newState(1);
    arm = layout.robotArms().get(0);
    home = arm.spec().start();
    actions = new double[layout.actionSchema().size()];
    actions[arm.actionCount()] = 0.3; // belt
    actions[arm.actionCount() + 1] = 1; // stopper up
    recorder = switch (recording) {
      case "none" -> null;
      case "frames30" -> new ReplayRecorder(layout, 1.0 / 30);
      case "everyTick" -> new ReplayRecorder(layout, layout.stepSeconds());
      default -> throw new IllegalArgumentException("recording: " + recording);
    };
  }

  /** One step as in {@link RobotCellBenchmark}, then the recorder's call. */
  @Benchmark
  public boolean step() {
    double t = state.tick() / 240.0;
    for (int j = 0; j < 6; j++) {
      actions[arm.jointAction(j)] = 1;
      actions[arm.jointAction(j) + 1] = home[j] + 0.3 * Math.sin(Math.PI * t + j);
    }
    actions[arm.actionCount() + 2] = state.tick() % 960 == 0 ? 1 : 0;
    world.step(state, actions);
    return recorder != null && recorder.record(state);
  }
}
