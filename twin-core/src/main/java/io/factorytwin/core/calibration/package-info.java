/**
 * Calibrating a twin from plant telemetry (docs/calibration.md): syncing a state to frames
 * ({@link io.factorytwin.core.calibration.StateSync}), trajectories cut from logs, the features a
 * residual model reads, the hybrid step and frame-rate rollouts
 * ({@link io.factorytwin.core.calibration.FramePredictor}), parameter identification, evaluation, and
 * the reference plant that stands in for real plant data.
 */
package io.factorytwin.core.calibration;
