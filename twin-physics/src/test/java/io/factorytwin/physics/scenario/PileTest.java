package io.factorytwin.physics.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import io.factorytwin.physics.testing.AnchorScenes;
import org.junit.jupiter.api.Test;

/**
 * The anchor scene "pile": 200 boxes dropped a few centimetres into a 10 × 10 × 2 pile. After
 * 1 s of settling and 10 s more, JBullet 1.0.3 at its defaults still moves at 41 mm/s and has
 * wandered 32 mm; native Bullet 3.24 wanders 2.9 mm.
 */
class PileTest {

  @Test
  void restingPileWandersLessThanThreeMillimetresAfterElevenSeconds() {
    Layout layout = AnchorScenes.pile();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    twin.run(240, Plan.IDLE);
    SimState settled = twin.snapshot();
    twin.run(2400, Plan.IDLE);
    SimState s = twin.state();
    double wander = 0, speed = 0;
    int n = layout.bodyCount();
    for (int i = 0; i < n; i++) {
      double d2 = 0, v2 = 0;
      for (int c = 0; c < 3; c++) {
        double d = s.position(i, c) - settled.position(i, c);
        d2 += d * d;
        v2 += s.velocity(i, c) * s.velocity(i, c);
      }
      wander = Math.max(wander, Math.sqrt(d2));
      speed = Math.max(speed, Math.sqrt(v2));
    }
    System.out.printf("pile: max wander %.4f mm, max speed %.4f mm/s after 11 s%n", wander * 1000, speed * 1000);
    assertTrue(wander < 3e-3, "max wander = " + wander + " m, must be < 3 mm");
    // every box still stands in its layer: none fell off or sank
    for (int i = 0; i < n; i++) {
      double z = s.position(i, 2);
      assertTrue(Math.abs(z - 0.25) < 2e-3 || Math.abs(z - 0.75) < 4e-3, "box " + i + " at z = " + z);
    }
  }
}
