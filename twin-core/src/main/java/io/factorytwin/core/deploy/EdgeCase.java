package io.factorytwin.core.deploy;

import java.util.List;

/**
 * A transition the model did not expect: its error fell outside the model's predicted spread
 * (docs/edge-case-format.md). It carries what a later training needs: the frames the prediction
 * started from (with the history the features read), the prediction, its spread and what the plant
 * then did.
 *
 * <p>Immutable and thread-safe (arrays are copied in and out).
 *
 * @param frame        index of the accepted frame the prediction started from
 * @param time         that frame's time [s]
 * @param horizon      frames ahead that were predicted (1)
 * @param modelVersion the model version that predicted
 * @param score        the largest standardised error |observed − mean| / sqrt(spread² + floor²) over the
 *                     corrected channels
 * @param channels     the channels whose standardised error exceeded the threshold, in column order
 * @param context      history + 1 frames, oldest first, ending with the start frame; each row in the
 *                     store's column order (its header)
 * @param predicted    the predicted frame (the members' mean), column order
 * @param spread       per column, the members' standard deviation (0 for columns the model does not
 *                     correct, or a single member)
 * @param observed     the frame that arrived, column order
 */
public record EdgeCase(long frame, double time, int horizon, int modelVersion, double score, List<String> channels,
    double[][] context, double[] predicted, double[] spread, double[] observed) {
  /** Copies. */
  public EdgeCase {
    channels = List.copyOf(channels);
    context = copy(context);
    predicted = predicted.clone();
    spread = spread.clone();
    observed = observed.clone();
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }

  @Override public double[][] context() { return copy(context); }
  @Override public double[] predicted() { return predicted.clone(); }
  @Override public double[] spread() { return spread.clone(); }
  @Override public double[] observed() { return observed.clone(); }
}
