package io.factorytwin.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.telemetry.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameScreenTest {
  static final List<Channel> COLUMNS = List.of(new Channel("crane1.trolley.pos", "m", 0),
      new Channel("crane1.trolley.cmd", "m/s", 1));

  static FrameScreen screen() {
    return new FrameScreen(COLUMNS, 0.02, new int[] {0}, 5);
  }

  @Test
  void eachKindOfBadFrameIsNamed() {
    FrameScreen s = screen();
    assertEquals(FrameScreen.Verdict.CLEAN, s.screen(new Frame(0, new double[] {1, 0})));
    assertNull(s.issue);
    assertEquals(FrameScreen.Verdict.REJECTED, s.screen(new Frame(0.02, new double[] {Double.NaN, 0})));
    assertEquals(LiveIssue.NOT_FINITE, s.issue);
    assertTrue(s.message.startsWith("crane1.trolley.pos: NaN m"), s.message);
    assertEquals(FrameScreen.Verdict.REJECTED, s.screen(new Frame(0.02, new double[] {1})));
    assertEquals(LiveIssue.MALFORMED, s.issue);
    assertEquals(FrameScreen.Verdict.REJECTED, s.screen(new Frame(0, new double[] {1.1, 0})));
    assertEquals(LiveIssue.DUPLICATE_TIME, s.issue);
    assertEquals(FrameScreen.Verdict.REJECTED, s.screen(new Frame(-0.02, new double[] {1.1, 0})));
    assertEquals(LiveIssue.OUT_OF_ORDER, s.issue);
    assertEquals(FrameScreen.Verdict.REJECTED, s.screen(new Frame(0.005, new double[] {1.1, 0})));
    assertEquals(LiveIssue.BURST, s.issue);
    assertEquals(FrameScreen.Verdict.CLEAN, s.screen(new Frame(0.02, new double[] {1.2, 0})), "rejected frames do not move the clock");
    assertEquals(FrameScreen.Verdict.AFTER_GAP, s.screen(new Frame(0.1, new double[] {1.3, 0})));
    assertEquals(LiveIssue.GAP, s.issue);
    assertEquals(FrameScreen.Verdict.CLEAN, s.screen(new Frame(0.12, new double[] {1.4, 0})));
  }

  @Test
  void aFrozenWatchedChannelIsStaleAfterItsBoundAndAHeldCommandIsNot() {
    FrameScreen s = screen();
    for (int k = 0; k < 4; k++) {
      assertEquals(FrameScreen.Verdict.CLEAN, s.screen(new Frame(0.02 * k, new double[] {2.5, 0.3})), "frame " + k);
    }
    assertEquals(FrameScreen.Verdict.FLAGGED, s.screen(new Frame(0.08, new double[] {2.5, 0.3})));
    assertEquals(LiveIssue.STALE_CHANNEL, s.issue);
    assertTrue(s.message.contains("crane1.trolley.pos: 2.5 m for 5 frames"), s.message);
    assertEquals(FrameScreen.Verdict.CLEAN, s.screen(new Frame(0.10, new double[] {2.5001, 0.3})), "it moves again");
  }
}
