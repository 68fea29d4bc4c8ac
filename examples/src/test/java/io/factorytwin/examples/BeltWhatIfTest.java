package io.factorytwin.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.rollout.ActionGate;
import io.factorytwin.core.rollout.CrossEntropyPlanner;
import io.factorytwin.core.rollout.Decision;
import io.factorytwin.core.rollout.Guards;
import io.factorytwin.core.rollout.PlanFamily;
import io.factorytwin.core.rollout.RolloutRequest;
import io.factorytwin.core.rollout.Rollouts;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.physics.JBulletPhysics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Predict before acting on a conveyor, on JBullet: running the belt at full speed for 4 s would drive a
 * box into a wall across the belt; the gate rejects it naming the wall and the time, and the planner finds
 * the belt speed that brings the box closest to the wall without touching it.
 */
class BeltWhatIfTest {
  static final double MU = 0.5, WALL_X = 3.5, BOX = 0.3, START = 0.5, SECONDS = 4.0;
  static final ConveyorSpec SPEC = ConveyorSpec.level(new Vec3(0, 0, 0.8), 0, 6, 0.6).withDrive(1.0, 2.0);

  static Layout layout() {
    Vec3 c = SPEC.surfacePoint(START, 0).plus(new Vec3(0, 0, BOX / 2 + 0.001));
    return Layout.builder("belt-wall").step(0.004).floor(Material.of(0.5, 0)).conveyor("belt1", SPEC)
        .wall("end", WALL_X, -0.5, WALL_X, 0.5, 1.5, 0.1, Material.of(0.5, 0))
        .workpiece("box", w -> w.box(BOX, BOX, BOX).mass(5).friction(MU).pose(new Pose(c, SPEC.rotation())))
        .build();
  }

  /** The belt at {@code speed} [m/s] for {@value #SECONDS} s, then stopped. */
  static Plan belt(double speed, Layout layout) {
    long until = layout.ticks(SECONDS);
    return (tick, s, out) -> out[0] = tick < until ? speed : 0;
  }

  @Test
  void fullSpeedIsRejectedForTheWallAndThePlannerFindsTheFastestSpeedThatStops() {
    Layout layout = layout();
    SimState start = layout.newState(1);
    RolloutRequest template = RolloutRequest.builder().fromState(start).plan(Plan.IDLE).horizon(SECONDS + 1)
        .samples(3).seed(2).randomise(List.of(new io.factorytwin.core.layout.UncertainParameter("box.friction", "1", MU,
            0.4, 0.6)))
        .guards(Guards.collisionWithAnything("box", "belt1.belt"), Guards.collision("box", "end")).build();
    try (Rollouts engine = Rollouts.builder(layout, new JBulletPhysics()).period(0.02).threads(2).build()) {
      ActionGate gate = ActionGate.builder(engine, template).build();
      Decision d = gate.propose(start, belt(1.0, layout));
      assertEquals(Decision.Kind.REJECT, d.kind(), d.toString());
      assertEquals("end", d.element(), d.toString());
      // the box's face is 2.85 m from the wall (5 cm of which is the wall's half thickness); at 1 m/s after
      // the belt's 0.5 s ramp (0.25 s lost) and the box's slip start-up (v / 2 mu g, 0.1 s at mu 0.5)
      double theory = (WALL_X - 0.05 - START - BOX / 2) / 1.0 + 0.25 + 1.0 / (2 * MU * 9.81);
      assertEquals(theory, d.time(), 0.15, d.toString());

      int x = layout.stateSchema().indexOf("box.pos.x");
      PlanFamily speeds = new PlanFamily() {
        @Override public List<String> parameters() { return List.of("speed [m/s]"); }
        @Override public double[] lower() { return new double[] {0.1}; }
        @Override public double[] upper() { return new double[] {1.0}; }
        @Override public Plan plan(double[] v) { return belt(v[0], layout); }
      };
      CrossEntropyPlanner.Result r = CrossEntropyPlanner.builder(engine, speeds,
          (res, p, s) -> -res.value(p, s, res.steps() - 1, x), gate, template)
          .population(12).elites(3).iterations(5).seed(4).build().plan(start);
      assertEquals(Decision.Kind.COMMIT, r.decision().kind(), r.decision().toString());
      // 2.85 m in 4 s less the ramp and the stop: at most about 0.75 m/s gets there without touching
      double v = r.parameters()[0];
      assertTrue(v > 0.6 && v < 0.76, "speed " + v);
      Decision again = gate.propose(start, r.plan());
      assertEquals(Decision.Kind.COMMIT, again.kind());
      var end = engine.run(template.withPlans(List.of(r.plan())));
      double gap = WALL_X - 0.05 - (end.value(0, 0, end.steps() - 1, x) + BOX / 2);
      System.out.printf(java.util.Locale.ROOT, "belt what-if: %s (theory %.2f s); planner %.3f m/s, the box stops %.3f m "
          + "short of the wall%n", d, theory, v, gap);
      assertTrue(gap > 0 && gap < 0.2, "the box stops " + gap + " m short of the wall");
    }
  }

  @Test
  void aNonFiniteStateOnJBulletNeverLeadsToCommit() {
    Layout layout = layout();
    SimState poisoned = layout.newState(1);
    poisoned.velocities()[0] = Double.NaN; // the box's x velocity
    RolloutRequest template = RolloutRequest.builder().fromState(poisoned).plan(Plan.IDLE).horizon(1.0).samples(2)
        .guards(Guards.collision("box", "end")).build();
    try (Rollouts engine = Rollouts.builder(layout, new JBulletPhysics()).period(0.02).threads(2).build()) {
      ActionGate gate = ActionGate.builder(engine, template).build();
      Decision d = gate.propose(poisoned, belt(0.1, layout));
      assertEquals(Decision.Kind.UNCERTAIN, d.kind(), d.toString());
      assertTrue(d.reason().startsWith("2 of 2 samples diverged"), d.reason());
      assertEquals(Decision.Kind.COMMIT, gate.propose(layout.newState(1), belt(0.1, layout)).kind(), "the same, healthy");
    }
  }
}
