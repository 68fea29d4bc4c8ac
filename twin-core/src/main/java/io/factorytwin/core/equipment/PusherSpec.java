package io.factorytwin.core.equipment;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.internal.Checks;
import java.util.List;

/**
 * A pusher (diverter): a paddle that strokes across a conveyor at a set speed and pushes an item onto
 * a side lane, then retracts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param retracted the paddle's pose when retracted (its centre) [m]
 * @param size      the paddle's full size [m]
 * @param direction direction of the stroke, world frame (normalised here)
 * @param stroke    how far it extends [m], > 0
 * @param speed     stroke speed [m/s], > 0
 */
public record PusherSpec(Pose retracted, Vec3 size, Vec3 direction, double stroke, double speed) {
  /** Adds every problem to {@code p} under {@code path}. */
  public void validate(List<String> p, String path) {
    if (retracted == null || !retracted.position().isFinite()) p.add(path + ".retracted: " + retracted + ", must be finite");
    Checks.positive(p, path + ".size", size, "m");
    if (direction == null || !direction.isFinite() || !(direction.length() > 0)) {
      p.add(path + ".direction: " + direction + ", must be a finite non-zero vector");
    }
    Checks.positive(p, path + ".stroke", stroke, "m");
    Checks.positive(p, path + ".speed", speed, "m/s");
  }

  /** Unit stroke direction. */
  public Vec3 unitDirection() {
    return direction.times(1 / direction.length());
  }
}
