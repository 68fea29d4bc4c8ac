package io.factorytwin.core.rollout;

import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.SimState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a proposed plan may be committed to the machine (docs/predicting.md, "Gate"): it rolls
 * the plan out under a request template (samples, horizon, randomised parameters, noise, guards) and
 * turns the result into a {@link Decision}, in this order:
 * <ol>
 *   <li>REJECT when a guard failed in a larger share of samples than {@code maxFailingShare} (default 0:
 *       one failing sample is enough); the decision names the guard that failed earliest, its element and
 *       the time;</li>
 *   <li>UNCERTAIN when any sample diverged, when any value recorded is not finite (checked again over the
 *       whole result: a non-finite prediction can never be committed), when the model's inputs left its
 *       training ranges (engines given {@link TrainingRanges}), when the ensemble's members disagree on a
 *       frame's correction by more than {@code maxMemberSpread} (default {@value #DEFAULT_MEMBER_SPREAD}, in
 *       the corrected output's unit per frame: 1 cm or 1 cm/s; {@link RolloutResult#memberSpread}), or, for
 *       channels the host limits with {@link Builder#spread}, when at some step the samples' values differ by
 *       more than the bound (max − min over the samples);</li>
 *   <li>COMMIT otherwise.</li>
 * </ol>
 * A guard failure wins over uncertainty: a predicted failure in some samples is a reason not to act even
 * when other samples are in doubt. UNCERTAIN is never a commit; what it means for the host (fall back to a
 * physics-only rollout with wider margins, slow down, ask an operator) is the host's choice, and the
 * default a host gets from {@link Decision#committed()} is not to act.
 *
 * <p>Confined to the thread that uses its engine.
 */
public final class ActionGate {
  /** Default bound of the ensemble members' disagreement on a frame's correction (output units per frame). */
  public static final double DEFAULT_MEMBER_SPREAD = 0.01;

  private final Rollouts engine;
  private final RolloutRequest template;
  private final double maxFailingShare;
  private final Map<String, Double> spread;
  private final double maxMemberSpread;

  private ActionGate(Builder b) {
    engine = b.engine;
    template = b.template;
    maxFailingShare = b.maxFailingShare;
    maxMemberSpread = b.maxMemberSpread;
    Map<String, Double> s = new LinkedHashMap<>(b.spread);
    for (String c : s.keySet()) {
      if (!engine.layout().stateSchema().contains(c)) {
        throw new IllegalArgumentException("gate.spread." + c + ": no such state channel in layout " + engine.layout().name());
      }
    }
    spread = java.util.Collections.unmodifiableMap(s);
  }

  /**
   * A gate over {@code engine}; {@code template} gives the samples, horizon, seed, randomisation, noise and
   * guards (its start and plans are replaced by each proposal's).
   */
  public static Builder builder(Rollouts engine, RolloutRequest template) {
    return new Builder(engine, template);
  }

  /** Rolls {@code plan} out from telemetry frames (latest first) and decides. */
  public Decision propose(double[][] frames, Plan plan) {
    return decide(engine.run(template.toBuilder().fromFrames(frames).withoutPlans().plan(plan).build()), 0);
  }

  /** Rolls {@code plan} out from a state and decides. */
  public Decision propose(SimState state, Plan plan) {
    return decide(engine.run(template.toBuilder().fromState(state).withoutPlans().plan(plan).build()), 0);
  }

  /** The decision on plan {@code plan} of a result already computed (the planner's candidates). */
  public Decision decide(RolloutResult r, int plan) {
    Verdict worst = null;
    for (Verdict v : r.verdicts(plan)) {
      if (v.failingShare() > maxFailingShare && (worst == null || v.step() < worst.step())) worst = v;
    }
    if (worst != null) {
      return new Decision(Decision.Kind.REJECT, worst.guard(), worst.element(), worst.time(), worst.failingShare(),
          String.format(Locale.ROOT, "%s: %s at %.2f s in %d of %d samples", worst.guard(), worst.element(),
              worst.time(), Math.round(worst.failingShare() * r.samples()), r.samples()));
    }
    int firstDiverged = -1, divergedSamples = 0;
    for (int s = 0; s < r.samples(); s++) {
      int k = r.divergedAt(plan, s);
      if (k >= 0) {
        divergedSamples++;
        if (firstDiverged < 0 || k < firstDiverged) firstDiverged = k;
      }
    }
    if (divergedSamples > 0) {
      return uncertain(r.time(firstDiverged), String.format(Locale.ROOT,
          "%d of %d samples diverged (non-finite or physics trouble), the first at %.2f s", divergedSamples,
          r.samples(), r.time(firstDiverged)));
    }
    double[] d = r.data();
    int from = r.index(plan, 0, 0, 0), to = r.index(plan, r.samples() - 1, r.steps() - 1, r.channels().size() - 1);
    for (int i = from; i <= to; i++) {
      if (!Double.isFinite(d[i])) return uncertain(Double.NaN, "a predicted value is not finite");
    }
    int oodStep = -1;
    String feature = null;
    for (int s = 0; s < r.samples(); s++) {
      int k = r.outOfDistributionAt(plan, s);
      if (k >= 0 && (oodStep < 0 || k < oodStep)) {
        oodStep = k;
        feature = r.outOfDistributionFeature(plan, s);
      }
    }
    if (oodStep >= 0) {
      return uncertain(r.time(oodStep), String.format(Locale.ROOT,
          "the model's input %s leaves its training range at %.2f s", feature, r.time(oodStep)));
    }
    int disagreeing = -1;
    for (int s = 0; s < r.samples(); s++) {
      if (!(r.memberSpread(plan, s) <= maxMemberSpread) && (disagreeing < 0 || r.memberSpreadStep(plan, s) < r.memberSpreadStep(plan, disagreeing))) {
        disagreeing = s;
      }
    }
    if (disagreeing >= 0) {
      int k = r.memberSpreadStep(plan, disagreeing);
      return uncertain(k < 0 ? Double.NaN : r.time(k), String.format(Locale.ROOT,
          "the ensemble's members disagree on the correction of %s by %.4g at %.2f s, bound %.4g",
          r.memberSpreadOutput(plan, disagreeing), r.memberSpread(plan, disagreeing), k < 0 ? Double.NaN : r.time(k),
          maxMemberSpread));
    }
    for (Map.Entry<String, Double> e : spread.entrySet()) {
      int c = r.channel(e.getKey());
      for (int k = 0; k < r.steps(); k++) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < r.samples(); s++) {
          double v = r.value(plan, s, k, c);
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        if (hi - lo > e.getValue()) {
          return uncertain(r.time(k), String.format(Locale.ROOT, "the samples' %s spreads over %.3f at %.2f s, bound %.3f",
              e.getKey(), hi - lo, r.time(k), e.getValue()));
        }
      }
    }
    return new Decision(Decision.Kind.COMMIT, "", "", Double.NaN, 0, String.format(Locale.ROOT,
        "%d guards pass in all %d samples over %.2f s", r.verdicts(plan).size(), r.samples(), r.time(r.steps() - 1)));
  }

  private static Decision uncertain(double time, String why) {
    return new Decision(Decision.Kind.UNCERTAIN, "", "", time, 0, why);
  }

  /** Builds a gate; confined to one thread. */
  public static final class Builder {
    private final Rollouts engine;
    private final RolloutRequest template;
    private double maxFailingShare = 0;
    private final Map<String, Double> spread = new LinkedHashMap<>();
    private double maxMemberSpread = DEFAULT_MEMBER_SPREAD;

    Builder(Rollouts engine, RolloutRequest template) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.template = Objects.requireNonNull(template, "template");
    }

    /** Largest share of failing samples that still passes a guard, in [0, 1); default 0. */
    public Builder maxFailingShare(double share) {
      if (!(share >= 0 && share < 1)) {
        throw new IllegalArgumentException("gate.maxFailingShare: " + share + ", must be in [0, 1)");
      }
      this.maxFailingShare = share;
      return this;
    }

    /** Limits the samples' spread (max − min at any step) of a state channel, in its unit, > 0. */
    public Builder spread(String channel, double bound) {
      if (!(bound > 0)) throw new IllegalArgumentException("gate.spread." + channel + ": " + bound + ", must be > 0");
      spread.put(channel, bound);
      return this;
    }

    /**
     * Bound of the ensemble members' disagreement on a frame's correction, in the output's unit per frame,
     * > 0; default {@value ActionGate#DEFAULT_MEMBER_SPREAD}.
     */
    public Builder maxMemberSpread(double bound) {
      if (!(bound > 0)) throw new IllegalArgumentException("gate.maxMemberSpread: " + bound + ", must be > 0");
      this.maxMemberSpread = bound;
      return this;
    }

    /** The gate. @throws IllegalArgumentException for a spread channel the layout does not have */
    public ActionGate build() {
      return new ActionGate(this);
    }
  }
}
