package io.factorytwin.core.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The geometric Jacobian against central finite differences of forward kinematics. With a step of
 * h = 1e-5 rad the truncation error is about h²/6 · |third derivative| (≤ 2 m/rad³ for these arms,
 * so ≈ 3e-11) and rounding about 1e-16 / h ≈ 1e-11; 1e-8 leaves a wide margin yet would catch a
 * wrong axis, lever arm or sign (errors of order 0.01 to 1).
 */
class JacobianTest {
  static final double H = 1e-5;
  static final double TOL = 1e-8;

  static void checkAgainstFiniteDifferences(ArmSpec arm, long seed) {
    Random rnd = new Random(seed);
    for (int trial = 0; trial < 100; trial++) {
      double[] q = Arms.randomJoints(arm, rnd);
      double[][] j = Kinematics.jacobian(arm, q);
      for (int i = 0; i < arm.dof(); i++) {
        double[] qp = q.clone(), qm = q.clone();
        qp[i] += H;
        qm[i] -= H;
        Pose p = Kinematics.toolPose(arm, qp), m = Kinematics.toolPose(arm, qm);
        Vec3 v = p.position().minus(m.position()).times(1 / (2 * H));
        Vec3 w = Arms.rotationVector(p.rotation(), m.rotation()).times(1 / (2 * H));
        for (int r = 0; r < 3; r++) {
          assertEquals(v.get(r), j[r][i], TOL, arm.name() + " linear row " + r + " joint " + i + " trial " + trial);
          assertEquals(w.get(r), j[3 + r][i], TOL, arm.name() + " angular row " + r + " joint " + i + " trial " + trial);
        }
      }
    }
  }

  @Test
  void sixAxisJacobianMatchesFiniteDifferencesWithToolAndTiltedBase() {
    ArmSpec arm = ArmSpec.sixAxis().toBuilder()
        .base(new Pose(new Vec3(1, 2, 0.5), Quat.axisAngle(new Vec3(1, -0.3, 0.5), 0.6)))
        .tool(new Pose(new Vec3(0.03, 0.01, 0.12), Quat.axisAngle(new Vec3(0, 1, 0), 0.3)))
        .build();
    checkAgainstFiniteDifferences(arm, 21);
  }

  @Test
  void palletiserJacobianMatchesFiniteDifferencesThroughTheCoupling() {
    ArmSpec arm = ArmSpec.palletiser().toBuilder().tool(Pose.at(0.05, 0, 0.1)).build();
    checkAgainstFiniteDifferences(arm, 22);
    // the parallelogram keeps the flange vertical, so no joint tilts it
    double[][] j = Kinematics.jacobian(arm, new double[] {0.3, 0.4, -0.5, 1.0});
    for (int i = 0; i < 4; i++) {
      assertEquals(0, j[3][i], 1e-15);
      assertEquals(0, j[4][i], 1e-15);
    }
  }
}
