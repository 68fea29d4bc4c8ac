package io.factorytwin.physics.robot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.equipment.RobotArm;
import io.factorytwin.core.equipment.RobotArmSpec;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.kinematics.Kinematics;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.LayoutBuilder;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.Contact;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The six-axis arm as physics: tracking, weak motors, the vacuum gripper, limits and contacts. */
class RobotArmTest {
  static final double DEG = Math.PI / 180;

  /** The six-axis arm at home, a box of {@code mass} kg just under its cup, more elements from {@code more}. */
  static Layout cell(RobotArmSpec spec, double mass, Consumer<LayoutBuilder> more) {
    Pose tool = Kinematics.toolPose(spec.arm(), spec.start());
    Vec3 c = tool.toWorld(new Vec3(0, 0, 0.1005)); // a 0.2 m cube whose top face is 0.5 mm under the cup
    LayoutBuilder b = Layout.builder("cell").floor(Material.of(0.6, 0)).robotArm("arm", spec)
        .workpiece("box", w -> w.box(0.2, 0.2, 0.2).mass(mass).pose(new Pose(c, tool.rotation())));
    more.accept(b);
    return b.build();
  }

  static double[] hold(Layout layout, RobotArm arm, double[] q, boolean vacuum) {
    double[] a = new double[layout.actionSchema().size()];
    for (int k = 0; k < q.length; k++) {
      a[arm.jointAction(k)] = 1;
      a[arm.jointAction(k) + 1] = q[k];
    }
    a[arm.vacuumAction()] = vacuum ? 1 : 0;
    return a;
  }

  @Test
  void tracksAFullSpeedMoveWithinHalfADegreeCarryingTheRatedPayload() {
    RobotArmSpec spec = RobotArmSpec.sixAxis();
    Layout layout = cell(spec, 5.0, b -> {});
    RobotArm arm = layout.robotArms().get(0);
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    double[] home = spec.start();
    twin.step(hold(layout, arm, home, true));
    assertEquals(layout.bodyIndex("box"), arm.holding(twin.state()), "gripped the 5 kg box");
    double[] target = {90 * DEG, 40 * DEG, -60 * DEG, 45 * DEG, 60 * DEG, -90 * DEG};
    var move = io.factorytwin.core.kinematics.Trajectories.pointToPoint(spec.arm(), home, target);
    double dt = layout.stepSeconds(), worst = 0;
    double[] ref = new double[6];
    long start = twin.state().tick();
    for (long k = 1; k <= layout.ticks(move.duration() + 0.5); k++) {
      move.position(k * dt, ref);
      twin.step(hold(layout, arm, ref, true));
      for (int j = 0; j < 6; j++) worst = Math.max(worst, Math.abs(arm.joint(twin.state(), j) - ref[j]));
    }
    System.out.printf("arm tracking: %.3f s move, worst joint error %.4f deg with 5 kg%n", move.duration(), worst / DEG);
    assertEquals(layout.bodyIndex("box"), arm.holding(twin.state()), "still holding");
    assertTrue(worst < 0.5 * DEG, "worst tracking error " + worst / DEG + " deg, must be < 0.5");
    assertTrue(twin.state().tick() > start);
  }

  @Test
  void palletiserCarriesItsRatedFortyKilosWithTheFlangeKeptDown() {
    RobotArmSpec spec = RobotArmSpec.palletiser();
    Pose tool = Kinematics.toolPose(spec.arm(), spec.start());
    Vec3 c = tool.toWorld(new Vec3(0, 0, 0.1505));
    Layout layout = Layout.builder("pal").floor(Material.of(0.6, 0)).robotArm("arm", spec)
        .workpiece("sack", w -> w.box(0.5, 0.35, 0.3).mass(40).pose(new Pose(c, tool.rotation()))).build();
    RobotArm arm = layout.robotArms().get(0);
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    twin.step(hold(layout, arm, spec.start(), true));
    assertEquals(layout.bodyIndex("sack"), arm.holding(twin.state()));
    double[] target = {120 * DEG, 60 * DEG, -40 * DEG, 90 * DEG};
    var move = io.factorytwin.core.kinematics.Trajectories.pointToPoint(spec.arm(), spec.start(), target);
    double[] ref = new double[4];
    double worst = 0, tilt = 0;
    for (long k = 1; k <= layout.ticks(move.duration() + 0.3); k++) {
      move.position(k * layout.stepSeconds(), ref);
      twin.step(hold(layout, arm, ref, true));
      for (int j = 0; j < 4; j++) worst = Math.max(worst, Math.abs(arm.joint(twin.state(), j) - ref[j]));
      double[] q = new double[4];
      arm.joints(twin.state(), q);
      Vec3 z = Kinematics.toolPose(spec.arm(), q).rotation().rotate(new Vec3(0, 0, 1));
      tilt = Math.max(tilt, Math.acos(Math.min(1, -z.z())));
    }
    System.out.printf("palletiser: %.2f s move with 40 kg, worst joint error %.4f deg, flange tilt %.2e deg%n",
        move.duration(), worst / DEG, tilt / DEG);
    assertTrue(worst < 0.5 * DEG, "tracking " + worst / DEG + " deg");
    assertTrue(tilt < 1e-6, "the coupled joint keeps the flange pointing down");
    assertEquals(layout.bodyIndex("sack"), arm.holding(twin.state()));
  }

  @Test
  void aMotorTooWeakForItsLoadShowsGravitySag() {
    // joint 2 (shoulder) gets 40 N·m where holding the arm stretched out takes far more
    RobotArmSpec weak = RobotArmSpec.sixAxis().withMaxTorque(400, 40, 150, 40, 40, 20).withStart(0, 60 * DEG, -60 * DEG, 0, 60 * DEG, 0);
    Layout layout = Layout.builder("weak").floor(Material.of(0.6, 0)).robotArm("arm", weak).build();
    RobotArm arm = layout.robotArms().get(0);
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    double[] cmd = weak.start();
    double[] ch = new double[layout.stateSchema().size()];
    int torque = layout.stateSchema().indexOf("arm.j2.torque");
    twin.run(layout.ticks(0.3), (t, s, a) -> System.arraycopy(hold(layout, arm, cmd, false), 0, a, 0, a.length));
    layout.readState(twin.state(), ch);
    double sag = arm.joint(twin.state(), 1) - cmd[1];
    System.out.printf("weak shoulder: sagged %.2f deg in 0.3 s at %.1f N*m%n", sag / DEG, ch[torque]);
    assertTrue(Math.abs(sag) > 5 * DEG, "the arm falls away from its command: " + sag / DEG + " deg");
    assertEquals(40, Math.abs(ch[torque]), 1e-9, "the motor gives all it has");
  }

  @Test
  void payloadLoadsTheJointsByItsWeight() {
    RobotArmSpec spec = RobotArmSpec.sixAxis().withStart(0, 30 * DEG, -30 * DEG, 0, 90 * DEG, 0);
    double[] torqueWith = settleTorques(cell(spec, 5.0, b -> {}), spec, true);
    double[] torqueWithout = settleTorques(cell(spec, 5.0, b -> {}), spec, false);
    // the payload's weight through the lever of each joint: ((c − O_j) × m g) · z_j, from the frames
    Layout layout = cell(spec, 5.0, b -> {});
    var frames = Kinematics.forward(spec.arm(), spec.start()).frames();
    Pose tool = Kinematics.toolPose(spec.arm(), spec.start());
    Vec3 c = tool.toWorld(new Vec3(0, 0, 0.1005));
    Vec3 weight = new Vec3(0, 0, -5.0 * 9.81);
    for (int j = 1; j <= 2; j++) {
      Pose f = frames.get(j);
      Vec3 z = f.rotation().rotate(new Vec3(0, 0, 1));
      double expected = -c.minus(f.position()).cross(weight).dot(z); // the motor holds against it
      assertEquals(expected, torqueWith[j] - torqueWithout[j], 0.02 * Math.abs(expected) + 0.05, "joint " + (j + 1));
    }
    assertTrue(layout.bodyCount() == 1);
  }

  static double[] settleTorques(Layout layout, RobotArmSpec spec, boolean vacuum) {
    RobotArm arm = layout.robotArms().get(0);
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    twin.run(layout.ticks(1.0), (t, s, a) -> System.arraycopy(hold(layout, arm, spec.start(), vacuum), 0, a, 0, a.length));
    double[] ch = new double[layout.stateSchema().size()];
    layout.readState(twin.state(), ch);
    double[] tau = new double[6];
    for (int j = 0; j < 6; j++) tau[j] = ch[layout.stateSchema().indexOf("arm.j" + (j + 1) + ".torque")];
    return tau;
  }

  @Test
  void switchingTheVacuumOffMidMoveDropsTheBox() {
    RobotArmSpec spec = RobotArmSpec.sixAxis();
    Layout layout = cell(spec, 2.0, b -> {});
    RobotArm arm = layout.robotArms().get(0);
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    double[] q = spec.start().clone();
    int box = layout.bodyIndex("box");
    for (int k = 0; k < 120; k++) { // swing joint 1 at 1 rad/s for 0.5 s, holding
      q[0] += 1.0 * layout.stepSeconds();
      twin.step(hold(layout, arm, q, true));
    }
    assertEquals(box, arm.holding(twin.state()));
    double vBefore = twin.state().velocity(box, 1);
    assertTrue(Math.abs(vBefore) > 0.2, "the box moves with the arm: " + vBefore);
    twin.step(hold(layout, arm, q, false));
    assertEquals(-1, arm.holding(twin.state()));
    assertTrue(!twin.state().carried()[box]);
    double z0 = twin.state().position(box, 2);
    for (int k = 0; k < 60; k++) twin.step(hold(layout, arm, q, false));
    assertTrue(twin.state().position(box, 2) < z0 - 0.3, "it fell");
    double[] ch = new double[layout.stateSchema().size()];
    layout.readState(twin.state(), ch);
    assertEquals(0.0, ch[layout.stateSchema().indexOf("arm.holding")]);
  }

  @Test
  void jointLimitsHoldAndLinksReportContactsWithFixtures() {
    RobotArmSpec spec = RobotArmSpec.sixAxis();
    Layout layout = Layout.builder("limits").floor(Material.of(0.6, 0)).robotArm("arm", spec)
        .fixture("column", f -> f.box(0.2, 0.2, 2.0).at(0, 0.55, 1.0)).build();
    RobotArm arm = layout.robotArms().get(0);
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    double[] q = spec.start().clone();
    boolean touched = false;
    for (int k = 0; k < layout.ticks(2.0); k++) { // turn the base towards +Y, into the column
      q[0] = Math.min(90 * DEG, q[0] + 0.8 * layout.stepSeconds());
      twin.step(hold(layout, arm, q, false));
      for (Contact c : twin.contacts()) touched |= c.elementA().startsWith("arm.") && c.elementB().equals("column")
          || c.elementB().startsWith("arm.") && c.elementA().equals("column");
    }
    assertTrue(touched, "the arm's links ran into the column and it was reported");
    q[4] = 200 * DEG; // beyond joint 5's +125°
    twin.run(layout.ticks(2.0), (t, s, a) -> System.arraycopy(hold(layout, arm, q, false), 0, a, 0, a.length));
    assertEquals(125 * DEG, arm.joint(twin.state(), 4), 1e-9, "stopped at the limit");
    assertTrue(twin.state().health().lastNotice().contains("arm.j5.pos: hit its limit"), twin.state().health().lastNotice());
  }
}
