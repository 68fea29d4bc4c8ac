package io.factorytwin.core.equipment;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.internal.Checks;
import java.util.List;

/**
 * A pop-up stopper: a blade that, when up, stands across a conveyor and holds items; when down it is
 * below the belt and out of the way.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pose where the blade stands when up (its centre) [m]
 * @param size the blade's full size [m]
 */
public record StopperSpec(Pose pose, Vec3 size) {
  /** Adds every problem to {@code p} under {@code path}. */
  public void validate(List<String> p, String path) {
    if (pose == null || !pose.position().isFinite()) p.add(path + ".pose: " + pose + ", must be finite");
    Checks.positive(p, path + ".size", size, "m");
  }
}
