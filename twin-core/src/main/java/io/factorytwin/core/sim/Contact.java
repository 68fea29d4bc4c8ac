package io.factorytwin.core.sim;

import io.factorytwin.core.geom.Vec3;

/**
 * Two elements touching during the last step, summed over their contact points.
 *
 * <p>Immutable and thread-safe.
 *
 * @param elementA the workpiece (or the first of two workpieces, in layout order)
 * @param elementB the other element: a workpiece, a fixture, or {@code "floor"}
 * @param impulse  total normal impulse of the step [N·s] (divide by the step for the mean force)
 * @param point    impulse-weighted mean contact point [m], world frame
 * @param normal   unit normal pointing from B towards A
 */
public record Contact(String elementA, String elementB, double impulse, Vec3 point, Vec3 normal) {}
