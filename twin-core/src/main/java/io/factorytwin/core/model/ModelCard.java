package io.factorytwin.core.model;

import java.util.List;
import java.util.Map;

/**
 * What travels with a calibrated model besides its weights: which layout and channels it belongs to,
 * the fitted physical parameters, a summary of the data it was trained on and its measured figures.
 * Written into the model file's manifest (docs/calibration.md).
 *
 * <p>Immutable and thread-safe.
 *
 * @param layout        the layout's name
 * @param channels      the layout's state and action channels the model reads, as {@code name [unit]}
 *                      (the schema check when loading)
 * @param frameSeconds  the telemetry period the model steps at [s]
 * @param history       frames of history in the features
 * @param parameters    fitted physical parameters
 * @param training      training data summary (trajectories, frames, seconds, seed, and each feature's range
 *                      over the training rows as {@code range.min.<feature>} and {@code range.max.<feature>},
 *                      which a rollout gate checks inputs against), name to value
 * @param metrics       measured figures (validation loss, NRMSE, ...), name to value
 */
public record ModelCard(String layout, List<String> channels, double frameSeconds, int history,
    List<FittedParameter> parameters, Map<String, Double> training, Map<String, Double> metrics) {
  /** Copies the lists and maps. */
  public ModelCard {
    channels = List.copyOf(channels);
    parameters = List.copyOf(parameters);
    training = Map.copyOf(training);
    metrics = Map.copyOf(metrics);
  }
}
