package io.factorytwin.core.deploy;

import java.util.Locale;

/**
 * One decision about the deployed model, with the figures that justified it (docs/deployment.md,
 * "Online updates"). Every update ends in one ({@link Kind#SWAPPED} or {@link Kind#KEPT}); every
 * rollback makes one.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind            what happened
 * @param fromVersion     the model version in use before
 * @param toVersion       the version in use after (== fromVersion when kept)
 * @param triggerFrame    the accepted frame at which the update's data was taken (−1 for a rollback)
 * @param appliedFrame    the accepted frame at which the decision took effect (for a rollback, the
 *                        last frame processed when it was asked for)
 * @param time            that frame's time [s] (NaN when no frame was processed yet)
 * @param recentCurrent   focus NRMSE at the evaluation horizon of the current model on the recent
 *                        windows the comparison used: those neither it nor the candidate was fitted
 *                        on (the held-back ones, or more for a remembered regime; NaN for a rollback)
 * @param recentCandidate the same for the candidate
 * @param oldCurrent      the current model's focus NRMSE on the check reservoir (the old regimes)
 * @param oldCandidate    the same for the candidate
 * @param trainingRows    rows the candidate's residual was trained or fine-tuned on (0 for a recalled
 *                        regime, a re-identification that kept the residual, or a rollback)
 * @param reason          why, in words
 */
public record SwapRecord(Kind kind, int fromVersion, int toVersion, long triggerFrame, long appliedFrame, double time,
    double recentCurrent, double recentCandidate, double oldCurrent, double oldCandidate, int trainingRows,
    String reason) {

  /** What happened. */
  public enum Kind {
    /** The candidate replaced the current model. */
    SWAPPED,
    /** The candidate was not good enough; the current model stays. */
    KEPT,
    /** The previous model was put back on request. */
    ROLLED_BACK
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s v%d -> v%d at frame %d (t = %.2f s): recent %.5f -> %.5f, old %.5f -> %.5f, "
        + "%d rows; %s", kind, fromVersion, toVersion, appliedFrame, time, recentCurrent, recentCandidate, oldCurrent,
        oldCandidate, trainingRows, reason);
  }
}
