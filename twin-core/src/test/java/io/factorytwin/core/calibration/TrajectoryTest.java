package io.factorytwin.core.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.telemetry.Frame;
import io.factorytwin.core.telemetry.TelemetryLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting logs into trajectories, and the dead-time effect of the reference plants. */
class TrajectoryTest {
  static final List<Channel> COLS = List.of(new Channel("a", "m", 0), new Channel("b", "m", 1));

  @Test
  void gapsJitterAndMissingValuesStartNewTrajectoriesAndShortPiecesAreCounted() {
    List<Frame> f = new ArrayList<>();
    for (int k = 0; k < 10; k++) f.add(new Frame(0.02 * k, new double[] {k, 0}));           // 10 frames
    for (int k = 12; k < 30; k++) f.add(new Frame(0.02 * k, new double[] {k, 0}));          // gap: 18 frames
    f.add(new Frame(0.02 * 30, new double[] {30, Double.NaN}));                             // incomplete: dropped
    for (int k = 31; k < 34; k++) f.add(new Frame(0.02 * k, new double[] {k, 0}));          // 3 frames: too short
    Trajectory.Split s = Trajectory.split(TelemetryLog.of(COLS, f), 0.02, 5, 7);
    assertEquals(2, s.trajectories().size());
    assertEquals(10, s.trajectories().get(0).length());
    assertEquals(18, s.trajectories().get(1).length());
    assertEquals(7, s.trajectories().get(0).id());
    assertEquals(8, s.trajectories().get(1).id());
    assertEquals(0.24, s.trajectories().get(1).start(), 1e-12);
    assertEquals(4, s.dropped(), "the incomplete frame and the 3-frame piece");
  }

  @Test
  void nonFiniteValuesAreRejectedNamingFrameAndChannel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trajectory(3, COLS, 0.02, 0, new double[][] {{1, 2}, {1, Double.POSITIVE_INFINITY}}));
    assertEquals("trajectory 3 frame 1.b: Infinity, must be finite", e.getMessage());
  }

  @Test
  void deadTimeDelaysTheNamedChannelsByWholeSteps() {
    Layout l = Layout.builder("d").step(0.001).floor()
        .crane("crane1", io.factorytwin.core.equipment.CraneSpec.reference()).build();
    PlantEffect dead = PlantEffects.deadTime(l, 0.005, "crane1.trolley.cmd");
    int cmd = l.actionSchema().indexOf("crane1.trolley.cmd"), other = l.actionSchema().indexOf("crane1.bridge.cmd");
    SimState s = l.newState(1);
    double[] commanded = new double[l.actionSchema().size()];
    double[] applied = new double[commanded.length];
    for (int k = 0; k < 20; k++) {
      commanded[cmd] = k;
      commanded[other] = -k;
      System.arraycopy(commanded, 0, applied, 0, applied.length);
      dead.beforeStep(l, s, commanded, applied, 0.001);
      assertEquals(Math.max(0, k - 5), applied[cmd], "step " + k + ": the command of 5 steps ago (the first before that)");
      assertEquals(-k, applied[other], "other channels pass at once");
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlantEffects.deadTime(l, 0.01, "crane1.nothing"));
    assertEquals("plant.deadTime.crane1.nothing: not an action channel of d", e.getMessage());
  }

  @Test
  void beltRippleModulatesTheSpeedCommandSinusoidally() {
    Layout l = Layout.builder("r").step(0.01).floor()
        .conveyor("belt1", io.factorytwin.core.equipment.ConveyorSpec.level(new io.factorytwin.core.geom.Vec3(0, 0, 0.5),
            0, 4, 0.6)).build();
    PlantEffect ripple = PlantEffects.beltRipple(l, "belt1", 0.1, 2.0);
    int cmd = l.actionSchema().indexOf("belt1.speed.cmd");
    SimState s = l.newState(1);
    double[] commanded = new double[l.actionSchema().size()];
    commanded[cmd] = 0.5;
    for (int k = 0; k < 100; k++) {
      double[] applied = commanded.clone();
      ripple.beforeStep(l, s, commanded, applied, 0.01);
      assertEquals(0.5 * (1 + 0.1 * Math.sin(2 * Math.PI * 2.0 * s.tick() * 0.01)), applied[cmd], 1e-12);
      s.advanceTick();
    }
    assertThrows(IllegalArgumentException.class, () -> PlantEffects.beltRipple(l, "belt2", 0.1, 1));
  }

  @Test
  void scaledResidualMultipliesEachOutputByItsGain() {
    io.factorytwin.core.model.ResidualPredictor ones = new io.factorytwin.core.model.ResidualPredictor() {
      @Override public List<String> featureNames() { return List.of("f"); }
      @Override public List<String> outputNames() { return List.of("a [m]", "b [m]"); }
      @Override public int members() { return 2; }
      @Override public void predict(int m, double[] f, int rows, double[] out) { java.util.Arrays.fill(out, 0, 2 * rows, 1.5); }
    };
    io.factorytwin.core.model.ScaledResidual s = new io.factorytwin.core.model.ScaledResidual(ones, new double[] {0, 2});
    double[] out = new double[4];
    s.predict(1, new double[2], 2, out);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 3, 0, 3}, out, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new io.factorytwin.core.model.ScaledResidual(ones, new double[] {1, Double.NaN}));
    assertEquals("residual gain of b [m]: NaN, must be finite", e.getMessage());
  }

  @Test
  void aSingleTrajectoryIsCutForValidationAndSeveralAreSplitByTrajectory() {
    double[][] rows = new double[100][2];
    Trajectory t = new Trajectory(0, COLS, 0.02, 0, rows);
    List<Trajectory> train = new ArrayList<>(), val = new ArrayList<>();
    Calibrator.split(List.of(t), train, val);
    assertEquals(80, train.get(0).length());
    assertEquals(20, val.get(0).length());
    assertEquals(1.6, val.get(0).start(), 1e-12, "the last fifth");
    List<Trajectory> many = new ArrayList<>();
    for (int k = 0; k < 10; k++) many.add(new Trajectory(k, COLS, 0.02, 0, rows));
    train.clear();
    val.clear();
    Calibrator.split(many, train, val);
    assertEquals(List.of(4, 9), val.stream().map(Trajectory::id).toList(), "every fifth trajectory validates");
    assertEquals(8, train.size());
  }
}
