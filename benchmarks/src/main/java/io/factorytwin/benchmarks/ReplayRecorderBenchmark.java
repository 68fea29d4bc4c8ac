package io.factorytwin.benchmarks;

import io.factorytwin.core.layout.Layout;
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

  private final RobotCellBenchmark cell = new RobotCellBenchmark();
  private ReplayRecorder recorder;

  @Setup(Level.Iteration)
  public void build() {
    cell.build();
    Layout layout = cell.layout();
    recorder = switch (recording) {
      case "none" -> null;
      case "frames30" -> new ReplayRecorder(layout, 1.0 / 30);
      case "everyTick" -> new ReplayRecorder(layout, layout.stepSeconds());
      default -> throw new IllegalArgumentException("recording: " + recording);
    };
  }

  /** One step of {@link RobotCellBenchmark}, then the recorder's call. */
  @Benchmark
  public boolean step() {
    cell.step();
    return recorder != null && recorder.record(cell.state());
  }
}
