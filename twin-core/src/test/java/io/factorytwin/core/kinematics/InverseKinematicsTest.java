package io.factorytwin.core.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InverseKinematicsTest {
  static final double MM_TENTH = 1e-4;
  static final double DEG_TENTH = Math.toRadians(0.1);

  /** Targets are FK of random joints within limits; IK starts from another random joint vector. */
  static void roundTrip(ArmSpec arm, long seed) {
    Random rnd = new Random(seed);
    int iterations = 0, starts = 0;
    for (int i = 0; i < 1000; i++) {
      Pose target = Kinematics.toolPose(arm, Arms.randomJoints(arm, rnd));
      double[] start = Arms.randomJoints(arm, rnd);
      IkResult r = Kinematics.inverse(arm, target, start);
      assertTrue(r.reachable(), arm.name() + " target " + i + ": " + r);
      assertTrue(arm.withinLimits(r.joints()), arm.name() + " target " + i + " joints out of limits: " + r);
      Pose reached = Kinematics.toolPose(arm, r.joints());
      assertTrue(Arms.distance(target, reached) < MM_TENTH, arm.name() + " target " + i + " position: " + r);
      assertTrue(Arms.angle(target.rotation(), reached.rotation()) < DEG_TENTH, arm.name() + " target " + i
          + " orientation: " + r);
      assertEquals(Arms.distance(target, reached), r.positionError(), 1e-12);
      iterations += r.iterations();
      starts += r.starts();
    }
    // the caller's seed usually suffices: restarts are for the hard cases, not the rule
    assertTrue(starts < 2000, arm.name() + ": mean starts " + starts / 1000.0);
    assertTrue(iterations < 60_000, arm.name() + ": mean iterations " + iterations / 1000.0);
  }

  @Test
  void sixAxisRoundTripsThousandRandomPosesWithinATenthOfAMillimetreAndDegree() {
    roundTrip(ArmSpec.sixAxis(), 1);
  }

  @Test
  void palletiserRoundTripsThousandRandomPositionsAndYaws() {
    roundTrip(ArmSpec.palletiser(), 2);
  }

  /**
   * Far along +X at shoulder height, with the tool pointing along +X: the closest pose is the arm
   * stretched towards the target, so the miss is the target's distance from the shoulder axis minus
   * the stretched length a2 + √(a3² + d4²) + d6 plus the shoulder offset a1.
   */
  @Test
  void sixAxisTargetBeyondReachIsReportedWithItsDistance() {
    ArmSpec arm = ArmSpec.sixAxis();
    double reach = 0.025 + 0.425 + Math.hypot(0.035, 0.395) + 0.080;
    Quat alongX = Kinematics.toolPose(arm, new double[6]).rotation();
    for (double distance : new double[] {1.2, 2.0}) {
      Pose target = new Pose(new Vec3(distance, 0, 0.400), alongX);
      IkResult r = Kinematics.inverse(arm, target, new double[6]);
      assertFalse(r.reachable(), r.toString());
      assertEquals(distance - reach, r.positionError(), 1e-3, r.toString());
      assertTrue(r.orientationError() < Math.toRadians(1), r.toString());
      assertTrue(arm.withinLimits(r.joints()));
      assertEquals(Arms.distance(target, Kinematics.toolPose(arm, r.joints())), r.positionError(), 1e-12);
    }
    // straight up, tool pointing up
    Pose above = new Pose(new Vec3(0.025, 0, 0.400 + 1.5), Quat.IDENTITY);
    IkResult r = Kinematics.inverse(arm, above, new double[6]);
    assertFalse(r.reachable());
    assertEquals(1.5 - (reach - 0.025), r.positionError(), 1e-3, r.toString());
  }

  /** The palletiser's flange hangs 0.2 m below and 0.15 m in front of the forearm tip; the arm is 1.5 m long. */
  @Test
  void palletiserTargetBeyondReachIsReportedWithItsDistance() {
    ArmSpec arm = ArmSpec.palletiser();
    Pose target = new Pose(new Vec3(2.85, 0, 0.45), Quat.yaw(0.3));
    IkResult r = Kinematics.inverse(arm, target, new double[4]);
    assertFalse(r.reachable(), r.toString());
    assertEquals(2.85 - 1.85, r.positionError(), 1e-3, r.toString());
    assertTrue(r.orientationError() < 1e-6, r.toString());
  }

  @Test
  void aSeedThatAlreadySolvesTheTargetIsReturnedWithoutIterating() {
    ArmSpec arm = ArmSpec.sixAxis();
    double[] q = {0.3, 0.2, -0.4, 0.5, 0.6, -0.7};
    IkResult r = Kinematics.inverse(arm, Kinematics.toolPose(arm, q), q);
    assertTrue(r.reachable());
    assertEquals(0, r.iterations());
    assertEquals(1, r.starts());
    assertEquals(java.util.Arrays.toString(q), java.util.Arrays.toString(r.joints()));
  }

  @Test
  void theSameCallGivesTheSameAnswer() {
    ArmSpec arm = ArmSpec.sixAxis();
    Random rnd = new Random(8);
    for (int i = 0; i < 20; i++) {
      Pose target = Kinematics.toolPose(arm, Arms.randomJoints(arm, rnd));
      double[] seed = Arms.randomJoints(arm, rnd);
      assertEquals(Kinematics.inverse(arm, target, seed), Kinematics.inverse(arm, target, seed));
    }
    Pose far = Pose.at(3, 0, 0);
    assertEquals(Kinematics.inverse(arm, far, new double[6]), Kinematics.inverse(arm, far, new double[6]));
  }

  @Test
  void aSeedOutsideTheLimitsIsClampedAndTheSolutionStaysWithin() {
    ArmSpec arm = ArmSpec.sixAxis();
    double[] q = {0.1, 0.5, -1.0, 0.2, 1.0, 0.3};
    double[] seed = {5, -5, 5, -5, 5, -50};
    IkResult r = Kinematics.inverse(arm, Kinematics.toolPose(arm, q), seed);
    assertTrue(r.reachable(), r.toString());
    assertTrue(arm.withinLimits(r.joints()));
  }

  @Test
  void anInvalidTargetOrSeedIsACallerMistake() {
    ArmSpec arm = ArmSpec.sixAxis();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Kinematics.inverse(arm, new Pose(Vec3.ZERO, new Quat(2, 0, 0, 0)), new double[6]));
    assertEquals("target.rotation: norm 2.0, must be 1 within 1e-6 (a unit quaternion)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Kinematics.inverse(arm, Pose.IDENTITY, new double[4]));
    assertEquals("sixAxis.seed: length 4, must be 6 (one per joint)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IkOptions.DEFAULT.withRestarts(-1));
    assertEquals("ik.restarts: -1, must be >= 0", e.getMessage());
  }
}
