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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 *   <li>current and candidate are evaluated at {@code horizon} frames on the held-back windows
 *       (recent) and on the check reservoir (old regimes): focus NRMSE, as {@link Evaluation#nrmse};</li>
 *   <li>the tuned candidate is acceptable when its recent figure is below the current's by more than
 *       {@code minImprovement} (a share) and its old figure is at most {@code oldTolerance} (a share)
 *       above the current's;</li>
 *   <li>after a drift event, regime switches are candidates too: every layout and model used before
 *       (the twin's memory of regimes) and, when configured, the layout re-identified on the recent
 *       training windows with the current model; they are acceptable when better on the recent
 *       windows by more than {@code minImprovement}, without the old-regime check (the outgoing
 *       regime stays in memory);</li>
 *   <li>of the acceptable candidates, the one with the lowest recent figure wins.</li>
 * </ol>
 * Everything runs on the calling thread and is deterministic for given data and seed.
 */
final class Update implements Callable<Update.Outcome> {
  private static final long DRAW = RandomStreams.key("deploy.update.replay");

  /** What an update found: the winner (null: keep the current one), its figures and why. */
  record Outcome(Layout layout, ResidualPredictor candidate, boolean accepted, double recentCurrent,
      double recentCandidate, double oldCurrent, double oldCandidate, int rows, String reason, boolean regimeSwitch) {}

  /** Settings shared by all updates. */
  record Settings(PhysicsBackend backend, FeatureSpec spec, double period, ResidualTrainer trainer, int[] focus,
      int horizon, int holdBack, double replayRatio, double minImprovement, double oldTolerance,
      Identification.Options reidentify, long seed) {}

  private final Settings s;
  private final DeployedTwin.Active current;
  private final List<DeployedTwin.Active> memory;
  private final boolean afterDrift;
  private final List<Trajectory> recent;
  private final List<Trajectory> reservoir;
  private final List<Trajectory> check;
  private final int index;

  Update(Settings s, DeployedTwin.Active current, List<DeployedTwin.Active> memory, boolean afterDrift,
      List<Trajectory> recent, List<Trajectory> reservoir, List<Trajectory> check, int index) {
    this.s = s;
    this.current = current;
    this.memory = List.copyOf(memory);
    this.afterDrift = afterDrift;
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
    List<Trajectory> train = new ArrayList<>(), val = new ArrayList<>();
    for (int k = 0; k < mixed.size(); k++) (k % 5 == 4 ? val : train).add(mixed.get(k));
    if (train.isEmpty() || val.isEmpty() || heldBack.isEmpty() || current.model() == null) {
      return new Outcome(null, null, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, String.format(Locale.ROOT,
          "not enough data: %d training, %d validation, %d held-back windows", train.size(), val.size(), heldBack.size()),
          false);
    }
    Layout layout = current.layout();
    ResidualPredictor model = current.model();
    Supplier<FramePredictor> physics = () -> new FramePredictor(layout, s.backend(), s.spec(),
        FramePredictor.Kind.HYBRID, null, s.period(), 0);
    Supplier<FramePredictor> hybrid = () -> new FramePredictor(layout, s.backend(), s.spec(),
        FramePredictor.Kind.HYBRID, model, s.period(), 0);
    // one-step rows, and rows recorded along the current model's own multi-step rollouts with the
    // corrections that would have kept it on the observed frames (as calibration's fine-tuning does)
    Dataset rows = Datasets.oneStep(physics, train, s.spec(), 1)
        .concat(Datasets.rollouts(hybrid, train, s.spec(), s.horizon(), s.horizon(), -1, 1));
    Dataset valRows = Datasets.oneStep(physics, val, s.spec(), 1)
        .concat(Datasets.rollouts(hybrid, val, s.spec(), s.horizon(), s.horizon(), -1, 1));
    ResidualPredictor inner = model instanceof ScaledResidual sr ? sr.inner() : model;
    ResidualPredictor tuned = s.trainer().fineTune(inner, rows, valRows, s.seed() * 31 + index, p -> {});
    ResidualPredictor candidate = model instanceof ScaledResidual sr ? new ScaledResidual(tuned, sr.gains()) : tuned;
    double rc = score(layout, model, heldBack), rn = score(layout, candidate, heldBack);
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
    Outcome best = new Outcome(layout, candidate, better && keepsOld, rc, rn, oc, on, rows.rows(), reason, false);
    if (!afterDrift) return best;
    List<String> notes = new ArrayList<>();
    for (DeployedTwin.Active a : memory) {
      if (a.model() == null || (a.model() == model && a.layout() == layout)) continue;
      double r = score(a.layout(), a.model(), heldBack);
      notes.add(String.format(Locale.ROOT, "v%d %+.1f %%", a.version(), 100 * (r / rc - 1)));
      best = better(best, a.layout(), a.model(), r, rc, oc, rows.rows(), "recalled the regime of v" + a.version());
    }
    if (s.reidentify() != null && !newer.isEmpty()) {
      try {
        Identification.Result id = Identification.fit(layout, s.backend(), s.spec(), newer, s.reidentify(), x -> {});
        double r = score(id.layout(), model, heldBack);
        StringBuilder p = new StringBuilder();
        id.parameters().forEach(f -> p.append(String.format(Locale.ROOT, " %s %.4g", f.path(), f.value())));
        notes.add(String.format(Locale.ROOT, "re-identified %+.1f %%", 100 * (r / rc - 1)));
        best = better(best, id.layout(), model, r, rc, oc, rows.rows(), "re-identified:" + p);
      } catch (RuntimeException e) {
        notes.add("re-identification failed: " + e.getMessage());
      }
    }
    String tried = notes.isEmpty() ? "" : "; regime switches tried: " + String.join(", ", notes);
    return new Outcome(best.layout(), best.candidate(), best.accepted(), best.recentCurrent(), best.recentCandidate(),
        best.oldCurrent(), best.oldCandidate(), best.rows(), best.reason() + tried, best.regimeSwitch());
  }

  /** {@code best}, or the regime switch to (layout, model) when it is acceptable and better. */
  private Outcome better(Outcome best, Layout layout, ResidualPredictor model, double recent, double rc, double oc,
      int rows, String what) {
    boolean acceptable = recent < rc * (1 - s.minImprovement());
    if (!acceptable || (best.accepted() && best.recentCandidate() <= recent)) return best;
    double old = check.isEmpty() ? Double.NaN : score(layout, model, check);
    return new Outcome(layout, model, true, rc, recent, oc, old, rows, String.format(Locale.ROOT,
        "%s: recent error %.1f %% lower (a regime switch: old regimes %+.1f %%, not checked; the outgoing one is kept)",
        what, 100 * (1 - recent / rc), 100 * (old / oc - 1)), true);
  }

  private double score(Layout layout, ResidualPredictor model, List<Trajectory> data) {
    return Evaluation.nrmse(() -> new FramePredictor(layout, s.backend(), s.spec(), FramePredictor.Kind.HYBRID,
        model, s.period(), 0), -1, data, s.focus(), new int[] {s.horizon()}, 2, 1).nrmse()[0];
  }
}
