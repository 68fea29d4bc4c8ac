package io.factorytwin.physics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.LayoutBuilder;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The determinism contract of docs/reproducibility.md: same state, actions and seed give
 * bit-identical states; restore-then-continue equals continue-uninterrupted; any thread count.
 */
class DeterminismTest {

  /** A busy scene: boxes, cylinders and spheres tumbling down a chute into a pile, with a pendulum. */
  static Layout scene() {
    LayoutBuilder b = Layout.builder("mixed").floor(Material.of(0.8, 0.1))
        .chute("chute", new Vec3(-2, 0, 2.0), 0, 3.0, 1.0, Math.toRadians(30), Material.of(0.6, 0))
        .fixture("stop", f -> f.box(0.2, 2, 0.6).at(2.5, 0, 0.3));
    Random rnd = new Random(7);
    for (int n = 0; n < 24; n++) {
      final int i = n;
      double x = -1.6 + 0.45 * (i % 6), y = -0.3 + 0.3 * ((i / 6) % 3), z = 3.0 + 0.5 * (i / 6);
      Quat q = Quat.axisAngle(new Vec3(rnd.nextDouble(), rnd.nextDouble(), 1), rnd.nextDouble());
      int kind = i % 3;
      b.workpiece("p" + i, w -> {
        if (kind == 0) w.box(0.2, 0.15, 0.1);
        else if (kind == 1) w.cylinder(0.07, 0.15);
        else w.sphere(0.08);
        w.mass(0.5 + 0.1 * (i % 4)).friction(0.5).restitution(0.2).pose(new Pose(new Vec3(x, y, z), q));
      });
    }
    b.workpiece("bob", w -> w.box(0.3, 0.3, 0.3).mass(20).at(4, 0, 1.5)).link("rope", "bob", new Vec3(0, 0, 1), new Vec3(3, 0, 2.5));
    return b.build();
  }

  @Test
  void sameSeedAndActionsGiveBitIdenticalStates() {
    Layout layout = scene();
    Twin a = Twin.create(layout, new JBulletPhysics(), 5L);
    Twin b = Twin.create(layout, new JBulletPhysics(), 5L);
    a.run(900, Plan.IDLE);
    b.run(900, Plan.IDLE);
    assertTrue(a.state().bitwiseEquals(b.state()));
    assertTrue(a.state().solverCache().size() > 0, "the scene must have contacts for this test to mean something");
  }

  @Test
  void restoreThenContinueEqualsContinueUninterrupted() {
    Layout layout = scene();
    Twin a = Twin.create(layout, new JBulletPhysics(), 5L);
    a.run(400, Plan.IDLE);
    SimState snap = a.snapshot();
    a.run(500, Plan.IDLE);

    // a fresh twin (a new JBullet world whose broadphase has another history) restored from the snapshot
    Twin b = Twin.create(layout, new JBulletPhysics(), 5L);
    b.run(37, Plan.IDLE);
    b.restore(snap);
    b.run(500, Plan.IDLE);
    assertTrue(a.state().bitwiseEquals(b.state()), "fresh world restored");

    // the same twin, restored after it went on
    SimState end = a.snapshot();
    a.restore(snap);
    a.run(500, Plan.IDLE);
    assertTrue(a.state().bitwiseEquals(end), "same world restored");
  }

  @Test
  void warmStartCacheIsPartOfTheState() {
    // without restoring the cache the continuation differs, which is why the state holds it
    Layout layout = scene();
    Twin a = Twin.create(layout, new JBulletPhysics(), 5L);
    a.run(400, Plan.IDLE);
    SimState snap = a.snapshot();
    a.run(200, Plan.IDLE);
    Twin b = Twin.create(layout, new JBulletPhysics(), 5L);
    b.restore(snap);
    b.state().solverCache().clear();
    b.run(200, Plan.IDLE);
    assertFalse(a.state().bitwiseEquals(b.state()));
  }

  @Test
  void resultsAreIdenticalOnOneTwoAndFourThreads() throws Exception {
    Layout layout = scene();
    Twin reference = Twin.create(layout, new JBulletPhysics(), 9L);
    reference.run(600, Plan.IDLE);
    for (int threads : new int[] {1, 2, 4}) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<SimState>> results = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
          results.add(pool.submit(() -> {
            Twin t = Twin.create(layout, new JBulletPhysics(), 9L);
            t.run(600, Plan.IDLE);
            return t.state();
          }));
        }
        for (Future<SimState> f : results) {
          assertTrue(reference.state().bitwiseEquals(f.get()), threads + " threads");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
