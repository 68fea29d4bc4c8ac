package io.factorytwin.physics.crane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.equipment.CompoundPendulum;
import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.testing.CraneScenes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference crane's hook and 2000 kg block swinging freely on the rope, against the compound
 * pendulum: period, energy and rope stretch over 60 s.
 */
class CraneSwingTest {
  static final double G = 9.81;

  @ParameterizedTest(name = "rope {0} m")
  @ValueSource(doubles = {2, 4, 7})
  void swingMatchesTheCompoundPendulumOfHookAndLoad(double rope) {
    Layout layout = CraneScenes.hangingBlock(rope, b -> {});
    double[] actions = new double[layout.actionSchema().size()];
    Twin twin = CraneScenes.grabbed(layout, actions);
    SimState s = twin.state();
    double theta0 = Math.toRadians(3);
    CraneScenes.swingOut(layout, s, theta0);
    Crane crane = layout.cranes().get(0);
    CompoundPendulum theory = CraneSpec.reference().loadedPendulum(rope, CraneScenes.BLOCK, CraneScenes.BLOCK_MASS);

    int sway = layout.stateSchema().indexOf("crane1.sway.x");
    double[] ch = new double[layout.stateSchema().size()];
    double e0 = energy(layout, s), bottom = restEnergy(layout, rope);
    double dt = layout.stepSeconds();
    double prev = Math.toRadians(3), prevT = 0, first = 0, last = 0;
    int crossings = 0;
    double maxDrift = 0, maxStretch = 0;
    long ticks = layout.ticks(60);
    long start = s.tick();
    for (long k = 1; k <= ticks; k++) {
      twin.step(actions);
      layout.readState(s, ch);
      double a = ch[sway], t = k * dt;
      if (prev < 0 && a >= 0 && crossings <= 10) {
        double tc = prevT + (t - prevT) * (-prev) / (a - prev);
        if (crossings == 0) first = tc;
        last = tc;
        crossings++;
      }
      prev = a;
      prevT = t;
      maxDrift = Math.max(maxDrift, Math.abs(energy(layout, s) - e0) / (e0 - bottom));
      double[] top = new double[3];
      crane.ropeTop(s, top);
      double[] hook = crane.hookTop(s);
      double reach = Math.sqrt(sq(top[0] - hook[0]) + sq(top[1] - hook[1]) + sq(top[2] - hook[2]));
      maxStretch = Math.max(maxStretch, Math.abs(reach - rope));
    }
    double period = (last - first) / (crossings - 1);
    double expected = theory.period(G, theta0);
    System.out.printf("crane rope %.0f m: period %.5f s (theory %.5f, %+.4f %%), energy %.4f %%, stretch %.4f mm%n", rope,
        period, expected, 100 * (period / expected - 1), 100 * maxDrift, 1000 * maxStretch);
    assertEquals(s.tick() - start, ticks);
    assertEquals(expected, period, 1e-3 * expected, "period [s] within 0.1 %");
    assertTrue(maxDrift < 0.01, "energy error " + maxDrift + " of the swing energy, must stay < 1 %");
    assertTrue(maxStretch < 2e-3, "rope stretch " + maxStretch + " m, must be < 2 mm");
  }

  static double sq(double x) {
    return x * x;
  }

  /** Kinetic plus potential energy of hook and block [J]. */
  static double energy(Layout layout, SimState s) {
    double e = 0;
    for (int i = 0; i < s.bodyCount(); i++) {
      var w = layout.workpieces().get(i);
      double[] inertia = w.shape().inertia(w.mass());
      double v2 = sq(s.velocity(i, 0)) + sq(s.velocity(i, 1)) + sq(s.velocity(i, 2));
      // bodies turn only about Y here, about which every inertia is the middle principal moment
      e += 0.5 * w.mass() * v2 + 0.5 * inertia[1] * sq(s.angularVelocity(i, 1)) + w.mass() * G * s.position(i, 2);
    }
    return e;
  }

  /** Potential energy hanging at rest [J]. */
  static double restEnergy(Layout layout, double rope) {
    CraneSpec spec = CraneSpec.reference();
    double hookZ = spec.ropeTop() - rope - spec.hookSize().z() / 2;
    double blockZ = spec.ropeTop() - rope - spec.hookSize().z() - CraneScenes.BLOCK.z() / 2;
    return G * (spec.hookMass() * hookZ + CraneScenes.BLOCK_MASS * blockZ);
  }
}
