package io.factorytwin.core.equipment;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.internal.Checks;
import java.util.List;

/**
 * A sink: an oriented box; a source's box whose centre enters it is taken off the line (parked
 * again, ready to be spawned anew) and counted.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pose centre and orientation of the sink volume
 * @param size its full size [m]
 */
public record SinkSpec(Pose pose, Vec3 size) {
  /** Adds every problem to {@code p} under {@code path}. */
  public void validate(List<String> p, String path) {
    if (pose == null || !pose.position().isFinite()) p.add(path + ".pose: " + pose + ", must be finite");
    Checks.positive(p, path + ".size", size, "m");
  }
}
