/**
 * Narrow-phase contact generation for the FactoryTwin rigid-body solver.
 *
 * <p>{@link io.factorytwin.physics.internal.collide.Collider} turns a pair of posed primitive shapes (box,
 * sphere, cylinder, static plane) into at most four contact points delivered to a
 * {@link io.factorytwin.physics.internal.collide.ContactSink}. Everything is in SI units (metres) and in the
 * world frame; rotations are row-major body-to-world 3x3 matrices. The package depends on nothing but the JDK
 * so that it can be tested and reasoned about in isolation from the rest of the engine.
 *
 * <p>Box-box, cylinder-box and cylinder-cylinder pairs go through one convex-polyhedron routine (separating
 * axes, then reference-face clipping or an edge-edge point); cylinders there are 16-sided prisms. Pairs with a
 * sphere or a plane are computed exactly on the true shapes.
 */
package io.factorytwin.physics.internal.collide;
