package io.factorytwin.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the robot-cell example shows, checked. */
class RobotCellTest {

  @Test
  void eighteenBoxesAreStackedWithinTwoMillimetresOfTheirPlaces() {
    RobotCell.Result r = RobotCell.run();
    assertEquals(18, r.boxes().size());
    // set down 3 mm above their place and let go: they land flat on the layer below
    assertTrue(r.worstErrorMm() < 2.0, "worst placement error " + r.worstErrorMm() + " mm");
    for (RobotCell.Placed p : r.boxes()) {
      assertTrue(p.cycleSeconds() > 1.0 && p.cycleSeconds() < 5.0, "cycle of box " + p.index() + ": " + p.cycleSeconds() + " s");
    }
  }
}
