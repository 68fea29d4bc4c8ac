package io.factorytwin.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the anti-sway example shows, checked. */
class CraneAntiSwayTest {

  @Test
  void shapedMovesKeepTheLoadOutOfTheWalkwayThatTheUnshapedSwingEnters() {
    List<CraneAntiSway.Result> r = CraneAntiSway.run();
    CraneAntiSway.Result unshaped = r.get(0), zv = r.get(1), zvd = r.get(2);
    assertTrue(unshaped.enteredWalkway(), "the unshaped swing reaches the walkway");
    assertFalse(zv.enteredWalkway());
    assertFalse(zvd.enteredWalkway());
    assertTrue(zv.residualSwayDeg() < 0.05 * unshaped.residualSwayDeg(), zv + " vs " + unshaped);
    assertTrue(zvd.residualSwayDeg() < zv.residualSwayDeg(), "ZVD tolerates the model error better than ZV");
    assertTrue(zv.peakSwayDeg() < unshaped.peakSwayDeg());
    // shaping costs half a period (ZV) and a whole period (ZVD) of cycle time
    assertTrue(zv.cycleSeconds() > unshaped.cycleSeconds() && zvd.cycleSeconds() > zv.cycleSeconds());
    assertEquals(ReferenceLayouts.PLACE_X, zv.placedX(), 0.02, "ZV sets the block down where it should");
    assertEquals(ReferenceLayouts.PLACE_X, zvd.placedX(), 0.02);
  }

  @Test
  void referenceLayoutsAreFoundByName() {
    assertEquals("reference-crane", ReferenceLayouts.byName("reference-crane").name());
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ReferenceLayouts.byName("crane"));
    assertEquals("layout crane: unknown, must be one of [quickstart, reference-crane, reference-crane-carrying, reference-line]", e.getMessage());
    assertEquals("reference-line", ReferenceLayouts.byName("reference-line").name());
  }
}
