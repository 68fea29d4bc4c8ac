package io.factorytwin.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.deploy.DriftEvent;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.telemetry.TelemetryLog;
import io.factorytwin.physics.JBulletPhysics;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The targets of docs/deployment.md on the reference line with a regime change mid-stream (belt
 * friction another 30 % lower: 0.196 instead of 0.28), and the old regime returning afterwards, with
 * the drift detectors' default parameters: drift detected within 2 s of the change; 60 s after the
 * change, NRMSE(10) of the tote's position along the belt at most 1.2x its pre-change figure; and,
 * once the old regime has returned, its error at most 10 % above the pre-change figure. Held-out
 * trajectories of both regimes start from the same state under the same operator.
 */
class OnlineAdaptationLineTest {
  static final double BEFORE = 20, AFTER = 61, BACK = 20;
  static final JBulletPhysics BACKEND = new JBulletPhysics();

  @Test
  void detectsTheChangeRecoversAndKeepsTheOldRegime(@TempDir Path dir) throws InterruptedException {
    // the friction identification recovers from this plant (LineCalibrationTest; the example runs it)
    Layout identified = ReferenceLayouts.referenceLine().withParameters(Map.of("line1.friction",
        ReferencePlants.TRUE_LINE_FRICTION));
    List<Trajectory> data = OnlineAdaptation.lineTrajectories(BACKEND, 100, 3);
    OnlineAdaptation.Calibrated c = OnlineAdaptation.train(BACKEND, identified,
        OnlineAdaptation.lineSpec(ReferenceLayouts.referenceLine(), data), data, 100, OnlineAdaptation.LINE, p -> {});
    TelemetryLog stream = RegimeChanges.lineStream(BACKEND, 7, BEFORE, AFTER, BACK);
    OnlineAdaptation.Run run = OnlineAdaptation.run(BACKEND, c, stream, BEFORE, 60, dir, System.out);
    DriftEvent first = OnlineAdaptationTest.assertDetected(run.snapshot().drifts(), BEFORE);
    assertTrue(first.channels().stream().allMatch(n -> n.startsWith("tote.")), "only the tote is watched: " + first);
    OnlineAdaptationTest.assertCleanRun(run);
    // no false alarm in the 20 s of the old regime before the change (assertDetected) nor in the first
    // 40 s of the new one after the first drift
    assertTrue(run.snapshot().drifts().stream().noneMatch(d -> d.time() > first.time() && d.time() < BEFORE + 40),
        "false alarms: " + run.snapshot().drifts());
    List<Trajectory> oldTest = OnlineAdaptation.lineHeldOut(BACKEND, false, 900, 1);
    List<Trajectory> newTest = OnlineAdaptation.lineHeldOut(BACKEND, true, 900, 1);
    String[] focus = OnlineAdaptation.TOTE_X;
    double pre = OnlineAdaptation.nrmse(BACKEND, c, c.identified(), c.residual(), oldTest, 10, focus);
    double without = OnlineAdaptation.nrmse(BACKEND, c, c.identified(), c.residual(), newTest, 10, focus);
    double post = OnlineAdaptation.nrmse(BACKEND, c, run.layoutAtRecovery(), run.atRecovery(), newTest, 10, focus);
    double old = OnlineAdaptation.nrmse(BACKEND, c, run.finalLayout(), run.finalModel(), oldTest, 10, focus);
    // for comparison: the true friction with the calibrated residual, and physics alone, and a residual
    // trained offline from scratch over the true friction on 60 s of the changed plant (2 x 30 s, one
    // of them validating)
    Layout truth = identified.withParameters(Map.of("line1.friction", 0.196));
    double best = OnlineAdaptation.nrmse(BACKEND, c, truth, c.residual(), newTest, 10, focus);
    double bestPhysics = OnlineAdaptation.nrmse(BACKEND, c, truth, null, newTest, 10, focus);
    List<Trajectory> fresh = List.of(0, 1).stream().map(k -> Trajectory.split(RegimeChanges.changedLineTelemetry(BACKEND,
        300 + k, 30), ReferencePlants.PERIOD, 100, k).trajectories().get(0)).toList();
    OnlineAdaptation.Calibrated retrained = OnlineAdaptation.train(BACKEND, truth, c.spec(), fresh, 100,
        OnlineAdaptation.LINE, p -> {});
    double bestRetrained = OnlineAdaptation.nrmse(BACKEND, c, truth, retrained.residual(), newTest, 10, focus);
    System.out.printf(Locale.ROOT, "changed plant with the true friction 0.196: %.5f with the calibrated residual, "
        + "%.5f physics alone, %.5f with a residual trained offline on 60 s of it (%.2fx)%n", best, bestPhysics,
        bestRetrained, bestRetrained / pre);
    System.out.printf(Locale.ROOT, "%s NRMSE(10): pre-change %.5f; changed plant %.5f without updates, %.5f 60 s "
        + "after the change (v%d, friction %.4f, %.2fx pre-change); old regime at the end %.5f (friction %.4f, %+.1f %%)%n",
        List.of(focus), pre, without, post, run.versionAtRecovery(), run.layoutAtRecovery().parameter("line1.friction"),
        post / pre, old, run.finalLayout().parameter("line1.friction"), 100 * (old / pre - 1));
    // re-identification found the changed friction (to identification's ±0.01, LineCalibrationTest)
    assertEquals(RegimeChanges.FRICTION_FACTOR * ReferencePlants.TRUE_LINE_FRICTION,
        run.layoutAtRecovery().parameter("line1.friction"), 0.01, "friction in use 60 s after the change");
    assertTrue(post <= 1.2 * pre, "recovered within 1.2x: " + post + " against " + pre);
    assertTrue(old <= 1.10 * pre, "the old regime at most 10 % worse: " + old + " against " + pre);
  }

  /** The changed line plant's friction is 0.7 × 0.28; bad stream lengths are refused naming the argument. */
  @Test
  void theChangedLineAndItsStreamsChecks() {
    assertEquals(0.196, RegimeChanges.changedLine(BACKEND, 1.0).layout().parameter("line1.friction"), 1e-12);
    assertEquals(ReferencePlants.TRUE_LINE_FRICTION, ReferencePlants.line(BACKEND, 1.0).layout()
        .parameter("line1.friction"), 1e-12);
    String m = assertThrows(IllegalArgumentException.class, () -> RegimeChanges.lineStream(BACKEND, 1, 0, 5, 0))
        .getMessage();
    assertTrue(m.contains("before") && m.contains("0.0"), m);
    m = assertThrows(IllegalArgumentException.class, () -> RegimeChanges.lineStream(BACKEND, 1, 5, Double.NaN, 0))
        .getMessage();
    assertTrue(m.contains("after") && m.contains("NaN"), m);
    m = assertThrows(IllegalArgumentException.class, () -> RegimeChanges.stream(BACKEND, 1, 5, 5, -1)).getMessage();
    assertTrue(m.contains("back") && m.contains("-1.0"), m);
    m = assertThrows(IllegalArgumentException.class, () -> RegimeChanges.changedLine(BACKEND, Double.POSITIVE_INFINITY))
        .getMessage();
    assertTrue(m.contains("noiseScale") && m.contains("Infinity"), m);
    // a 1 s + 1 s + 1 s stream: 151 frames at 50 Hz, the changes at 1 s and 2 s
    TelemetryLog s = RegimeChanges.lineStream(BACKEND, 3, 1, 1, 1);
    assertEquals(151, s.frames().size());
    assertEquals(3.0, s.frames().get(150).time(), 1e-9);
  }
}
