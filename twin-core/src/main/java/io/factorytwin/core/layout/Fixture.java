package io.factorytwin.core.layout;

import io.factorytwin.core.geom.Pose;

/**
 * A static element: a box, wall, rack part or chute that never moves. Built through
 * {@link LayoutBuilder#fixture} or one of its helpers ({@link LayoutBuilder#wall},
 * {@link LayoutBuilder#rack}, {@link LayoutBuilder#chute}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id       element path, unique in the layout (e.g. {@code rack1.shelf2})
 * @param shape    geometry, centred on the pose
 * @param pose     placement of the shape's centre in the world frame
 * @param material surface
 */
public record Fixture(String id, Shape shape, Pose pose, Material material) {}
