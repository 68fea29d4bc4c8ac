package io.factorytwin.physics.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import org.junit.jupiter.api.Test;

/** A body with nothing to touch falls as z(t) = z0 − g·t²/2. */
class FreeFallTest {

  @Test
  void fallMatchesKinematicsOfTheSemiImplicitEulerStep() {
    Layout layout = Layout.builder("fall").workpiece("ball", w -> w.sphere(0.1).mass(2).at(0, 0, 100)).build();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    double g = 9.81, dt = layout.stepSeconds();
    int n = (int) layout.ticks(2.0);
    twin.run(n, io.factorytwin.core.sim.Plan.IDLE);
    double t = n * dt;
    // velocity is exact: v = −g t (to rounding of n additions)
    assertEquals(-g * t, twin.state().velocity(0, 2), 1e-10);
    // the step updates velocity first, then position (semi-implicit Euler), so after n steps
    // z = z0 − g·dt²·n(n+1)/2: the continuous z0 − g t²/2 minus g·dt·t/2 (41 mm at 2 s, 1/240 s)
    double discrete = 100 - g * dt * dt * n * (n + 1) / 2.0;
    assertEquals(discrete, twin.state().position(0, 2), 1e-9);
    double continuous = 100 - g * t * t / 2;
    double bound = g * dt * t / 2 + 1e-9;
    assertTrue(Math.abs(twin.state().position(0, 2) - continuous) <= bound);
    // nothing else moves
    assertEquals(0.0, twin.state().position(0, 0));
    assertEquals(0.0, twin.state().position(0, 1));
  }
}
