package io.factorytwin.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutBuilderTest {

  static LayoutBuilder valid() {
    return Layout.builder("cell").floor()
        .fixture("table", f -> f.box(2, 1, 0.8).at(0, 0, 0.4))
        .workpiece("box1", w -> w.box(0.3, 0.3, 0.3).mass(2).at(0, 0, 0.95))
        .zone("walkway", Pose.at(5, 0, 1), new Vec3(1, 10, 2));
  }

  @Test
  void validLayoutCompilesWithSchemaInDeclarationOrder() {
    Layout l = valid().workpiece("can", w -> w.cylinder(0.1, 0.3).mass(1).at(3, 0, 0.15)).build();
    assertEquals(2, l.bodyCount());
    assertEquals(1, l.bodyIndex("can"));
    assertEquals(26, l.stateSchema().size());
    assertEquals("box1.pos.x", l.stateSchema().get(0).name());
    assertEquals("m", l.stateSchema().get(0).unit());
    assertEquals("box1.rot.w", l.stateSchema().get(3).name());
    assertEquals("can.angvel.z [rad/s]", l.stateSchema().get(25).toString());
    assertEquals(0, l.actionSchema().size());
  }

  @Test
  void everyProblemIsReportedInOneExceptionWithPathValueAndBound() {
    LayoutException e = assertThrows(LayoutException.class, () -> Layout.builder("bad").floor(Material.of(-0.1, 1.5))
        .workpiece("a", w -> w.box(0, 0.3, Double.NaN).mass(-2).at(0, 0, 1))
        .workpiece("a", w -> w.sphere(0.1).mass(1).at(5, 0, 1))
        .workpiece("b", w -> w.sphere(0.1).mass(1).friction(-1).restitution(2).at(9, 0, 1).rotation(new Quat(1, 1, 0, 0)))
        .workpiece("c", w -> w.box(1, 1, 1))
        .build());
    List<String> p = e.problems();
    assertTrue(p.contains("layout.bad.floor.friction: -0.1, must be >= 0 and finite"), p.toString());
    assertTrue(p.contains("layout.bad.floor.restitution: 1.5, must be in [0.0, 1.0]"), p.toString());
    assertTrue(p.contains("layout.bad.a.size.x: 0.0 m, must be > 0 and finite"), p.toString());
    assertTrue(p.contains("layout.bad.a.size.z: NaN m, must be > 0 and finite"), p.toString());
    assertTrue(p.contains("layout.bad.a.mass: -2.0 kg, must be > 0 and finite"), p.toString());
    assertTrue(p.contains("layout.bad.a: duplicate id, must be unique in the layout"), p.toString());
    assertTrue(p.contains("layout.bad.b.friction: -1.0, must be >= 0 and finite"), p.toString());
    assertTrue(p.contains("layout.bad.b.restitution: 2.0, must be in [0.0, 1.0]"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("layout.bad.b.rotation: norm 1.414")), p.toString());
    assertTrue(p.contains("layout.bad.c.mass: NaN kg, must be > 0 and finite"), p.toString());
    assertEquals(10, p.size(), p.toString());
    assertTrue(e.getMessage().startsWith("layout bad has 10 problems"));
  }

  @Test
  void interpenetratingInitialBodiesAreRejected() {
    LayoutException e = assertThrows(LayoutException.class, () -> valid()
        .workpiece("sunk", w -> w.box(0.4, 0.4, 0.4).mass(1).at(4, 0, 0.15))
        .workpiece("inTable", w -> w.sphere(0.1).mass(1).at(0.5, 0.2, 0.85))
        .workpiece("twinA", w -> w.cylinder(0.2, 0.5).mass(1).at(8, 0, 0.25))
        .workpiece("twinB", w -> w.cylinder(0.2, 0.5).mass(1).at(8.3, 0, 0.25))
        .build());
    List<String> p = e.problems();
    assertEquals(3, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("layout.cell.sunk: penetrates the floor by 0.05"), p.get(0));
    assertTrue(p.get(1).startsWith("layout.cell.inTable: overlaps table by 0.05"), p.get(1));
    assertTrue(p.get(2).startsWith("layout.cell.twinA: overlaps twinB by "), p.get(2));
    double depth = Double.parseDouble(p.get(2).split(" by ")[1].split(" ")[0]);
    assertEquals(0.1, depth, 1e-9, "two 0.2 m radius cylinders 0.3 m apart overlap by 0.1 m");
  }

  @Test
  void touchingWithinToleranceIsAccepted() {
    Layout l = valid()
        .workpiece("onFloor", w -> w.box(0.4, 0.4, 0.4).mass(1).at(4, 0, 0.1995))
        .workpiece("rotated", w -> w.box(0.4, 0.4, 0.4).mass(1).at(4.62, 0, 0.2)
            .rotation(Quat.yaw(Math.PI / 4)))
        .build();
    assertEquals(3, l.bodyCount());
  }

  @Test
  void linkMustNameAWorkpiece() {
    LayoutException e = assertThrows(LayoutException.class, () -> valid()
        .link("rope", "nobody", new Vec3(0, 0, 1), new Vec3(0, 0, 5)).build());
    assertEquals(List.of("layout.cell.rope.body: nobody, must name a workpiece of this layout"), e.problems());
  }

  @Test
  void rackAndWallExpandIntoNamedFixtures() {
    Layout l = Layout.builder("store").floor()
        .rack("rack1", Pose.at(0, 0, 0), 2, 3, 1.0, 0.6, 0.5, Material.DEFAULT)
        .wall("wall1", -3, -3, 3, -3, 2.0, 0.2, Material.DEFAULT)
        .build();
    assertEquals(6 + 3 + 1, l.fixtures().size());
    assertTrue(l.fixtures().stream().anyMatch(f -> f.id().equals("rack1.shelf2")));
    Fixture wall = l.fixtures().get(l.fixtures().size() - 1);
    assertEquals(new Vec3(0, -3, 1.0), wall.pose().position());
    assertEquals(new Shape.Box(6, 0.2, 2.0), wall.shape());
  }

  @Test
  void chuteTopEdgeIsWhereItWasAsked() {
    Vec3 top = new Vec3(1, 2, 1.5);
    double angle = Math.toRadians(30);
    Layout l = Layout.builder("c").chute("chute", top, Math.PI / 2, 2.0, 0.5, angle, Material.DEFAULT).build();
    Fixture f = l.fixtures().get(0);
    // the high end's surface centre, in the plate frame at (−L/2, 0, +t/2)
    Vec3 highEnd = f.pose().toWorld(new Vec3(-1.0, 0, 0.01));
    assertEquals(top.x(), highEnd.x(), 1e-12);
    assertEquals(top.y(), highEnd.y(), 1e-12);
    assertEquals(top.z(), highEnd.z(), 1e-12);
    Vec3 lowEnd = f.pose().toWorld(new Vec3(1.0, 0, 0.01));
    assertEquals(top.z() - 2.0 * Math.sin(angle), lowEnd.z(), 1e-12, "falls along the heading");
    assertEquals(top.y() + 2.0 * Math.cos(angle), lowEnd.y(), 1e-12, "heading 90° is +Y");
  }
}
