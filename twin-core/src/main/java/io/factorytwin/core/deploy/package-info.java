/**
 * A twin deployed next to its plant that keeps learning (docs/deployment.md): the live loop
 * ({@link io.factorytwin.core.deploy.DeployedTwin}: screen each telemetry frame, sync, predict, score
 * the predictions against the frames that follow), per-channel and per-horizon error statistics
 * ({@link io.factorytwin.core.deploy.MonitorSnapshot}), Page–Hinkley drift detection
 * ({@link io.factorytwin.core.deploy.PageHinkley}, {@link io.factorytwin.core.deploy.DriftEvent}),
 * the bounded on-disk store of surprising transitions ({@link io.factorytwin.core.deploy.EdgeCaseStore}),
 * and guarded online updates of the residual model with an atomic, logged, reversible swap
 * ({@link io.factorytwin.core.deploy.SwapRecord}).
 */
package io.factorytwin.core.deploy;
