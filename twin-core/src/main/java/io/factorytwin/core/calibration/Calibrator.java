package io.factorytwin.core.calibration;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.Dataset;
import io.factorytwin.core.model.FittedParameter;
import io.factorytwin.core.model.ModelCard;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.model.ResidualTrainer;
import io.factorytwin.core.model.ScaledResidual;
import io.factorytwin.core.model.TrainingProgress;
import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.sim.PhysicsBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The whole calibration of docs/calibration.md, from trajectories to a hybrid model:
 * <ol>
 *   <li>split the trajectories into training and validation by trajectory (a single trajectory is
 *       cut: its last fifth validates);</li>
 *   <li>identify the layout's uncertain parameters on the training trajectories ({@link Identification});</li>
 *   <li>train the residual ensemble on one-step rows of the identified physics ({@link Datasets#oneStep});</li>
 *   <li>multi-step fine-tuning: {@code rounds} times, roll the hybrid model out over the training
 *       trajectories, record the rows it visits with the corrections that would have kept it on the
 *       observed frames ({@link Datasets#rollouts}), and fine-tune on all rows so far; the model kept
 *       is the one (one-step or after a round) with the lowest validation NRMSE of the focus columns
 *       at the selection horizon;</li>
 *   <li>choose, on the validation trajectories, which groups of corrections to keep (an element's
 *       outputs form a group: the trolley's, the load's): starting from all, a group's gain goes to 0
 *       when that lowers the multi-step error there ({@link #selectGains}); the hybrid model is the
 *       ensemble with these gains ({@link ScaledResidual});</li>
 *   <li>the same for the pure-learned baseline (same features without the physics block, same
 *       trainer and budget), so that evaluation compares like with like.</li>
 * </ol>
 *
 * <p>Stateless; deterministic for a given seed and any thread count (given a deterministic trainer).
 */
public final class Calibrator {
  private Calibrator() {}

  /**
   * Settings.
   *
   * @param identification  identification settings
   * @param rolloutHorizon  frames per rollout in multi-step fine-tuning, ≥ 1
   * @param rolloutStride   frames between rollout starts in fine-tuning, ≥ 1
   * @param rounds          fine-tuning rounds, ≥ 0
   * @param learned         also train the pure-learned baseline
   * @param threads         worker threads for rollouts, ≥ 1
   * @param seed            the trainer's seed
   * @param focus           the columns whose multi-step error decides which corrections are kept (the
   *                        quantity the host cares about, e.g. a crane's load position); empty: the outputs
   * @param selectionHorizon the horizon [frames] at which that error is measured on the validation
   *                        trajectories (the longest the host predicts; shortened to what the validation
   *                        trajectories hold), ≥ 1
   */
  public record Options(Identification.Options identification, int rolloutHorizon, int rolloutStride, int rounds,
      boolean learned, int threads, long seed, List<String> focus, int selectionHorizon) {
    /** Checks. */
    public Options {
      Objects.requireNonNull(identification, "identification");
      if (rolloutHorizon < 1 || rolloutStride < 1 || rounds < 0 || threads < 1 || selectionHorizon < 1) {
        throw new IllegalArgumentException("calibration options: rolloutHorizon " + rolloutHorizon + ", rolloutStride "
            + rolloutStride + ", rounds " + rounds + ", threads " + threads + ", selectionHorizon " + selectionHorizon
            + "; must be >= 1, >= 1, >= 0, >= 1, >= 1");
      }
      focus = List.copyOf(focus);
    }

    /** The same with the default selection horizon, {@value Calibrator#DEFAULT_SELECTION_HORIZON} frames. */
    public Options(Identification.Options identification, int rolloutHorizon, int rolloutStride, int rounds,
        boolean learned, int threads, long seed, List<String> focus) {
      this(identification, rolloutHorizon, rolloutStride, rounds, learned, threads, seed, focus,
          DEFAULT_SELECTION_HORIZON);
    }
  }

  /**
   * The default selection horizon [frames]: 100, 2 s at 50 Hz, the longest horizon of
   * docs/calibration.md's evaluation. A correction that helps the first second and harms the second
   * (or the reverse) is judged where the host's plans end.
   */
  public static final int DEFAULT_SELECTION_HORIZON = 100;

  /**
   * A calibration.
   *
   * @param identification the fitted parameters and the identified layout
   * @param hybrid         the residual ensemble of the hybrid model
   * @param learned        the pure-learned baseline, or null
   * @param spec           the features both read
   * @param card           what travels with the hybrid model's file
   * @param training       ids of the training trajectories
   * @param validation     ids of the validation trajectories
   */
  public record Result(Identification.Result identification, ResidualPredictor hybrid, ResidualPredictor learned,
      FeatureSpec spec, ModelCard card, int[] training, int[] validation) {}

  /**
   * Calibrates.
   *
   * @param data     trajectories of the plant (at least one), ids unique
   * @param progress receives progress lines (may be a no-op)
   */
  public static Result calibrate(Layout nominal, PhysicsBackend backend, ResidualTrainer trainer, FeatureSpec spec,
      List<Trajectory> data, Options o, Consumer<String> progress) {
    if (data.isEmpty()) throw new IllegalArgumentException("calibration: no trajectories");
    List<Trajectory> train = new ArrayList<>(), val = new ArrayList<>();
    split(data, train, val);
    double period = data.get(0).period();
    for (Trajectory t : data) {
      if (Math.abs(t.period() - period) > 1e-12) {
        throw new IllegalArgumentException("calibration: trajectory " + t.id() + " has period " + t.period()
            + " s, the others " + period + " s");
      }
    }
    progress.accept("calibration: " + train.size() + " training and " + val.size() + " validation trajectories");
    Identification.Result id = Identification.fit(nominal, backend, spec, train, o.identification(), progress);
    for (FittedParameter p : id.parameters()) {
      progress.accept(String.format("identified %s = %.5g %s (± %.2g, declared %.5g)", p.path(), p.value(), p.unit(),
          p.stdError(), p.nominal()));
    }
    Layout identified = id.layout();
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, Double> ranges = new LinkedHashMap<>();
    int[] focus = o.focus().isEmpty() ? spec.outputs(true)
        : o.focus().stream().mapToInt(spec::column).toArray();
    int horizon = selectionHorizon(val, spec, o.selectionHorizon());
    ResidualPredictor trained = train(identified, backend, trainer, spec, FramePredictor.Kind.HYBRID, train, val, o,
        period, progress, metrics, "hybrid", ranges, focus, horizon);
    double[] gains = selectGains(identified, backend, spec, trained, val, focus, horizon, o.threads(), progress);
    ResidualPredictor hybrid = new ScaledResidual(trained, gains);
    for (int k = 0; k < gains.length; k++) metrics.put("residual.gain." + spec.outputNames(true).get(k), gains[k]);
    intervals(identified, backend, spec, hybrid, val, focus, o.threads(), metrics);
    ResidualPredictor learned = o.learned() ? train(identified, backend, trainer, spec, FramePredictor.Kind.LEARNED,
        train, val, o, period, progress, metrics, "learned", null, focus, horizon) : null;
    metrics.put("identification.rmsBefore", id.costBefore());
    metrics.put("identification.rmsAfter", id.costAfter());
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("trajectories.training", (double) train.size());
    summary.put("trajectories.validation", (double) val.size());
    summary.put("frames.training", (double) train.stream().mapToInt(Trajectory::length).sum());
    summary.put("seconds.training", train.stream().mapToDouble(t -> t.length() * t.period()).sum());
    summary.put("seed", (double) o.seed());
    summary.put("rounds", (double) o.rounds());
    summary.putAll(ranges);
    List<String> channels = new ArrayList<>();
    for (Channel c : spec.columns()) channels.add(c.name() + " [" + c.unit() + "]");
    ModelCard card = new ModelCard(nominal.name(), channels, period, spec.history(), id.parameters(), summary, metrics);
    return new Result(id, hybrid, learned, spec, card, train.stream().mapToInt(Trajectory::id).toArray(),
        val.stream().mapToInt(Trajectory::id).toArray());
  }

  /**
   * The training rows that multi-step fine-tuning works up to (one-step rows plus every round's
   * rollout rows): past it, each round's rollout rows are thinned evenly to an equal share of what
   * is left ({@link Dataset#thin}), so that training time grows no faster than the one-step data. Ten
   * 60 s crane trajectories with two rounds make about 120 000 rows, within it.
   */
  public static final int MAX_TRAINING_ROWS = 200_000;

  /** Horizons [frames] at which interval scales are calibrated. */
  public static final int[] INTERVAL_HORIZONS = {1, 10, 50, 100};

  /**
   * Calibrates the hybrid model's 90 % intervals on the validation trajectories, for the focus columns:
   * {@code interval.floor.<c>} is column c's one-frame RMSE (the noise no model removes), and
   * {@code interval.scale90.h<h>} the 0.9-quantile of the standardised errors at horizon h
   * ({@link Evaluation#standardisedErrors}); the interval is mean ± scale·sqrt(spread² + floor²).
   */
  static void intervals(Layout identified, PhysicsBackend backend, FeatureSpec spec, ResidualPredictor model,
      List<Trajectory> val, int[] cols, int threads, Map<String, Double> metrics) {
    double period = val.get(0).period();
    java.util.function.Supplier<FramePredictor> hybrid = () -> new FramePredictor(identified, backend, spec,
        FramePredictor.Kind.HYBRID, model, period, 0);
    Evaluation.Result one = Evaluation.nrmse(hybrid, -1, val, cols, new int[] {1}, 10, threads);
    double[] sd = Evaluation.std(val, cols);
    double[] floor = new double[cols.length];
    for (int c = 0; c < cols.length; c++) {
      floor[c] = one.perChannel()[0][c] * sd[c];
      metrics.put("interval.floor." + c, floor[c]);
    }
    double[][] z = Evaluation.standardisedErrors(hybrid, model.members(), val, cols, floor, INTERVAL_HORIZONS, 10,
        threads);
    for (int h = 0; h < INTERVAL_HORIZONS.length; h++) {
      metrics.put("interval.scale90.h" + INTERVAL_HORIZONS[h], Evaluation.quantile(z[h], 0.9));
    }
  }

  /**
   * The score that decides what calibration keeps (fine-tuning rounds, correction groups): the NRMSE
   * of the focus columns {@code cols} (as one vector) at {@code horizon} frames, from every 20th
   * frame of the validation trajectories.
   */
  static double validationError(java.util.function.Supplier<FramePredictor> predictors, List<Trajectory> val,
      int[] cols, int horizon, int threads) {
    return Evaluation.nrmse(predictors, -1, val, cols, new int[] {horizon}, 20, threads).nrmse()[0];
  }

  /**
   * The selection horizon actually used: {@code wanted}, shortened so that every validation trajectory
   * has a start (after the history) with that many frames after it.
   */
  static int selectionHorizon(List<Trajectory> val, FeatureSpec spec, int wanted) {
    int room = Integer.MAX_VALUE;
    for (Trajectory t : val) room = Math.min(room, t.length() - Math.max(1, spec.history()) - 1);
    return Math.max(1, Math.min(wanted, room));
  }

  /**
   * Per output, gain 1 or 0: groups of outputs (by element: the first two parts of the output's name,
   * e.g. {@code crane1.load}, {@code crane1.trolley}) are switched off best first: each round, the group
   * whose removal lowers the validation NRMSE at {@code horizon} frames of the focus columns (taken as
   * one vector) the most goes off, until no removal helps. All groups may go off: then the hybrid model
   * is the identified physics.
   */
  static double[] selectGains(Layout identified, PhysicsBackend backend, FeatureSpec spec, ResidualPredictor model,
      List<Trajectory> val, int[] cols, int horizon, int threads, Consumer<String> progress) {
    List<String> names = spec.outputNames(true);
    int n = names.size();
    List<String> groups = new ArrayList<>();
    String[] groupOf = new String[n];
    for (int k = 0; k < n; k++) {
      String name = names.get(k).substring(0, names.get(k).indexOf(' '));
      String[] parts = name.split("\\.");
      groupOf[k] = parts.length >= 3 ? parts[0] + "." + parts[1] : name;
      if (!groups.contains(groupOf[k])) groups.add(groupOf[k]);
    }
    double period = val.get(0).period();
    double[] gains = new double[n];
    java.util.Arrays.fill(gains, 1);
    java.util.function.ToDoubleFunction<double[]> score = g -> validationError(() -> new FramePredictor(identified,
        backend, spec, FramePredictor.Kind.HYBRID, new ScaledResidual(model, g), period, 0), val, cols, horizon, threads);
    double best = score.applyAsDouble(gains);
    progress.accept(String.format("gain selection: all corrections on, validation NRMSE(%d) %.5f", horizon, best));
    List<String> on = new ArrayList<>(groups);
    while (!on.isEmpty()) {
      String bestGroup = null;
      double[] bestGains = null;
      for (String g : on) {
        double[] trial = gains.clone();
        for (int k = 0; k < n; k++) if (groupOf[k].equals(g)) trial[k] = 0;
        double s = score.applyAsDouble(trial);
        progress.accept(String.format("gain selection: without %s corrections %.5f", g, s));
        if (s < best) {
          best = s;
          bestGroup = g;
          bestGains = trial;
        }
      }
      if (bestGroup == null) break;
      progress.accept("gain selection: " + bestGroup + " corrections off");
      gains = bestGains;
      on.remove(bestGroup);
    }
    return gains;
  }

  /**
   * Each feature's range over the one-step training rows, as {@code range.min.<feature>} and
   * {@code range.max.<feature>}: the training distribution a rollout gate checks the model's inputs against.
   */
  static void recordRanges(Dataset d, Map<String, Double> out) {
    for (int f = 0; f < d.featureNames().size(); f++) {
      double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < d.rows(); r++) {
        min = Math.min(min, d.feature(r, f));
        max = Math.max(max, d.feature(r, f));
      }
      out.put("range.min." + d.featureNames().get(f), min);
      out.put("range.max." + d.featureNames().get(f), max);
    }
  }

  /** Training and validation by trajectory: every fifth trajectory validates (at least one). */
  static void split(List<Trajectory> data, List<Trajectory> train, List<Trajectory> val) {
    if (data.size() == 1) {
      Trajectory t = data.get(0);
      int cut = t.length() * 4 / 5;
      int next = t.id() + 1;
      train.add(t.slice(t.id(), 0, cut));
      val.add(t.slice(next + 1_000_000, cut, t.length()));
      return;
    }
    for (int i = 0; i < data.size(); i++) {
      boolean validates = data.size() >= 5 ? i % 5 == 4 : i == data.size() - 1;
      (validates ? val : train).add(data.get(i));
    }
  }

  private static ResidualPredictor train(Layout identified, PhysicsBackend backend, ResidualTrainer trainer,
      FeatureSpec spec, FramePredictor.Kind kind, List<Trajectory> train, List<Trajectory> val, Options o, double period,
      Consumer<String> progress, Map<String, Double> metrics, String name, Map<String, Double> ranges, int[] focus,
      int horizon) {
    java.util.function.Function<ResidualPredictor, java.util.function.Supplier<FramePredictor>> make =
        m -> () -> new FramePredictor(identified, backend, spec, kind, m, period, 0);
    Dataset oneTrain = Datasets.oneStep(make.apply(null), train, spec, o.threads());
    Dataset oneVal = Datasets.oneStep(make.apply(null), val, spec, o.threads());
    progress.accept(name + ": " + oneTrain.rows() + " training rows, " + oneVal.rows() + " validation rows");
    if (ranges != null) recordRanges(oneTrain, ranges);
    double[] best = {Double.NaN};
    Consumer<TrainingProgress> report = p -> {
      if (p.epoch() == p.bestEpoch()) best[0] = p.validationLoss();
      if (p.epoch() % 10 == 0 || p.epoch() == 1) {
        progress.accept(String.format("%s %s member %d epoch %d: train %.5f, validation %.5f (best epoch %d)", name,
            p.phase(), p.member(), p.epoch(), p.trainLoss(), p.validationLoss(), p.bestEpoch()));
      }
    };
    ResidualPredictor m = trainer.train(oneTrain, oneVal, o.seed(), report);
    metrics.put(name + ".oneStep.validationLoss", best[0]);
    java.util.function.ToDoubleFunction<ResidualPredictor> score = model -> validationError(make.apply(model), val, focus,
        horizon, o.threads());
    ResidualPredictor kept = m;
    double keptLoss = best[0];
    double keptScore = o.rounds() > 0 ? score.applyAsDouble(m) : Double.NaN;
    int keptRound = 0;
    if (o.rounds() > 0) {
      metrics.put(name + ".validationNrmse.round0", keptScore);
      progress.accept(String.format("%s: one-step model, validation NRMSE(%d) %.5f", name, horizon, keptScore));
    }
    Dataset allTrain = oneTrain, allVal = oneVal;
    for (int r = 0; r < o.rounds(); r++) {
      Dataset more = Datasets.rollouts(make.apply(m), train, spec, o.rolloutHorizon(), o.rolloutStride(), -1, o.threads());
      Dataset moreVal = Datasets.rollouts(make.apply(m), val, spec, o.rolloutHorizon(), o.rolloutStride(), -1,
          o.threads());
      // within the row budget: each round's rollout rows thinned to an equal share of what is left
      int share = Math.max(1, (MAX_TRAINING_ROWS - oneTrain.rows()) / o.rounds());
      more = more.thin(share);
      moreVal = moreVal.thin(Math.max(1, (int) ((long) share * oneVal.rows() / Math.max(1, oneTrain.rows()))));
      allTrain = allTrain.concat(more);
      allVal = allVal.concat(moreVal);
      progress.accept(name + ": fine-tuning round " + (r + 1) + " on " + allTrain.rows() + " rows (" + more.rows()
          + " from " + o.rolloutHorizon() + "-frame rollouts)");
      m = trainer.fineTune(m, allTrain, allVal, o.seed() + r + 1, report);
      double s = score.applyAsDouble(m);
      metrics.put(name + ".validationNrmse.round" + (r + 1), s);
      boolean better = s < keptScore;
      progress.accept(String.format("%s: after round %d, validation NRMSE(%d) %.5f%s", name, r + 1, horizon, s,
          better ? " (best so far)" : String.format(" (round %d's %.5f stays)", keptRound, keptScore)));
      if (better) {
        kept = m;
        keptLoss = best[0];
        keptScore = s;
        keptRound = r + 1;
      }
    }
    metrics.put(name + ".validationLoss", keptLoss);
    metrics.put(name + ".roundKept", (double) keptRound);
    return kept;
  }
}
