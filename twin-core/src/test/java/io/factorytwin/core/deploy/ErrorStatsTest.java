package io.factorytwin.core.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrorStatsTest {
  @Test
  void nrmseIsTheRmsOverTheChannelsDeviationAndTheRecentWindowForgetsOldScores() {
    // two channels of deviation 2 and 4 taken together as the focus; a third that never varied
    ErrorStats s = new ErrorStats(1, new double[] {2, 4, 0}, new int[] {0, 1}, 2);
    s.add(0, new double[] {2, 0, 1});
    s.add(0, new double[] {0, 4, 1});
    s.add(0, new double[] {2, 4, 1});
    // channel 0: errors 2, 0, 2: RMS sqrt(8/3), over 2; channel 1: 0, 4, 4: RMS sqrt(32/3), over 4
    assertArrayEquals(new double[] {Math.sqrt(8.0 / 3) / 2, Math.sqrt(32.0 / 3) / 4}, java.util.Arrays.copyOf(
        s.nrmse(false)[0], 2), 1e-15);
    assertTrue(Double.isNaN(s.nrmse(false)[0][2]), "a channel that did not vary has no NRMSE");
    // the last 2 scores only: channel 0 errors 0, 2; channel 1 errors 4, 4
    assertArrayEquals(new double[] {Math.sqrt(2.0) / 2, 1.0}, java.util.Arrays.copyOf(s.nrmse(true)[0], 2), 1e-15);
    // the focus vector: RMS of the error's length over sqrt(2² + 4²)
    assertEquals(Math.sqrt((4 + 16 + 20) / 3.0) / Math.sqrt(20), s.focusNrmse(false)[0], 1e-15);
    assertEquals(Math.sqrt((16 + 20) / 2.0) / Math.sqrt(20), s.focusNrmse(true)[0], 1e-15);
    assertEquals(3, s.counts()[0]);
  }
}
