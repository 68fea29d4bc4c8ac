package io.factorytwin.core.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.sim.SimState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Syncing a state to telemetry frames: what is observed is written, what is not is estimated. */
class StateSyncTest {
  static final double ROPE = 4, THETA = 0.15;

  static Layout layout() {
    return Layout.builder("sync").floor().crane("crane1", CraneSpec.reference().toBuilder().start(15, 6, ROPE).build())
        .workpiece("block", w -> w.box(1.2, 1.2, 0.6).mass(2000).at(2, 15, 0.3)).build();
  }

  static List<Channel> craneColumns(Layout l, boolean velocities) {
    List<Channel> cols = new ArrayList<>();
    for (Channel c : l.stateSchema().channels()) {
      if (!c.name().startsWith("crane1.") || c.name().startsWith("crane1.hook.")) continue;
      if (!velocities && (c.name().contains(".vel"))) continue;
      cols.add(c);
    }
    for (Channel c : l.actionSchema().channels()) cols.add(c);
    return cols;
  }

  /**
   * A state of the nominal twin: block attached, hook and block swung out by θ about the rope's upper
   * end in the XZ plane, rotating at ω about it while the trolley runs at 0.4 m/s.
   */
  static SimState swinging(Layout l, double omega) {
    SimState s = l.newState(1);
    Crane c = l.cranes().get(0);
    double[] e = s.equipment();
    e[c.equipmentOffset() + Crane.TROLLEY + 1] = 0.4;
    e[c.equipmentOffset() + Crane.ATTACHED] = l.bodyIndex("block");
    e[c.equipmentOffset() + Crane.GRAB] = 1;
    s.actions()[c.actionOffset() + 6] = 1;
    double[] top = new double[3];
    c.ropeTop(s, top);
    double ux = Math.sin(THETA), uz = -Math.cos(THETA);
    double qw = Math.cos(THETA / 2), qy = -Math.sin(THETA / 2); // tilts +Z away from +X: the hook's axis along −u
    double[] dist = {ROPE + 0.15, ROPE + 0.3 + 0.3};
    int[] bodies = {c.hookBody(), l.bodyIndex("block")};
    for (int k = 0; k < 2; k++) {
      double d = dist[k];
      s.setPose(bodies[k], top[0] + d * ux, top[1], top[2] + d * uz, qw, 0, qy, 0);
      // v = v_trolley + (0, ω, 0) × (d u) = v_trolley + (ω d u_z, 0, −ω d u_x)
      s.setVelocity(bodies[k], 0.4 + omega * d * uz, 0, -omega * d * ux, 0, omega, 0);
    }
    return s;
  }

  @Test
  void syncingToTheTwinsOwnChannelsReproducesThem() {
    Layout l = layout();
    SimState truth = swinging(l, 0.3);
    StateSync sync = new StateSync(l, craneColumns(l, true));
    double[] scratch = new double[l.stateSchema().size()];
    double[] frame = new double[sync.columns().size()];
    sync.observe(truth, scratch, frame);
    SimState fresh = l.newState(7);
    sync.sync(fresh, frame, null, 0.02);
    double[] again = new double[frame.length];
    sync.observe(fresh, scratch, again);
    int tension = sync.column("crane1.rope.tension");
    for (int c = 0; c < frame.length; c++) {
      if (c == tension) continue; // computed by the physics, not synced
      assertEquals(frame[c], again[c], 1e-9, sync.columns().get(c).name());
    }
    Crane crane = l.cranes().get(0);
    assertEquals(l.bodyIndex("block"), crane.attachedBody(fresh), "the block nearest the observed load is attached");
    for (int i = 0; i < l.bodyCount(); i++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(truth.position(i, k), fresh.position(i, k), 1e-9, "body " + i + " position " + k);
        assertEquals(truth.velocity(i, k), fresh.velocity(i, k), 1e-9, "body " + i + " velocity " + k);
        assertEquals(truth.angularVelocity(i, k), fresh.angularVelocity(i, k), 1e-9, "body " + i + " spin " + k);
      }
    }
  }

  @Test
  void unobservedVelocitiesAreBackwardDifferencesOfTheFrames() {
    Layout l = layout();
    StateSync all = new StateSync(l, craneColumns(l, true));
    StateSync positions = new StateSync(l, craneColumns(l, false));
    double[] scratch = new double[l.stateSchema().size()];
    SimState a = swinging(l, 0.0);
    double[] f0 = new double[positions.columns().size()];
    positions.observe(a, scratch, f0);
    double[] f1 = f0.clone();
    double dt = 0.02;
    f1[positions.column("crane1.trolley.pos")] += 0.4 * dt;
    f1[positions.column("crane1.load.pos.x")] += 0.5 * dt;
    SimState s = l.newState(1);
    positions.sync(s, f1, f0, dt);
    double[] seen = new double[all.columns().size()];
    all.observe(s, scratch, seen);
    assertEquals(0.4, seen[all.column("crane1.trolley.vel")], 1e-9);
    // the load's differenced velocity relative to the trolley is 0.1 m/s along X; the twin's rope is
    // rigid, so only its part across the rope (u: from the rope's top to the load) is kept
    Layout lay = l;
    double[] top = new double[3];
    lay.cranes().get(0).ropeTop(s, top);
    double ux = f1[positions.column("crane1.load.pos.x")] - top[0], uz = f1[positions.column("crane1.load.pos.z")] - top[2];
    double n = Math.hypot(ux, uz);
    ux /= n;
    uz /= n;
    double along = 0.1 * ux;
    assertEquals(0.4 + 0.1 - along * ux, seen[all.column("crane1.load.vel.x")], 1e-9);
    assertEquals(-along * uz, seen[all.column("crane1.load.vel.z")], 1e-9);
    assertEquals(0.0, seen[all.column("crane1.load.vel.y")], 1e-9);
    // without a previous frame nothing moves
    SimState still = l.newState(1);
    positions.sync(still, f1, null, dt);
    all.observe(still, scratch, seen);
    assertEquals(0.0, seen[all.column("crane1.trolley.vel")]);
    assertEquals(0.0, seen[all.column("crane1.load.vel.x")], 1e-12);
  }

  /**
   * A tote on a belt, observed by a camera that sees only its horizontal position and velocity, and
   * the belt's drive: the tote's height stays as the state had it (resting on the belt), its vertical
   * velocity is 0, and the belt's speed and travel are the observed ones.
   */
  @Test
  void aBeltAndAToteSeenFromAboveKeepWhatIsNotObserved() {
    Layout l = Layout.builder("belt").floor()
        .conveyor("line1", io.factorytwin.core.equipment.ConveyorSpec.level(new io.factorytwin.core.geom.Vec3(0, 0, 0.8), 0, 6, 0.6))
        .workpiece("tote", w -> w.box(0.4, 0.3, 0.2).mass(8).at(2, 0, 0.9)).build();
    List<Channel> cols = new ArrayList<>();
    for (String n : new String[] {"line1.speed", "line1.encoder", "tote.pos.x", "tote.pos.y", "tote.vel.x"}) {
      cols.add(l.stateSchema().get(l.stateSchema().indexOf(n)));
    }
    StateSync sync = new StateSync(l, cols);
    SimState s = l.newState(3);
    double[] prev = {0.5, 1.00, 2.40, 0.010, 0.5};
    double[] now = {0.6, 1.01, 2.41, 0.012, 0.6};
    sync.sync(s, now, prev, 0.02);
    int tote = l.bodyIndex("tote");
    assertEquals(2.41, s.position(tote, 0));
    assertEquals(0.012, s.position(tote, 1));
    assertEquals(0.9, s.position(tote, 2), "height not observed: kept");
    assertEquals(0.6, s.velocity(tote, 0), "observed");
    assertEquals((0.012 - 0.010) / 0.02, s.velocity(tote, 1), 1e-12, "differenced");
    assertEquals(0.0, s.velocity(tote, 2), "not observed in either frame: 0");
    double[] scratch = new double[l.stateSchema().size()], seen = new double[cols.size()];
    sync.observe(s, scratch, seen);
    assertEquals(0.6, seen[0], "belt speed");
    assertEquals(1.01, seen[1], "belt travel");
  }

  @Test
  void columnsTheLayoutDoesNotKnowAreRejected() {
    Layout l = layout();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StateSync(l, List.of(new Channel("crane2.trolley.pos", "m", 0))));
    assertEquals("telemetry column crane2.trolley.pos: not a state or action channel of layout sync", e.getMessage());
    IllegalArgumentException unit = assertThrows(IllegalArgumentException.class,
        () -> new StateSync(l, List.of(new Channel("crane1.trolley.pos", "mm", 0))));
    assertEquals("telemetry column crane1.trolley.pos: unit mm, must be m (layout sync)", unit.getMessage());
    StateSync s = new StateSync(l, craneColumns(l, true));
    IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
        () -> s.sync(l.newState(1), new double[3], null, 0.02));
    assertEquals("sync: 3 values, must be " + s.columns().size() + " (one per column)", len.getMessage());
  }
}
