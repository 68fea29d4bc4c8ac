package io.factorytwin.core.deploy;

import java.util.List;

/**
 * A drift the Page–Hinkley detectors signalled (docs/deployment.md, "Drift detection"): those on the
 * one-frame errors or those on the longest horizon's.
 *
 * <p>Immutable and thread-safe.
 *
 * @param frame      index of the accepted frame at which it was signalled (0-based, counting every
 *                   accepted frame since the twin started)
 * @param time       that frame's time [s]
 * @param start      the estimated start of the drift [s]: the earliest of the signalling channels'
 *                   change-point estimates ({@link PageHinkley#changeIndex()})
 * @param channels   the channels whose statistic crossed λ at this frame, then those above λ/2 (a
 *                   channel may appear twice: once per horizon), each group in column order
 * @param horizons   per channel of {@code channels}, the horizon of its detector [frames]: 1, or the
 *                   longest horizon scored
 * @param statistics per channel of {@code channels}, its statistic m_t − M_t (standardised error ×
 *                   values: frames for the one-frame detectors, scores for the longest horizon's)
 */
public record DriftEvent(long frame, double time, double start, List<String> channels, List<Integer> horizons,
    List<Double> statistics) {
  /** Copies the lists. */
  public DriftEvent {
    channels = List.copyOf(channels);
    horizons = List.copyOf(horizons);
    statistics = List.copyOf(statistics);
  }

  /** Seconds from the estimated start to the signal, ≥ 0. */
  public double delay() {
    return time - start;
  }
}
