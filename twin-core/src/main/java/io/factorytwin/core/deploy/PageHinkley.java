package io.factorytwin.core.deploy;

/**
 * The Page–Hinkley test for an increase in the mean of a stream of values (here: a channel's
 * standardised prediction errors, docs/deployment.md), in the form with a reference mean learned
 * over a warm-up: the first {@code warmUp} values after a start or {@link #reset()} only estimate
 * the reference mean μ; after them it keeps
 * <pre>
 *   m_t = Σ_{warmUp < i ≤ t} (x_i − μ − δ)      (cumulative excess over the reference, less δ)
 *   M_t = min(0, min_{warmUp < i ≤ t} m_i)
 * </pre>
 * and signals a change when {@code m_t − M_t > λ}. The change is estimated to have started just
 * after the last time m reached its minimum ({@link #changeIndex()}).
 *
 * <p>δ is the rise of the mean that is tolerated (in the values' units; with standardised errors,
 * whose mean is about 0.8 in a steady regime, δ = 0.5 ignores rises of less than half a standard
 * deviation); λ is the evidence needed: a sustained rise of the mean by Δ &gt; δ is signalled after
 * about λ / (Δ − δ) values. Larger λ: fewer false alarms, later detection. A reference mean frozen
 * after the warm-up (rather than the running mean of the textbook form) keeps a slow rise from being
 * absorbed into the reference, and keeps errors that rise while the mean is still being learned from
 * signalling at the end of the warm-up.
 *
 * <p>Confined to one thread.
 */
public final class PageHinkley {
  private final double delta;
  private final double lambda;
  private final int warmUp;
  private long count;
  private double mean;
  private double m;
  private double min;
  private long minIndex;

  /**
   * @param delta  tolerated rise of the mean δ, ≥ 0 and finite (values' units)
   * @param lambda detection threshold λ, &gt; 0 and finite (values' units × samples)
   * @param warmUp values that set the reference mean before a change can be signalled, ≥ 1
   * @throws IllegalArgumentException naming the parameter, its value and the bound
   */
  public PageHinkley(double delta, double lambda, int warmUp) {
    if (!(delta >= 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("pageHinkley.delta: " + delta + ", must be finite and >= 0");
    }
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("pageHinkley.lambda: " + lambda + ", must be finite and > 0");
    }
    if (warmUp < 1) throw new IllegalArgumentException("pageHinkley.warmUp: " + warmUp + ", must be >= 1");
    this.delta = delta;
    this.lambda = lambda;
    this.warmUp = warmUp;
  }

  /**
   * Adds a value.
   *
   * @param x finite
   * @return true when the test signals a change at this value
   * @throws IllegalArgumentException when x is not finite
   */
  public boolean add(double x) {
    if (!Double.isFinite(x)) throw new IllegalArgumentException("pageHinkley value: " + x + ", must be finite");
    count++;
    if (count <= warmUp) {
      mean += (x - mean) / count;
      minIndex = count;
      return false;
    }
    m += x - mean - delta;
    if (m < min) {
      min = m;
      minIndex = count;
    }
    return m - min > lambda;
  }

  /** The reference mean μ (the mean of the warm-up values so far). */
  public double reference() {
    return mean;
  }

  /** The statistic m_t − M_t (0 before the first value). */
  public double statistic() {
    return m - min;
  }

  /** Values added since the last reset. */
  public long count() {
    return count;
  }

  /**
   * The estimated start of the change: the 1-based index (since the last reset) of the first value
   * after the cumulative sum's last minimum (at the earliest, the first value after the warm-up).
   */
  public long changeIndex() {
    return minIndex + 1;
  }

  /** Forgets everything (after a signalled change, the new regime is learned afresh). */
  public void reset() {
    count = 0;
    mean = 0;
    m = 0;
    min = 0;
    minIndex = 0;
  }

  /**
   * Forgets everything but takes {@code reference} as the reference mean μ at once, as if the
   * warm-up had just ended with it: the next value can signal (for a reference known from elsewhere,
   * e.g. a new model's errors on data held back from its training).
   *
   * @param reference finite
   * @throws IllegalArgumentException when it is not finite
   */
  public void reset(double reference) {
    if (!Double.isFinite(reference)) {
      throw new IllegalArgumentException("pageHinkley.reference: " + reference + ", must be finite");
    }
    reset();
    count = warmUp;
    minIndex = warmUp;
    mean = reference;
  }
}
