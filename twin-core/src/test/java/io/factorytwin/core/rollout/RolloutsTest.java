package io.factorytwin.core.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.StateSync;
import io.factorytwin.core.equipment.AxisDrive;
import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.UncertainParameter;
import io.factorytwin.core.layout.Zone;
import io.factorytwin.core.model.ModelCard;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.PhysicsWorld;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.SimState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rollout engine, guards, gate and planner over a scripted crane (no physics engine). */
class RolloutsTest {
  static final Layout LAYOUT = ScriptedCrane.layout();
  static final Crane CRANE = LAYOUT.cranes().get(0);
  static final int A = CRANE.actionOffset();
  static final double PERIOD = 0.02;
  static final PhysicsBackend CLEAN = ScriptedCrane.backend(-1);

  /** Trolley at {@code speed} [m/s] for {@code seconds}, then stop; hoist at {@code hoist} [m/s]. */
  static Plan trolley(double speed, double seconds, double hoist) {
    long until = Math.round(seconds / ScriptedCrane.STEP);
    return (tick, s, out) -> {
      out[A + 2] = AxisDrive.SPEED;
      out[A + 3] = tick < until ? speed : 0;
      out[A + 4] = AxisDrive.SPEED;
      out[A + 5] = hoist;
    };
  }

  static List<Channel> columns() {
    List<Channel> cols = new ArrayList<>();
    for (Channel c : LAYOUT.stateSchema().channels()) if (c.name().startsWith("crane1.") && !c.name().startsWith("crane1.hook.")) cols.add(c);
    cols.addAll(LAYOUT.actionSchema().channels());
    return cols;
  }

  static final StateSync SYNC = new StateSync(LAYOUT, columns());
  static final FeatureSpec SPEC = FeatureSpec.crane(SYNC, "crane1", 2);

  /** Telemetry frames of the scripted crane after 1 s of trolley motion at 0.3 m/s: latest first, 4 frames. */
  static double[][] frames() {
    PhysicsWorld w = CLEAN.createWorld(LAYOUT);
    SimState s = LAYOUT.newState(0);
    double[] a = s.actions().clone();
    trolley(0.3, 10, 0).actions(0, s, a);
    double[][] f = new double[4][SYNC.columns().size()];
    double[] scratch = new double[LAYOUT.stateSchema().size()];
    for (int k = 0; k < 50; k++) {
      System.arraycopy(a, 0, s.actions(), 0, a.length);
      for (int t = 0; t < 5; t++) w.step(s, a);
      if (k >= 46) SYNC.observe(s, scratch, f[49 - k]);
    }
    return f;
  }

  /** An ensemble of {@code members} constant corrections, member m adding (m + 1)·1e-4 to every output; NaN from {@code nanMember}. */
  static ResidualPredictor constant(int members, int nanMember) {
    return new ResidualPredictor() {
      @Override public List<String> featureNames() { return SPEC.featureNames(true); }
      @Override public List<String> outputNames() { return SPEC.outputNames(true); }
      @Override public int members() { return members; }
      @Override public void predict(int m, double[] f, int rows, double[] out) {
        java.util.Arrays.fill(out, m == nanMember ? Double.NaN : (m + 1) * 1e-4);
      }
    };
  }

  static Rollouts hybrid(int threads, ResidualPredictor model, PhysicsBackend backend) {
    return Rollouts.builder(LAYOUT, backend).telemetry(SPEC, PERIOD).residual(model).threads(threads).build();
  }

  static Rollouts physics(int threads) {
    return Rollouts.builder(LAYOUT, CLEAN).period(PERIOD).threads(threads).build();
  }

  static RolloutRequest.Builder request() {
    return RolloutRequest.builder().fromFrames(frames()).horizon(1.0).samples(4).seed(11)
        .plans(List.of(trolley(1.0, 2.5, 0), trolley(0.5, 0.6, 0), trolley(-0.4, 1.0, 0.1)))
        .randomise(List.of(new UncertainParameter("crane1.trolley.timeConstant", "s", 0.05, 0.02, 0.3)))
        .noise("crane1.load.pos.x", 0.01).noise("crane1.trolley.vel", 0.002)
        .guards(Guards.zone("bay", "crane1.hook"), Guards.sway("crane1", 0.01));
  }

  @Test
  void eachRunLandsInItsSlotAsARunByHandGivesIt() {
    SimState start = LAYOUT.newState(5);
    List<Plan> plans = List.of(trolley(0.5, 0.3, 0), trolley(1.0, 0.5, -0.05));
    RolloutResult r;
    try (Rollouts e = physics(2)) {
      r = e.run(RolloutRequest.builder().fromState(start).plans(plans).horizon(1.0).samples(2).build());
    }
    int channels = LAYOUT.stateSchema().size();
    assertEquals(51, r.steps(), "1 s at 20 ms, the start included");
    assertEquals(2 * 2 * 51 * channels, r.data().length);
    assertEquals(r.index(1, 1, 50, channels - 1), r.data().length - 1);
    for (int p = 0; p < plans.size(); p++) {
      PhysicsWorld w = CLEAN.createWorld(LAYOUT);
      SimState s = start.copy();
      double[] a = s.actions().clone(), row = new double[channels];
      for (int k = 0; k < r.steps(); k++) {
        if (k > 0) {
          plans.get(p).actions(s.tick() - start.tick(), s, a);
          System.arraycopy(a, 0, s.actions(), 0, a.length);
          for (int t = 0; t < 5; t++) w.step(s, s.actions());
        }
        LAYOUT.readState(s, row);
        for (int sample = 0; sample < 2; sample++) {
          for (int c = 0; c < channels; c++) {
            assertEquals(Double.doubleToRawLongBits(row[c]), Double.doubleToRawLongBits(r.value(p, sample, k, c)),
                "plan " + p + " sample " + sample + " step " + k + " " + LAYOUT.stateSchema().get(c).name());
          }
        }
      }
    }
    assertEquals(r.value(1, 0, 50, "crane1.trolley.pos"), r.value(1, 0, 50, r.channel("crane1.trolley.pos")));
    // at 0.5 m/s²: 0.045 m for the first, 0.125 m for the second
    assertTrue(r.value(1, 0, 50, "crane1.trolley.pos") > r.value(0, 0, 50, "crane1.trolley.pos") + 0.05,
        "the faster, longer move goes further");
  }

  @Test
  void resultsAreBitIdenticalOnOneTwoAndFourThreads() {
    RolloutRequest req = request().build();
    RolloutResult[] rs = new RolloutResult[3];
    int[] threads = {1, 2, 4};
    for (int i = 0; i < 3; i++) {
      try (Rollouts e = hybrid(threads[i], constant(2, -1), CLEAN)) {
        rs[i] = e.run(req);
      }
    }
    for (int i = 1; i < 3; i++) {
      assertEquals(rs[0].data().length, rs[i].data().length);
      for (int k = 0; k < rs[0].data().length; k++) {
        if (Double.doubleToRawLongBits(rs[0].data()[k]) != Double.doubleToRawLongBits(rs[i].data()[k])) {
          throw new AssertionError(threads[i] + " threads differ from 1 at index " + k);
        }
      }
      for (int p = 0; p < rs[0].plans(); p++) {
        for (int g = 0; g < 2; g++) {
          assertArrayEquals(rs[0].verdicts(p).get(g).firstStep(), rs[i].verdicts(p).get(g).firstStep());
        }
      }
    }
    // the samples really differ (noise, drive lag, ensemble member), so equality is not trivial
    int x = rs[0].channel("crane1.trolley.pos");
    assertTrue(rs[0].value(0, 0, 30, x) != rs[0].value(0, 1, 30, x));
    assertTrue(rs[0].value(0, 0, 0, "crane1.hook.pos.x") != rs[0].value(0, 1, 0, "crane1.hook.pos.x"),
        "sensor noise moves the synced start");
  }

  /** True when any corner of the 0.3 m hook centred at (x, y, z) is inside the zone. */
  static boolean hookInside(Zone z, double x, double y, double zz) {
    for (int i = 0; i < 8; i++) {
      Vec3 c = new Vec3(x + ((i & 1) == 0 ? -0.15 : 0.15), y + ((i & 2) == 0 ? -0.15 : 0.15), zz + ((i & 4) == 0 ? -0.15 : 0.15));
      if (z.contains(c)) return true;
    }
    return false;
  }

  @Test
  void zoneGuardFailsAtTheFirstStepTheHookIsInsideAndNamesIt() {
    RolloutResult r;
    try (Rollouts e = hybrid(2, constant(2, -1), CLEAN)) {
      r = e.run(request().horizon(4.0).build());
    }
    Zone bay = LAYOUT.zones().get(0);
    int hx = r.channel("crane1.hook.pos.x");
    for (int p = 0; p < r.plans(); p++) {
      Verdict v = r.verdicts(p).get(0);
      for (int s = 0; s < r.samples(); s++) {
        int expected = -1;
        for (int k = 0; k < r.steps() && expected < 0; k++) {
          if (hookInside(bay, r.value(p, s, k, hx), r.value(p, s, k, hx + 1), r.value(p, s, k, hx + 2))) expected = k;
        }
        assertEquals(expected, v.firstStep()[s], "plan " + p + " sample " + s);
      }
    }
    Verdict fast = r.verdicts(0).get(0);
    assertEquals(1.0, fast.failingShare(), "towards 1 m/s for 2.5 s from x = 6.2 m carries the hook into the bay from 8.35 m");
    assertEquals("crane1.hook", fast.element());
    assertEquals(fast.step() * PERIOD, fast.time(), 1e-12);
    assertTrue(r.verdicts(2).get(0).passed(), "moving away from the bay");
    assertTrue(r.verdicts(1).get(0).passed(), "0.5 m/s for 0.6 s stops short of the bay");
  }

  @Test
  void limitSpeedDroppedSwayAndCollisionGuardsFailWhenTheirRuleBreaks() {
    Plan lower = trolley(1.0, 2.5, 0.25);
    RolloutResult r;
    try (Rollouts e = physics(1)) {
      r = e.run(RolloutRequest.builder().fromState(LAYOUT.newState(0)).plan(lower).plan(trolley(0.1, 0.3, 0))
          .horizon(3.0)
          .guards(Guards.limit("crane1.trolley.pos", 0, 6.3), Guards.speed("crane1.hook", 0.5),
              Guards.dropped("crane1.hook", 0.2), Guards.dropped("crane1.hook", 0.3), Guards.sway("crane1", 1e-3),
              Guards.sway("crane1", 0.5), Guards.collision("crane1.hook", "floor"),
              Guards.collisionWithAnything("crane1.hook", "floor"))
          .build());
    }
    List<Verdict> v = r.verdicts(0);
    int pos = r.channel("crane1.trolley.pos");
    int first = -1;
    for (int k = 0; k < r.steps() && first < 0; k++) if (r.value(0, 0, k, pos) > 6.3) first = k;
    assertEquals(first, v.get(0).step(), "travel limit at the first step beyond 6.3 m");
    assertEquals("crane1.trolley.pos", v.get(0).element());
    assertFalse(v.get(1).passed(), "the hook moves at up to 1 m/s");
    assertFalse(v.get(2).passed(), "lowering at 0.25 m/s is faster than 0.2");
    assertTrue(v.get(3).passed(), "and slower than 0.3");
    assertFalse(v.get(4).passed(), "accelerating swings the rope");
    assertTrue(v.get(5).passed());
    // the scripted world touches the "floor" once the hook's underside is below 1 m, never here
    assertTrue(v.get(6).passed());
    assertTrue(v.get(7).passed());
    for (Verdict x : r.verdicts(1)) assertTrue(x.passed(), "a slow short move breaks nothing: " + x);
  }

  @Test
  void collisionGuardsSeeTheContactsOfEveryTick() {
    SimState low = LAYOUT.newState(0);
    low.equipment()[CRANE.equipmentOffset() + Crane.ROPE] = 6.5; // hook's underside at 1.2 m
    RolloutResult r;
    try (Rollouts e = physics(1)) {
      r = e.run(RolloutRequest.builder().fromState(low).plan(trolley(0, 0, 0.25)).horizon(2.0)
          .guards(Guards.collision("crane1.hook", "floor"), Guards.collisionWithAnything("crane1.hook", "floor"),
              Guards.collisionWithAnything("crane1.hook"))
          .build());
    }
    List<Verdict> v = r.verdicts(0);
    // 0.2 m of rope to pay out at up to 0.25 m/s (0.5 m/s²): contact after about 1.05 s
    assertFalse(v.get(0).passed());
    assertEquals("floor", v.get(0).element());
    assertTrue(v.get(0).time() > 0.9 && v.get(0).time() < 1.6, "contact at " + v.get(0).time() + " s");
    assertTrue(v.get(1).passed(), "the floor is allowed");
    assertEquals(v.get(0).step(), v.get(2).step());
  }

  @Test
  void gateRejectsNamingTheGuardElementAndTimeAndCommitsASafePlan() {
    try (Rollouts e = hybrid(2, constant(2, -1), CLEAN)) {
      ActionGate gate = ActionGate.builder(e, request().horizon(4.0).build()).build();
      Decision d = gate.propose(frames(), trolley(1.0, 2.5, 0));
      assertEquals(Decision.Kind.REJECT, d.kind(), d.toString());
      assertEquals("zone bay", d.guard());
      assertEquals("crane1.hook", d.element());
      assertTrue(d.time() > 1.0 && d.time() < 4.0, d.toString());
      assertEquals(1.0, d.share());
      Decision safe = gate.propose(frames(), trolley(0.1, 0.5, 0));
      assertEquals(Decision.Kind.COMMIT, safe.kind(), safe.toString());
      assertTrue(safe.committed());
    }
  }

  @Test
  void aPoisonedModelOrPhysicsNeverLeadsToCommit() {
    Plan safe = trolley(0.1, 0.5, 0);
    RolloutRequest req = request().horizon(1.0).build();
    try (Rollouts clean = hybrid(2, constant(2, -1), CLEAN);
        Rollouts nanModel = hybrid(2, constant(2, 1), CLEAN);
        Rollouts nanPhysics = hybrid(2, constant(2, -1), ScriptedCrane.backend(60))) {
      assertEquals(Decision.Kind.COMMIT, ActionGate.builder(clean, req).build().propose(frames(), safe).kind());
      Decision m = ActionGate.builder(nanModel, req).build().propose(frames(), safe);
      assertEquals(Decision.Kind.UNCERTAIN, m.kind(), m.toString());
      assertTrue(m.reason().contains("2 of 4 samples diverged"), m.reason());
      RolloutResult r = nanModel.run(req.withPlans(List.of(safe)));
      assertEquals(-1, r.divergedAt(0, 0), "member 0 is clean");
      assertEquals(1, r.divergedAt(0, 1), "member 1 gives NaN at the first step");
      assertTrue(Double.isNaN(r.value(0, 1, 1, 0)) && Double.isNaN(r.value(0, 1, r.steps() - 1, 0)));
      Decision p = ActionGate.builder(nanPhysics, req).build().propose(frames(), safe);
      assertEquals(Decision.Kind.UNCERTAIN, p.kind(), p.toString());
      assertEquals(0.24, p.time(), 1e-9, "tick 60 is in the 12th frame of 5 ticks");
    }
  }

  /** A card whose ranges hold every feature within ±1e6, except {@code narrow} within ±1e-9. */
  static ModelCard card(String narrow) {
    Map<String, Double> t = new HashMap<>();
    for (String f : SPEC.featureNames(true)) {
      double w = f.equals(narrow) ? 1e-9 : 1e6;
      t.put(TrainingRanges.MIN + f, -w);
      t.put(TrainingRanges.MAX + f, w);
    }
    return new ModelCard("scripted-crane", List.of(), PERIOD, 2, List.of(), t, Map.of());
  }

  @Test
  void gateIsUncertainOutsideTheTrainingRangesOrWhenSamplesDisagree() {
    Plan safe = trolley(0.1, 0.5, 0);
    RolloutRequest req = request().build();
    String speed = "crane1.trolley.vel";
    try (Rollouts wide = Rollouts.builder(LAYOUT, CLEAN).telemetry(SPEC, PERIOD).residual(constant(2, -1))
            .trainingRanges(TrainingRanges.of(card(null), SPEC.featureNames(true), 0.1)).build();
        Rollouts narrow = Rollouts.builder(LAYOUT, CLEAN).telemetry(SPEC, PERIOD).residual(constant(2, -1))
            .trainingRanges(TrainingRanges.of(card(speed), SPEC.featureNames(true), 0.1)).build()) {
      assertEquals(Decision.Kind.COMMIT, ActionGate.builder(wide, req).build().propose(frames(), safe).kind());
      Decision d = ActionGate.builder(narrow, req).build().propose(frames(), safe);
      assertEquals(Decision.Kind.UNCERTAIN, d.kind());
      assertTrue(d.reason().contains(speed), d.reason());
      Decision spread = ActionGate.builder(wide, req).spread("crane1.trolley.pos", 1e-6).build().propose(frames(), safe);
      assertEquals(Decision.Kind.UNCERTAIN, spread.kind(), "the samples' trolleys lag differently");
      assertTrue(spread.reason().contains("crane1.trolley.pos"), spread.reason());
      // the two members' corrections differ by 1e-4 on every output, every frame
      RolloutResult r = wide.run(req.withPlans(List.of(safe)));
      assertEquals(1e-4, r.memberSpread(0, 0), 1e-12);
      assertEquals(Rollouts.SPREAD_EVERY, r.memberSpreadStep(0, 0), "the first check already shows it");
      Decision members = ActionGate.builder(wide, req).maxMemberSpread(5e-5).build().propose(frames(), safe);
      assertEquals(Decision.Kind.UNCERTAIN, members.kind());
      assertTrue(members.reason().startsWith("the ensemble's members disagree on the correction of crane1.trolley.pos [m]"),
          members.reason());
      assertEquals(Decision.Kind.COMMIT, ActionGate.builder(wide, req).maxMemberSpread(2e-4).build()
          .propose(frames(), safe).kind());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingRanges.of(new ModelCard("x", List.of(), PERIOD, 2, List.of(), Map.of(), Map.of()),
            SPEC.featureNames(true), 0.1));
    assertTrue(e.getMessage().startsWith("model card: no training range for feature "), e.getMessage());
  }

  @Test
  void badRequestsAndGuardsAreRefusedNamingTheValueAndTheBound() {
    assertEquals("rollout.horizon: NaN s, must be > 0 and finite", assertThrows(IllegalArgumentException.class,
        () -> RolloutRequest.builder().fromState(LAYOUT.newState(0)).plan(Plan.IDLE).build()).getMessage());
    assertEquals("rollout.samples: 0, must be in [1, 10000]", assertThrows(IllegalArgumentException.class,
        () -> RolloutRequest.builder().fromState(LAYOUT.newState(0)).plan(Plan.IDLE).horizon(1).samples(0).build())
        .getMessage());
    assertEquals("rollout.noise.crane1.load.pos.x: -1.0, must be >= 0 and finite", assertThrows(
        IllegalArgumentException.class, () -> request().noise("crane1.load.pos.x", -1).build()).getMessage());
    assertEquals("rollout.plans: none, must be at least one", assertThrows(IllegalArgumentException.class,
        () -> RolloutRequest.builder().fromState(LAYOUT.newState(0)).horizon(1).build()).getMessage());
    assertEquals("guards.sway.crane1.max: NaN rad, must be > 0 and finite", assertThrows(IllegalArgumentException.class,
        () -> Guards.sway("crane1", Double.NaN)).getMessage());
    try (Rollouts e = physics(1)) {
      assertEquals("guards.zone.walkway: no such zone in layout scripted-crane", assertThrows(
          IllegalArgumentException.class, () -> e.run(RolloutRequest.builder().fromState(LAYOUT.newState(0))
              .plan(Plan.IDLE).horizon(1).guards(Guards.zone("walkway", "crane1.hook")).build())).getMessage());
      Plan nan = (t, s, out) -> out[A + 3] = Double.NaN;
      assertEquals("rollout.plans[0].crane1.trolley.cmd: NaN m/s|m, must be finite", assertThrows(
          IllegalArgumentException.class, () -> e.run(RolloutRequest.builder().fromState(LAYOUT.newState(0))
              .plan(nan).horizon(1).build())).getMessage());
      assertThrows(IllegalArgumentException.class, () -> e.run(request().build()), "frames need telemetry columns");
    }
    try (Rollouts h = hybrid(1, constant(2, -1), CLEAN)) {
      IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> h.run(RolloutRequest.builder()
          .fromState(LAYOUT.newState(0)).plan(Plan.IDLE).horizon(1).build()));
      assertTrue(x.getMessage().startsWith("rollout.state: this engine's residual model reads telemetry history"),
          x.getMessage());
    }
  }

  /** Trolley to position x [m] in position mode. */
  static final PlanFamily TARGET = new PlanFamily() {
    @Override public List<String> parameters() { return List.of("target [m]"); }
    @Override public double[] lower() { return new double[] {6.5}; }
    @Override public double[] upper() { return new double[] {11}; }
    @Override public Plan plan(double[] x) {
      double target = x[0];
      return (tick, s, out) -> {
        out[A + 2] = AxisDrive.POSITION;
        out[A + 3] = target;
      };
    }
  };

  static CrossEntropyPlanner.Result plan(int threads) {
    try (Rollouts e = hybrid(threads, constant(2, -1), CLEAN)) {
      RolloutRequest template = request().horizon(4.0).samples(2).build();
      int x = LAYOUT.stateSchema().indexOf("crane1.hook.pos.x");
      // get the hook as close to x = 11 m as the bay (from 8.5 m) allows
      CrossEntropyPlanner.Cost cost = (r, p, s) -> 11 - r.value(p, s, r.steps() - 1, x);
      return CrossEntropyPlanner.builder(e, TARGET, cost, ActionGate.builder(e, template).build(), template)
          .population(12).elites(3).iterations(4).seed(3).build().plan(frames());
    }
  }

  @Test
  void plannerFindsTheBestAdmissiblePlanTheSameOnOneAndTwoThreads() {
    CrossEntropyPlanner.Result one = plan(1), two = plan(2);
    assertEquals(Double.doubleToRawLongBits(one.parameters()[0]), Double.doubleToRawLongBits(two.parameters()[0]));
    assertEquals(Double.doubleToRawLongBits(one.cost()), Double.doubleToRawLongBits(two.cost()));
    assertEquals(Decision.Kind.COMMIT, one.decision().kind());
    // the hook's edge reaches the bay at x = 8.35 m: the best admissible target is just short of it
    assertTrue(one.parameters()[0] < 8.35 && one.parameters()[0] > 7.9, "target " + one.parameters()[0]);
    for (int i = 1; i < one.history().length; i++) {
      assertTrue(one.history()[i] <= one.history()[i - 1], "the best admissible cost never rises");
    }
  }
}
