package io.factorytwin.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the sorting-line example shows, checked. */
class SortingLineTest {

  @Test
  void everyBoxIsSortedByLengthWithoutJams() {
    SortingLine.Result r = SortingLine.run(4, 2.6);
    // 4 min at a box every 2.6 s: 93 boxes spawned, the last few still on the line
    assertTrue(r.laneA() + r.laneB() >= 88, r.toString());
    assertTrue(r.laneA() > 10 && r.laneB() > 10, "both lanes used: " + r.laneA() + " / " + r.laneB());
    assertEquals(r.laneA() + r.laneB(), r.sorted().size());
    for (SortingLine.Sorted s : r.sorted()) {
      assertEquals(s.length() >= SortingLine.LONG ? "B" : "A", s.lane(), "box of " + s.length() + " m");
    }
    assertTrue(r.jams().isEmpty(), r.jams().toString());
    assertTrue(r.longestQueue() >= 2, "boxes overlap in time on the line");
  }
}
