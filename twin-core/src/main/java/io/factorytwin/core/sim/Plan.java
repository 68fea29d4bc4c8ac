package io.factorytwin.core.sim;

/**
 * Actions over time: for each tick, fills the action vector (action-schema order). A plan must be a
 * pure function of its arguments for runs to be reproducible.
 */
@FunctionalInterface
public interface Plan {
  /** A plan that commands nothing (all zeros). */
  Plan IDLE = (tick, state, out) -> {};

  /**
   * Writes the actions for {@code tick} into {@code out}, which arrives holding the previous tick's
   * actions.
   */
  void actions(long tick, SimState state, double[] out);
}
