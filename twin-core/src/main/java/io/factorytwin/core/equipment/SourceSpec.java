package io.factorytwin.core.equipment;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.internal.Checks;
import java.util.List;

/**
 * A source of workpieces: boxes appear at {@code spawn} at a fixed interval or on command. The
 * layout holds a pool of {@code pool} boxes whose sizes and masses are drawn, once, from a random
 * stream seeded by {@code seed}; a box waits parked (out of the physics) until the source places it,
 * and a sink parks it again. So the pool is the most boxes the line can hold at once.
 *
 * <p>Immutable and thread-safe.
 *
 * @param spawn       where a box appears (its centre) and how it is turned
 * @param pool        number of boxes, ≥ 1
 * @param interval    seconds between boxes, > 0; or 0 for "on command only"
 * @param minSize     smallest box [m]
 * @param maxSize     largest box [m] (each edge drawn uniformly between the two)
 * @param minMass     kg, > 0
 * @param maxMass     kg, ≥ minMass
 * @param friction    of the boxes, ≥ 0
 * @param seed        of the sizes and masses
 */
public record SourceSpec(Pose spawn, int pool, double interval, Vec3 minSize, Vec3 maxSize, double minMass,
    double maxMass, double friction, long seed) {

  /** Adds every problem to {@code p} under {@code path}. */
  public void validate(List<String> p, String path) {
    if (spawn == null || !spawn.position().isFinite()) p.add(path + ".spawn: " + spawn + ", must be finite");
    if (pool < 1) p.add(path + ".pool: " + pool + ", must be >= 1");
    Checks.nonNegative(p, path + ".interval", interval, "s");
    for (String n : new String[] {"minSize", "maxSize"}) {
      Vec3 v = n.equals("minSize") ? minSize : maxSize;
      if (v == null) {
        p.add(path + "." + n + ": missing");
        continue;
      }
      Checks.positive(p, path + "." + n + ".x", v.x(), "m");
      Checks.positive(p, path + "." + n + ".y", v.y(), "m");
      Checks.positive(p, path + "." + n + ".z", v.z(), "m");
    }
    if (minSize != null && maxSize != null
        && !(minSize.x() <= maxSize.x() && minSize.y() <= maxSize.y() && minSize.z() <= maxSize.z())) {
      p.add(path + ".maxSize: " + maxSize + ", must be >= minSize " + minSize + " on every axis");
    }
    Checks.positive(p, path + ".minMass", minMass, "kg");
    if (!(maxMass >= minMass) || Double.isInfinite(maxMass)) p.add(path + ".maxMass: " + maxMass + " kg, must be >= minMass " + minMass + " kg");
    Checks.nonNegative(p, path + ".friction", friction, "");
  }
}
