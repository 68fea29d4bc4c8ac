package io.factorytwin.core.model;

import java.util.List;

/**
 * A residual predictor whose outputs are multiplied by fixed gains, one per output: how calibration
 * switches off (gain 0) the corrections that made multi-step prediction worse on validation
 * trajectories. Immutable and thread-safe if the wrapped predictor is.
 */
public final class ScaledResidual implements ResidualPredictor {
  private final ResidualPredictor inner;
  private final double[] gains;

  /**
   * @param gains one per output of {@code inner}, finite
   * @throws IllegalArgumentException when the count is wrong or a gain is not finite
   */
  public ScaledResidual(ResidualPredictor inner, double[] gains) {
    if (gains.length != inner.outputNames().size()) {
      throw new IllegalArgumentException("residual gains: " + gains.length + ", must be " + inner.outputNames().size()
          + " (one per output)");
    }
    for (int i = 0; i < gains.length; i++) {
      if (!Double.isFinite(gains[i])) {
        throw new IllegalArgumentException("residual gain of " + inner.outputNames().get(i) + ": " + gains[i]
            + ", must be finite");
      }
    }
    this.inner = inner;
    this.gains = gains.clone();
  }

  /** The wrapped predictor. */
  public ResidualPredictor inner() {
    return inner;
  }

  /** The gains (a copy). */
  public double[] gains() {
    return gains.clone();
  }

  @Override
  public List<String> featureNames() {
    return inner.featureNames();
  }

  @Override
  public List<String> outputNames() {
    return inner.outputNames();
  }

  @Override
  public int members() {
    return inner.members();
  }

  @Override
  public void predict(int member, double[] features, int rows, double[] out) {
    inner.predict(member, features, rows, out);
    int o = gains.length;
    for (int r = 0; r < rows; r++) for (int k = 0; k < o; k++) out[r * o + k] *= gains[k];
  }
}
