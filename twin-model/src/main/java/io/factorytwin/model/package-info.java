/**
 * The residual world model on ND4J: twin-core's {@link io.factorytwin.core.model.ResidualPredictor}
 * and {@link io.factorytwin.core.model.ResidualTrainer} implemented with ensembles of small tanh
 * MLPs.
 *
 * <ul>
 *   <li>{@link io.factorytwin.model.MlpEnsembleTrainer}: trains ensembles in ND4J float32 (Adam,
 *       bootstrap, early stopping), deterministic for a seed; fine-tunes them on new data.
 *   <li>{@link io.factorytwin.model.MlpEnsemble}: the immutable, thread-safe predictor; a plain-Java
 *       double-precision forward pass per call, the ensemble's mean and spread.
 *   <li>{@link io.factorytwin.model.ModelFiles}: model directories with a checksummed JSON
 *       manifest and binary weight files; refusals are
 *       {@link io.factorytwin.model.ModelFileException}s.
 * </ul>
 *
 * <p>No ND4J type appears in this package's API; ND4J stays in {@code io.factorytwin.model.internal}.
 * Depends on twin-core only, never on twin-physics (the build's enforcer rule and the architecture
 * test check it).
 */
package io.factorytwin.model;
