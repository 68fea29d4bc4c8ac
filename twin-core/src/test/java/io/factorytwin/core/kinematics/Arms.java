package io.factorytwin.core.kinematics;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import java.util.Random;

/** Shared test helpers: random joint vectors and pose differences. */
final class Arms {
  private Arms() {}

  /** A joint vector drawn uniformly within the limits. */
  static double[] randomJoints(ArmSpec arm, Random rnd) {
    double[] q = new double[arm.dof()];
    for (int i = 0; i < q.length; i++) {
      Joint j = arm.joint(i);
      q[i] = j.min() + rnd.nextDouble() * (j.max() - j.min());
    }
    return q;
  }

  /** The rotation vector [rad] of {@code a · bᵀ}: the rotation that takes b to a, world frame. */
  static Vec3 rotationVector(Quat a, Quat b) {
    Quat bc = new Quat(b.w(), -b.x(), -b.y(), -b.z());
    Quat d = a.times(bc);
    if (d.w() < 0) d = new Quat(-d.w(), -d.x(), -d.y(), -d.z());
    double vn = Math.sqrt(d.x() * d.x() + d.y() * d.y() + d.z() * d.z());
    double angle = 2 * Math.atan2(vn, d.w());
    double s = vn > 0 ? angle / vn : 2;
    return new Vec3(d.x() * s, d.y() * s, d.z() * s);
  }

  /** The angle [rad] between two orientations. */
  static double angle(Quat a, Quat b) {
    return rotationVector(a, b).length();
  }

  static double distance(Pose a, Pose b) {
    return a.position().minus(b.position()).length();
  }
}
