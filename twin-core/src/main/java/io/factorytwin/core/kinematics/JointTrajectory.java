package io.factorytwin.core.kinematics;

import java.util.Arrays;

/**
 * A joint trajectory sampled in time: at sample k, the time [s] from the start and each joint's
 * position [rad], velocity [rad/s] and acceleration [rad/s²]. Samples are equally spaced, the first
 * at t = 0 and the last at the move's end exactly.
 *
 * <p>Immutable and thread-safe. Arrays are stored flat, sample-major: {@code [sample][joint]}.
 */
public final class JointTrajectory {
  private final int dof;
  private final double[] times, positions, velocities, accelerations;

  /** Takes ownership of the arrays: times [size], the others [size × dof]. */
  JointTrajectory(int dof, double[] times, double[] positions, double[] velocities, double[] accelerations) {
    this.dof = dof;
    this.times = times;
    this.positions = positions;
    this.velocities = velocities;
    this.accelerations = accelerations;
  }

  /** Joints per sample. */
  public int dof() {
    return dof;
  }

  /** Number of samples, ≥ 1. */
  public int size() {
    return times.length;
  }

  /** Time of the last sample [s]. */
  public double duration() {
    return times[times.length - 1];
  }

  /** Time of sample {@code k} from the start [s]. */
  public double time(int k) {
    return times[k];
  }

  /** Position of {@code joint} at sample {@code k} [rad]. */
  public double position(int k, int joint) {
    return positions[k * dof + check(joint)];
  }

  /** Velocity of {@code joint} at sample {@code k} [rad/s]. */
  public double velocity(int k, int joint) {
    return velocities[k * dof + check(joint)];
  }

  /** Acceleration of {@code joint} at sample {@code k} [rad/s²]. */
  public double acceleration(int k, int joint) {
    return accelerations[k * dof + check(joint)];
  }

  /** A copy of all joint positions at sample {@code k} [rad]. */
  public double[] positions(int k) {
    return Arrays.copyOfRange(positions, k * dof, (k + 1) * dof);
  }

  private int check(int joint) {
    if (joint < 0 || joint >= dof) {
      throw new IndexOutOfBoundsException("joint " + joint + ", must be in [0, " + dof + ")");
    }
    return joint;
  }

  @Override
  public String toString() {
    return "JointTrajectory[" + size() + " samples of " + dof + " joints over " + duration() + " s]";
  }
}
