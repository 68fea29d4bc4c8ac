package io.factorytwin.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.Contact;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.Twin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contacts are reported per touching pair, by element name, with the impulse that holds them. */
class ContactReportTest {

  @Test
  void stackReportsWhoTouchesWhomWithStaticImpulses() {
    double m1 = 3, m2 = 2, g = 9.81;
    Layout layout = Layout.builder("stack").floor(Material.of(1, 0))
        .fixture("wall", f -> f.box(0.2, 4, 2).at(3, 0, 1))
        .workpiece("bottom", w -> w.box(0.6, 0.6, 0.4).mass(m1).at(0, 0, 0.2))
        .workpiece("top", w -> w.box(0.4, 0.4, 0.4).mass(m2).at(0, 0, 0.6))
        .build();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    twin.run(240, Plan.IDLE);
    List<Contact> contacts = twin.contacts();
    assertEquals(2, contacts.size(), contacts.toString());
    Contact floor = contacts.stream().filter(c -> c.elementB().equals("floor")).findFirst().orElseThrow();
    Contact stack = contacts.stream().filter(c -> c.elementB().equals("top")).findFirst().orElseThrow();
    assertEquals("bottom", floor.elementA());
    assertEquals("bottom", stack.elementA());
    double dt = layout.stepSeconds();
    // at rest, the floor carries both boxes' weight and the bottom box the top one's, every step
    assertEquals((m1 + m2) * g * dt, floor.impulse(), 1e-9);
    assertEquals(m2 * g * dt, stack.impulse(), 1e-9);
    assertEquals(1.0, floor.normal().z(), 1e-12, "floor normal points up, towards A");
    assertEquals(-1.0, stack.normal().z(), 1e-12, "normal points from B (top) to A (bottom)");
    assertEquals(0.0, floor.point().z(), 1e-6);
    assertEquals(0.4, stack.point().z(), 1e-6);
  }

  @Test
  void nothingTouchingReportsNothing() {
    Layout layout = Layout.builder("air").floor().workpiece("b", w -> w.sphere(0.1).mass(1).at(0, 0, 5)).build();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    twin.run(10, Plan.IDLE);
    assertTrue(twin.contacts().isEmpty());
  }
}
