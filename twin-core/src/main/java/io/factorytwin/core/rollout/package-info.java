/**
 * Predict before acting (docs/predicting.md): parallel what-if rollouts of candidate plans from the
 * twin's synced state, with samples for the uncertainty ({@link io.factorytwin.core.rollout.Rollouts},
 * {@link io.factorytwin.core.rollout.RolloutRequest}, {@link io.factorytwin.core.rollout.RolloutResult});
 * safety guards over the predicted runs ({@link io.factorytwin.core.rollout.Guards}); the gate that commits,
 * rejects or doubts a plan ({@link io.factorytwin.core.rollout.ActionGate}); and a planner that chooses a
 * plan under a cost subject to the guards ({@link io.factorytwin.core.rollout.CrossEntropyPlanner}).
 */
package io.factorytwin.core.rollout;
