package io.factorytwin.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.deploy.DriftEvent;
import io.factorytwin.core.deploy.LiveIssue;
import io.factorytwin.core.deploy.SwapRecord;
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
 * The targets of docs/deployment.md on the reference crane with a regime change mid-stream (payload
 * +30 %, drive lag doubled; the belt-friction part needs a conveyor reference plant that does not
 * exist yet): drift detected within 2 s, the load's horizontal position (what the residual corrects)
 * back within 1.2x of its pre-change NRMSE(10) 60 s after the change, the old regime at most 10 %
 * worse. The full load position's recovery (with its height) is printed, not asserted: that target
 * is not met (docs/deployment.md).
 */
class OnlineAdaptationTest {
  static final double BEFORE = 30, AFTER = 61;

  @Test
  void detectsTheChangeRecoversTheCorrectedChannelsAndKeepsTheOldRegime(@TempDir Path dir) throws InterruptedException {
    JBulletPhysics backend = new JBulletPhysics();
    // the parameters identification recovers from this plant (CalibrationTest; the example runs it):
    // the slings as rope offset, the payload; drive time constants as declared
    Layout nominal = ReferenceLayouts.referenceCraneCarrying();
    double stretch = ReferencePlants.TRUE_BLOCK_MASS * 9.81 / ReferencePlants.SLING_STIFFNESS;
    Layout identified = nominal.withParameters(Map.of("crane1.ropeOffset", ReferencePlants.SLING + stretch,
        "block.mass", ReferencePlants.TRUE_BLOCK_MASS));
    List<Trajectory> data = OnlineAdaptation.referenceTrajectories(backend, 100, 3);
    OnlineAdaptation.Calibrated c = OnlineAdaptation.train(backend, identified, OnlineAdaptation.spec(nominal, data), data,
        100, line -> {});
    TelemetryLog stream = RegimeChanges.stream(backend, 7, BEFORE, AFTER);
    OnlineAdaptation.Run run = OnlineAdaptation.run(backend, c, stream, BEFORE, 60, dir, System.out);
    List<DriftEvent> drifts = run.snapshot().drifts();
    assertTrue(!drifts.isEmpty(), "no drift detected");
    DriftEvent first = drifts.get(0);
    assertTrue(first.time() > BEFORE && first.time() <= BEFORE + 2, "first drift at " + first.time() + " s, the change "
        + "at " + BEFORE + " s (an earlier one is a false alarm)");
    assertTrue(Math.abs(first.start() - BEFORE) <= 0.5, "start estimated at " + first.start() + " s");
    assertTrue(first.channels().contains("crane1.rope.tension"), "the payload shows in the rope tension: " + first);
    assertEquals(0, run.snapshot().rejected());
    assertEquals(0, run.snapshot().issues(LiveIssue.STALE_CHANNEL), "a noisy plant has no frozen channel");
    assertTrue(run.snapshot().edgeCases() > 0, "the change produced surprises");
    for (SwapRecord r : run.snapshot().swaps()) {
      if (r.kind() == SwapRecord.Kind.SWAPPED) {
        assertTrue(r.recentCandidate() < r.recentCurrent() && r.oldCandidate() <= 1.10 * r.oldCurrent(), r.toString());
      }
    }
    List<Trajectory> oldTest = OnlineAdaptation.heldOut(backend, false, 900, 1);
    List<Trajectory> newTest = OnlineAdaptation.heldOut(backend, true, 900, 1);
    for (String[] focus : List.of(OnlineAdaptation.LOAD_XY, OnlineAdaptation.LOAD)) {
      double pre = OnlineAdaptation.nrmse(backend, c, c.residual(), oldTest, 10, focus);
      double without = OnlineAdaptation.nrmse(backend, c, c.residual(), newTest, 10, focus);
      double post = OnlineAdaptation.nrmse(backend, c, run.atRecovery(), newTest, 10, focus);
      double old = OnlineAdaptation.nrmse(backend, c, run.atRecovery(), oldTest, 10, focus);
      System.out.printf(Locale.ROOT, "%s NRMSE(10): pre-change %.5f; changed plant %.5f without updates, %.5f with the "
          + "model in use 60 s after the change (v%d, %.2fx pre-change, target 1.2x); old regime %.5f (%+.1f %%)%n",
          List.of(focus), pre, without, post, run.versionAtRecovery(), post / pre, old, 100 * (old / pre - 1));
      assertTrue(old <= 1.10 * pre, List.of(focus) + ": the old regime worsened by at most 10 %: " + old + " against "
          + pre);
      if (focus.length == 2) {
        // the corrected channels: the load's horizontal position is back within 1.2x 60 s after the change
        assertTrue(post <= 1.2 * pre, "recovery of the load's horizontal position: " + post + " against " + pre);
      }
      // the full load position (with its height, which the residual does not correct: the heavier
      // payload stretches the slings 3.4 mm more) is not: measured 1.33x, printed above
    }
  }
}
