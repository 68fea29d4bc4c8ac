package io.factorytwin.core.sim;

import java.util.List;

/**
 * A physics backend's world for one layout, the SPI that twin-physics implements. It holds no
 * simulation state of its own that affects results: everything is read from and written to the
 * {@link SimState} passed in, so one world can step any state of its layout (forks, restores).
 *
 * <p>Confined to one thread. Parallel rollouts give each worker its own world.
 */
public interface PhysicsWorld {
  /**
   * Advances {@code state} by one tick of the layout's step under {@code actions} (action-schema
   * order, already validated), advances its clock, and records trouble in its health.
   *
   * @return true when this step found new trouble (a body diverged or left the bounds)
   */
  boolean step(SimState state, double[] actions);

  /** The contacts of the last step, one per touching pair of elements. */
  List<Contact> contacts();
}
