package io.factorytwin.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the quickstart shows must be true: the boxes end in the bin, at rest, above the floor, and the run repeats bit for bit. */
class QuickstartTest {
  private static Quickstart.Result result;

  @BeforeAll
  static void runOnce() {
    result = Quickstart.run();
  }

  @Test
  @SuppressWarnings("unchecked")
  void replayHoldsEveryFrameAndEndsWhereTheRunEnded(@TempDir Path dir) throws Exception {
    Map<String, Object> data = OutputChecks.replay(result.writeReplay(dir));
    assertEquals(List.of("box1", "box2", "box3"), OutputChecks.bodies(data));
    assertEquals(Math.round(Quickstart.DURATION * 240) / 8 + 1, OutputChecks.frames(data), "a frame every 8 ticks");
    List<Object> poses = (List<Object>) ((Map<String, Object>) data.get("frames")).get("poses");
    List<Object> last = (List<Object>) poses.get(poses.size() - 1);
    SimState end = result.finalState();
    for (int b = 0; b < 3; b++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(end.position(b, c), ((Number) last.get(7 * b + c)).doubleValue(), 0.51e-4, "body " + b + " axis " + c);
      }
    }
  }

  @Test
  void initialLayoutIsValidAndBoxesStartOnTheChuteOutsideTheBin() {
    Layout layout = Quickstart.layout();
    assertEquals(3, layout.bodyCount());
    for (Vec3 p : result.samples().get(0).positions()) {
      assertFalse(Quickstart.insideBin(p), "a box starts in the bin already: " + p);
      assertTrue(p.z() > Quickstart.BIN_WALL_HEIGHT, "a box starts below the chute's foot: " + p);
    }
  }

  @Test
  void everyBoxEndsInsideTheBinFootprint() {
    for (Quickstart.Rest r : result.rests()) {
      Vec3 p = r.position();
      assertTrue(Quickstart.insideBin(p), r.id() + " ended at " + p + ", outside the bin's inner footprint x ("
          + Quickstart.BIN_X0 + ", " + Quickstart.BIN_X1 + "), |y| < " + Quickstart.BIN_HALF_WIDTH);
      assertTrue(r.inBin(), r.id() + ": Rest.inBin disagrees with insideBin");
    }
  }

  @Test
  void everyBoxIsAtRestAtTheEnd() {
    for (Quickstart.Rest r : result.rests()) {
      assertTrue(r.speed() < 0.01, r.id() + " still moving at " + r.speed() + " m/s, must be < 0.01 m/s");
    }
  }

  @Test
  void noBoxFallsThroughTheFloor() {
    for (Quickstart.Sample s : result.samples()) {
      for (Vec3 p : s.positions()) {
        assertTrue(p.z() > 0, "at t = " + s.seconds() + " s a box centre is at z = " + p.z() + " m, below the floor");
      }
    }
    // A box resting on the floor has its centre at least half its smallest edge (0.1 m) above it.
    for (Quickstart.Rest r : result.rests()) {
      assertTrue(r.position().z() > 0.09, r.id() + " rests at z = " + r.position().z() + " m, sunk into the floor");
    }
    assertTrue(result.finalState().health().ok(), "health: " + result.finalState().health());
  }

  @Test
  void runsTheFullDurationInWholeTicks() {
    SimState s = result.finalState();
    assertEquals(Quickstart.layout().ticks(Quickstart.DURATION), s.tick());
    assertEquals(11, result.samples().size());
  }

  @Test
  void twoRunsGiveBitIdenticalFinalStates() {
    SimState again = Quickstart.run().finalState();
    assertTrue(result.finalState().bitwiseEquals(again),
        "two runs with seed " + Quickstart.SEED + " differ: " + result.finalState() + " vs " + again);
  }

  @Test
  void reportListsEveryBoxAndTheSchema() {
    String report = result.report();
    for (Quickstart.Rest r : result.rests()) {
      assertTrue(report.contains(r.id() + ".x"), report);
      assertTrue(report.contains(r.id() + ".pos.z [m]"), report);
      assertTrue(report.contains(r.id() + ".angvel.x [rad/s]"), report);
    }
    assertFalse(report.contains("OUTSIDE"), report);
  }

  @Test
  void restoringAMidRunSnapshotThenContinuingEqualsTheUninterruptedRun() {
    Layout layout = Quickstart.layout();
    Twin twin = Twin.create(layout, new JBulletPhysics(), Quickstart.SEED);
    twin.run(layout.ticks(1.5), Plan.IDLE); // boxes mid-slide, contacts warm-started
    SimState midway = twin.snapshot();
    twin.run(layout.ticks(Quickstart.DURATION - 1.5), Plan.IDLE);
    assertTrue(result.finalState().bitwiseEquals(twin.state()), "a run in one piece differs from the per-second run");
    twin.restore(midway);
    twin.run(layout.ticks(Quickstart.DURATION - 1.5), Plan.IDLE);
    assertTrue(result.finalState().bitwiseEquals(twin.state()), "restore-then-continue differs from the uninterrupted run");
  }

  @Test
  void runsOnSeveralThreadsAtOnceEqualTheSingleThreadedRun() throws Exception {
    // snippet:threads
    Layout layout = Quickstart.layout();                 // built once, shared
    PhysicsBackend physics = new JBulletPhysics();       // shared: it only makes worlds
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<SimState>> results = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      results.add(pool.submit(() -> {
        Twin twin = Twin.create(layout, physics, Quickstart.SEED); // confined to this task
        twin.run(layout.ticks(Quickstart.DURATION), Plan.IDLE);
        return twin.snapshot();
      }));
    }
    // end-snippet
    try {
      for (Future<SimState> f : results) {
        SimState s = f.get();
        assertTrue(result.finalState().bitwiseEquals(s), "a run on a pool thread differs: " + s);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
