package io.factorytwin.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.HealthPolicy;
import io.factorytwin.core.sim.NumericalTroubleException;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.RunResult;
import io.factorytwin.core.sim.Twin;
import org.junit.jupiter.api.Test;

/** Numerical trouble is reported by element and channel, never silently reset. */
class HealthTest {

  static Layout twoBoxes() {
    return Layout.builder("health").floor(Material.of(0.5, 0))
        .bounds(new Vec3(-50, -50, -10), new Vec3(50, 50, 50))
        .workpiece("good", w -> w.box(0.5, 0.5, 0.5).mass(1).at(-2, 0, 0.25))
        .workpiece("bad", w -> w.box(0.5, 0.5, 0.5).mass(1).at(2, 0, 0.25))
        .build();
  }

  /** Poisons the physics the way a NaN force does: a non-finite velocity on body "bad". */
  static void poison(Twin twin) {
    twin.state().velocities()[3 * twin.layout().bodyIndex("bad")] = Double.NaN;
  }

  @Test
  void throwPolicyNamesTheBodyAndChannel() {
    Twin twin = Twin.create(twoBoxes(), new JBulletPhysics(), 1L);
    twin.run(10, Plan.IDLE);
    poison(twin);
    NumericalTroubleException e = assertThrows(NumericalTroubleException.class, twin::step);
    assertTrue(e.getMessage().contains("bad.vel.x: NaN m/s, must be finite"), e.getMessage());
    assertEquals(11, e.tick());
    assertEquals(1, twin.state().health().divergedBodies());
  }

  @Test
  void flagPolicyKeepsGoingCountsOnceAndLeavesOtherBodiesAlone() {
    Twin twin = Twin.create(twoBoxes(), new JBulletPhysics(), 1L).healthPolicy(HealthPolicy.FLAG);
    twin.run(10, Plan.IDLE);
    poison(twin);
    assertTrue(twin.step(), "the step that finds trouble says so");
    twin.run(100, Plan.IDLE);
    assertEquals(1, twin.state().health().divergedBodies());
    assertTrue(Double.isNaN(twin.state().velocity(1, 0)), "the diverged body is not silently reset");
    assertEquals(0.25, twin.state().position(0, 2), 1e-3, "the other body still rests on the floor");
    assertFalse(twin.state().health().ok());
  }

  @Test
  void stopPolicyEndsTheRunAtTheTroubledStep() {
    Twin twin = Twin.create(twoBoxes(), new JBulletPhysics(), 1L).healthPolicy(HealthPolicy.STOP);
    twin.run(5, Plan.IDLE);
    poison(twin);
    RunResult r = twin.run(100, Plan.IDLE);
    assertTrue(r.stopped());
    assertEquals(1, r.ticksRun());
    assertTrue(r.reason().contains("bad.vel.x"), r.reason());
  }

  @Test
  void nanForceInsideThePhysicsIsCaughtAfterTheStep() {
    Layout layout = twoBoxes();
    var world = new io.factorytwin.physics.internal.TwinWorld(layout, PhysicsSettings.ACCURATE);
    var state = layout.newState(1);
    assertFalse(world.step(state, new double[0]));
    world.externalForces()[3 * layout.bodyIndex("good") + 1] = Double.NaN; // a NaN drive force
    assertTrue(world.step(state, new double[0]));
    assertTrue(state.health().firstTrouble().matches("good\\.pos\\.[xyz]: NaN m, must be finite"),
        state.health().firstTrouble());
    assertEquals(2, state.health().firstTroubleTick());
    assertEquals(0.25, state.position(layout.bodyIndex("bad"), 2), 1e-3, "the other body is unaffected");
  }

  @Test
  void leavingTheWorldBoundsIsReported() {
    Twin twin = Twin.create(twoBoxes(), new JBulletPhysics(), 1L).healthPolicy(HealthPolicy.FLAG);
    twin.state().velocities()[3 * 1 + 2] = 200; // shoot "bad" upwards at 200 m/s
    boolean reported = false;
    for (int k = 0; k < 240 && !reported; k++) reported = twin.step();
    assertTrue(reported);
    assertEquals(1, twin.state().health().bodiesOutOfBounds());
    assertTrue(twin.state().health().firstTrouble().startsWith("bad.pos"), twin.state().health().firstTrouble());
  }

  @Test
  void nonFiniteActionIsRejectedBeforeAnythingChanges() {
    Twin twin = Twin.create(twoBoxes(), new JBulletPhysics(), 1L);
    var before = twin.snapshot();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> twin.step(new double[] {1.0}));
    assertTrue(e.getMessage().contains("length 1, must be 0"), e.getMessage());
    assertTrue(before.bitwiseEquals(twin.state()));
  }
}
