package io.factorytwin.examples;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.examples.plots.Outputs;
import io.factorytwin.physics.JBulletPhysics;
import io.factorytwin.viewer.ReplayPage;
import io.factorytwin.viewer.ReplayRecorder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quickstart: three boxes of different sizes, masses and friction slide down an inclined chute
 * into a bin on the floor. It builds the layout, runs 10 s of simulated time on the JBullet twin,
 * and prints every box's position once a second, where each box came to rest (and whether it is
 * in the bin), and the state schema.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples exec:java} after {@code ./mvnw -q install -DskipTests}.
 * {@link #run()} returns the results for tests; {@link #main} prints them and writes the run's 3D
 * replay to target/factorytwin-out/quickstart/replay.html (see {@link Outputs}).
 *
 * <p>Stateless and thread-safe: every call to {@link #run()} builds its own twin, so runs on
 * different threads do not interact.
 */
public final class Quickstart {
  /** The seed of every quickstart run. Nothing in this layout is random yet; the seed is still part of the state. */
  public static final long SEED = 42L;

  /** Simulated duration of a run [s]. */
  public static final double DURATION = 10.0;

  /** Chute: centre of the upper surface at the high end [m], heading +X, length [m], width [m], slope [rad]. */
  static final Vec3 CHUTE_TOP = Vec3.of(0.0, 0.0, 1.3);
  static final double CHUTE_LENGTH = 2.0;
  static final double CHUTE_WIDTH = 0.6;
  static final double CHUTE_ANGLE = Math.toRadians(30);

  /** Bin: the walls' centre lines [m] and their height and thickness [m]. */
  static final double BIN_X0 = 1.4;
  static final double BIN_X1 = 3.0;
  static final double BIN_HALF_WIDTH = 0.6;
  static final double BIN_WALL_HEIGHT = 0.3;
  static final double BIN_WALL_THICKNESS = 0.05;

  /** Gap left between a box and the chute surface in the initial layout [m]: clear, so validation passes. */
  static final double CLEARANCE = 0.0005;

  private Quickstart() {}

  /**
   * The quickstart layout: a floor, a 30° chute 2 m long whose foot is 0.3 m above the floor, a bin
   * of four 0.3 m walls at the chute's foot, and three boxes resting on the chute, rotated with it.
   * Fixtures have friction 1.0, so each contact's coefficient is the box's own (friction multiplies).
   */
  public static Layout layout() {
    double h = BIN_WALL_HEIGHT, t = BIN_WALL_THICKNESS, w = BIN_HALF_WIDTH;
    // snippet:layout
    Material steel = Material.of(1.0, 0.0);                       // friction 1.0, restitution 0
    Layout layout = Layout.builder("quickstart")
        .floor(steel)
        .chute("chute", CHUTE_TOP, 0.0, CHUTE_LENGTH, CHUTE_WIDTH, CHUTE_ANGLE, steel)
        .wall("bin.near", BIN_X0, -w, BIN_X0, w, h, t, steel)
        .wall("bin.far", BIN_X1, -w, BIN_X1, w, h, t, steel)
        .wall("bin.left", BIN_X0, w, BIN_X1, w, h, t, steel)
        .wall("bin.right", BIN_X0, -w, BIN_X1, -w, h, t, steel)
        .workpiece("box1", b -> b.box(0.20, 0.20, 0.20).mass(1.0).friction(0.30)
            .pose(onChute(1.00, 0.10, 0.20)))
        .workpiece("box2", b -> b.box(0.25, 0.25, 0.25).mass(3.0).friction(0.35)
            .pose(onChute(0.60, -0.10, 0.25)))
        .workpiece("box3", b -> b.box(0.30, 0.30, 0.20).mass(6.0).friction(0.40)
            .pose(onChute(0.20, 0.00, 0.20)))
        .build();                                                 // validates everything at once
    // end-snippet
    return layout;
  }

  /**
   * The pose of a box of height {@code height} [m] lying on the chute, {@code along} metres down
   * the slope from the top edge and {@code across} metres to the side of the centre line: rotated
   * with the chute (the same rotation {@code LayoutBuilder.chute} gives the plate), its bottom face
   * {@link #CLEARANCE} above the surface.
   */
  static Pose onChute(double along, double across, double height) {
    Quat q = chuteRotation();
    Vec3 centre = CHUTE_TOP.plus(q.rotate(Vec3.of(along, across, height / 2 + CLEARANCE)));
    return new Pose(centre, q);
  }

  /** The chute's rotation: heading 0 about Z, then the slope about the plate's Y axis (down along +X). */
  static Quat chuteRotation() {
    return Quat.yaw(0.0).times(Quat.axisAngle(Vec3.of(0, 1, 0), CHUTE_ANGLE));
  }

  /**
   * True when the point's x and y lie inside the bin's inner footprint (between the inner faces of
   * its walls) [m].
   */
  public static boolean insideBin(Vec3 p) {
    double in = BIN_WALL_THICKNESS / 2;
    return p.x() > BIN_X0 + in && p.x() < BIN_X1 - in && Math.abs(p.y()) < BIN_HALF_WIDTH - in;
  }

  /** Runs the quickstart for {@link #DURATION} seconds with {@link #SEED}, recording a replay at 30 frames per second. */
  public static Result run() {
    Layout layout = layout();
    List<Sample> samples = new ArrayList<>();
    // snippet:run
    Twin twin = Twin.create(layout, new JBulletPhysics(), SEED);
    ReplayRecorder replay = new ReplayRecorder(layout, 1.0 / 30);  // keeps a frame every 8 ticks
    replay.record(twin.state());
    samples.add(sample(twin));
    for (long second = 1; second <= Math.round(DURATION); second++) {
      for (long k = 0; k < layout.ticks(1.0); k++) {                // 240 ticks of 1/240 s
        twin.step();                                                // no actuators, so no actions
        replay.record(twin.state());
      }
      samples.add(sample(twin));                                    // every box's position
    }
    // end-snippet
    List<Rest> rests = new ArrayList<>();
    SimState s = twin.state();
    for (int i = 0; i < layout.bodyCount(); i++) {
      Vec3 p = Vec3.of(s.position(i, 0), s.position(i, 1), s.position(i, 2));
      double speed = Vec3.of(s.velocity(i, 0), s.velocity(i, 1), s.velocity(i, 2)).length();
      rests.add(new Rest(layout.workpieces().get(i).id(), p, speed, insideBin(p)));
    }
    return new Result(layout, List.copyOf(samples), List.copyOf(rests), s, replay);
  }

  private static Sample sample(Twin twin) {
    SimState s = twin.state();
    List<Vec3> positions = new ArrayList<>();
    for (int i = 0; i < s.bodyCount(); i++) {
      positions.add(Vec3.of(s.position(i, 0), s.position(i, 1), s.position(i, 2)));
    }
    return new Sample(twin.time(), List.copyOf(positions));
  }

  /** Prints the report of one run and writes its 3D replay to the output folder "quickstart". */
  public static void main(String[] args) {
    Result r = run();
    System.out.print(r.report());
    System.out.println();
    System.out.println("3D replay: " + r.writeReplay(Outputs.folder("quickstart")));
  }

  /**
   * Every box's position at one instant.
   *
   * <p>Immutable and thread-safe.
   *
   * @param seconds   simulated time [s]
   * @param positions centre of each box [m], world frame, in layout order
   */
  public record Sample(double seconds, List<Vec3> positions) {}

  /**
   * Where a box ended.
   *
   * <p>Immutable and thread-safe.
   *
   * @param id       the box's element path
   * @param position its centre at the end of the run [m], world frame
   * @param speed    its linear speed at the end of the run [m/s]
   * @param inBin    whether the centre lies inside the bin's inner footprint
   */
  public record Rest(String id, Vec3 position, double speed, boolean inBin) {}

  /**
   * The outcome of a run.
   *
   * <p>Confined to one thread: {@code finalState} is the run's own mutable state, handed over to the
   * caller; the other components are immutable.
   *
   * @param layout     the layout that was run
   * @param samples    positions at t = 0, 1, …, 10 s
   * @param rests      each box at the end, in layout order
   * @param finalState the state at the end of the run
   * @param replay     the run recorded at 30 frames per second
   */
  public record Result(Layout layout, List<Sample> samples, List<Rest> rests, SimState finalState, ReplayRecorder replay) {

    /** Writes the run's 3D replay as {@code dir/replay.html} and returns its path. */
    public Path writeReplay(Path dir) {
      // snippet:replay
      return ReplayPage.builder(layout).title("Quickstart: three boxes down a chute").recording(replay).build()
          .write(dir.resolve("replay.html"));
      // end-snippet
    }

    /** The text that {@link Quickstart#main} prints: the position table, the resting places and the schema. */
    public String report() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "FactoryTwin quickstart: %d boxes slide down a %.0f deg chute into a bin "
          + "(%.0f s simulated, step %.6f s = 1/%.0f s)%n%n", rests.size(), Math.toDegrees(CHUTE_ANGLE), DURATION,
          layout.stepSeconds(), 1 / layout.stepSeconds()));

      out.append("Positions [m], world frame, Z up:\n");
      out.append(String.format(Locale.ROOT, "%6s", "t [s]"));
      for (Rest r : rests) {
        out.append(String.format(Locale.ROOT, " | %7s %7s %7s", r.id() + ".x", r.id() + ".y", r.id() + ".z"));
      }
      out.append('\n');
      for (Sample s : samples) {
        out.append(String.format(Locale.ROOT, "%6.1f", s.seconds()));
        for (Vec3 p : s.positions()) {
          out.append(String.format(Locale.ROOT, " | %7.3f %7.3f %7.3f", p.x(), p.y(), p.z()));
        }
        out.append('\n');
      }

      out.append("\nWhere the boxes came to rest:\n");
      for (Rest r : rests) {
        out.append(String.format(Locale.ROOT, "  %-5s at (%.3f, %.3f, %.3f) m, speed %.4f m/s, %s%n", r.id(),
            r.position().x(), r.position().y(), r.position().z(), r.speed(), r.inBin() ? "in the bin" : "OUTSIDE the bin"));
      }
      out.append("  health: ").append(finalState.health()).append('\n');

      var schema = layout.stateSchema();
      out.append(String.format(Locale.ROOT, "%nState schema (%d channels):%n", schema.size()));
      for (Channel c : schema.channels()) {
        out.append(String.format(Locale.ROOT, "  %3d  %s%n", c.index(), c));
      }
      int actions = layout.actionSchema().size();
      out.append(actions == 0 ? "Action schema: empty (this layout has no actuated equipment)\n"
          : "Action schema: " + layout.actionSchema() + "\n");
      return out.toString();
    }
  }
}
