package io.factorytwin.physics.crane;

import static io.factorytwin.physics.testing.CraneScenes.GRAB;
import static io.factorytwin.physics.testing.CraneScenes.HOIST_CMD;
import static io.factorytwin.physics.testing.CraneScenes.HOIST_MODE;
import static io.factorytwin.physics.testing.CraneScenes.TROLLEY_CMD;
import static io.factorytwin.physics.testing.CraneScenes.TROLLEY_MODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.equipment.AxisDrive;
import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.LayoutException;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.Contact;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import io.factorytwin.physics.testing.CraneScenes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands, limits, grab and release, and contacts of the crane's load. */
class CraneOperationTest {

  static double channel(Layout l, SimState s, String name) {
    double[] ch = new double[l.stateSchema().size()];
    l.readState(s, ch);
    return ch[l.stateSchema().indexOf(name)];
  }

  @Test
  void nanAndNonsenseCommandsAreRejectedByChannelBeforeAnythingMoves() {
    Layout layout = CraneScenes.hangingBlock(4, b -> {});
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    double[] a = new double[layout.actionSchema().size()];
    SimState before = twin.snapshot();
    a[TROLLEY_CMD] = Double.NaN;
    assertEquals("actions.crane1.trolley.cmd: NaN m/s|m, must be finite",
        assertThrows(IllegalArgumentException.class, () -> twin.step(a)).getMessage());
    a[TROLLEY_CMD] = 0;
    a[TROLLEY_MODE] = 2;
    assertEquals("actions.crane1.trolley.mode: 2.0, must be 0 (speed) or 1 (position)",
        assertThrows(IllegalArgumentException.class, () -> twin.step(a)).getMessage());
    a[TROLLEY_MODE] = 0;
    a[GRAB] = 0.5;
    assertEquals("actions.crane1.grab: 0.5, must be 0 (release) or 1 (grab)",
        assertThrows(IllegalArgumentException.class, () -> twin.step(a)).getMessage());
    assertTrue(before.bitwiseEquals(twin.state()), "a rejected command changes nothing");
  }

  @Test
  void commandsBeyondTheLimitsAreClampedAndReported() {
    Layout layout = CraneScenes.hangingBlock(4, b -> {});
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    double[] a = new double[layout.actionSchema().size()];
    a[TROLLEY_MODE] = AxisDrive.SPEED;
    a[TROLLEY_CMD] = 3.0;
    twin.run(layout.ticks(3), (t, s, out) -> System.arraycopy(a, 0, out, 0, a.length));
    assertEquals(1.0, channel(layout, twin.state(), "crane1.trolley.vel"), 1e-9, "clamped to the max speed");
    assertTrue(twin.state().health().lastNotice().contains("crane1.trolley.cmd: 3.0 m/s, clamped to the max speed 1.0 m/s"),
        twin.state().health().lastNotice());
    long notices = twin.state().health().notices();
    assertTrue(notices >= layout.ticks(3), "every clamped step is counted: " + notices);
    a[TROLLEY_MODE] = AxisDrive.POSITION;
    a[TROLLEY_CMD] = 20;
    twin.run(layout.ticks(15), (t, s, out) -> System.arraycopy(a, 0, out, 0, a.length));
    assertEquals(12, channel(layout, twin.state(), "crane1.trolley.pos"), 1e-3, "stopped at the soft limit");
    assertTrue(twin.state().health().lastNotice().contains("crane1.trolley.cmd: 20.0 m, clamped to the soft limits [0.0, 12.0] m"));
    assertTrue(twin.state().health().ok(), "notices are not trouble");
  }

  @Test
  void grabLiftsTheBlockAndReleaseDropsIt() {
    // the block on the floor under the hook, the hook 1 m above it
    CraneSpec spec = CraneSpec.reference().toBuilder().start(15, 6, 8 - 0.3 - 0.6 - 1.0).build();
    Layout layout = Layout.builder("pick").floor(Material.of(0.6, 0)).crane("crane1", spec)
        .workpiece("block", w -> w.box(1.2, 1.2, 0.6).mass(2000).at(6, 15, 0.3)).build();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    Crane crane = layout.cranes().get(0);
    double[] a = new double[layout.actionSchema().size()];
    a[GRAB] = 1; // too far: nothing to take
    twin.step(a);
    assertEquals(-1, crane.attachedBody(twin.state()));
    assertTrue(twin.state().health().lastNotice().contains("crane1.grab: no workpiece within 0.15 m of the hook (nearest block at 0.99"),
        twin.state().health().lastNotice());
    a[GRAB] = 0;
    a[HOIST_MODE] = AxisDrive.POSITION;
    a[HOIST_CMD] = 7.0; // all the way down: the hook's underside stops 0.1 m above the block
    twin.run(layout.ticks(8), (t, s, out) -> System.arraycopy(a, 0, out, 0, a.length));
    a[GRAB] = 1;
    twin.step(a);
    assertEquals(layout.bodyIndex("block"), crane.attachedBody(twin.state()));
    a[HOIST_CMD] = 3.0;
    twin.run(layout.ticks(20), (t, s, out) -> System.arraycopy(a, 0, out, 0, a.length));
    double lifted = twin.state().position(layout.bodyIndex("block"), 2);
    // the grab welds the block where it was: 0.1 m under the hook's underside
    assertEquals(8 - 3.0 - 0.3 - 0.1 - 0.3, lifted, 1e-3, "block hangs under the hook at 3 m of rope");
    assertEquals(2040 * 9.81, channel(layout, twin.state(), "crane1.rope.tension"), 0.01 * 2040 * 9.81, "load cell reads hook + block");
    assertEquals(1.0, channel(layout, twin.state(), "crane1.attached"));
    a[GRAB] = 0;
    twin.run(layout.ticks(3), (t, s, out) -> System.arraycopy(a, 0, out, 0, a.length));
    assertEquals(0.3, twin.state().position(layout.bodyIndex("block"), 2), 2e-3, "released block fell to the floor");
    assertEquals(40 * 9.81, channel(layout, twin.state(), "crane1.rope.tension"), 0.01 * 40 * 9.81, "load cell reads the hook");
    assertEquals(0.0, channel(layout, twin.state(), "crane1.attached"));
  }

  @Test
  void loadSetDownOnTheFloorIsAContactAndSlacksTheRope() {
    // at the longest rope the block's underside is still 0.1 m above the floor: set it on a stand
    Layout layout = CraneScenes.hangingBlock(6.5, b -> b.fixture("stand", f -> f.box(2, 2, 0.3).at(6, 15, 0.15)));
    double[] a = new double[layout.actionSchema().size()];
    Twin twin = CraneScenes.grabbed(layout, a);
    a[HOIST_MODE] = AxisDrive.POSITION;
    a[HOIST_CMD] = 7.0; // the block's underside would be 0.2 m inside the stand
    twin.run(layout.ticks(6), (t, s, out) -> System.arraycopy(a, 0, out, 0, a.length));
    List<Contact> contacts = twin.contacts();
    assertTrue(contacts.stream().anyMatch(c -> c.elementA().equals("block") && c.elementB().equals("stand")), contacts.toString());
    assertFalse(contacts.stream().anyMatch(c -> c.elementB().equals("block") || c.elementA().equals("crane1.hook")),
        "hook and its load are one body: " + contacts);
    assertEquals(0.6, twin.state().position(layout.bodyIndex("block"), 2), 2e-3, "resting on the stand");
    assertEquals(0.0, channel(layout, twin.state(), "crane1.rope.tension"), 1e-9, "rope slack");
  }

  @Test
  void loadDrivenIntoAnObstacleReportsTheContact() {
    Layout layout = CraneScenes.hangingBlock(4, b -> b.fixture("column", f -> f.box(0.4, 0.4, 8).at(8, 15, 4)));
    double[] a = new double[layout.actionSchema().size()];
    Twin twin = CraneScenes.grabbed(layout, a);
    a[TROLLEY_MODE] = AxisDrive.POSITION;
    a[TROLLEY_CMD] = 9;
    boolean touched = false;
    for (int k = 0; k < layout.ticks(6) && !touched; k++) {
      twin.step(a);
      touched = twin.contacts().stream().anyMatch(c -> c.elementA().equals("block") && c.elementB().equals("column"));
    }
    assertTrue(touched, "block touched the column");
  }

  @Test
  void craneParametersAreValidatedWithTheirPaths() {
    CraneSpec bad = CraneSpec.reference().toBuilder().hookMass(-1).start(40, 6, 9).build();
    LayoutException e = assertThrows(LayoutException.class, () -> Layout.builder("bad").crane("crane1", bad).build());
    assertTrue(e.problems().contains("layout.bad.crane1.hookMass: -1.0 kg, must be > 0 and finite"), e.problems().toString());
    assertTrue(e.problems().contains("layout.bad.crane1.bridgeStart: 40.0 m, must be in [0.0, 30.0]"), e.problems().toString());
    assertTrue(e.problems().contains("layout.bad.crane1.ropeStart: 9.0 m, must be in [1.0, 7.0]"), e.problems().toString());
  }
}
