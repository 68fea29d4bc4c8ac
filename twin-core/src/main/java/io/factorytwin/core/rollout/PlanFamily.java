package io.factorytwin.core.rollout;

import io.factorytwin.core.sim.Plan;

/**
 * A family of plans with a few real parameters (a move's profile knots, a shaper's impulse times), over
 * which the {@link CrossEntropyPlanner} searches.
 *
 * <p>Implementations are immutable and thread-safe, and so are the plans they make (pure functions of
 * their arguments: they run on several workers at once).
 */
public interface PlanFamily {
  /** Names of the parameters, with units, e.g. {@code "delay [s]"}. */
  java.util.List<String> parameters();

  /** Lower bounds of the parameters (finite). */
  double[] lower();

  /** Upper bounds of the parameters (finite, ≥ the lower ones). */
  double[] upper();

  /** The plan for parameters {@code x} (within the bounds). */
  Plan plan(double[] x);
}
