package io.factorytwin.core.layout;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;

/**
 * A free rigid body: a part, box, tote or load. Its pose and velocities live in the simulation
 * state; what is here is where it starts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id              element path, unique in the layout
 * @param shape           geometry, centred on the centre of mass
 * @param mass            kg, > 0
 * @param material        surface
 * @param pose            initial placement of the centre of mass, world frame
 * @param velocity        initial linear velocity [m/s], world frame
 * @param angularVelocity initial angular velocity [rad/s], world frame
 */
public record Workpiece(String id, Shape shape, double mass, Material material, Pose pose, Vec3 velocity,
    Vec3 angularVelocity) {}
