package io.factorytwin.physics.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import io.factorytwin.physics.testing.AnchorScenes;
import io.factorytwin.physics.testing.Theory;
import org.junit.jupiter.api.Test;

/**
 * The anchor scene "slide": a 1 kg box on a 20° incline. JBullet 1.0.3 at its defaults slides
 * 13.7 % slower than theory at μ = 0.3 and creeps 8.2 mm in 10 s at μ = 0.5.
 */
class InclineTest {

  @Test
  void slidingAccelerationIsWithinThreePercentOfCoulombTheory() {
    double mu = 0.3;
    Layout layout = AnchorScenes.slide(mu);
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    Vec3 down = AnchorScenes.slideDownhill();
    int steps = (int) layout.ticks(3.0);
    double[] t = new double[steps], v = new double[steps];
    int n = 0;
    for (int k = 1; k <= steps; k++) {
      twin.step();
      double time = k * layout.stepSeconds();
      if (time >= 0.25) {
        t[n] = time;
        v[n] = along(twin.state(), down);
        n++;
      }
    }
    double a = Theory.slope(t, v, n);
    double theory = Theory.inclineAcceleration(AnchorScenes.SLIDE_ANGLE, mu);
    System.out.printf("slide mu=0.3: a = %.5f m/s^2, theory %.5f (%+.3f %%)%n", a, theory, 100 * (a / theory - 1));
    // 3 % is the bound; Coulomb friction solved as a cone per point should be exact to solver tolerance
    assertEquals(theory, a, 0.03 * theory, "acceleration down the incline [m/s^2]");
  }

  @Test
  void boxHoldsWhereFrictionExceedsTheSlope() {
    double mu = 0.5; // tan 20° = 0.364 < 0.5: static friction must hold
    Layout layout = AnchorScenes.slide(mu);
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    Vec3 down = AnchorScenes.slideDownhill();
    double start = position(twin.state()).dot(down);
    twin.run(layout.ticks(10.0), io.factorytwin.core.sim.Plan.IDLE);
    double creep = position(twin.state()).dot(down) - start;
    System.out.printf("slide mu=0.5: creep %.4f mm in 10 s%n", creep * 1000);
    assertTrue(Math.abs(creep) < 0.5e-3, "creep in 10 s = " + creep + " m, must be < 0.5 mm");
  }

  static double along(SimState s, Vec3 d) {
    return s.velocity(0, 0) * d.x() + s.velocity(0, 1) * d.y() + s.velocity(0, 2) * d.z();
  }

  static Vec3 position(SimState s) {
    return new Vec3(s.position(0, 0), s.position(0, 1), s.position(0, 2));
  }
}
