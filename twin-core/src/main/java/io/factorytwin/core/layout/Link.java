package io.factorytwin.core.layout;

import io.factorytwin.core.geom.Vec3;

/**
 * A point-to-point link: a point fixed on a workpiece is held at a fixed point of the world, so
 * the workpiece swings about it as a compound pendulum. It is the rigid rope of a hanging load.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id     element path, unique in the layout
 * @param body   id of the workpiece that hangs
 * @param anchor the held point in the workpiece's body frame [m]
 * @param pivot  the world point it is held at [m]
 */
public record Link(String id, String body, Vec3 anchor, Vec3 pivot) {}
