package io.factorytwin.core.calibration;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.SimState;

/**
 * Something a {@link ReferencePlant} does that the nominal twin does not model: a dead time on
 * commands, a force between bodies, drag, a ripple on a belt's speed. Called on every plant step.
 *
 * <p>An effect may keep state of its own (a dead time's queue of commands); one effect instance
 * belongs to one plant, confined to the plant's thread. {@link #reset} returns it to its start.
 */
public interface PlantEffect {
  /** Returns the effect to its state at time 0. */
  default void reset() {}

  /**
   * Before each physics step: may change the actions the plant's actuators receive (in place, in
   * action-schema order) and the state's velocities (forces as impulses over {@code dt}).
   *
   * @param commanded the actions the operator commanded this step (read only)
   * @param applied   the actions the actuators get; starts as a copy of {@code commanded}
   */
  void beforeStep(Layout layout, SimState s, double[] commanded, double[] applied, double dt);

  /**
   * After the state channels are read for telemetry: may override what the plant's sensors report
   * (in state-schema order), e.g. the load position of a load that hangs by slings rather than being
   * attached rigidly. The default changes nothing.
   */
  default void observe(Layout layout, SimState s, double[] channels) {}
}
