package io.factorytwin.examples;

import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.equipment.PhotoEye;
import io.factorytwin.core.equipment.PhotoEyeSpec;
import io.factorytwin.core.equipment.RobotArm;
import io.factorytwin.core.equipment.RobotArmSpec;
import io.factorytwin.core.equipment.SourceSpec;
import io.factorytwin.core.equipment.StopperSpec;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.kinematics.IkResult;
import io.factorytwin.core.kinematics.Kinematics;
import io.factorytwin.core.kinematics.PointToPoint;
import io.factorytwin.core.kinematics.Trajectories;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.examples.plots.Outputs;
import io.factorytwin.physics.JBulletPhysics;
import io.factorytwin.viewer.ReplayPage;
import io.factorytwin.viewer.ReplayRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A robot cell: boxes arrive on a belt and stop against a stopper; a photo-eye sees each one; the
 * six-axis arm picks it with its vacuum cup and stacks the boxes on a pallet, 3 × 3 per layer, two
 * layers. Prints the cycle time of every box and where each ended up on the pallet against where it
 * was meant to go.
 *
 * <p>The arm is driven like a real one: every move is a synchronised joint-space move
 * ({@link Trajectories#pointToPoint}) between poses solved by inverse kinematics, streamed to the
 * servos as position commands tick by tick.
 *
 * <p>Run: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl examples exec:java
 * -Dexec.mainClass=io.factorytwin.examples.RobotCell}. Stateless; each run builds its own twin.
 */
public final class RobotCell {
  static final double BELT_TOP = 0.3, BOX = 0.15, PALLET_TOP = 0.15, PITCH = 0.16;
  static final Vec3 PICK = new Vec3(0.5, -0.3, BELT_TOP + BOX); // top centre of a box held by the stopper
  static final Vec3 PALLET = new Vec3(0, 0.5, PALLET_TOP);
  static final double SAFE_Z = 0.65; // a held box's underside clears the second layer (0.45 m)
  /** The tool pointing straight down, cup axis along −Z. */
  static final Quat DOWN = Quat.axisAngle(new Vec3(1, 0, 0), Math.PI);

  private RobotCell() {}

  /** The cell's layout. */
  public static Layout layout() {
    ConveyorSpec belt = new ConveyorSpec(new Vec3(0.5, -2.2, BELT_TOP), Math.PI / 2, 0, 2.05, 0.4, 0.3, 1.0, 0.04, 1.0);
    return Layout.builder("robot-cell").floor(Material.of(0.6, 0))
        .robotArm("arm", RobotArmSpec.sixAxis())
        .conveyor("belt", belt)
        .stopper("stop", new StopperSpec(Pose.at(0.5, PICK.y() + BOX / 2 + 0.02 + 0.01, BELT_TOP + 0.08), new Vec3(0.5, 0.04, 0.16)))
        .photoEye("eye", new PhotoEyeSpec(new Vec3(0.2, PICK.y() - 0.05, BELT_TOP + 0.1), new Vec3(0.8, PICK.y() - 0.05,
            BELT_TOP + 0.1), 0.05, 0.05))
        .source("source", new SourceSpec(new Pose(new Vec3(0.5, -2.0, BELT_TOP + BOX / 2 + 0.0005), Quat.IDENTITY), 20, 0,
            new Vec3(BOX, BOX, BOX), new Vec3(BOX, BOX, BOX), 2, 2, 0.6, 7))
        .fixture("pallet", f -> f.box(0.6, 0.6, PALLET_TOP).at(PALLET.x(), PALLET.y(), PALLET_TOP / 2))
        .build();
  }

  /** Where box k (0..17) goes: the centre of its top face. */
  static Vec3 slot(int k) {
    int layer = k / 9, i = k % 9;
    return new Vec3(PALLET.x() + (i % 3 - 1) * PITCH, PALLET.y() + (i / 3 - 1) * PITCH, PALLET_TOP + BOX * (layer + 1));
  }

  /** One placed box. */
  public record Placed(int index, double cycleSeconds, double errorMm) {}

  /** Cycle times and placement errors of the 18 boxes. */
  public record Result(List<Placed> boxes, double totalSeconds) {
    /** The largest placement error [mm]. */
    public double worstErrorMm() {
      return boxes.stream().mapToDouble(Placed::errorMm).max().orElse(Double.NaN);
    }
  }

  /** A point-to-point move of the arm, streamed as position commands. */
  static final class Mover {
    final Twin twin;
    final RobotArm arm;
    final double[] a;
    final Consumer<SimState> observer;
    Mover(Twin twin, RobotArm arm, double[] a, Consumer<SimState> observer) {
      this.twin = twin;
      this.arm = arm;
      this.a = a;
      this.observer = observer;
    }

    /** One step under the current actions, shown to the observer. */
    void step() {
      twin.step(a);
      observer.accept(twin.state());
    }

    double[] joints() {
      double[] q = new double[6];
      arm.joints(twin.state(), q);
      return q;
    }

    /** Moves to {@code target} (tool pose), holding the rest of the actions as they are. */
    void moveTo(Pose target) {
      double[] from = joints();
      IkResult ik = Kinematics.inverse(arm.spec().arm(), target, from);
      if (!ik.reachable()) throw new IllegalStateException("cell: " + target + " is out of reach: " + ik);
      PointToPoint move = Trajectories.pointToPoint(arm.spec().arm(), from, ik.joints());
      double dt = twin.layout().stepSeconds();
      double[] q = new double[6];
      long steps = twin.layout().ticks(move.duration()) + 1;
      for (long k = 1; k <= steps; k++) {
        move.position(Math.min(k * dt, move.duration()), q);
        command(q);
        step();
      }
    }

    void command(double[] q) {
      for (int j = 0; j < 6; j++) {
        a[arm.jointAction(j)] = 1;
        a[arm.jointAction(j) + 1] = q[j];
      }
    }

    void vacuum(boolean on) {
      a[arm.vacuumAction()] = on ? 1 : 0;
    }

    void idle(double seconds) {
      for (long k = 0; k < twin.layout().ticks(seconds); k++) step();
    }
  }

  /** Runs the cell until 18 boxes are stacked. */
  public static Result run() {
    return run(layout(), state -> {});
  }

  /** Runs {@code layout} (this example's) until 18 boxes are stacked, showing {@code observer} every state. */
  public static Result run(Layout layout, Consumer<SimState> observer) {
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    observer.accept(twin.state());
    RobotArm arm = layout.robotArms().get(0);
    PhotoEye eye = (PhotoEye) layout.equipment().get(3);
    double[] a = new double[layout.actionSchema().size()];
    int beltAction = arm.actionCount(), stopAction = beltAction + 1, spawnAction = beltAction + 2;
    Mover m = new Mover(twin, arm, a, observer);
    m.command(arm.spec().start());
    a[beltAction] = 0.3;
    a[stopAction] = 1;
    double dt = layout.stepSeconds();
    List<Placed> placed = new ArrayList<>();
    List<Integer> bodies = new ArrayList<>();
    for (int k = 0; k < 18; k++) {
      // a box comes: spawn it and wait until the eye has seen it and it has come to rest at the stopper
      a[spawnAction] = 1;
      m.step();
      a[spawnAction] = 0;
      long waited = 0;
      while (!eye.blocked(twin.state()) || !atRest(twin.state(), layout)) {
        m.step();
        if (++waited > layout.ticks(30)) throw new IllegalStateException("cell: box " + k + " never arrived");
      }
      double t0 = twin.state().tick() * dt;
      int body = boxAtPick(twin.state(), layout);
      Vec3 top = new Vec3(twin.state().position(body, 0), twin.state().position(body, 1), twin.state().position(body, 2) + BOX / 2);
      m.moveTo(new Pose(top.plus(new Vec3(0, 0, 0.12)), DOWN));
      m.moveTo(new Pose(top.plus(new Vec3(0, 0, 0.0005)), DOWN));
      m.vacuum(true);
      m.idle(0.05);
      if (arm.holding(twin.state()) != body) throw new IllegalStateException("cell: box " + k + " not gripped");
      m.moveTo(new Pose(new Vec3(top.x(), top.y(), SAFE_Z), DOWN));
      Vec3 s = slot(k);
      m.moveTo(new Pose(new Vec3(s.x(), s.y(), SAFE_Z), DOWN));
      m.moveTo(new Pose(s.plus(new Vec3(0, 0, 0.003)), DOWN)); // set it down 3 mm above its place
      m.vacuum(false);
      m.idle(0.1);
      m.moveTo(new Pose(new Vec3(s.x(), s.y(), SAFE_Z), DOWN));
      double cycle = twin.state().tick() * dt - t0;
      bodies.add(body);
      placed.add(new Placed(k, cycle, 0));
    }
    m.idle(1.0);
    // placement error of each box: its top centre against its slot
    List<Placed> out = new ArrayList<>();
    for (int k = 0; k < 18; k++) {
      int body = bodies.get(k);
      Vec3 top = new Vec3(twin.state().position(body, 0), twin.state().position(body, 1), twin.state().position(body, 2) + BOX / 2);
      out.add(new Placed(k, placed.get(k).cycleSeconds(), 1000 * top.minus(slot(k)).length()));
    }
    return new Result(out, twin.state().tick() * dt);
  }

  static boolean atRest(SimState s, Layout layout) {
    int b = boxAtPick(s, layout);
    if (b < 0) return false;
    double v = Math.abs(s.velocity(b, 0)) + Math.abs(s.velocity(b, 1)) + Math.abs(s.velocity(b, 2));
    return v < 0.005;
  }

  /** The box nearest the pick point, or −1 when none is within 5 cm. */
  static int boxAtPick(SimState s, Layout layout) {
    for (int i = 0; i < s.bodyCount(); i++) {
      if (layout.isParked(s, i) || s.carried()[i]) continue;
      double dx = s.position(i, 0) - PICK.x(), dy = s.position(i, 1) - PICK.y();
      if (Math.hypot(dx, dy) < 0.05 && s.position(i, 2) < BELT_TOP + BOX) return i;
    }
    return -1;
  }

  /** Prints cycle times and placement errors, and writes a 3D replay of the cell to the output folder "robot-cell". */
  public static void main(String[] args) {
    Layout layout = layout();
    ReplayRecorder replay = new ReplayRecorder(layout, 1.0 / 30);
    Result r = run(layout, replay::record);
    System.out.println("Robot cell: six-axis arm stacking 0.15 m boxes from a belt onto a pallet, 3 x 3 x 2");
    System.out.println("box  layer  cycle [s]  placement error [mm]");
    for (Placed p : r.boxes()) {
      System.out.printf(Locale.ROOT, "%3d  %5d  %9.2f  %8.2f%n", p.index() + 1, p.index() / 9 + 1, p.cycleSeconds(), p.errorMm());
    }
    System.out.printf(Locale.ROOT, "total %.1f s, worst placement error %.2f mm%n", r.totalSeconds(), r.worstErrorMm());
    System.out.println();
    System.out.println("3D replay: " + ReplayPage.builder(layout).title("Robot cell: palletising 18 boxes")
        .recording(replay).build().write(Outputs.folder("robot-cell").resolve("replay.html")));
  }
}
