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

  /** A line with every kind of equipment, and a crane carrying a block over it. */
  static Layout equipmentScene() {
    var main = io.factorytwin.core.equipment.ConveyorSpec.level(new Vec3(0, 0, 0.8), 0, 5, 0.6).withGuides(0.05)
        .withEncoderNoise(0.001);
    return Layout.builder("equipment").floor(Material.of(0.5, 0))
        .conveyor("main", main)
        .stopper("stop", new io.factorytwin.core.equipment.StopperSpec(Pose.at(2.0, 0, 0.9), new Vec3(0.04, 0.7, 0.2)))
        .pusher("pusher", new io.factorytwin.core.equipment.PusherSpec(Pose.at(3.0, 0.45, 0.92), new Vec3(0.6, 0.04, 0.16),
            new Vec3(0, -1, 0), 0.75, 1.2))
        .photoEye("eye", new io.factorytwin.core.equipment.PhotoEyeSpec(new Vec3(1.5, -0.4, 0.9), new Vec3(1.5, 0.4, 0.9),
            0.01, 0.01, 0.02))
        .source("source", new io.factorytwin.core.equipment.SourceSpec(Pose.at(0.3, 0, 0.935), 12, 1.1,
            new Vec3(0.2, 0.2, 0.2), new Vec3(0.3, 0.3, 0.25), 1, 3, 0.5, 9))
        .sink("sink", new io.factorytwin.core.equipment.SinkSpec(Pose.at(4.9, 0, 1.0), new Vec3(0.2, 1, 0.6)))
        .crane("crane", io.factorytwin.core.equipment.CraneSpec.reference().toBuilder().start(10, 8, 5).build())
        .workpiece("block", w -> w.box(1.2, 1.2, 0.6).mass(2000).at(8, 10, 8 - 5 - 0.3 - 0.3))
        .build();
  }

  /** Belt on, stopper toggling, pusher every 3 s, crane grabbing and shuttling. */
  static final Plan EQUIPMENT_PLAN = (tick, s, a) -> {
    a[0] = 0.5;
    a[1] = (tick / 600) % 2;
    a[2] = (tick / 360) % 2 == 1 && tick % 720 > 600 ? 1 : 0;
    a[3] = 0;
    int c = 4; // crane: bridge mode, cmd, trolley mode, cmd, hoist mode, cmd, grab
    a[c + 2] = 0;
    a[c + 3] = (tick / 960) % 2 == 0 ? 0.8 : -0.8;
    a[c + 6] = 1;
  };

  @Test
  void equipmentRestoresBitwiseOnAnyThread() throws Exception {
    Layout layout = equipmentScene();
    Twin a = Twin.create(layout, new JBulletPhysics(), 8L);
    a.run(1500, EQUIPMENT_PLAN);
    SimState snap = a.snapshot();
    a.run(1500, EQUIPMENT_PLAN);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<SimState>> runs = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        runs.add(pool.submit(() -> {
          Twin b = Twin.create(layout, new JBulletPhysics(), 8L);
          b.restore(snap);
          b.run(1500, EQUIPMENT_PLAN);
          return b.state();
        }));
      }
      for (Future<SimState> f : runs) assertTrue(a.state().bitwiseEquals(f.get()));
    } finally {
      pool.shutdownNow();
    }
    assertTrue(layout.sources().get(0).spawned(a.state()) > 5, "the line must have run");
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
