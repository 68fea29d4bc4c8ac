package io.factorytwin.core.deploy;

import io.factorytwin.core.calibration.Datasets;
import io.factorytwin.core.calibration.Evaluation;
import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.Identification;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.Dataset;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.model.ResidualTrainer;
import io.factorytwin.core.model.ScaledResidual;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.RandomStreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * One online update (docs/deployment.md, "Online updates"), run on the deployed twin's updater
 * thread over data taken at the trigger frame:
 * <ol>
 *   <li>the newest {@code holdBack} recent windows are held back; the other recent windows are mixed
 *       with a seeded sample of the training reservoir, {@code replayRatio} reservoir windows per
 *       recent one (windows already among the recent ones are not drawn twice);</li>
 *   <li>of those, every fifth window (by position) is the early-stopping validation set, the rest the
 *       training set; from each, one-step rows of the deployed physics and the rows recorded along the
 *       current model's {@code horizon}-frame rollouts from every {@code horizon}-th frame, with the
 *       corrections that would have kept it on the observed frames ({@link Datasets#rollouts});</li>
 *   <li>the current residual is fine-tuned on them (a {@link ScaledResidual}'s inner model is tuned
 *       and its gains kept);</li>
 *   <li>every candidate is compared with the current layout and model at {@code horizon} frames
 *       (focus NRMSE, as {@link Evaluation#nrmse}) on the recent windows that neither was fitted on
 *       (trained on, or identified on): for a candidate fitted now, the held-back windows; for a
 *       regime remembered from before the drift, every recent window since the drift that the
 *       current one was not fitted on; and the fine-tuned candidate on the check reservoir too (old
 *       regimes);</li>
 *   <li>the tuned candidate is acceptable when its recent figure is below the current's by more than
 *       {@code minImprovement} (a share) and its old figure is at most {@code oldTolerance} (a share)
 *       above the current's;</li>
 *   <li>after a drift event, regime candidates too: every layout and model remembered (the twin's
 *       memory of regimes); when configured, the layout re-identified on the recent training windows
 *       with the current model; and, with a retrainer, a residual trained from scratch on the new
 *       regime's training windows alone over the re-identified (or current) layout, and the current
 *       residual fine-tuned on them alone. They are acceptable when better on their recent windows
 *       by more than {@code minImprovement}, without the old-regime check (the outgoing regime stays
 *       in memory);</li>
 *   <li>of the acceptable candidates, the one with the lowest ratio of its recent figure to the
 *       current's wins.</li>
 * </ol>
 * Everything runs on the calling thread and is deterministic for given data and seed.
 */
final class Update implements Callable<Update.Outcome> {
  private static final long DRAW = RandomStreams.key("deploy.update.replay");

  /** What becomes of the twin's memory of regimes if the candidate wins. */
  enum Regime {
    /** The candidate refines the regime in use: it replaces that regime's entry. */
    SAME,
    /** The candidate is the first model of a new regime: a new entry; the outgoing one stays. */
    NEW,
    /** The candidate is a remembered regime, recalled. */
    RECALLED
  }

  /**
   * What an update found: the winner (null: keep the current one), its figures and why; {@code fitted}
   * the highest window id its layout and model were fitted on, {@code regime} what it is to the memory
   * (for a recall, {@code recalled} is the entry).
   */
  record Outcome(Layout layout, ResidualPredictor candidate, boolean accepted, double recentCurrent,
      double recentCandidate, double oldCurrent, double oldCandidate, int rows, String reason, Regime regime,
      int fitted, DeployedTwin.Active recalled, double[] longReference) {
    Outcome(Layout layout, ResidualPredictor candidate, boolean accepted, double recentCurrent, double recentCandidate,
        double oldCurrent, double oldCandidate, int rows, String reason, Regime regime, int fitted,
        DeployedTwin.Active recalled) {
      this(layout, candidate, accepted, recentCurrent, recentCandidate, oldCurrent, oldCandidate, rows, reason, regime,
          fitted, recalled, null);
    }

    double ratio() {
      return recentCandidate / recentCurrent;
    }
  }

  /** Settings shared by all updates. */
  record Settings(PhysicsBackend backend, FeatureSpec spec, double period, ResidualTrainer trainer,
      ResidualTrainer retrainer, int[] focus, int horizon, int holdBack, double replayRatio, double minImprovement,
      double oldTolerance, Identification.Options reidentify, long seed, LongDrift longDrift) {}

  /**
   * What the monitor's detectors on the longest horizon's errors read (null: none): the scored
   * columns, their floors (0: not watched), the horizon, the stride and the cap; a winner's reference
   * means on the held-back windows are computed with them ({@link DriftDetectors#reference}).
   */
  record LongDrift(int[] columns, double[] floor, int horizon, int stride, double cap) {}

  private final Settings s;
  private final DeployedTwin.Active current;
  private final List<DeployedTwin.Active> memory;
  private final boolean afterDrift;
  private final boolean currentFromBefore;
  private final boolean currentRecalled;
  private final List<Trajectory> recent;
  private final List<Trajectory> reservoir;
  private final List<Trajectory> check;
  private final int index;
  private final Map<Integer, Double> currentScores = new HashMap<>();

  /**
   * @param afterDrift        within the adaptation after a drift event: regime candidates are tried
   * @param currentFromBefore the current layout and model's regime began before that drift (a candidate
   *                          fitted to the new data then starts a new regime; else it refines the current one)
   * @param currentRecalled   the current layout and model's regime was recalled since that drift: no
   *                          candidate fitted to the new data alone (re-identified, retrained,
   *                          tuned) may replace it, only the fine-tuned one with its old-regime check (a
   *                          regime that came back is known from more data than the drift's few windows)
   */
  Update(Settings s, DeployedTwin.Active current, List<DeployedTwin.Active> memory, boolean afterDrift,
      boolean currentFromBefore, boolean currentRecalled, List<Trajectory> recent, List<Trajectory> reservoir,
      List<Trajectory> check, int index) {
    this.s = s;
    this.current = current;
    this.memory = List.copyOf(memory);
    this.afterDrift = afterDrift;
    this.currentFromBefore = currentFromBefore;
    this.currentRecalled = currentRecalled;
    this.recent = List.copyOf(recent);
    this.reservoir = List.copyOf(reservoir);
    this.check = List.copyOf(check);
    this.index = index;
  }

  @Override
  public Outcome call() {
    int cut = Math.max(0, recent.size() - s.holdBack());
    List<Trajectory> newer = recent.subList(0, cut);
    List<Trajectory> heldBack = recent.subList(cut, recent.size());
    int fittedNow = newer.isEmpty() ? -1 : newer.stream().mapToInt(Trajectory::id).max().getAsInt();
    Layout layout = current.layout();
    ResidualPredictor model = current.model();
    List<String> notes = new ArrayList<>();
    Outcome best = null;
    int rowCount = 0;
    if (heldBack.isEmpty() || model == null) {
      return keep("not enough data: no held-back windows or no model", 0);
    }
    List<Trajectory> train = new ArrayList<>(), val = new ArrayList<>();
    split(mix(newer), train, val);
    if (!train.isEmpty() && !val.isEmpty() && s.trainer() != null) {
      Supplier<FramePredictor> physics = predictors(layout, null);
      Supplier<FramePredictor> hybrid = predictors(layout, model);
      // one-step rows, and rows recorded along the current model's own multi-step rollouts with the
      // corrections that would have kept it on the observed frames (as calibration's fine-tuning does)
      Dataset rows = Datasets.oneStep(physics, train, s.spec(), 1)
          .concat(Datasets.rollouts(hybrid, train, s.spec(), s.horizon(), s.horizon(), -1, 1));
      Dataset valRows = Datasets.oneStep(physics, val, s.spec(), 1)
          .concat(Datasets.rollouts(hybrid, val, s.spec(), s.horizon(), s.horizon(), -1, 1));
      ResidualPredictor inner = model instanceof ScaledResidual sr ? sr.inner() : model;
      ResidualPredictor tuned = s.trainer().fineTune(inner, rows, valRows, s.seed() * 31 + index, p -> {});
      ResidualPredictor candidate = model instanceof ScaledResidual sr ? new ScaledResidual(tuned, sr.gains()) : tuned;
      rowCount = rows.rows();
      double rc = currentScore(fittedNow), rn = score(layout, candidate, fair(fittedNow));
      double oc = check.isEmpty() ? Double.NaN : score(layout, model, check);
      double on = check.isEmpty() ? Double.NaN : score(layout, candidate, check);
      boolean better = rn < rc * (1 - s.minImprovement());
      boolean keepsOld = check.isEmpty() || on <= oc * (1 + s.oldTolerance());
      String reason;
      if (better && keepsOld) {
        reason = String.format(Locale.ROOT, "fine-tuned: recent error %.1f %% lower, old regimes %+.1f %%",
            100 * (1 - rn / rc), 100 * (on / oc - 1));
      } else if (!better) {
        reason = String.format(Locale.ROOT, "fine-tuned: recent error not lower by more than %.1f %% (%+.1f %%)",
            100 * s.minImprovement(), 100 * (rn / rc - 1));
      } else {
        reason = String.format(Locale.ROOT, "fine-tuned: old regimes worse by %.1f %%, more than %.1f %%",
            100 * (on / oc - 1), 100 * s.oldTolerance());
      }
      best = new Outcome(layout, candidate, better && keepsOld, rc, rn, oc, on, rowCount, reason, Regime.SAME,
          Math.max(current.fitted(), fittedNow), null);
    }
    if (!afterDrift && best != null) return finish(best, best.reason(), heldBack);
    if (!afterDrift) return keep(String.format(Locale.ROOT,
        "not enough data: %d training, %d validation windows", train.size(), val.size()), 0);
    // regime candidates
    for (DeployedTwin.Active a : memory) {
      if (a.model() == null || (a.model() == model && a.layout() == layout)) continue;
      List<Trajectory> on = fair(a.fitted());
      double rc = currentScore(a.fitted()), r = score(a.layout(), a.model(), on);
      notes.add(String.format(Locale.ROOT, "v%d %+.1f %% on %d windows", a.version(), 100 * (r / rc - 1), on.size()));
      best = better(best, new Outcome(a.layout(), a.model(), false, rc, r, Double.NaN, Double.NaN, 0,
          "recalled the regime of v" + a.version(), Regime.RECALLED, a.fitted(), a));
    }
    Regime fresh = currentFromBefore ? Regime.NEW : Regime.SAME;
    int fittedFresh = Math.max(currentFromBefore ? -1 : current.fitted(), fittedNow);
    Layout refit = layout;
    String refitWhat = "";
    if (s.reidentify() != null && !newer.isEmpty() && !currentRecalled) {
      try {
        Identification.Result id = Identification.fit(layout, s.backend(), s.spec(), newer, s.reidentify(), x -> {});
        double r = score(id.layout(), model, fair(fittedNow));
        StringBuilder p = new StringBuilder();
        id.parameters().forEach(f -> p.append(String.format(Locale.ROOT, " %s %.4g", f.path(), f.value())));
        notes.add(String.format(Locale.ROOT, "re-identified %+.1f %%", 100 * (r / currentScore(fittedNow) - 1)));
        refit = id.layout();
        refitWhat = " over the re-identified layout";
        best = better(best, new Outcome(id.layout(), model, false, currentScore(fittedNow), r, Double.NaN, Double.NaN,
            0, "re-identified:" + p, fresh, fittedFresh, null));
      } catch (RuntimeException e) {
        notes.add("re-identification failed: " + e.getMessage());
      }
    }
    List<Trajectory> newTrain = new ArrayList<>(), newVal = new ArrayList<>();
    split(newer, newTrain, newVal);
    if (s.retrainer() != null && !newTrain.isEmpty() && !newVal.isEmpty() && !currentRecalled) {
      // the new regime's own residual: its rows over the layout it will run with, no replay of old regimes
      Supplier<FramePredictor> physics = predictors(refit, null);
      Dataset rows = Datasets.oneStep(physics, newTrain, s.spec(), 1);
      Dataset valRows = Datasets.oneStep(physics, newVal, s.spec(), 1);
      ResidualPredictor retrained = s.retrainer().train(rows, valRows, s.seed() * 31 + index, p -> {});
      ResidualPredictor inner = model instanceof ScaledResidual sr ? sr.inner() : model;
      ResidualPredictor warm = s.trainer() == null ? null
          : s.trainer().fineTune(inner, rows, valRows, s.seed() * 31 + index, p -> {});
      double rc = currentScore(fittedNow);
      double r = score(refit, retrained, fair(fittedNow));
      notes.add(String.format(Locale.ROOT, "retrained %+.1f %%", 100 * (r / rc - 1)));
      best = better(best, new Outcome(refit, retrained, false, rc, r, Double.NaN, Double.NaN, rows.rows(),
          "retrained on the new regime's " + newTrain.size() + " windows" + refitWhat, fresh, fittedFresh, null));
      if (warm != null) {
        double w = score(refit, warm, fair(fittedNow));
        notes.add(String.format(Locale.ROOT, "tuned to the new regime %+.1f %%", 100 * (w / rc - 1)));
        best = better(best, new Outcome(refit, warm, false, rc, w, Double.NaN, Double.NaN, rows.rows(),
            "tuned on the new regime's " + newTrain.size() + " windows alone" + refitWhat, fresh, fittedFresh, null));
      }
    }
    if (best == null) return keep("not enough data for any candidate" + tried(notes), 0);
    return finish(best, best.reason() + tried(notes), heldBack);
  }

  /**
   * The outcome with its reason and, when accepted, the reference means of the winner's errors at
   * the longest horizon on the held-back windows: the detectors start from them after the swap, so
   * that a change that happens meanwhile is not taken for the new model's normal.
   */
  private Outcome finish(Outcome o, String reason, List<Trajectory> heldBack) {
    LongDrift d = s.longDrift();
    double[] reference = !o.accepted() || d == null ? null : DriftDetectors.reference(predictors(o.layout(),
        o.candidate()), heldBack, d.columns(), d.floor(), d.horizon(), d.stride(), d.cap());
    return new Outcome(o.layout(), o.candidate(), o.accepted(), o.recentCurrent(), o.recentCandidate(), o.oldCurrent(),
        o.oldCandidate(), o.rows(), reason, o.regime(), o.fitted(), o.recalled(), reference);
  }

  private static String tried(List<String> notes) {
    return notes.isEmpty() ? "" : "; regime candidates tried: " + String.join(", ", notes);
  }

  private Outcome keep(String reason, int rows) {
    return new Outcome(null, null, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, rows, reason, Regime.SAME,
        current.fitted(), null);
  }

  /** The newer recent windows mixed with a seeded sample of the reservoir, {@code replayRatio} per recent one. */
  private List<Trajectory> mix(List<Trajectory> newer) {
    Set<Integer> taken = new HashSet<>();
    for (Trajectory t : recent) taken.add(t.id());
    List<Trajectory> pool = new ArrayList<>();
    for (Trajectory t : reservoir) if (!taken.contains(t.id())) pool.add(t);
    int want = (int) Math.min(pool.size(), Math.ceil(s.replayRatio() * newer.size()));
    // a seeded partial Fisher–Yates shuffle picks the replayed windows
    for (int k = 0; k < want; k++) {
      int j = k + (int) (RandomStreams.uniform(s.seed(), DRAW, index, k) * (pool.size() - k));
      Trajectory tmp = pool.get(k);
      pool.set(k, pool.get(j));
      pool.set(j, tmp);
    }
    List<Trajectory> mixed = new ArrayList<>(newer);
    mixed.addAll(pool.subList(0, want));
    return mixed;
  }

  /** Every fifth window (by position) validates, the others train. */
  private static void split(List<Trajectory> windows, List<Trajectory> train, List<Trajectory> val) {
    for (int k = 0; k < windows.size(); k++) (k % 5 == 4 ? val : train).add(windows.get(k));
  }

  /**
   * The recent windows that neither the current layout and model nor a candidate fitted on windows up
   * to id {@code fitted} has seen (at least the held-back ones).
   */
  private List<Trajectory> fair(int fitted) {
    int after = Math.max(fitted, current.fitted());
    return recent.stream().filter(t -> t.id() > after).toList();
  }

  private double currentScore(int fitted) {
    int after = Math.max(fitted, current.fitted());
    return currentScores.computeIfAbsent(after, k -> score(current.layout(), current.model(), fair(fitted)));
  }

  /**
   * {@code best}, or {@code candidate} (made acceptable) when it is acceptable and its ratio is lower;
   * with no best yet, an unacceptable candidate is kept as the figures of a "kept" decision.
   */
  private Outcome better(Outcome best, Outcome candidate) {
    double ratio = candidate.ratio();
    boolean acceptable = ratio < 1 - s.minImprovement();
    if (!acceptable && best == null) {
      return new Outcome(candidate.layout(), candidate.candidate(), false, candidate.recentCurrent(),
          candidate.recentCandidate(), Double.NaN, Double.NaN, candidate.rows(), String.format(Locale.ROOT,
          "no candidate's recent error lower by more than %.1f %%", 100 * s.minImprovement()), candidate.regime(),
          candidate.fitted(), candidate.recalled());
    }
    if (!acceptable || (best != null && best.accepted() && best.ratio() <= ratio)) return best;
    double old = check.isEmpty() ? Double.NaN : score(candidate.layout(), candidate.candidate(), check);
    double oc = check.isEmpty() ? Double.NaN : score(current.layout(), current.model(), check);
    String what = candidate.regime() == Regime.SAME ? "refines the regime in use" : candidate.regime() == Regime.NEW
        ? "a new regime; the outgoing one is kept" : "a regime switch; the outgoing one is kept";
    return new Outcome(candidate.layout(), candidate.candidate(), true, candidate.recentCurrent(),
        candidate.recentCandidate(), oc, old, candidate.rows(), String.format(Locale.ROOT,
        "%s: recent error %.1f %% lower on %d windows (%s: old regimes %+.1f %%, not checked)", candidate.reason(),
        100 * (1 - ratio), fair(candidate.fitted()).size(), what, 100 * (old / oc - 1)), candidate.regime(),
        candidate.fitted(), candidate.recalled());
  }

  private Supplier<FramePredictor> predictors(Layout layout, ResidualPredictor model) {
    return () -> new FramePredictor(layout, s.backend(), s.spec(), FramePredictor.Kind.HYBRID, model, s.period(), 0);
  }

  private double score(Layout layout, ResidualPredictor model, List<Trajectory> data) {
    return Evaluation.nrmse(predictors(layout, model), -1, data, s.focus(), new int[] {s.horizon()}, 2, 1).nrmse()[0];
  }
}
