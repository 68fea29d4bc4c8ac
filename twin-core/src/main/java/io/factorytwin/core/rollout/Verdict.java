package io.factorytwin.core.rollout;

/**
 * One guard's verdict on one plan: which samples broke the rule, and when it was first broken.
 *
 * <p>Immutable and thread-safe (the arrays are copies).
 *
 * @param guard        the guard's name
 * @param element      the element concerned at the earliest failure (the body in the zone, the element
 *                     hit), or the guard's own element when no sample failed
 * @param firstStep    per sample, the first recorded step at which the rule broke, or −1 when it held
 *                     (steps are counted from the start, step 0)
 * @param failingShare share of samples that broke the rule, in [0, 1]
 * @param step         the earliest failing step over the samples, or −1
 * @param time         that step's time after the start [s], or NaN
 */
public record Verdict(String guard, String element, int[] firstStep, double failingShare, int step, double time) {
  /** Copies the array. */
  public Verdict {
    firstStep = firstStep.clone();
  }

  @Override
  public int[] firstStep() {
    return firstStep.clone();
  }

  /** True when sample {@code sample} broke the rule. */
  public boolean failed(int sample) {
    return firstStep[sample] >= 0;
  }

  /** True when every sample kept the rule. */
  public boolean passed() {
    return step < 0;
  }

  @Override
  public String toString() {
    return passed() ? guard + ": pass"
        : String.format(java.util.Locale.ROOT, "%s: %s fails at %.2f s in %.0f %% of samples", guard, element, time,
            100 * failingShare);
  }
}
