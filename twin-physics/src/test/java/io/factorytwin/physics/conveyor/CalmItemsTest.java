package io.factorytwin.physics.conveyor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.equipment.StopperSpec;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.LayoutBuilder;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.physics.PhysicsSettings;
import io.factorytwin.physics.internal.TwinWorld;
import org.junit.jupiter.api.Test;

/** Boxes riding a belt with nothing near them go calm, stay exact, and rejoin when touched. */
class CalmItemsTest {

  static Layout belt() {
    LayoutBuilder b = Layout.builder("calm").floor(Material.of(0.5, 0))
        .conveyor("belt", ConveyorSpec.level(new Vec3(0, 0, 0.8), 0, 30, 0.8))
        .stopper("stop", new StopperSpec(Pose.at(20, 0, 0.9), new Vec3(0.04, 1.0, 0.2)));
    for (int i = 0; i < 5; i++) {
      double x = 1 + 1.5 * i;
      b.workpiece("box" + i, w -> w.box(0.4, 0.4, 0.3).mass(3).friction(0.5).at(x, 0, 0.9501));
    }
    return b.build();
  }

  @Test
  void ridingBoxesGoCalmKeepBeltSpeedAndRejoinAtTheStopper() {
    Layout layout = belt();
    TwinWorld w = new TwinWorld(layout, PhysicsSettings.ACCURATE);
    SimState s = layout.newState(1);
    double[] a = {0.5, 0};
    for (int k = 0; k < 480; k++) w.step(s, a);
    assertEquals(5, w.calmBodies(), "all five ride calm once at belt speed");
    double x0 = s.position(0, 0);
    for (int k = 0; k < 240; k++) w.step(s, a);
    assertEquals(0.5, s.position(0, 0) - x0, 1e-12, "a calm box moves exactly with the belt");
    assertEquals(0.9500, s.position(0, 2), 1e-3, "and stays on it");
    assertTrue(w.contacts().stream().filter(c -> c.elementB().equals("belt.belt")).count() == 5, "calm boxes still report their belt");
    // stopper up: the first box meets it, stops being calm, and the others queue behind it
    a[1] = 1;
    for (int k = 0; k < 240 * 40; k++) w.step(s, a);
    assertEquals(0, w.calmBodies(), "queued boxes touch each other or the blade");
    double front = 0;
    for (int i = 0; i < 5; i++) front = Math.max(front, s.position(i, 0));
    assertEquals(20 - 0.02 - 0.2, front, 2e-3, "the first box is held by the blade");
  }

  @Test
  void aCalmBoxTipsOffTheBeltEndAsPhysicsSays() {
    // one box riding to the end of a 4 m belt; it must leave the calm regime before its centre passes
    // the end, and fall from there
    Layout layout = Layout.builder("end").floor(Material.of(0.5, 0))
        .conveyor("belt", ConveyorSpec.level(new Vec3(0, 0, 0.8), 0, 4, 0.8))
        .workpiece("box", w -> w.box(0.4, 0.4, 0.3).mass(3).friction(0.5).at(0.5, 0, 0.9501)).build();
    TwinWorld w = new TwinWorld(layout, PhysicsSettings.ACCURATE);
    SimState s = layout.newState(1);
    double[] a = {0.5};
    boolean wasCalm = false;
    double lastCalmX = 0;
    for (int k = 0; k < 240 * 12; k++) {
      w.step(s, a);
      if (w.calmBodies() == 1) {
        wasCalm = true;
        lastCalmX = s.position(0, 0);
      }
    }
    assertTrue(wasCalm, "it rode calm in the middle of the belt");
    // calmness is decided at the start of a step, from where the box was; it then moves one step on
    double bound = 4 - 0.2 + 0.5 / 240; // the box's half length along the belt
    assertTrue(lastCalmX <= bound + 1e-9, "calm only while wholly over the belt: " + lastCalmX);
    assertTrue(s.position(0, 2) < 0.5, "it fell off the end: z = " + s.position(0, 2));
  }

  @Test
  void restoreIsBitwiseWithCalmItems() {
    Layout layout = belt();
    TwinWorld w1 = new TwinWorld(layout, PhysicsSettings.ACCURATE);
    SimState s = layout.newState(1);
    double[] a = {0.5, 0};
    for (int k = 0; k < 600; k++) w1.step(s, a);
    SimState snap = s.copy();
    for (int k = 0; k < 600; k++) w1.step(s, a);
    TwinWorld w2 = new TwinWorld(layout, PhysicsSettings.ACCURATE);
    SimState r = layout.newState(1);
    for (int k = 0; k < 17; k++) w2.step(r, a);
    r.set(snap);
    for (int k = 0; k < 600; k++) w2.step(r, a);
    assertTrue(s.bitwiseEquals(r));
    assertTrue(w1.calmBodies() > 0, "calm items must be in play for this to mean something");
  }
}
