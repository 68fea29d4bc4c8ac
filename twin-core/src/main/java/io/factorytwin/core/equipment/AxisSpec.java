package io.factorytwin.core.equipment;

import io.factorytwin.core.internal.Checks;
import java.util.List;

/**
 * Limits and drive response of one actuated axis (a crane's bridge, trolley or hoist).
 *
 * <p>Immutable and thread-safe. Validated when the layout is built.
 *
 * @param maxSpeed     m/s, > 0: commands beyond it are clamped and reported
 * @param maxAccel     m/s², > 0: the drive never accelerates harder
 * @param timeConstant s, ≥ 0: first-order lag of the drive's speed behind its command (0: none)
 * @param softMin      m: position commands below it are clamped to it and reported; the axis stops here in speed mode
 * @param softMax      m, > softMin
 * @param hardMin      m, ≤ softMin: the end stop; the axis is stopped dead here and the hit is reported
 * @param hardMax      m, ≥ softMax
 */
public record AxisSpec(double maxSpeed, double maxAccel, double timeConstant, double softMin, double softMax,
    double hardMin, double hardMax) {

  /** An axis whose end stops sit {@code margin} metres beyond its soft limits. */
  public static AxisSpec of(double maxSpeed, double maxAccel, double timeConstant, double softMin, double softMax,
      double margin) {
    return new AxisSpec(maxSpeed, maxAccel, timeConstant, softMin, softMax, softMin - margin, softMax + margin);
  }

  /** Adds every problem of this axis to {@code p}, each under {@code path}. */
  public void validate(List<String> p, String path) {
    Checks.positive(p, path + ".maxSpeed", maxSpeed, "m/s");
    Checks.positive(p, path + ".maxAccel", maxAccel, "m/s^2");
    Checks.nonNegative(p, path + ".timeConstant", timeConstant, "s");
    Checks.finite(p, path + ".softMin", softMin, "m");
    Checks.finite(p, path + ".softMax", softMax, "m");
    Checks.finite(p, path + ".hardMin", hardMin, "m");
    Checks.finite(p, path + ".hardMax", hardMax, "m");
    if (!(softMin < softMax)) {
      p.add(path + ".softMax: " + softMax + " m, must be > softMin " + softMin + " m");
    }
    if (!(hardMin <= softMin)) {
      p.add(path + ".hardMin: " + hardMin + " m, must be <= softMin " + softMin + " m");
    }
    if (!(hardMax >= softMax)) {
      p.add(path + ".hardMax: " + hardMax + " m, must be >= softMax " + softMax + " m");
    }
  }
}
