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

/** What the sorting-line example shows, checked. */
class SortingLineTest {

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void everyBoxIsSortedByLengthWithoutJams() throws Exception {
    Layout layout = SortingLine.layout();
    ReplayRecorder replay = new ReplayRecorder(layout, 1.0 / 30);
    SortingLine.Result r = SortingLine.run(layout, 4, 2.6, state -> {
      if (state.tick() <= layout.ticks(20)) replay.record(state);
    });
    // the replay of the first 20 s: boxes come out of the source's parking one by one
    Map<String, Object> data = OutputChecks.replay(ReplayPage.builder(layout).recording(replay).build()
        .write(dir.resolve("replay.html")));
    assertEquals(layout.ticks(20) / replay.periodTicks() + 1, OutputChecks.frames(data));
    List<Object> shown = (List<Object>) ((Map<String, Object>) data.get("frames")).get("shown");
    long atStart = ((String) shown.get(0)).chars().filter(c -> c == '1').count();
    long later = ((String) shown.get(shown.size() - 1)).chars().filter(c -> c == '1').count();
    assertTrue(later >= atStart + 3, "boxes shown at 0 s: " + atStart + ", at 20 s: " + later);
    // the photo-eye's beam is recorded: blocked while a box passes, clear between boxes
    List<Object> eyes = (List<Object>) ((Map<String, Object>) data.get("frames")).get("eyes");
    assertEquals(1, ((List<Object>) data.get("eyes")).size());
    assertTrue(eyes.contains("1") && eyes.contains("0"), "the eye is both blocked and clear in 20 s");

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
