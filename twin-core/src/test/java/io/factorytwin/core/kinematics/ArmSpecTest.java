package io.factorytwin.core.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArmSpecTest {

  @Test
  void everyProblemIsReportedInOneExceptionWithPathValueAndBound() {
    ArmSpec.Builder b = ArmSpec.builder("arm1")
        .joint(new Joint(0.1, 0, 0.3, 0, -1, 1, Double.NaN, 5))
        .joint(new Joint(0.1, 0, 0.3, 0, -1, 1, 2, 5))
        .joint(new Joint(0.1, 0, 0.3, 0, 2, -1, 2, 5))
        .joint(new Joint(Double.POSITIVE_INFINITY, 0, 0.3, 0, -1, 1, 2, -5))
        .coupled(new CoupledJoint(7, 0, 0, 0, 0, new double[] {0, 1, 1}))
        .link(LinkInertia.cylinder(2, Vec3.ZERO, 0, 0.3, 0.05))
        .link(new LinkInertia(-1, new Vec3(0, Double.NaN, 0), new Vec3(0.1, 0.1, 0.5)))
        .link(LinkInertia.cylinder(2, Vec3.ZERO, 0, 0.3, 0.05))
        .base(new Pose(Vec3.ZERO, new Quat(1, 1, 0, 0)))
        .payload(-3);
    ArmSpecException e = assertThrows(ArmSpecException.class, b::build);
    List<String> p = e.problems();
    assertTrue(p.contains("arm1.joint1.maxSpeed: NaN rad/s, must be > 0 and finite"), p.toString());
    assertTrue(p.contains("arm1.joint3.max: -1.0 rad, must be > min 2.0 rad"), p.toString());
    assertTrue(p.contains("arm1.joint4.a: Infinity m, must be finite"), p.toString());
    assertTrue(p.contains("arm1.joint4.maxAccel: -5.0 rad/s^2, must be > 0 and finite"), p.toString());
    assertTrue(p.contains("arm1.coupled1.afterJoint: 7, must be in [0, 4]"), p.toString());
    assertTrue(p.contains("arm1.coupled1.gains: length 3, must be 4 (one per actuated joint)"), p.toString());
    assertTrue(p.contains("arm1.links: 3 links, must be 4 (one per joint)"), p.toString());
    assertTrue(p.contains("arm1.link2.mass: -1.0 kg, must be > 0 and finite"), p.toString());
    assertTrue(p.contains("arm1.link2.centreOfMass: (0.0, NaN, 0.0) m, must be finite"), p.toString());
    assertTrue(p.contains("arm1.link2.principalInertia: (0.1, 0.1, 0.5) kg*m^2, must satisfy the triangle inequality"
        + " (each moment <= the sum of the other two)"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("arm1.base.rotation: norm 1.414")), p.toString());
    assertTrue(p.contains("arm1.payload: -3.0 kg, must be >= 0 and finite"), p.toString());
    assertTrue(p.contains("arm1.taskSpace: POSE with 4 joints, needs at least 6"), p.toString());
    assertEquals(13, p.size(), p.toString());
    assertTrue(e.getMessage().startsWith("arm arm1 has 13 problems:"), e.getMessage());
  }

  @Test
  void emptyArmAndBadNameAreRefused() {
    ArmSpecException e = assertThrows(ArmSpecException.class, () -> ArmSpec.builder("my arm").build());
    assertEquals(List.of("my arm: name my arm, must match [A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*",
        "my arm.joints: none, must have at least one joint", "my arm.taskSpace: POSE with 0 joints, needs at least 6"),
        e.problems());
  }

  @Test
  void presetsAreValidAndEditable() {
    ArmSpec six = ArmSpec.sixAxis();
    assertEquals(6, six.dof());
    assertEquals(6, six.links().size());
    assertEquals(5.0, six.payload());
    ArmSpec renamed = six.toBuilder().name("cell3.arm").tool(Pose.at(0, 0, 0.1)).build();
    assertEquals("cell3.arm", renamed.name());
    assertEquals(six.joints(), renamed.joints());
    ArmSpec pal = ArmSpec.palletiser();
    assertEquals(4, pal.dof());
    assertEquals(1, pal.coupledJoints().size());
    assertEquals(TaskSpace.POSITION_YAW, pal.taskSpace());
    assertEquals(40.0, pal.payload());
  }

  @Test
  void sixAxisReachesAbout085mToTheWristCentreAndNoFurther() {
    ArmSpec arm = ArmSpec.sixAxis();
    // stretched forward: upper arm horizontal, forearm in line with it
    double straight = -Math.atan2(0.395, 0.035);
    double[] q = {0, Math.PI / 2, straight, 0, 0, 0};
    Vec3 wrist = Kinematics.forward(arm, q).frames().get(4).position();
    double reach = Math.hypot(wrist.x(), wrist.y());
    assertEquals(0.025 + 0.425 + Math.hypot(0.035, 0.395), reach, 1e-12);
    assertEquals(0.85, reach, 0.01);
    Random rnd = new Random(5);
    for (int i = 0; i < 20000; i++) {
      Vec3 w = Kinematics.forward(arm, Arms.randomJoints(arm, rnd)).frames().get(4).position();
      assertTrue(Math.hypot(w.x(), w.y()) <= reach + 1e-12);
    }
  }

  @Test
  void palletiserReachesAbout185mHorizontallyAndNoFurther() {
    ArmSpec arm = ArmSpec.palletiser();
    Random rnd = new Random(6);
    double max = 0;
    for (int i = 0; i < 20000; i++) {
      Vec3 p = Kinematics.toolPose(arm, Arms.randomJoints(arm, rnd)).position();
      max = Math.max(max, Math.hypot(p.x(), p.y()));
    }
    assertTrue(max <= 1.85 + 1e-12 && max > 1.8, "max horizontal reach " + max);
  }

  @Test
  void couplingGainsAreCopiedInAndOut() {
    double[] g = {0, -1, -1, 0};
    CoupledJoint c = new CoupledJoint(3, 0.1, 0, 0, 0, g);
    g[1] = 5;
    c.gains()[2] = 7;
    assertEquals(new CoupledJoint(3, 0.1, 0, 0, 0, new double[] {0, -1, -1, 0}), c);
  }
}
