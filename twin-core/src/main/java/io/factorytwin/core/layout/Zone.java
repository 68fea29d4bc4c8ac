package io.factorytwin.core.layout;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;

/**
 * A volume that must stay clear, such as a walkway: an oriented box. Zones take no part in the
 * physics; guards check predicted trajectories against them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id   element path, unique in the layout
 * @param pose placement of the box's centre
 * @param size full edge lengths [m], each > 0
 */
public record Zone(String id, Pose pose, Vec3 size) {

  /** True when the world point {@code p} lies inside (or on the boundary of) the zone. */
  public boolean contains(Vec3 p) {
    Vec3 d = p.minus(pose.position());
    var q = pose.rotation();
    // rotate d into the zone frame with the conjugate rotation
    Vec3 local = new io.factorytwin.core.geom.Quat(q.w(), -q.x(), -q.y(), -q.z()).rotate(d);
    return Math.abs(local.x()) <= size.x() / 2 && Math.abs(local.y()) <= size.y() / 2
        && Math.abs(local.z()) <= size.z() / 2;
  }
}
