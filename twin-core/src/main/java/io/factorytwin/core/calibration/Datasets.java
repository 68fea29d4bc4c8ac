package io.factorytwin.core.calibration;

import io.factorytwin.core.model.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the residual model's training data from trajectories (docs/calibration.md, "Training").
 *
 * <p>{@link #oneStep}: from every frame k (after the history), the predictor's kind decides the
 * target: the observed frame k+1 minus the physics' one-frame prediction from the synced frame k
 * (HYBRID), or minus frame k itself (LEARNED).
 *
 * <p>{@link #rollouts}: the multi-step ("data as demonstrator") rows: the predictor, with its current
 * model, rolls {@code horizon} frames from every {@code stride}-th frame; at every step it records the
 * features of the state it reached and, as target, the correction that would have brought that step
 * back onto the observed frame. Training on them teaches the model to recover from its own errors,
 * which is what compounding error needs.
 *
 * <p>Stateless; parallel over trajectories, deterministic for any thread count.
 */
public final class Datasets {
  private Datasets() {}

  /** One-step rows for the predictor's kind (its model, if any, is not used: rows are recorded before it acts). */
  public static Dataset oneStep(Supplier<FramePredictor> predictors, List<Trajectory> data, FeatureSpec spec,
      int threads) {
    return rollouts(predictors, data, spec, 1, 1, -1, threads);
  }

  /**
   * Rows recorded along rollouts of {@code horizon} frames from every {@code stride}-th frame.
   *
   * @param member the member whose residual drives the rollouts, or −1 for the mean
   */
  public static Dataset rollouts(Supplier<FramePredictor> predictors, List<Trajectory> data, FeatureSpec spec,
      int horizon, int stride, int member, int threads) {
    List<FramePredictor.Recorder> recs = Evaluation.parallel(data, threads, predictors, (p, t) -> {
      FramePredictor.Recorder r = new FramePredictor.Recorder();
      r.physics = p.kind() != FramePredictor.Kind.LEARNED;
      double[][] out = new double[horizon][t.columns().size()];
      for (int s = Math.max(1, spec.history()); s + horizon < t.length(); s += stride) {
        p.rollout(t, s, horizon, member, out, r);
      }
      return r;
    });
    List<double[]> f = new ArrayList<>(), y = new ArrayList<>();
    List<Integer> tr = new ArrayList<>();
    for (FramePredictor.Recorder r : recs) {
      f.addAll(r.features);
      y.addAll(r.targets);
      tr.addAll(r.trajectory);
    }
    boolean physics = recs.isEmpty() || recs.get(0).physics;
    int nf = spec.featureCount(physics), no = spec.outputNames(physics).size();
    double[] fx = new double[f.size() * nf], ty = new double[f.size() * no];
    for (int i = 0; i < f.size(); i++) {
      System.arraycopy(f.get(i), 0, fx, i * nf, nf);
      System.arraycopy(y.get(i), 0, ty, i * no, no);
    }
    return new Dataset(spec.featureNames(physics), spec.outputNames(physics), fx, ty,
        tr.stream().mapToInt(Integer::intValue).toArray());
  }
}
