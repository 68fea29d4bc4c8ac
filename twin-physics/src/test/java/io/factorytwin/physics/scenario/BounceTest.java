package io.factorytwin.physics.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import org.junit.jupiter.api.Test;

/** A ball dropped on the floor rebounds to e²·h (restitution e, drop height h). */
class BounceTest {

  @Test
  void reboundHeightIsRestitutionSquaredTimesDropHeight() {
    double h = 1.0, r = 0.1, e = 0.6;
    Layout layout = Layout.builder("bounce").floor(Material.of(0.5, 1.0))
        .workpiece("ball", w -> w.sphere(r).mass(1).restitution(e).at(0, 0, r + h)).build();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    SimState s = twin.state();
    boolean hit = false;
    double apex = 0;
    for (int k = 0; k < layout.ticks(3.0); k++) {
      twin.step();
      double vz = s.velocity(0, 2);
      if (!hit && vz > 0) hit = true;
      if (hit) {
        apex = Math.max(apex, s.position(0, 2) - r);
        if (vz < 0) break;
      }
    }
    double theory = e * e * h;
    System.out.printf("bounce: apex %.5f m, theory %.5f m (%+.2f %%)%n", apex, theory, 100 * (apex / theory - 1));
    // The impact happens within one step of 1/240 s; the ball reaches the floor at 4.43 m/s, so it can
    // start its rebound up to v·dt = 18 mm early or late. 2 % of 0.36 m (7 mm) covers the average case.
    assertEquals(theory, apex, 0.02 * theory, "rebound apex above the floor [m]");
  }
}
