package io.factorytwin.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.sim.RandomStreams;
import org.junit.jupiter.api.Test;

class PageHinkleyTest {
  /** |N(0, 1)| draws: the standardised errors of a steady regime (mean √(2/π) ≈ 0.80). */
  static double z(long seed, long i) {
    return Math.abs(RandomStreams.gaussian(seed, 7, i, 0));
  }

  @Test
  void staysQuietOnASteadyStreamAndSignalsAShiftAfterAboutLambdaOverTheExcess() {
    PageHinkley ph = new PageHinkley(0.5, 50, 100);
    for (long i = 0; i < 20_000; i++) assertFalse(ph.add(z(1, i)), "false alarm at value " + i);
    // the mean rises by 2 (to about 2.8): the excess over reference + δ is about 1.5 per value, so
    // λ = 50 is crossed after about 33 values
    long at = -1;
    for (long i = 0; i < 200 && at < 0; i++) if (ph.add(2 + z(2, i))) at = i + 1;
    assertTrue(at >= 20 && at <= 50, "signalled after " + at + " values, expected about 33");
    long start = ph.changeIndex();
    assertTrue(Math.abs(start - 20_001) <= 3, "change estimated at value " + start + ", it began at 20001");
  }

  @Test
  void aDecreaseIsNotADrift() {
    PageHinkley ph = new PageHinkley(0.5, 50, 100);
    for (long i = 0; i < 200; i++) ph.add(2 + z(3, i));
    for (long i = 0; i < 5000; i++) assertFalse(ph.add(z(4, i)));
  }

  @Test
  void theWarmUpSetsTheReferenceAndResetForgetsIt() {
    PageHinkley ph = new PageHinkley(0.5, 10, 4);
    for (double x : new double[] {1, 2, 3, 2}) assertFalse(ph.add(x));
    assertEquals(2.0, ph.reference(), 1e-12);
    assertFalse(ph.add(12)); // m = 12 − 2 − 0.5 = 9.5
    assertFalse(ph.add(3)); // m = 9.5 + 0.5 = 10.0: not above λ
    assertTrue(ph.add(3.1)); // m = 10.6
    assertEquals(10.6, ph.statistic(), 1e-12);
    assertEquals(5, ph.changeIndex(), "the first value after the warm-up");
    ph.reset();
    assertEquals(0, ph.count());
    assertEquals(0, ph.statistic());
    for (double x : new double[] {12, 12, 12, 12}) assertFalse(ph.add(x));
    assertEquals(12.0, ph.reference(), 1e-12, "a new reference after the reset");
    assertFalse(ph.add(12));
  }

  @Test
  void aPresetReferenceSkipsTheWarmUp() {
    PageHinkley ph = new PageHinkley(0.5, 10, 100);
    ph.reset(2.0);
    assertEquals(2.0, ph.reference(), 1e-12);
    assertEquals(100, ph.count(), "as if the warm-up had just ended");
    assertFalse(ph.add(12)); // m = 12 − 2 − 0.5 = 9.5 at once: no warm-up
    assertTrue(ph.add(3.1)); // m = 10.1
    assertEquals(101, ph.changeIndex(), "the first value after the preset");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ph.reset(Double.NaN));
    assertTrue(e.getMessage().contains("reference: NaN"), e.getMessage());
  }

  @Test
  void rejectsBadParametersAndValues() {
    assertThrows(IllegalArgumentException.class, () -> new PageHinkley(Double.NaN, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new PageHinkley(0.5, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new PageHinkley(0.5, 1, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PageHinkley(-1, 1, 1));
    assertTrue(e.getMessage().contains("delta: -1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PageHinkley(0.5, 1, 1).add(Double.NaN));
  }
}
