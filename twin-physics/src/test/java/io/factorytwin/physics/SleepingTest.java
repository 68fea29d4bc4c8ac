package io.factorytwin.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.LayoutBuilder;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import org.junit.jupiter.api.Test;

/** Resting groups fall asleep, stay put, and wake when something touches them. */
class SleepingTest {
  static final JBulletPhysics SLEEPY = new JBulletPhysics(PhysicsSettings.ACCURATE.withSleeping(true));

  /** Two stacks of two boxes, 2 m apart, and a ball high above the first stack. */
  static Layout stacks() {
    LayoutBuilder b = Layout.builder("stacks").floor(Material.of(0.5, 0));
    for (int s = 0; s < 2; s++) {
      double x = 2.0 * s;
      b.workpiece("s" + s + "_0", w -> w.box(0.5, 0.5, 0.5).mass(1).at(x, 0, 0.25));
      b.workpiece("s" + s + "_1", w -> w.box(0.5, 0.5, 0.5).mass(1).at(x, 0, 0.75));
    }
    b.workpiece("ball", w -> w.sphere(0.1).mass(0.5).at(0, 0, 30));
    return b.build();
  }

  static boolean asleep(Twin t, String id) {
    return t.state().asleep()[t.layout().bodyIndex(id)];
  }

  @Test
  void restingStacksSleepAndTheStruckOneWakesAlone() {
    Layout layout = stacks();
    Twin twin = Twin.create(layout, SLEEPY, 1L);
    twin.run(layout.ticks(1.0), Plan.IDLE);
    assertTrue(asleep(twin, "s0_0") && asleep(twin, "s0_1") && asleep(twin, "s1_0") && asleep(twin, "s1_1"));
    assertFalse(asleep(twin, "ball"), "the ball is falling");
    SimState before = twin.snapshot();
    // the ball falls 29 m (2.4 s) onto stack 0
    boolean woke = false;
    for (int k = 0; k < layout.ticks(3.0); k++) {
      twin.step();
      woke |= !asleep(twin, "s0_1");
      assertTrue(asleep(twin, "s1_0") && asleep(twin, "s1_1"), "the other stack sleeps on");
    }
    assertTrue(woke, "the struck stack woke");
    int top = layout.bodyIndex("s0_1");
    assertEquals(0.75, twin.state().position(top, 2), 2e-3, "the struck stack still stands");
    for (String id : new String[] {"s1_0", "s1_1"}) {
      int i = layout.bodyIndex(id);
      for (int c = 0; c < 3; c++) assertEquals(before.position(i, c), twin.state().position(i, c), "sleepers do not move");
    }
  }

  @Test
  void aVelocityWrittenByTheHostWakesABody() {
    Layout layout = stacks();
    Twin twin = Twin.create(layout, SLEEPY, 1L);
    twin.run(layout.ticks(1.0), Plan.IDLE);
    int i = layout.bodyIndex("s1_1");
    twin.state().velocities()[3 * i] = 1.0; // shove the top box of stack 1 along X
    twin.run(layout.ticks(0.5), Plan.IDLE);
    assertFalse(asleep(twin, "s1_1"));
    assertTrue(twin.state().position(i, 0) > 2.05, "it moved: " + twin.state().position(i, 0));
  }

  @Test
  void restoreThenContinueIsBitwiseWithSleeping() {
    Layout layout = DeterminismTest.scene();
    Twin a = Twin.create(layout, SLEEPY, 5L);
    a.run(1200, Plan.IDLE);
    SimState snap = a.snapshot();
    a.run(600, Plan.IDLE);
    Twin b = Twin.create(layout, SLEEPY, 5L);
    b.restore(snap);
    b.run(600, Plan.IDLE);
    assertTrue(a.state().bitwiseEquals(b.state()));
    int sleeping = 0;
    for (boolean s : a.state().asleep()) if (s) sleeping++;
    assertTrue(sleeping > 0, "some of the scene must sleep for this test to mean something");
  }
}
