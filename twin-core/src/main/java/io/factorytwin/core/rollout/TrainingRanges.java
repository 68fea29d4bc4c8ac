package io.factorytwin.core.rollout;

import io.factorytwin.core.model.Dataset;
import io.factorytwin.core.model.ModelCard;
import java.util.List;
import java.util.Map;

/**
 * The box of inputs a residual model was trained on, widened by a margin: a rollout whose model inputs
 * leave it is out of the training distribution, and the model's correction there is a guess
 * (docs/predicting.md, "Gate"). Per feature, the range is [min − margin·span, max + margin·span] of the
 * training rows.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrainingRanges {
  /** Key prefixes of the ranges in a model card's training summary: {@code range.min.<feature>}, {@code range.max.<feature>}. */
  public static final String MIN = "range.min.", MAX = "range.max.";

  private final List<String> names;
  private final double[] lo, hi;

  private TrainingRanges(List<String> names, double[] min, double[] max, double margin) {
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new IllegalArgumentException("trainingRanges.margin: " + margin + ", must be >= 0 and finite");
    }
    this.names = List.copyOf(names);
    lo = new double[min.length];
    hi = new double[min.length];
    for (int f = 0; f < min.length; f++) {
      double span = max[f] - min[f];
      lo[f] = min[f] - margin * span;
      hi[f] = max[f] + margin * span;
    }
  }

  /**
   * The ranges a calibration recorded in the card's training summary ({@link #MIN}, {@link #MAX}), for
   * the model's features {@code features} (its {@code featureNames()}).
   *
   * @param margin share of each range's span added on both sides, ≥ 0 (0.1 is the gate's default)
   * @throws IllegalArgumentException naming the first feature the card has no range for
   */
  public static TrainingRanges of(ModelCard card, List<String> features, double margin) {
    Map<String, Double> t = card.training();
    double[] min = new double[features.size()], max = new double[features.size()];
    for (int f = 0; f < min.length; f++) {
      Double a = t.get(MIN + features.get(f)), b = t.get(MAX + features.get(f));
      if (a == null || b == null) {
        throw new IllegalArgumentException("model card: no training range for feature " + features.get(f)
            + " (calibrate again to record " + MIN + "/" + MAX + ")");
      }
      min[f] = a;
      max[f] = b;
    }
    return new TrainingRanges(features, min, max, margin);
  }

  /** The ranges of a dataset's feature columns, widened by {@code margin} (≥ 0) of each span. */
  public static TrainingRanges of(Dataset d, double margin) {
    int n = d.featureNames().size();
    double[] min = new double[n], max = new double[n];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int r = 0; r < d.rows(); r++) {
      for (int f = 0; f < n; f++) {
        min[f] = Math.min(min[f], d.feature(r, f));
        max[f] = Math.max(max[f], d.feature(r, f));
      }
    }
    return new TrainingRanges(d.featureNames(), min, max, margin);
  }

  /** The feature names, in order. */
  public List<String> features() {
    return names;
  }

  /** Lower bound of feature {@code f} (margin included). */
  public double min(int f) {
    return lo[f];
  }

  /** Upper bound of feature {@code f} (margin included). */
  public double max(int f) {
    return hi[f];
  }

  /** The first feature of {@code row} outside its range (NaN is outside), or −1. */
  public int firstOutside(double[] row) {
    for (int f = 0; f < lo.length; f++) if (!(row[f] >= lo[f] && row[f] <= hi[f])) return f;
    return -1;
  }
}
