package io.factorytwin.core.rollout;

/**
 * What the gate decided about a proposed plan (docs/predicting.md, "Gate").
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind    commit, reject or uncertain
 * @param guard   REJECT: the guard that failed first (earliest time); otherwise empty
 * @param element REJECT: the element concerned (the body in the zone, what was hit); otherwise empty
 * @param time    REJECT: seconds after the start at which it first fails (earliest over the samples);
 *                UNCERTAIN: when the trouble was first seen (NaN if it is not tied to a time); COMMIT: NaN
 * @param share   REJECT: the share of samples in which that guard failed; otherwise 0
 * @param reason  a sentence for a decision log, naming what was found
 */
public record Decision(Kind kind, String guard, String element, double time, double share, String reason) {
  /** The three outcomes. */
  public enum Kind {
    /** Predicted safe in every sample, the model inside its training ranges, the samples in agreement. */
    COMMIT,
    /** A guard failed in more samples than allowed: the plan is predicted unsafe. */
    REJECT,
    /**
     * The prediction cannot be trusted: a run diverged, the model's inputs left its training ranges, or the
     * samples disagree by more than the bound. Never a commit; what the host does instead is its choice.
     */
    UNCERTAIN
  }

  /** True only for {@link Kind#COMMIT}. */
  public boolean committed() {
    return kind == Kind.COMMIT;
  }

  @Override
  public String toString() {
    return kind + ": " + reason;
  }
}
