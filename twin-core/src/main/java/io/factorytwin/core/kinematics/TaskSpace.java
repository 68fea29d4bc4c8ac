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
   * stays vertical by construction. The target's tilt is ignored; its yaw is the twist about world Z
   * of the rotation from the current tool orientation to the target's. Needs at least 4 joints.
   */
  POSITION_YAW
}
