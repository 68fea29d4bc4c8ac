package io.factorytwin.core.equipment;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.internal.Checks;
import java.util.List;

/**
 * A straight belt conveyor. Items ride on the belt by Coulomb friction: the belt's top surface moves
 * at the belt speed along the conveyor, and the contact solver drives each item's sliding velocity
 * towards it, within μ·N; so items stick while the belt accelerates gently and slip when it does not.
 *
 * <p>Immutable and thread-safe. docs/conveyors.md documents parameters and channels.
 *
 * @param start       centre of the belt's top surface at its upstream end [m], world frame
 * @param heading     direction of travel in the floor plane [rad] from world +X, counter-clockwise
 * @param incline     rise of the belt along its direction [rad], in (−π/4, π/4)
 * @param length      along the travel [m], > 0
 * @param width       across [m], > 0
 * @param maxSpeed    m/s, > 0: speed commands beyond it are clamped and reported
 * @param accel       ramp of the belt speed [m/s²], > 0
 * @param guideHeight height of side guides above the belt surface [m], ≥ 0 (0: none)
 * @param friction    the belt surface's friction coefficient (multiplied with the item's), ≥ 0
 * @param encoderNoise standard deviation of the encoder reading [m], ≥ 0, drawn from the belt's own
 *                    random stream (the belt's travel itself is exact)
 */
public record ConveyorSpec(Vec3 start, double heading, double incline, double length, double width,
    double maxSpeed, double accel, double guideHeight, double friction, double encoderNoise) {

  /** A belt with an exact encoder. */
  public ConveyorSpec(Vec3 start, double heading, double incline, double length, double width, double maxSpeed,
      double accel, double guideHeight, double friction) {
    this(start, heading, incline, length, width, maxSpeed, accel, guideHeight, friction, 0);
  }


  /** Belt thickness [m]: the belt is a box this deep under its top surface. */
  public static final double THICKNESS = 0.1;

  /** A level belt of the given length and width with 1 m/s, 1 m/s², no guides, friction 1. */
  public static ConveyorSpec level(Vec3 start, double heading, double length, double width) {
    return new ConveyorSpec(start, heading, 0, length, width, 1.0, 1.0, 0, 1.0);
  }

  /** This spec with another incline [rad]. */
  public ConveyorSpec withIncline(double rad) {
    return new ConveyorSpec(start, heading, rad, length, width, maxSpeed, accel, guideHeight, friction, encoderNoise);
  }

  /** This spec with side guides of the given height [m]. */
  public ConveyorSpec withGuides(double height) {
    return new ConveyorSpec(start, heading, incline, length, width, maxSpeed, accel, height, friction, encoderNoise);
  }

  /** This spec with another speed limit [m/s] and ramp [m/s²]. */
  public ConveyorSpec withDrive(double maxSpeed, double accel) {
    return new ConveyorSpec(start, heading, incline, length, width, maxSpeed, accel, guideHeight, friction, encoderNoise);
  }

  /** This spec with encoder noise of standard deviation {@code sigma} [m]. */
  public ConveyorSpec withEncoderNoise(double sigma) {
    return new ConveyorSpec(start, heading, incline, length, width, maxSpeed, accel, guideHeight, friction, sigma);
  }

  /** Rotation of the belt frame: X along the travel, Z normal to the belt surface. */
  public Quat rotation() {
    return Quat.yaw(heading).times(Quat.axisAngle(new Vec3(0, 1, 0), -incline));
  }

  /** Unit direction of travel, world frame. */
  public Vec3 direction() {
    return rotation().rotate(new Vec3(1, 0, 0));
  }

  /** Pose of the belt box (its centre). */
  public Pose beltPose() {
    Quat q = rotation();
    return new Pose(start.plus(q.rotate(new Vec3(length / 2, 0, -THICKNESS / 2))), q);
  }

  /** The point at {@code along} metres down the belt and {@code across} to its left, on the surface [m]. */
  public Vec3 surfacePoint(double along, double across) {
    return start.plus(rotation().rotate(new Vec3(along, across, 0)));
  }

  /** Adds every problem to {@code p} under {@code path}. */
  public void validate(List<String> p, String path) {
    if (start == null || !start.isFinite()) p.add(path + ".start: " + start + ", must be finite");
    Checks.finite(p, path + ".heading", heading, "rad");
    if (!(Math.abs(incline) < Math.PI / 4)) p.add(path + ".incline: " + incline + " rad, must be in (-pi/4, pi/4)");
    Checks.positive(p, path + ".length", length, "m");
    Checks.positive(p, path + ".width", width, "m");
    Checks.positive(p, path + ".maxSpeed", maxSpeed, "m/s");
    Checks.positive(p, path + ".accel", accel, "m/s^2");
    Checks.nonNegative(p, path + ".guideHeight", guideHeight, "m");
    Checks.nonNegative(p, path + ".friction", friction, "");
    Checks.nonNegative(p, path + ".encoderNoise", encoderNoise, "m");
  }
}
