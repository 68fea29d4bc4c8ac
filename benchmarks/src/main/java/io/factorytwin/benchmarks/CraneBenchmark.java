package io.factorytwin.benchmarks;

import io.factorytwin.benchmarks.jbullet.JBulletScenes;
import io.factorytwin.core.equipment.AxisDrive;
import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.layout.Layout;
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
 * Microseconds per step of the reference crane carrying its 2000 kg block while the trolley shuttles
 * back and forth (1 m/s, reversing every 6 s, so the load keeps swinging), at the accuracy the crane
 * tests check. The baseline measured in the same run is plain JBullet's anchor pendulum (one body on
 * one point-to-point link) at its defaults: the closest thing JBullet has to a crane.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CraneBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Thread)
public class CraneBenchmark {

  /** {@code twinCrane} or {@code jbulletPendulum}. */
  @Param({"twinCrane", "jbulletPendulum"})
  public String engine;

  private TwinWorld world;
  private SimState state;
  private double[] actions;
  private Crane crane;
  private JBulletScenes.Scene pendulum;

  /** The reference crane with the block hanging under the hook on 4 m of rope, grabbed. */
  static Layout layout() {
    CraneSpec spec = CraneSpec.reference().toBuilder().start(15, 3, 4).build();
    return Layout.builder("crane-bench").floor(Material.of(0.6, 0)).crane("crane1", spec)
        .workpiece("block", w -> w.box(1.2, 1.2, 0.6).mass(2000).at(3, 15, 8 - 4 - 0.3 - 0.3)).build();
  }

  @Setup(Level.Iteration)
  public void build() {
    if (engine.equals("jbulletPendulum")) {
      pendulum = JBulletScenes.build("pendulum");
      return;
    }
    Layout layout = layout();
    world = new TwinWorld(layout, PhysicsSettings.ACCURATE);
    state = layout.newState(1);
    crane = layout.cranes().get(0);
    actions = new double[layout.actionSchema().size()];
    actions[crane.actionOffset() + 6] = 1; // grab
    actions[crane.actionOffset() + 2] = AxisDrive.SPEED;
    world.step(state, actions);
    if (crane.attachedBody(state) < 0) throw new IllegalStateException("grab failed");
  }

  /** One step. */
  @Benchmark
  public void step() {
    if (pendulum != null) {
      pendulum.step();
      return;
    }
    // shuttle: +1 m/s for 6 s, −1 m/s for 6 s
    actions[crane.actionOffset() + 3] = (state.tick() / 1440) % 2 == 0 ? 1.0 : -1.0;
    world.step(state, actions);
  }
}
