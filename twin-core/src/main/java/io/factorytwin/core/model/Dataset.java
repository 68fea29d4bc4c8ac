package io.factorytwin.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Supervised examples for a residual model: feature rows, target rows and the trajectory each row
 * came from (so that training and validation can be split by trajectory, never inside one).
 *
 * <p>Immutable and thread-safe: arrays are copied in and out.
 */
public final class Dataset {
  private final List<String> featureNames;
  private final List<String> outputNames;
  private final double[] features;
  private final double[] targets;
  private final int[] trajectory;
  private final int rows;

  /**
   * @param featureNames names of the feature columns
   * @param outputNames  names of the target columns (with units, e.g. {@code "crane1.load.pos.x [m]"})
   * @param features     rows × featureNames.size(), row-major, all finite
   * @param targets      rows × outputNames.size(), row-major, all finite
   * @param trajectory   per row, the id of its trajectory (≥ 0)
   * @throws IllegalArgumentException naming the row and column of a non-finite value, or a length mismatch
   */
  public Dataset(List<String> featureNames, List<String> outputNames, double[] features, double[] targets,
      int[] trajectory) {
    this.featureNames = List.copyOf(featureNames);
    this.outputNames = List.copyOf(outputNames);
    this.rows = trajectory.length;
    int f = featureNames.size(), o = outputNames.size();
    if (features.length != rows * f || targets.length != rows * o) {
      throw new IllegalArgumentException("dataset: " + features.length + " feature values and " + targets.length
          + " target values for " + rows + " rows, must be rows × " + f + " and rows × " + o);
    }
    for (int i = 0; i < features.length; i++) {
      if (!Double.isFinite(features[i])) {
        throw new IllegalArgumentException("dataset.features[row " + i / f + "]." + featureNames.get(i % f) + ": "
            + features[i] + ", must be finite");
      }
    }
    for (int i = 0; i < targets.length; i++) {
      if (!Double.isFinite(targets[i])) {
        throw new IllegalArgumentException("dataset.targets[row " + i / o + "]." + outputNames.get(i % o) + ": "
            + targets[i] + ", must be finite");
      }
    }
    this.features = features.clone();
    this.targets = targets.clone();
    this.trajectory = trajectory.clone();
  }

  /** Names of the feature columns. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** Names of the target columns. */
  public List<String> outputNames() {
    return outputNames;
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** The feature rows (a copy), row-major. */
  public double[] features() {
    return features.clone();
  }

  /** The target rows (a copy), row-major. */
  public double[] targets() {
    return targets.clone();
  }

  /** Per row, its trajectory id (a copy). */
  public int[] trajectories() {
    return trajectory.clone();
  }

  /** Feature {@code c} of row {@code r}. */
  public double feature(int r, int c) {
    return features[r * featureNames.size() + c];
  }

  /** Target {@code c} of row {@code r}. */
  public double target(int r, int c) {
    return targets[r * outputNames.size() + c];
  }

  /** The distinct trajectory ids, ascending. */
  public int[] trajectoryIds() {
    return Arrays.stream(trajectory).distinct().sorted().toArray();
  }

  /** The rows whose trajectory is in {@code ids}, in order. */
  public Dataset select(int[] ids) {
    boolean[] keep = new boolean[Arrays.stream(trajectory).max().orElse(0) + 1];
    for (int id : ids) if (id >= 0 && id < keep.length) keep[id] = true;
    List<Integer> idx = new ArrayList<>();
    for (int r = 0; r < rows; r++) if (keep[trajectory[r]]) idx.add(r);
    int f = featureNames.size(), o = outputNames.size();
    double[] fx = new double[idx.size() * f], ty = new double[idx.size() * o];
    int[] tr = new int[idx.size()];
    for (int k = 0; k < idx.size(); k++) {
      int r = idx.get(k);
      System.arraycopy(features, r * f, fx, k * f, f);
      System.arraycopy(targets, r * o, ty, k * o, o);
      tr[k] = trajectory[r];
    }
    return new Dataset(featureNames, outputNames, fx, ty, tr);
  }

  /**
   * At most {@code max} of the rows, evenly spread and in order: row ⌊k·rows/max⌋ for k = 0..max−1
   * (all rows when there are no more than {@code max}). Deterministic.
   *
   * @throws IllegalArgumentException when {@code max} < 1
   */
  public Dataset thin(int max) {
    if (max < 1) throw new IllegalArgumentException("dataset.thin: " + max + " rows, must be >= 1");
    if (rows <= max) return this;
    int f = featureNames.size(), o = outputNames.size();
    double[] fx = new double[max * f], ty = new double[max * o];
    int[] tr = new int[max];
    for (int k = 0; k < max; k++) {
      int r = (int) ((long) k * rows / max);
      System.arraycopy(features, r * f, fx, k * f, f);
      System.arraycopy(targets, r * o, ty, k * o, o);
      tr[k] = trajectory[r];
    }
    return new Dataset(featureNames, outputNames, fx, ty, tr);
  }

  /** This dataset followed by {@code other}'s rows (same columns). */
  public Dataset concat(Dataset other) {
    if (!other.featureNames.equals(featureNames) || !other.outputNames.equals(outputNames)) {
      throw new IllegalArgumentException("dataset.concat: columns differ");
    }
    double[] fx = Arrays.copyOf(features, features.length + other.features.length);
    System.arraycopy(other.features, 0, fx, features.length, other.features.length);
    double[] ty = Arrays.copyOf(targets, targets.length + other.targets.length);
    System.arraycopy(other.targets, 0, ty, targets.length, other.targets.length);
    int[] tr = Arrays.copyOf(trajectory, rows + other.rows);
    System.arraycopy(other.trajectory, 0, tr, rows, other.rows);
    return new Dataset(featureNames, outputNames, fx, ty, tr);
  }
}
