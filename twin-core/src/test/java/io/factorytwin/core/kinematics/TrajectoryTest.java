package io.factorytwin.core.kinematics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.factorytwin.core.control.TrapezoidalMove;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Limits are checked on the sampled positions alone, by divided differences. A first difference over
 * an interval is the mean velocity over it, and a second divided difference is a weighted mean of
 * the acceleration over the two intervals, so neither can exceed a limit that the continuous motion
 * respects; the only slack needed is rounding: positions of a few rad carry ~1e-15 rad of error,
 * i.e. ~1e-12 rad/s and ~1e-9 rad/s² at a 1/240 s step. The checks allow 1e-9 relative plus 1e-6
 * absolute, far below any real overshoot.
 */
class TrajectoryTest {
  static final double DT = 1.0 / 240;

  /** Checks the sampled trajectory's differences against the arm's limits; returns the largest ratio seen. */
  static double checkLimits(ArmSpec arm, JointTrajectory tr) {
    double worst = 0;
    for (int k = 1; k < tr.size(); k++) {
      double h1 = tr.time(k) - tr.time(k - 1);
      for (int j = 0; j < arm.dof(); j++) {
        double v = (tr.position(k, j) - tr.position(k - 1, j)) / h1;
        double vmax = arm.joint(j).maxSpeed();
        if (!(Math.abs(v) <= vmax * (1 + 1e-9) + 1e-6)) fail("joint " + j + " speed " + v + " at " + tr.time(k));
        worst = Math.max(worst, Math.abs(v) / vmax);
        if (k + 1 < tr.size()) {
          double h2 = tr.time(k + 1) - tr.time(k);
          double v2 = (tr.position(k + 1, j) - tr.position(k, j)) / h2;
          double a = 2 * (v2 - v) / (h1 + h2);
          double amax = arm.joint(j).maxAccel();
          if (!(Math.abs(a) <= amax * (1 + 1e-9) + 1e-6)) fail("joint " + j + " accel " + a + " at " + tr.time(k));
          worst = Math.max(worst, Math.abs(a) / amax);
        }
        if (!arm.joint(j).within(tr.position(k, j))) fail("joint " + j + " out of limits at " + tr.time(k));
      }
    }
    return worst;
  }

  /** The arm's geometry with every joint's speed and acceleration limits replaced. */
  static ArmSpec withLimits(ArmSpec arm, String name, double speed, double accel) {
    ArmSpec.Builder b = ArmSpec.builder(name);
    for (Joint j : arm.joints()) {
      b.joint(new Joint(j.a(), j.alpha(), j.d(), j.thetaOffset(), j.min(), j.max(),
          Double.isNaN(speed) ? j.maxSpeed() : speed, accel));
    }
    arm.links().forEach(b::link);
    return b.build();
  }

  @Test
  void pointToPointNeverExceedsSpeedOrAccelerationLimitsAndEndsExactly() {
    for (ArmSpec arm : new ArmSpec[] {ArmSpec.sixAxis(), ArmSpec.palletiser()}) {
      Random rnd = new Random(31);
      for (int i = 0; i < 200; i++) {
        double[] from = Arms.randomJoints(arm, rnd), to = Arms.randomJoints(arm, rnd);
        if (i % 10 == 0) { // short moves: triangular profiles
          for (int j = 0; j < to.length; j++) to[j] = arm.joint(j).clamp(from[j] + 0.01 * (to[j] - from[j]));
        }
        PointToPoint move = Trajectories.pointToPoint(arm, from, to);
        JointTrajectory tr = move.sample(DT);
        assertArrayEquals(from, tr.positions(0), 0.0);
        assertArrayEquals(to, tr.positions(tr.size() - 1), 0.0);
        assertEquals(move.duration(), tr.duration(), 0.0);
        for (int j = 0; j < arm.dof(); j++) {
          assertEquals(0, tr.velocity(0, j), 0.0);
          assertEquals(0, tr.velocity(tr.size() - 1, j), 0.0);
          // the exact profile as well as its samples
          for (int k = 0; k < tr.size(); k++) {
            if (!(Math.abs(tr.velocity(k, j)) <= arm.joint(j).maxSpeed() * (1 + 1e-12))) fail("speed at " + k);
            if (!(Math.abs(tr.acceleration(k, j)) <= arm.joint(j).maxAccel() * (1 + 1e-12))) fail("accel at " + k);
          }
        }
        double worst = checkLimits(arm, tr);
        assertTrue(worst > 0.5, "the limiting joint should be driven near its limit, got " + worst);
      }
    }
  }

  @Test
  void pointToPointJointsMoveInStepAndArriveTogether() {
    ArmSpec arm = ArmSpec.sixAxis();
    Random rnd = new Random(32);
    for (int i = 0; i < 50; i++) {
      double[] from = Arms.randomJoints(arm, rnd), to = Arms.randomJoints(arm, rnd);
      PointToPoint move = Trajectories.pointToPoint(arm, from, to);
      JointTrajectory tr = move.sample(DT);
      for (int k = 0; k < tr.size(); k++) {
        double progress0 = (tr.position(k, 0) - from[0]) / (to[0] - from[0]);
        for (int j = 1; j < arm.dof(); j++) {
          assertEquals(progress0, (tr.position(k, j) - from[j]) / (to[j] - from[j]), 1e-9, "joint " + j + " sample " + k);
        }
      }
      int last = tr.size() - 2;
      for (int j = 0; j < arm.dof(); j++) {
        assertTrue(tr.position(last, j) != to[j], "joint " + j + " arrived early");
      }
      // no faster than the slowest joint could go on its own, with the same kind of profile
      double slowest = 0;
      for (int j = 0; j < arm.dof(); j++) {
        slowest = Math.max(slowest, new TrapezoidalMove(to[j] - from[j], arm.joint(j).maxSpeed(),
            arm.joint(j).maxAccel()).duration());
      }
      assertTrue(move.duration() >= slowest - 1e-12, move.duration() + " < " + slowest);
      assertTrue(move.duration() < 3 * slowest, "synchronising should not slow the move threefold");
    }
  }

  @Test
  void pointToPointOfZeroLengthIsOneSample() {
    ArmSpec arm = ArmSpec.palletiser();
    double[] q = {0.1, 0.2, -0.3, 0.4};
    PointToPoint move = Trajectories.pointToPoint(arm, q, q);
    assertEquals(0, move.duration());
    JointTrajectory tr = move.sample(DT);
    assertEquals(1, tr.size());
    assertArrayEquals(q, tr.positions(0), 0.0);
  }

  @Test
  void pointToPointRefusesJointsOutsideTheLimits() {
    ArmSpec arm = ArmSpec.sixAxis();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Trajectories.pointToPoint(arm, new double[6], new double[] {0, 0, 1.5, 0, 0, 0}));
    assertTrue(e.getMessage().startsWith("sixAxis.to[2]: 1.5 rad, must be in [-3.49"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(joint3 limits)"), e.getMessage());
  }

  static final CartesianLimits GENTLE = new CartesianLimits(0.5, 2.0, 1.0, 4.0);

  @Test
  void straightLineMoveKeepsTheToolOnTheSegmentWithinAllLimits() {
    ArmSpec arm = ArmSpec.sixAxis();
    double[] from = {0.3, 0.4, -0.8, 0.2, 1.2, 0.1};
    Pose start = Kinematics.toolPose(arm, from);
    Quat turn = Quat.axisAngle(new Vec3(0.3, -1, 0.4), Math.toRadians(25));
    Pose target = new Pose(start.position().plus(new Vec3(-0.1, 0.15, -0.1)), turn.times(start.rotation()));
    CartesianMove m = Trajectories.linear(arm, from, target, GENTLE, DT);
    assertTrue(m.feasible(), m.problem());
    assertEquals("", m.problem());
    assertTrue(Double.isNaN(m.failedAt()));
    JointTrajectory tr = m.trajectory();
    assertArrayEquals(from, tr.positions(0), 0.0);
    Pose end = Kinematics.toolPose(arm, tr.positions(tr.size() - 1));
    assertTrue(Arms.distance(end, target) < 1e-8);
    assertTrue(Arms.angle(end.rotation(), target.rotation()) < 1e-8);
    Vec3 seg = target.position().minus(start.position());
    double len = seg.length();
    double angle = Arms.angle(target.rotation(), start.rotation());
    double prevS = 0;
    for (int k = 0; k < tr.size(); k++) {
      Pose p = Kinematics.toolPose(arm, tr.positions(k));
      Vec3 rel = p.position().minus(start.position());
      double s = rel.dot(seg) / (len * len);
      assertTrue(rel.minus(seg.times(s)).length() < 1e-8, "off the line at sample " + k);
      assertTrue(s >= prevS - 1e-12 && s <= 1 + 1e-9, "goes back at sample " + k);
      // orientation: a fraction s of the way round the same axis
      Quat expected = Quat.axisAngle(new Vec3(0.3, -1, 0.4), s * angle).times(start.rotation());
      assertTrue(Arms.angle(expected, p.rotation()) < 1e-7, "orientation off at sample " + k);
      if (k > 0) {
        double speed = (s - prevS) * len / (tr.time(k) - tr.time(k - 1));
        assertTrue(speed <= GENTLE.maxSpeed() * (1 + 1e-6), "tool speed " + speed);
      }
      prevS = s;
    }
    checkLimits(arm, tr);
    double expectedDuration = Math.max(new TrapezoidalMove(len, 0.5, 2.0).duration(),
        new TrapezoidalMove(angle, 1.0, 4.0).duration());
    assertEquals(expectedDuration, tr.duration(), 1e-9);
  }

  @Test
  void palletiserLiftsAndTurnsWithTheFlangeDown() {
    ArmSpec arm = ArmSpec.palletiser();
    double[] from = {0.3, 0.6, -0.2, 0.5};
    Pose start = Kinematics.toolPose(arm, from);
    // the target's tilt is ignored: only its heading counts
    Pose target = new Pose(start.position().plus(new Vec3(0.1, -0.2, 0.4)), Quat.yaw(1.0));
    CartesianMove m = Trajectories.linear(arm, from, target, GENTLE, DT);
    assertTrue(m.feasible(), m.problem());
    JointTrajectory tr = m.trajectory();
    Pose end = Kinematics.toolPose(arm, tr.positions(tr.size() - 1));
    assertTrue(Arms.distance(end, target) < 1e-8);
    Vec3 x = end.rotation().rotate(new Vec3(1, 0, 0));
    assertEquals(1.0, Math.atan2(x.y(), x.x()), 1e-8);
    for (int k = 0; k < tr.size(); k++) {
      Vec3 z = Kinematics.toolPose(arm, tr.positions(k)).rotation().rotate(new Vec3(0, 0, 1));
      assertEquals(-1, z.z(), 1e-12);
    }
    checkLimits(arm, tr);
  }

  @Test
  void straightLineTooFastForTheJointsFailsNamingTheJointAndItsSpeed() {
    // the preset's joints with accelerations so high that only a speed limit can be exceeded
    ArmSpec arm = withLimits(ArmSpec.sixAxis(), "stiff", Double.NaN, 1000);
    double[] from = {0, 0.5, -0.5, 0, 0.5, 0};
    Pose start = Kinematics.toolPose(arm, from);
    // sideways at up to 4 m/s with the orientation held: the wrist cannot keep up
    Pose target = new Pose(start.position().plus(new Vec3(0, 0.3, 0)), start.rotation());
    CartesianMove m = Trajectories.linear(arm, from, target, new CartesianLimits(4, 40, 5, 50), DT);
    assertFalse(m.feasible());
    assertTrue(m.problem().startsWith("stiff.joint") && m.problem().contains("rad/s between")
        && m.problem().contains("exceeds maxSpeed"), m.problem());
    assertTrue(m.failedAt() > 0 && m.failedAt() < 0.5, "failed at " + m.failedAt());
    assertEquals(m.failedAt(), m.trajectory().duration() + DT, 1e-3);
    checkLimits(arm, m.trajectory());
    // the same path slowly is fine
    CartesianMove slow = Trajectories.linear(arm, from, target, GENTLE, DT);
    assertTrue(slow.feasible(), slow.problem());
  }

  /** Turning the tool while q5 runs towards 0 (joints 4 and 6 in line) needs wrist accelerations beyond the limits. */
  @Test
  void straightLineIntoTheWristSingularityFails() {
    ArmSpec arm = ArmSpec.sixAxis();
    double[] from = {0.2, 0.3, -0.6, 0.4, 0.9, -0.3};
    Pose start = Kinematics.toolPose(arm, from);
    Quat turn = Quat.axisAngle(new Vec3(0.3, -1, 0.4), Math.toRadians(30));
    Pose target = new Pose(start.position().plus(new Vec3(-0.15, 0.2, -0.1)), turn.times(start.rotation()));
    CartesianMove m = Trajectories.linear(arm, from, target, GENTLE, DT);
    assertFalse(m.feasible());
    assertTrue(m.problem().matches("sixAxis\\.joint[46]: .* exceeds max.*"), m.problem());
    checkLimits(arm, m.trajectory());
  }

  @Test
  void straightLineOutOfReachFailsAtTheFirstUnreachableSample() {
    // near full stretch joint speeds grow without bound: lift the limits so that reach is what fails
    ArmSpec arm = withLimits(ArmSpec.sixAxis(), "free", 1e3, 1e6);
    double[] from = {0, 0.5, -0.5, 0, 0.5, 0};
    Pose start = Kinematics.toolPose(arm, from);
    Pose target = new Pose(new Vec3(1.5, 0, start.position().z()), start.rotation());
    CartesianMove m = Trajectories.linear(arm, from, target, GENTLE, DT);
    assertFalse(m.feasible());
    assertTrue(m.problem().contains("not reached from the previous sample"), m.problem());
    JointTrajectory tr = m.trajectory();
    double lastX = Kinematics.toolPose(arm, tr.positions(tr.size() - 1)).position().x();
    assertTrue(lastX > 0.8 && lastX < 0.93, "got as far as x = " + lastX);
  }
}
