/**
 * Simulation: the mutable {@link io.factorytwin.core.sim.SimState}, the {@link io.factorytwin.core.sim.Twin}
 * that steps it, and the physics SPI ({@link io.factorytwin.core.sim.PhysicsBackend},
 * {@link io.factorytwin.core.sim.PhysicsWorld}) that twin-physics implements.
 */
package io.factorytwin.core.sim;
