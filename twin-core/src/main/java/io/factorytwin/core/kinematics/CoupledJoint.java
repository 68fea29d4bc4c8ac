package io.factorytwin.core.kinematics;

import io.factorytwin.core.internal.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * A passive revolute joint whose angle is a fixed linear function of the actuated joints, as a
 * parallelogram linkage makes it: its DH row is {@code Rz(θ) · Tz(d) · Tx(a) · Rx(alpha)} with
 * {@code θ = thetaOffset + Σₖ gains[k] · q[k]}. It sits in the chain right after actuated joint
 * {@code afterJoint} (numbered from 1; 0 puts it before joint 1).
 *
 * <p>The 4-axis palletiser of {@link ArmSpec#palletiser()} uses one, with gains {@code (0, −1, −1, 0)},
 * to undo the shoulder and elbow pitch so that its flange always points straight down.
 *
 * <p>Immutable and thread-safe: the gains are copied in and out. Any values are accepted here;
 * {@link ArmSpec.Builder#build()} reports the invalid ones with their paths.
 *
 * @param afterJoint  number of actuated joints before this one in the chain, in {@code [0, n]}
 * @param a           DH link length [m], finite
 * @param alpha       DH twist [rad], finite
 * @param d           DH offset [m], finite
 * @param thetaOffset constant part of the joint angle [rad], finite
 * @param gains       one finite coefficient per actuated joint [rad/rad], length n
 */
public record CoupledJoint(int afterJoint, double a, double alpha, double d, double thetaOffset, double[] gains) {

  /** Copies the gains. */
  public CoupledJoint {
    gains = gains == null ? null : gains.clone();
  }

  /** A copy of the gains, one per actuated joint [rad/rad]. */
  @Override
  public double[] gains() {
    return gains == null ? null : gains.clone();
  }

  double gain(int joint) {
    return gains[joint];
  }

  void validate(List<String> p, String path, int joints) {
    if (afterJoint < 0 || afterJoint > joints) {
      p.add(path + ".afterJoint: " + afterJoint + ", must be in [0, " + joints + "]");
    }
    Checks.finite(p, path + ".a", a, "m");
    Checks.finite(p, path + ".alpha", alpha, "rad");
    Checks.finite(p, path + ".d", d, "m");
    Checks.finite(p, path + ".thetaOffset", thetaOffset, "rad");
    if (gains == null) {
      p.add(path + ".gains: missing");
      return;
    }
    if (gains.length != joints) {
      p.add(path + ".gains: length " + gains.length + ", must be " + joints + " (one per actuated joint)");
    }
    for (int k = 0; k < gains.length; k++) {
      Checks.finite(p, path + ".gains[" + k + "]", gains[k], "");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoupledJoint c && c.afterJoint == afterJoint && Double.compare(c.a, a) == 0
        && Double.compare(c.alpha, alpha) == 0 && Double.compare(c.d, d) == 0
        && Double.compare(c.thetaOffset, thetaOffset) == 0 && Arrays.equals(c.gains, gains);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Objects.hash(afterJoint, a, alpha, d, thetaOffset) + Arrays.hashCode(gains);
  }

  @Override
  public String toString() {
    return "CoupledJoint[afterJoint=" + afterJoint + ", a=" + a + ", alpha=" + alpha + ", d=" + d + ", thetaOffset="
        + thetaOffset + ", gains=" + Arrays.toString(gains) + "]";
  }
}
