package io.factorytwin.core.kinematics;

import io.factorytwin.core.geom.Pose;
import java.util.Arrays;

/**
 * The answer of inverse kinematics. When the target cannot be reached, {@code reachable} is false
 * and the other fields describe the closest pose found (closest in the solver's cost, see
 * {@link IkOptions#orientationWeight()}); no exception is thrown.
 *
 * <p>Immutable and thread-safe: the joint vector is copied in and out.
 *
 * @param reachable        true when the errors are within the options' tolerances
 * @param joints           the joint solution [rad], within the joint limits, one per actuated joint
 * @param pose             the tool pose those joints give (world frame)
 * @param positionError    distance from the tool point to the target's [m], ≥ 0
 * @param orientationError angle of the rotation from the tool orientation to the target's [rad], in
 *                         [0, π]; for {@link TaskSpace#POSITION_YAW} arms the absolute yaw error
 * @param iterations       solver iterations over all starts tried
 * @param starts           starts tried (1 = the caller's seed was enough)
 */
public record IkResult(boolean reachable, double[] joints, Pose pose, double positionError, double orientationError,
    int iterations, int starts) {

  /** Copies the joints. */
  public IkResult {
    joints = joints.clone();
  }

  /** A copy of the joint solution [rad]. */
  @Override
  public double[] joints() {
    return joints.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IkResult r && r.reachable == reachable && Arrays.equals(r.joints, joints)
        && r.pose.equals(pose) && Double.compare(r.positionError, positionError) == 0
        && Double.compare(r.orientationError, orientationError) == 0 && r.iterations == iterations
        && r.starts == starts;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(joints) * 31 + java.util.Objects.hash(reachable, pose, positionError, orientationError,
        iterations, starts);
  }

  @Override
  public String toString() {
    return "IkResult[reachable=" + reachable + ", joints=" + Arrays.toString(joints) + ", positionError="
        + positionError + " m, orientationError=" + orientationError + " rad, iterations=" + iterations + ", starts="
        + starts + "]";
  }
}
