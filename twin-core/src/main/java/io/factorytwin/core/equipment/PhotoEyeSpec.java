package io.factorytwin.core.equipment;

import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.internal.Checks;
import java.util.List;

/**
 * A through-beam photo-eye: a beam from {@code from} to {@code to}; blocked when any workpiece's shape
 * crosses it. Like an industrial photo-eye its output has on and off delays: it turns on after the
 * beam has been blocked for {@code onDelay} and off after it has been clear for {@code offDelay}, so
 * a gap shorter than the off delay between two items is not an edge.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from     one end of the beam [m], world frame
 * @param to       the other end [m]
 * @param onDelay  s, ≥ 0
 * @param offDelay s, ≥ 0
 * @param flicker  probability in [0, 1) that a scan reads the beam wrong (dust, reflections), drawn from
 *                 the eye's own random stream; 0 for an ideal eye
 */
public record PhotoEyeSpec(Vec3 from, Vec3 to, double onDelay, double offDelay, double flicker) {

  /** An ideal eye (no flicker). */
  public PhotoEyeSpec(Vec3 from, Vec3 to, double onDelay, double offDelay) {
    this(from, to, onDelay, offDelay, 0);
  }

  /** Adds every problem to {@code p} under {@code path}. */
  public void validate(List<String> p, String path) {
    if (from == null || !from.isFinite()) p.add(path + ".from: " + from + ", must be finite");
    if (to == null || !to.isFinite()) p.add(path + ".to: " + to + ", must be finite");
    if (from != null && to != null && !(to.minus(from).length() > 0)) p.add(path + ".to: equals from, the beam must have a length");
    Checks.nonNegative(p, path + ".onDelay", onDelay, "s");
    Checks.nonNegative(p, path + ".offDelay", offDelay, "s");
    if (!(flicker >= 0 && flicker < 1)) p.add(path + ".flicker: " + flicker + ", must be in [0, 1)");
  }
}
