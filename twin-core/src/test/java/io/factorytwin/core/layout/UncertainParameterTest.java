package io.factorytwin.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.geom.Vec3;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters marked uncertain, read, and changed by withParameters. */
class UncertainParameterTest {

  private static LayoutBuilder crane() {
    return Layout.builder("c").floor().crane("crane1", CraneSpec.reference())
        .conveyor("belt1", ConveyorSpec.level(new Vec3(0, 40, 0.5), 0, 4, 0.6))
        .workpiece("block", w -> w.box(1, 1, 0.5).mass(500).at(20, 5, 0.25));
  }

  @Test
  void marksAreListedWithUnitNominalAndRange() {
    Layout l = crane().uncertain("crane1.trolley.timeConstant", 0.01, 0.3).uncertain("block.mass", 400, 800)
        .uncertain("belt1.friction", 0.5, 1.2).uncertain("crane1.ropeOffset", -0.5, 1).build();
    assertEquals(4, l.uncertainParameters().size());
    UncertainParameter tau = l.uncertainParameters().get(0);
    assertEquals(new UncertainParameter("crane1.trolley.timeConstant", "s", 0.05, 0.01, 0.3), tau);
    assertEquals("kg", l.uncertainParameters().get(1).unit());
    assertEquals(500, l.uncertainParameters().get(1).nominal());
    assertEquals(1.0, l.parameter("belt1.friction"));
  }

  @Test
  void withParametersChangesOnlyTheNamedValues() {
    Layout l = crane().uncertain("block.mass", 400, 800).build();
    Layout m = l.withParameters(Map.of("block.mass", 650.0, "crane1.trolley.timeConstant", 0.12,
        "crane1.swingDamping", 0.07, "belt1.friction", 0.7, "crane1.ropeOffset", 0.3));
    assertEquals(650, m.workpieces().get(m.bodyIndex("block")).mass());
    assertEquals(0.12, m.cranes().get(0).spec().trolley().timeConstant());
    assertEquals(0.05, m.cranes().get(0).spec().bridge().timeConstant());
    assertEquals(0.07, m.cranes().get(0).spec().swingDamping());
    assertEquals(0.7, m.conveyors().get(0).spec().friction());
    assertEquals(0.7, m.fixtures().get(m.fixtureIndex("belt1.belt")).material().friction(), "the belt's surface too");
    // the hook hangs at hoist + offset
    double hookZ = m.workpieces().get(m.bodyIndex("crane1.hook")).pose().position().z();
    CraneSpec s = CraneSpec.reference();
    assertEquals(s.ropeTop() - s.ropeStart() - 0.3 - s.hookSize().z() / 2, hookZ, 1e-12);
    assertEquals(l.stateSchema(), m.stateSchema());
    assertEquals(500, l.workpieces().get(l.bodyIndex("block")).mass(), "the original is unchanged");
    // the uncertain range widens to include a value beyond it; the new value is the declared one
    Layout far = l.withParameters(Map.of("block.mass", 900.0));
    assertEquals(new UncertainParameter("block.mass", "kg", 900, 400, 900), far.uncertainParameters().get(0));
  }

  @Test
  void badMarksAreRejectedWithPathValueAndBound() {
    LayoutException e = assertThrows(LayoutException.class, () -> crane().uncertain("block.colour", 0, 1)
        .uncertain("block.mass", 600, 800).uncertain("crane1.trolley.timeConstant", 0.3, 0.1)
        .uncertain("nothing.mass", 1, 2).build());
    String m = e.getMessage();
    assertTrue(m.contains("layout.c.uncertain.block.colour: names no parameter of this layout"), m);
    assertTrue(m.contains("layout.c.uncertain.block.mass: declared value 500.0 kg outside its range [600.0, 800.0]"), m);
    assertTrue(m.contains("layout.c.uncertain.crane1.trolley.timeConstant: range [0.3, 0.1], must be finite with min <= max"), m);
    assertTrue(m.contains("layout.c.uncertain.nothing.mass: names no parameter"), m);
  }

  @Test
  void badValuesAreRejected() {
    Layout l = crane().build();
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> l.withParameters(Map.of("block.mass", Double.NaN)));
    assertEquals("layout.c.block.mass: NaN kg, must be finite", nan.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> l.withParameters(Map.of("crane1.colour", 1.0)));
    assertEquals("layout.c.parameter crane1.colour: names no parameter of this layout", unknown.getMessage());
    LayoutException negative = assertThrows(LayoutException.class, () -> l.withParameters(Map.of("block.mass", -1.0)));
    assertTrue(negative.getMessage().contains("layout.c.block.mass: -1.0 kg, must be > 0 and finite"), negative.getMessage());
    assertThrows(LayoutException.class, () -> l.withStep(0));
    assertEquals(0.004, l.withStep(0.004).stepSeconds());
  }
}
