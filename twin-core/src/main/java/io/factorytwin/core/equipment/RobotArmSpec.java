package io.factorytwin.core.equipment;

import io.factorytwin.core.internal.Checks;
import io.factorytwin.core.kinematics.ArmSpec;
import java.util.List;

/**
 * A robot arm as equipment: its kinematic and inertial description ({@link ArmSpec}), the motors'
 * torque limits, the servo bandwidth, the links' collision radius, the vacuum gripper, and where the
 * joints start.
 *
 * <p>Immutable and thread-safe.
 *
 * @param arm           kinematics and link inertias (coupled passive joints included)
 * @param maxTorque     per joint [N·m], > 0: the motors never give more; a motor too weak for the load
 *                      shows as the arm sagging from its command
 * @param bandwidth     servo bandwidth [Hz], > 0 (default 10): the joint error decays at this rate
 * @param linkRadius    collision radius of the links [m], > 0
 * @param gripTolerance how far [m] the vacuum cup may be from a workpiece's surface for it to grip, > 0
 * @param start         initial joint angles [rad], within the limits
 */
public record RobotArmSpec(ArmSpec arm, double[] maxTorque, double bandwidth, double linkRadius, double gripTolerance,
    double[] start) {

  /**
   * The six-axis preset with motors that hold the rated 5 kg payload at full reach with margin: torque
   * limits 400, 400, 150, 40, 40, 20 N·m; 10 Hz servos; links 6 cm in radius; grip tolerance 1 cm; start
   * at the preset's home (joint 3 at −90°, the forearm level... see {@link #sixAxisHome()}).
   */
  public static RobotArmSpec sixAxis() {
    return new RobotArmSpec(ArmSpec.sixAxis(), new double[] {400, 400, 150, 40, 40, 20}, 10, 0.06, 0.01,
        sixAxisHome());
  }

  /**
   * The palletiser preset: torque limits 4000, 4000, 2500, 200 N·m; 6 Hz servos; links 12 cm in
   * radius; grip tolerance 1 cm; start with the upper arm leaning 30° forward and the forearm level.
   */
  public static RobotArmSpec palletiser() {
    return new RobotArmSpec(ArmSpec.palletiser(), new double[] {4000, 4000, 2500, 200}, 6, 0.12, 0.01,
        new double[] {0, Math.PI / 6, -Math.PI / 6, 0});
  }

  /** Home of the six-axis preset: upper arm vertical, forearm level, flange pointing down. */
  public static double[] sixAxisHome() {
    return new double[] {0, 0, 0, 0, Math.PI / 2, 0};
  }

  /** This spec with other torque limits [N·m]. */
  public RobotArmSpec withMaxTorque(double... limits) {
    return new RobotArmSpec(arm, limits, bandwidth, linkRadius, gripTolerance, start);
  }

  /** This spec with other start angles [rad]. */
  public RobotArmSpec withStart(double... q) {
    return new RobotArmSpec(arm, maxTorque, bandwidth, linkRadius, gripTolerance, q);
  }

  /** Adds every problem to {@code p} under {@code path}. */
  public void validate(List<String> p, String path) {
    if (arm == null) {
      p.add(path + ".arm: missing");
      return;
    }
    int n = arm.dof();
    if (maxTorque == null || maxTorque.length != n) {
      p.add(path + ".maxTorque: " + (maxTorque == null ? "missing" : maxTorque.length + " values") + ", must have " + n);
    } else {
      for (int i = 0; i < n; i++) Checks.positive(p, path + ".joint" + (i + 1) + ".maxTorque", maxTorque[i], "N*m");
    }
    Checks.positive(p, path + ".bandwidth", bandwidth, "Hz");
    Checks.positive(p, path + ".linkRadius", linkRadius, "m");
    Checks.positive(p, path + ".gripTolerance", gripTolerance, "m");
    if (start == null || start.length != n) {
      p.add(path + ".start: " + (start == null ? "missing" : start.length + " values") + ", must have " + n);
    } else {
      for (int i = 0; i < n; i++) {
        var j = arm.joint(i);
        Checks.inRange(p, path + ".joint" + (i + 1) + ".start", start[i], j.min(), j.max(), "rad");
      }
    }
  }
}
