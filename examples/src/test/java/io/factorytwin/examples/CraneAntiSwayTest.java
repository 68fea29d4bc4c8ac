package io.factorytwin.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the anti-sway example shows, checked. */
class CraneAntiSwayTest {

  @TempDir Path dir;

  @Test
  void shapedMovesKeepTheLoadOutOfTheWalkwayThatTheUnshapedSwingEnters() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<CraneAntiSway.Result> r = CraneAntiSway.runAndWrite(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));
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

    // what it writes: the sway figure and one replay per move, each printed with its path
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("sway against time: " + dir.resolve("sway.png")), text);
    OutputChecks.figure(dir.resolve("sway.png"));
    for (CraneAntiSway.Result move : r) {
      Path html = dir.resolve("replay-" + move.name().toLowerCase(Locale.ROOT) + ".html");
      assertTrue(text.contains(html.toString()), text);
      Map<String, Object> data = OutputChecks.replay(html);
      assertTrue(OutputChecks.bodies(data).containsAll(List.of("crane1.hook", "block")), OutputChecks.bodies(data).toString());
      // a frame every 1/30 s rounded to whole steps, over the whole cycle, plus the first
      double step = ReferenceLayouts.referenceCrane().stepSeconds();
      long every = Math.round(1.0 / 30 / step);
      assertEquals(Math.round(move.cycleSeconds() / step) / every + 1, OutputChecks.frames(data), move.name());
      // every entry into the walkway is marked (the unshaped swing goes in and out), and only those
      List<String> events = OutputChecks.events(data);
      assertEquals(move.enteredWalkway(), !events.isEmpty(), move.name() + ": " + events);
      assertTrue(events.stream().allMatch("block enters the walkway"::equals), events.toString());
    }
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
