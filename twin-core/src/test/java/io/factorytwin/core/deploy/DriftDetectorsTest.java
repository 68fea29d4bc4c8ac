package io.factorytwin.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.sim.RandomStreams;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The multi-frame drift statistic on seeded synthetic streams: the standardised error of an h-frame
 * prediction scored from every 5th frame, as the deployed twin feeds it (δ = 0.75, λ = 30, the
 * defaults; 20 warm-up scores, 100 frames at stride 5).
 */
class DriftDetectorsTest {
  static final double PERIOD = 0.02;
  static final int H = 10, STRIDE = 5;

  /**
   * A stream of standardised 10-frame errors: per frame an N(0, 1) step of the error, the 10-frame
   * error the sum of the last 10 steps over √10, so consecutive scores (5 frames apart) share half
   * their steps, as the twin's overlapping predictions do; |·| has mean √(2/π) ≈ 0.80.
   */
  static double[] errors(long seed, int frames) {
    double[] step = new double[frames];
    for (int k = 0; k < frames; k++) step[k] = RandomStreams.gaussian(seed, 11, k, 0);
    double[] z = new double[frames];
    for (int k = H; k < frames; k++) {
      double s = 0;
      for (int j = k - H + 1; j <= k; j++) s += step[j];
      z[k] = Math.abs(s) / Math.sqrt(H);
    }
    return z;
  }

  static DriftDetectors detectors() {
    return new DriftDetectors(new boolean[] {true, false}, H, PERIOD, 0.75, 30, 100 / STRIDE, 5);
  }

  @Test
  void noAlarmOnAStationaryStreamOfOneHundredThousandFrames() {
    DriftDetectors d = detectors();
    double[] z = errors(1, 100_000);
    for (int k = H; k < z.length; k += STRIDE) {
      assertTrue(d.add(k * PERIOD, new double[] {z[k], 100}).isEmpty(), "false alarm at frame " + k);
    }
  }

  /**
   * A step of the mean standardised error by Δ = 2 at frame 20 000 (a change that doubles or
   * triples the 10-frame error) is signalled after about λ / (Δ − δ) = 30 / 1.25 = 24 scores (120
   * frames, 2.4 s at 50 Hz), the start estimated within a score or two, less the horizon.
   */
  @Test
  void signalsAStepAfterAboutLambdaOverTheExcessAndDatesIt() {
    DriftDetectors d = detectors();
    double[] z = errors(2, 30_000);
    int change = 20_000, at = -1;
    List<Integer> crossed = List.of();
    for (int k = H; k < z.length && at < 0; k += STRIDE) {
      crossed = d.add(k * PERIOD, new double[] {z[k] + (k >= change ? 2 : 0), 0});
      if (!crossed.isEmpty()) at = k;
    }
    assertEquals(List.of(0), crossed, "only the watched channel signals");
    double scores = (at - change) / (double) STRIDE;
    assertTrue(scores >= 0.6 * 24 && scores <= 1.5 * 24, "signalled after " + scores + " scores, expected about 24");
    double start = d.start(0, at * PERIOD);
    double expected = change * PERIOD - (H - 1) * PERIOD;
    assertEquals(expected, start, 2.5 * STRIDE * PERIOD, "start of the change");
    assertTrue(d.statistic(0) > 30);
    assertTrue(d.rising(0));
    assertFalse(d.rising(1), "an unwatched channel never rises");
    d.reset();
    assertEquals(0, d.statistic(0));
    // after the reset the raised level is the new normal: no alarm on it
    for (int k = at + STRIDE; k < z.length; k += STRIDE) {
      assertTrue(d.add(k * PERIOD, new double[] {z[k] + 2, 0}).isEmpty(), "alarm at " + k + " on the new level");
    }
  }

  /**
   * With the reference preset to the level before a step (as after a swap, from the new model's
   * errors on held-back data), a step that came meanwhile is signalled, where a warm-up on the
   * raised level would have learned it as the normal.
   */
  @Test
  void aPresetReferenceCatchesAStepThatAWarmUpWouldLearn() {
    double[] z = errors(4, 10_000);
    DriftDetectors learned = detectors(), preset = detectors();
    preset.reset(new double[] {Math.sqrt(2 / Math.PI), Double.NaN});
    boolean learnedSignal = false, presetSignal = false;
    for (int k = H; k < z.length; k += STRIDE) {
      double[] v = {z[k] + 2, 0}; // the raised level from the start
      learnedSignal |= !learned.add(k * PERIOD, v).isEmpty();
      presetSignal |= !preset.add(k * PERIOD, v).isEmpty();
    }
    assertFalse(learnedSignal, "a warm-up on the raised level takes it as normal");
    assertTrue(presetSignal, "the preset reference shows the step");
  }

  @Test
  void oneWildValueCannotSignalOnItsOwn() {
    DriftDetectors d = detectors();
    double[] z = errors(3, 2_000);
    for (int k = H; k < 1_000; k += STRIDE) d.add(k * PERIOD, new double[] {z[k], 0});
    // capped at 5: one value adds at most 5 − μ − δ ≈ 3.5 of the 30 needed
    assertTrue(d.add(1_000 * PERIOD, new double[] {1e6, 0}).isEmpty());
    assertTrue(d.statistic(0) < 5, "statistic " + d.statistic(0));
  }
}
