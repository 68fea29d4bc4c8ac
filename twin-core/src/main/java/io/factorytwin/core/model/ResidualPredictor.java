package io.factorytwin.core.model;

/**
 * A learned correction of the physics: an ensemble of {@link #members()} models, each mapping a feature
 * row (laid out as {@link #featureNames()}) to a residual row ({@link #outputNames()}), in physical units
 * (the implementation normalises inside). The hybrid step adds the residual to the physics' prediction
 * of the next telemetry frame.
 *
 * <p>Implementations are immutable once built and safe to call from many threads at once (each call
 * uses only its own arrays).
 */
public interface ResidualPredictor {
  /** Names of the feature columns, in order (as {@link Dataset#featureNames()}). */
  java.util.List<String> featureNames();

  /** Names of the output columns, in order, with units (as {@link Dataset#outputNames()}). */
  java.util.List<String> outputNames();

  /** Number of ensemble members, ≥ 1. */
  int members();

  /**
   * Member {@code member}'s residuals for {@code rows} feature rows.
   *
   * @param member   0 ≤ member < members()
   * @param features rows × featureNames().size() values, row-major, finite
   * @param rows     ≥ 1
   * @param out      rows × outputNames().size() values, written
   */
  void predict(int member, double[] features, int rows, double[] out);
}
