package io.factorytwin.core.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForwardKinematicsTest {
  static final double EPS = 1e-12;

  static void assertVec(Vec3 expected, Vec3 actual, double tol) {
    assertTrue(expected.minus(actual).length() <= tol, "expected " + expected + " but was " + actual);
  }

  @Test
  void sixAxisAtZeroHasTheFlangeWhereTheDhTableSays() {
    ArmFrames f = Kinematics.forward(ArmSpec.sixAxis(), new double[6]);
    assertEquals(7, f.frames().size());
    assertVec(new Vec3(0.500, 0, 0.860), f.tool().position(), EPS);
    assertVec(new Vec3(1, 0, 0), f.tool().rotation().rotate(new Vec3(0, 0, 1)), EPS);
    // the wrist centre (frame 4 and 5 origins) is 0.395 m in front of the elbow at the shoulder's top
    assertVec(new Vec3(0.420, 0, 0.860), f.frames().get(4).position(), EPS);
    assertVec(new Vec3(0.025, 0, 0.400), f.frames().get(1).position(), EPS);
  }

  @Test
  void sixAxisShoulderLeansForwardForPositiveAngles() {
    double[] q = {0, Math.PI / 2, -Math.PI / 2, 0, 0, 0};
    Pose elbow = Kinematics.forward(ArmSpec.sixAxis(), q).frames().get(2);
    assertVec(new Vec3(0.025 + 0.425, 0, 0.400), elbow.position(), EPS);
  }

  @Test
  void palletiserFlangePointsStraightDownWhateverTheJoints() {
    ArmSpec arm = ArmSpec.palletiser();
    Random rnd = new Random(11);
    for (int i = 0; i < 200; i++) {
      double[] q = Arms.randomJoints(arm, rnd);
      Pose tool = Kinematics.toolPose(arm, q);
      assertVec(new Vec3(0, 0, -1), tool.rotation().rotate(new Vec3(0, 0, 1)), 1e-12);
      // the flange's yaw is the sum of the base and wrist yaws
      Vec3 x = tool.rotation().rotate(new Vec3(1, 0, 0));
      double yaw = Math.atan2(x.y(), x.x());
      assertEquals(0, Math.IEEEremainder(yaw - (q[0] - q[3]), 2 * Math.PI), 1e-9, "yaw at " + i);
    }
  }

  @Test
  void palletiserReachesItsDocumentedPoints() {
    ArmSpec arm = ArmSpec.palletiser();
    assertVec(new Vec3(1.15, 0, 1.15), Kinematics.toolPose(arm, new double[4]).position(), EPS);
    double[] stretched = {0, Math.PI / 2, -Math.PI / 2, 0};
    assertVec(new Vec3(1.85, 0, 0.45), Kinematics.toolPose(arm, stretched).position(), EPS);
    assertEquals(6, Kinematics.forward(arm, stretched).frames().size());
  }

  @Test
  void baseAndToolOffsetsComposeWithTheChain() {
    ArmSpec plain = ArmSpec.sixAxis();
    Pose base = new Pose(new Vec3(2, -1, 0.3), Quat.axisAngle(new Vec3(0.2, 0.1, 1), 0.7));
    Pose tool = new Pose(new Vec3(0.01, -0.02, 0.15), Quat.axisAngle(new Vec3(1, 0, 0), 0.4));
    ArmSpec moved = plain.toBuilder().base(base).tool(tool).build();
    Random rnd = new Random(3);
    for (int i = 0; i < 50; i++) {
      double[] q = Arms.randomJoints(plain, rnd);
      Pose flange = Kinematics.toolPose(plain, q);
      Pose expected = new Pose(base.toWorld(flange.toWorld(tool.position())),
          base.rotation().times(flange.rotation()).times(tool.rotation()));
      Pose actual = Kinematics.toolPose(moved, q);
      assertTrue(Arms.distance(expected, actual) < 1e-12, "position at " + i);
      assertTrue(Arms.angle(expected.rotation(), actual.rotation()) < 1e-12, "rotation at " + i);
    }
  }

  @Test
  void jointVectorOfTheWrongLengthOrNotFiniteIsRefusedByName() {
    ArmSpec arm = ArmSpec.sixAxis();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Kinematics.forward(arm, new double[5]));
    assertEquals("sixAxis.q: length 5, must be 6 (one per joint)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Kinematics.jacobian(arm, new double[] {0, 0, Double.NaN, 0, 0, 0}));
    assertEquals("sixAxis.q[2]: NaN rad, must be finite", e.getMessage());
  }
}
