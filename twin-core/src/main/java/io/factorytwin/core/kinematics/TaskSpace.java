package io.factorytwin.core.kinematics;

/**
 * Which part of a tool pose an arm controls, and so what its inverse kinematics solves for.
 *
 * <p>Immutable and thread-safe.
 */
public enum TaskSpace {
  /** Position and full orientation (6 numbers): arms with at least 6 joints. */
  POSE,
  /**
   * Position and yaw about world Z (4 numbers): 4-axis palletising and SCARA-like arms whose tool
   * stays vertical by construction. The yaw of an orientation is the heading of its X axis in the
   * floor plane, {@code atan2(x_y, x_x)} (0 if that axis is vertical); the yaw error is the difference
   * of headings, wrapped to [−π, π]. The rest of the target's orientation (its tilt) is ignored.
   * Needs at least 4 joints.
   */
  POSITION_YAW
}
