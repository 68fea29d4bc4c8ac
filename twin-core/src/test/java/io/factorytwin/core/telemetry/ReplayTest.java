package io.factorytwin.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.factorytwin.core.schema.Channel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replay paces frames by their timestamps over the speed; nothing measures wall time. */
class ReplayTest {
  static final TelemetryLog LOG = TelemetryLog.of(List.of(new Channel("a", "m", 0)), List.of(
      new Frame(0.0, new double[] {1}), new Frame(0.02, new double[] {2}), new Frame(0.06, new double[] {3})));

  @Test
  void waitsTheRecordedIntervalsOverTheSpeed() throws InterruptedException {
    List<Long> waits = new ArrayList<>();
    List<Double> seen = new ArrayList<>();
    int n = new Replay(LOG, 2.0, waits::add).run(f -> seen.add(f.value(0)));
    assertEquals(3, n);
    assertEquals(List.of(1.0, 2.0, 3.0), seen);
    assertEquals(List.of(10_000_000L, 20_000_000L), waits, "0.02 s and 0.04 s of log at twice the speed");
  }

  @Test
  void infiniteSpeedNeverWaitsAndBadSpeedsAreRejected() throws InterruptedException {
    List<Long> waits = new ArrayList<>();
    assertEquals(3, new Replay(LOG, Double.POSITIVE_INFINITY, waits::add).run(f -> {}));
    assertEquals(List.of(), waits);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Replay(LOG, 0, w -> {}));
    assertEquals("replay.speed: 0.0, must be > 0 (or Infinity)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Replay(LOG, Double.NaN, w -> {}));
  }
}
