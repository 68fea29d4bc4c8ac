package io.factorytwin.core.equipment;

import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.internal.Checks;
import java.util.List;

/**
 * An overhead (bridge) crane: the bridge travels along the runway (world Y), the trolley along the
 * bridge (world X), the hoist pays rope in and out, and a hook hangs from the rope. Axis positions
 * are measured from {@code origin}: the bridge position is the Y offset of the bridge, the trolley
 * position the X offset of the trolley, the hoist position the rope length. The rope's upper end
 * is on the trolley at {@code origin + (trolley, bridge, ropeTop)}.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()} or taken from {@link #reference()};
 * validated when the layout is built. docs/crane.md documents every parameter and channel.
 *
 * @param origin        corner of the crane's travel area at floor level [m], world frame
 * @param ropeTop       height of the rope's upper end above the origin [m], > 0
 * @param bridge        the bridge axis (along Y); its soft limits are the usable runway
 * @param trolley       the trolley axis (along X); its soft limits are the usable span
 * @param hoist         the hoist axis: position = rope length [m], soft limits = rope length range
 * @param hookMass      kg, > 0
 * @param hookSize      full edge lengths of the hook block [m]
 * @param grabTolerance how close [m] the hook's underside must be to a workpiece's lifting point
 *                      (the centre of its top) for a grab to take it, > 0
 * @param bridgeStart   initial bridge position [m]
 * @param trolleyStart  initial trolley position [m]
 * @param ropeStart     initial rope length [m]
 * @param ropeOffset    m, |ropeOffset| < 2: how much longer the effective pendulum rope is than the hoist's
 *                      reading (reeving, hook block, slings); the physics hangs the hook at hoist length +
 *                      offset, the channels report the hoist length. Default 0; an identifiable parameter
 *                      ({@code <crane>.ropeOffset}, docs/calibration.md)
 * @param swingDamping  1/s, ≥ 0: viscous damping of the hook's (and load's) velocity relative to the trolley,
 *                      across the rope (rope and air damping lumped); a free swing decays as
 *                      exp(−swingDamping·t/2) in amplitude. Default 0
 */
public record CraneSpec(Vec3 origin, double ropeTop, AxisSpec bridge, AxisSpec trolley, AxisSpec hoist,
    double hookMass, Vec3 hookSize, double grabTolerance, double bridgeStart, double trolleyStart,
    double ropeStart, double ropeOffset, double swingDamping) {

  /**
   * The reference crane of docs/crane.md, named by the CLI as {@code reference-crane}: runway 30 m
   * along Y, span 12 m along X, rope top 8 m above the floor; trolley 1.0 m/s and 0.5 m/s²; bridge
   * 0.8 m/s and 0.3 m/s²; hoist 0.25 m/s and 0.5 m/s²; drive time constants 50 ms; rope 1–7 m, 4 m at
   * the start; a 40 kg hook of 0.3 × 0.3 × 0.3 m; grab tolerance 0.15 m; origin at the world origin,
   * the crane parked at the runway and span centre. At the longest rope the hook's underside is
   * 0.7 m above the floor, so the grab tolerance of 0.15 m reaches the top of the reference
   * 0.6 m block standing on the floor.
   */
  public static CraneSpec reference() {
    return new CraneSpec(Vec3.ZERO, 8.0,
        AxisSpec.of(0.8, 0.3, 0.05, 0, 30, 0.25),
        AxisSpec.of(1.0, 0.5, 0.05, 0, 12, 0.25),
        AxisSpec.of(0.25, 0.5, 0.05, 1, 7, 0.2),
        40, new Vec3(0.3, 0.3, 0.3), 0.15, 15, 6, 4, 0, 0);
  }

  /**
   * The swing of the hook alone on a rope of {@code rope} metres, as a compound pendulum about the
   * rope's upper end, swinging in the XZ plane (about an axis along Y).
   */
  public CompoundPendulum hookPendulum(double rope) {
    double hz = hookSize.z(), hx = hookSize.x();
    return new CompoundPendulum(hookMass, rope + hz / 2, hookMass * (hx * hx + hz * hz) / 12
        + hookMass * (rope + hz / 2) * (rope + hz / 2));
  }

  /**
   * The swing of the hook with a box load of full size {@code size} [m] and {@code mass} kg hanging
   * under it, axis-aligned, its top against the hook's underside (as a grab leaves it), in the XZ plane.
   */
  public CompoundPendulum loadedPendulum(double rope, Vec3 size, double mass) {
    double d = rope + hookSize.z() + size.z() / 2;
    return hookPendulum(rope).plus(mass, d, mass * (size.x() * size.x() + size.z() * size.z()) / 12);
  }

  /** A builder starting from the reference crane. */
  public static Builder builder() {
    return new Builder(reference());
  }

  /** This spec as a builder, to change a few parameters. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Adds every problem of this spec to {@code p}, each under {@code path}; used by layout validation. */
  public void validate(List<String> p, String path) {
    if (origin == null || !origin.isFinite()) p.add(path + ".origin: " + origin + ", must be finite");
    Checks.positive(p, path + ".ropeTop", ropeTop, "m");
    bridge.validate(p, path + ".bridge");
    trolley.validate(p, path + ".trolley");
    hoist.validate(p, path + ".hoist");
    if (hoist.softMin() <= 0) p.add(path + ".hoist.softMin: " + hoist.softMin() + " m, must be > 0 (a rope length)");
    Checks.positive(p, path + ".hookMass", hookMass, "kg");
    if (hookSize == null) {
      p.add(path + ".hookSize: missing");
    } else {
      Checks.positive(p, path + ".hookSize.x", hookSize.x(), "m");
      Checks.positive(p, path + ".hookSize.y", hookSize.y(), "m");
      Checks.positive(p, path + ".hookSize.z", hookSize.z(), "m");
      if (hoist.hardMax() + hookSize.z() >= ropeTop) {
        p.add(path + ".hoist.hardMax: " + hoist.hardMax() + " m, must leave the hook (" + hookSize.z()
            + " m) below the rope top at " + ropeTop + " m");
      }
    }
    Checks.positive(p, path + ".grabTolerance", grabTolerance, "m");
    if (!(Math.abs(ropeOffset) < 2)) p.add(path + ".ropeOffset: " + ropeOffset + " m, must be in (-2, 2)");
    Checks.nonNegative(p, path + ".swingDamping", swingDamping, "1/s");
    Checks.inRange(p, path + ".bridgeStart", bridgeStart, bridge.softMin(), bridge.softMax(), "m");
    Checks.inRange(p, path + ".trolleyStart", trolleyStart, trolley.softMin(), trolley.softMax(), "m");
    Checks.inRange(p, path + ".ropeStart", ropeStart, hoist.softMin(), hoist.softMax(), "m");
  }

  /** Edits a crane spec; confined to one thread. */
  public static final class Builder {
    private Vec3 origin;
    private double ropeTop;
    private AxisSpec bridge, trolley, hoist;
    private double hookMass;
    private Vec3 hookSize;
    private double grabTolerance, bridgeStart, trolleyStart, ropeStart, ropeOffset, swingDamping;

    Builder(CraneSpec s) {
      origin = s.origin;
      ropeTop = s.ropeTop;
      bridge = s.bridge;
      trolley = s.trolley;
      hoist = s.hoist;
      hookMass = s.hookMass;
      hookSize = s.hookSize;
      grabTolerance = s.grabTolerance;
      bridgeStart = s.bridgeStart;
      trolleyStart = s.trolleyStart;
      ropeStart = s.ropeStart;
      ropeOffset = s.ropeOffset;
      swingDamping = s.swingDamping;
    }

    /** Corner of the travel area at floor level [m]. */
    public Builder origin(Vec3 v) { origin = v; return this; }
    /** Height of the rope's upper end above the origin [m]. */
    public Builder ropeTop(double m) { ropeTop = m; return this; }
    /** The bridge axis (along Y). */
    public Builder bridge(AxisSpec a) { bridge = a; return this; }
    /** The trolley axis (along X). */
    public Builder trolley(AxisSpec a) { trolley = a; return this; }
    /** The hoist axis (rope length). */
    public Builder hoist(AxisSpec a) { hoist = a; return this; }
    /** Hook mass [kg]. */
    public Builder hookMass(double kg) { hookMass = kg; return this; }
    /** Hook block size [m]. */
    public Builder hookSize(Vec3 v) { hookSize = v; return this; }
    /** Grab tolerance [m]. */
    public Builder grabTolerance(double m) { grabTolerance = m; return this; }
    /** Initial axis positions: bridge [m], trolley [m], rope length [m]. */
    public Builder start(double bridgeY, double trolleyX, double rope) {
      bridgeStart = bridgeY;
      trolleyStart = trolleyX;
      ropeStart = rope;
      return this;
    }

    /** Effective rope length minus the hoist's reading [m]; default 0. */
    public Builder ropeOffset(double m) { ropeOffset = m; return this; }
    /** Viscous swing damping [1/s]; default 0. */
    public Builder swingDamping(double perSecond) { swingDamping = perSecond; return this; }

    /** The spec (validated when the layout is built). */
    public CraneSpec build() {
      return new CraneSpec(origin, ropeTop, bridge, trolley, hoist, hookMass, hookSize, grabTolerance, bridgeStart,
          trolleyStart, ropeStart, ropeOffset, swingDamping);
    }
  }
}
