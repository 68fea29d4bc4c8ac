package io.factorytwin.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.viewer.ReplayPage;
import io.factorytwin.viewer.ReplayRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the robot-cell example shows, checked. */
class RobotCellTest {

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void eighteenBoxesAreStackedWithinTwoMillimetresOfTheirPlaces() throws Exception {
    Layout layout = RobotCell.layout();
    ReplayRecorder replay = new ReplayRecorder(layout, 1.0 / 30);
    RobotCell.Result r = RobotCell.run(layout, replay::record);
    // the replay: every frame of the run, the arm's links among the moving fixtures, and they move
    Map<String, Object> data = OutputChecks.replay(ReplayPage.builder(layout).recording(replay).build()
        .write(dir.resolve("replay.html")));
    assertEquals(Math.round(r.totalSeconds() / layout.stepSeconds()) / replay.periodTicks() + 1, OutputChecks.frames(data));
    List<Object> moving = (List<Object>) data.get("moving");
    assertTrue(moving.size() >= 6, "links and cup move: " + moving);
    List<Object> fixtures = (List<Object>) ((Map<String, Object>) data.get("frames")).get("fixtures");
    int cup = 8 * moving.indexOf((double) layout.fixtureIndex(layout.robotArms().get(0).cupId()));
    assertTrue(cup >= 0, "the cup is a moving fixture");
    List<Object> first = (List<Object>) fixtures.get(0);
    double farthest = 0;
    for (Object f : fixtures) {
      double d2 = 0;
      for (int c = 0; c < 3; c++) {
        double d = ((Number) ((List<Object>) f).get(cup + c)).doubleValue() - ((Number) first.get(cup + c)).doubleValue();
        d2 += d * d;
      }
      farthest = Math.max(farthest, Math.sqrt(d2));
    }
    assertTrue(farthest > 0.3, "the cup travels from the belt to the pallet: " + farthest + " m at most");

    assertEquals(18, r.boxes().size());
    // set down 3 mm above their place and let go: they land flat on the layer below
    assertTrue(r.worstErrorMm() < 2.0, "worst placement error " + r.worstErrorMm() + " mm");
    for (RobotCell.Placed p : r.boxes()) {
      assertTrue(p.cycleSeconds() > 1.0 && p.cycleSeconds() < 5.0, "cycle of box " + p.index() + ": " + p.cycleSeconds() + " s");
    }
  }
}
