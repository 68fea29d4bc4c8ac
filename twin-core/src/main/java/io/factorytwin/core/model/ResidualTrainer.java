package io.factorytwin.core.model;

import java.util.function.Consumer;

/**
 * Trains {@link ResidualPredictor}s from {@link Dataset}s; twin-model implements it on ND4J.
 *
 * <p>Deterministic: the same datasets and seed give bit-identical weights. One training at a time per
 * trainer instance; the results are immutable.
 */
public interface ResidualTrainer {
  /**
   * Trains a new ensemble on {@code train}, stopping early on {@code validation} (which must come from
   * other trajectories).
   *
   * @param progress receives every epoch's figures (may be a no-op)
   * @throws IllegalArgumentException when the datasets' columns differ or a set is empty
   */
  ResidualPredictor train(Dataset train, Dataset validation, long seed, Consumer<TrainingProgress> progress);

  /**
   * Continues training a copy of {@code start} (made by this trainer) on {@code train}, keeping its
   * normalisers: for multi-step fine-tuning and online updates. {@code start} is not changed.
   */
  ResidualPredictor fineTune(ResidualPredictor start, Dataset train, Dataset validation, long seed,
      Consumer<TrainingProgress> progress);
}
