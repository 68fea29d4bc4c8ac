package io.factorytwin.core.sim;

import io.factorytwin.core.layout.Layout;

/**
 * Makes physics worlds for layouts: the SPI that twin-physics implements (e.g. its
 * {@code JBulletPhysics}).
 *
 * <p>Implementations are immutable and thread-safe; each world they create is confined to one thread.
 */
public interface PhysicsBackend {
  /** A new world for {@code layout}. */
  PhysicsWorld createWorld(Layout layout);
}
