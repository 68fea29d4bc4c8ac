/**
 * Learned residual world models, seen from the core: the {@link io.factorytwin.core.model.ResidualPredictor}
 * and {@link io.factorytwin.core.model.ResidualTrainer} SPIs that twin-model implements on ND4J, the
 * datasets they learn from, and the model card that travels with a model file. The hybrid step that
 * composes physics and residual lives in {@code io.factorytwin.core.calibration}.
 */
package io.factorytwin.core.model;
