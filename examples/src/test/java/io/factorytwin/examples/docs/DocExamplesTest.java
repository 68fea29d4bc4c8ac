package io.factorytwin.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.equipment.PhotoEyeSpec;
import io.factorytwin.core.equipment.RobotArm;
import io.factorytwin.core.equipment.RobotArmSpec;
import io.factorytwin.core.equipment.SinkSpec;
import io.factorytwin.core.equipment.SourceSpec;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.kinematics.IkResult;
import io.factorytwin.core.kinematics.Kinematics;
import io.factorytwin.core.kinematics.PointToPoint;
import io.factorytwin.core.kinematics.Trajectories;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.examples.Quickstart;
import io.factorytwin.physics.JBulletPhysics;
import io.factorytwin.viewer.PredictedTrack;
import io.factorytwin.viewer.ReplayEvent;
import io.factorytwin.viewer.ReplayPage;
import io.factorytwin.viewer.ReplayRecorder;
import io.factorytwin.viewer.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code the docs quote that is not part of an example, each region between {@code // snippet:NAME}
 * and {@code // end-snippet} (DocSnippetsTest compares the docs with them), and run here so that a
 * snippet that compiles but no longer works fails a test.
 */
class DocExamplesTest {

  @Test
  void conveyorLineOfTheGuideBuilds() {
    // snippet:conveyor-line
    Layout line = Layout.builder("line").floor(Material.of(0.5, 0))
        .conveyor("belt0", ConveyorSpec.level(new Vec3(0, 0, 0.8), 0, 3.0, 0.6).withGuides(0.05))
        .conveyor("belt1", ConveyorSpec.level(new Vec3(3.03, 0, 0.8), 0, 3.0, 0.6).withGuides(0.05))
        .source("source", new SourceSpec(new Pose(new Vec3(0.3, 0, 0.935), Quat.IDENTITY), 30, 0,
            new Vec3(0.2, 0.2, 0.2), new Vec3(0.3, 0.3, 0.25), 1, 3, 0.5, 11))
        .photoEye("eye", new PhotoEyeSpec(new Vec3(4.5, -0.4, 0.9), new Vec3(4.5, 0.4, 0.9), 0.02, 0.02))
        .sink("sink", new SinkSpec(Pose.at(5.9, 0, 1.0), new Vec3(0.2, 1.0, 0.6)))
        .build();
    // end-snippet
    assertEquals(2, line.conveyors().size());
    assertTrue(line.actionSchema().indexOf("belt0.speed.cmd") >= 0, line.actionSchema().toString());
  }

  @Test
  void craneBayOfTheGuideBuilds() {
    // snippet:crane-bay
    Layout layout = Layout.builder("bay")
        .floor(Material.of(0.6, 0))
        .crane("crane1", CraneSpec.reference())            // or CraneSpec.builder()...build()
        .workpiece("block", w -> w.box(1.2, 1.2, 0.6).mass(2000).at(2, 15, 0.3))
        .build();
    // end-snippet
    assertEquals(1, layout.cranes().size());
    assertEquals(2, layout.bodyCount(), "the hook and the block");
  }

  @Test
  void armMoveOfTheGuideReachesItsTarget() {
    Quat down = Quat.axisAngle(new Vec3(1, 0, 0), Math.PI);   // tool Z pointing down
    // snippet:arm-move
    Layout cell = Layout.builder("cell").floor(Material.of(0.6, 0))
        .robotArm("arm", RobotArmSpec.sixAxis())                 // links become moving fixtures arm.link1 ...
        .workpiece("box", w -> w.box(0.2, 0.2, 0.2).mass(5).at(0.6, -0.4, 0.1))
        .build();
    RobotArm arm = cell.robotArms().get(0);
    double[] currentJoints = arm.spec().start();
    Pose target = new Pose(new Vec3(0.6, -0.4, 0.2005), down);   // the cup on the box's top face
    IkResult ik = Kinematics.inverse(arm.spec().arm(), target, currentJoints);
    PointToPoint move = Trajectories.pointToPoint(arm.spec().arm(), currentJoints, ik.joints());
    // stream move.position(t) to the arm's position commands, tick by tick
    // end-snippet
    assertTrue(ik.reachable(), ik.toString());
    double[] q = new double[6];
    move.position(move.duration(), q);
    Vec3 tool = Kinematics.forward(arm.spec().arm(), q).tool().position();
    assertEquals(0.0, tool.minus(target.position()).length(), 1e-6, "the move ends at the target: " + tool);
  }

  @Test
  void twinBasicsOfTheOverviewRunSnapshotAndRestore() {
    Layout layout = Quickstart.layout();
    long seed = Quickstart.SEED;
    // snippet:twin
    Twin twin = Twin.create(layout, new JBulletPhysics(), seed);
    twin.run(layout.ticks(1.0), Plan.IDLE);          // one simulated second
    double z = twin.state().position(layout.bodyIndex("box1"), 2);
    SimState snapshot = twin.snapshot();             // a deep copy
    twin.restore(snapshot);                          // back to it
    // end-snippet
    assertTrue(z < Quickstart.layout().workpieces().get(0).pose().position().z(), "box1 slid down: z = " + z);
    twin.run(10, Plan.IDLE);
    assertTrue(!twin.state().bitwiseEquals(snapshot));
    twin.restore(snapshot);
    assertTrue(twin.state().bitwiseEquals(snapshot));
  }

  @Test
  void viewerOverlayOfTheGuideWritesAPage(@TempDir Path dir) throws Exception {
    Layout layout = Quickstart.layout();
    Twin twin = Twin.create(layout, new JBulletPhysics(), Quickstart.SEED);
    ReplayRecorder recorder = new ReplayRecorder(layout, 1.0 / 30);
    recorder.record(twin.state());
    for (int k = 0; k < 480; k++) {
      twin.step();
      recorder.record(twin.state());
    }
    double[] times = {0, 1, 2};
    double[] mean = {1.0, 0.1, 1.0, 1.5, 0.1, 0.6, 2.0, 0.1, 0.2};   // [sample][xyz]
    double[] halfWidths = {0, 0, 0, 0.05, 0.05, 0.05, 0.12, 0.12, 0.12};
    // snippet:overlay
    ReplayPage page = ReplayPage.builder(layout)
        .title("box1: twin against a prediction")
        .recording(recorder)                                         // bodies move as recorded
        .track(recorder.track("box1", "twin"))                       // a solid line
        .predicted(new PredictedTrack("box1", "hybrid", times, mean, halfWidths)) // dashed, with its band
        .event(new ReplayEvent(1.5, "box1 enters the bin", "box1"))  // a mark on the timeline
        .build();
    Path html = page.write(dir.resolve("replay.html"));
    // end-snippet
    String text = Files.readString(html);
    assertTrue(text.contains("\"label\":\"box1 enters the bin\""), "the event is in the page");
    assertTrue(text.contains("\"label\":\"hybrid\""), "the prediction is in the page");
    Track t = recorder.track("box1", "twin");
    assertEquals(recorder.frameCount(), t.size());
  }
}
