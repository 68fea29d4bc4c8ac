package io.factorytwin.examples;

import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.equipment.PhotoEye;
import io.factorytwin.core.equipment.PhotoEyeSpec;
import io.factorytwin.core.equipment.PusherSpec;
import io.factorytwin.core.equipment.Sink;
import io.factorytwin.core.equipment.SinkSpec;
import io.factorytwin.core.equipment.Source;
import io.factorytwin.core.equipment.SourceSpec;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.layout.Shape;
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
 * A sorting line: an infeed belt carries boxes of random length past a photo-eye to a pusher that
 * diverts long boxes onto a side lane; short boxes run on to the end. Each lane ends in a sink. A
 * small PLC-style controller in plain Java reads the photo-eye once per scan (every tick): it measures
 * how long the beam stays blocked, turns that into the box's length at belt speed, and fires the
 * pusher for long boxes when they reach it.
 *
 * <p>Prints items per minute, items per lane, the longest queue on the line, and any jam (a box that
 * has not moved for 5 s). Run: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl examples exec:java
 * -Dexec.mainClass=io.factorytwin.examples.SortingLine}. Stateless; each run builds its own twin.
 */
public final class SortingLine {
  static final double H = 0.8, SPEED = 0.5, EYE_X = 2.2, PUSHER_X = 3.0;
  /** Boxes at least this long [m] go to the side lane. */
  public static final double LONG = 0.3;

  private SortingLine() {}

  /** The line's layout. */
  public static Layout layout() {
    ConveyorSpec infeed = new ConveyorSpec(new Vec3(0, 0, H), 0, 0, 5, 0.6, SPEED, 1.0, 0.05, 1.0);
    ConveyorSpec side = ConveyorSpec.level(new Vec3(PUSHER_X, -0.31, H), -Math.PI / 2, 3, 0.8).withDrive(SPEED, 1.0);
    return Layout.builder("sorting-line").floor(Material.of(0.5, 0))
        .conveyor("infeed", infeed)
        .conveyor("laneB", side)
        .pusher("pusher", new PusherSpec(Pose.at(PUSHER_X, 0.45, H + 0.12), new Vec3(0.6, 0.04, 0.16), new Vec3(0, -1, 0),
            0.75, 1.2))
        .photoEye("eye", new PhotoEyeSpec(new Vec3(EYE_X, -0.4, H + 0.1), new Vec3(EYE_X, 0.4, H + 0.1), 0.01, 0.01))
        .source("source", new SourceSpec(new Pose(new Vec3(0.3, 0, H + 0.135), Quat.IDENTITY), 16, 0,
            new Vec3(0.18, 0.2, 0.2), new Vec3(0.42, 0.3, 0.25), 1, 4, 0.5, 2026))
        .sink("sinkB", new SinkSpec(Pose.at(PUSHER_X, -3.2, H), new Vec3(1.0, 0.4, 1.0)))
        .sink("sinkA", new SinkSpec(Pose.at(4.9, 0, H + 0.2), new Vec3(0.2, 1.0, 0.6)))
        .build();
  }

  /** One sorted box: its length along the belt [m] and the lane it left by ("A" straight on, "B" side). */
  public record Sorted(double length, String lane) {}

  /** What a run measured. */
  public record Result(double minutes, int laneA, int laneB, double perMinute, int longestQueue, List<String> jams,
      List<Sorted> sorted) {}

  /**
   * The PLC: one scan per tick. State: when the beam went dark, the queue of boxes measured but not
   * yet pushed (the tick each should be pushed at), and the pusher's timer.
   */
  static final class Controller {
    long darkSince = -1;
    final List<Long> pushAt = new ArrayList<>();
    long pushUntil = -1;

    /** Reads the eye, decides, and writes the pusher's output; returns the extend command. */
    double scan(long tick, boolean blocked, double dt) {
      if (blocked && darkSince < 0) darkSince = tick;
      if (!blocked && darkSince >= 0) {
        double length = (tick - darkSince) * dt * SPEED; // the box passed the beam at belt speed
        if (length >= LONG) {
          // the box's centre passed the eye half a length ago; fire just before it reaches the paddle
          double toPaddle = (PUSHER_X - EYE_X - length / 2) / SPEED - 0.4;
          pushAt.add(tick + Math.round(Math.max(0, toPaddle) / dt));
        }
        darkSince = -1;
      }
      if (!pushAt.isEmpty() && tick >= pushAt.get(0)) {
        pushAt.remove(0);
        pushUntil = tick + Math.round(0.8 / dt);
      }
      return tick < pushUntil ? 1 : 0;
    }
  }

  /** Runs the line for {@code minutes} of simulated time with a box every {@code spacing} seconds. */
  public static Result run(double minutes, double spacing) {
    return run(layout(), minutes, spacing, state -> {});
  }

  /**
   * Runs {@code layout} (this example's) for {@code minutes} with a box every {@code spacing} seconds,
   * showing {@code observer} the state at the start and after every step.
   */
  public static Result run(Layout layout, double minutes, double spacing, Consumer<SimState> observer) {
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    observer.accept(twin.state());
    double dt = layout.stepSeconds();
    PhotoEye eye = (PhotoEye) layout.equipment().get(3);
    Source source = layout.sources().get(0);
    Sink sinkB = (Sink) layout.equipment().get(5), sinkA = (Sink) layout.equipment().get(6);
    SimState s = twin.state();
    Controller plc = new Controller();
    double[] a = new double[layout.actionSchema().size()]; // infeed, laneB, pusher.extend, source.spawn
    int n = s.bodyCount();
    double[] lastX = new double[n], lastY = new double[n];
    long[] stillSince = new long[n];
    boolean[] reported = new boolean[n];
    List<String> jams = new ArrayList<>();
    List<Sorted> sorted = new ArrayList<>();
    int longest = 0;
    long every = layout.ticks(spacing);
    for (long k = 0; k < layout.ticks(minutes * 60); k++) {
      a[0] = SPEED;
      a[1] = SPEED;
      a[2] = plc.scan(s.tick(), eye.blocked(s), dt);
      a[3] = k % every == 0 ? 1 : 0;
      boolean[] parkedBefore = new boolean[n];
      for (int i = 0; i < n; i++) parkedBefore[i] = layout.isParked(s, i);
      long b0 = sinkB.count(s);
      twin.step(a);
      observer.accept(s);
      int onLine = 0;
      for (int i = 0; i < n; i++) {
        if (layout.isParked(s, i)) {
          if (!parkedBefore[i]) {
            double length = ((Shape.Box) layout.workpieces().get(i).shape()).sx();
            sorted.add(new Sorted(length, sinkB.count(s) > b0 ? "B" : "A"));
          }
          stillSince[i] = -1;
          continue;
        }
        onLine++;
        double x = s.position(i, 0), y = s.position(i, 1);
        if (stillSince[i] < 0 || Math.hypot(x - lastX[i], y - lastY[i]) > 0.01) {
          lastX[i] = x;
          lastY[i] = y;
          stillSince[i] = s.tick();
          reported[i] = false;
        } else if (!reported[i] && (s.tick() - stillSince[i]) * dt >= 5) {
          reported[i] = true;
          jams.add(String.format(Locale.ROOT, "t = %.1f s: %s stuck at (%.2f, %.2f) for 5 s",
              s.tick() * dt, layout.workpieces().get(i).id(), x, y));
        }
      }
      longest = Math.max(longest, onLine);
    }
    int laneA = (int) sinkA.count(s), laneB = (int) sinkB.count(s);
    return new Result(minutes, laneA, laneB, (laneA + laneB) / minutes, longest, jams, sorted);
  }

  /** Seconds of the run that the 3D replay shows (from the start). */
  public static final double REPLAY_SECONDS = 60;

  /**
   * Prints the report of a 10-minute run and writes a 3D replay of its first minute to the output
   * folder "sorting-line".
   */
  public static void main(String[] args) {
    Layout layout = layout();
    ReplayRecorder replay = new ReplayRecorder(layout, 1.0 / 30);
    Result r = run(layout, 10, 2.6, state -> {
      if (state.tick() <= layout.ticks(REPLAY_SECONDS)) replay.record(state);
    });
    System.out.println("Sorting line: infeed 0.5 m/s, photo-eye at x = 2.2 m, pusher at x = 3.0 m, boxes >= 0.30 m to lane B");
    System.out.printf(Locale.ROOT, "simulated:        %.0f min%n", r.minutes());
    System.out.printf(Locale.ROOT, "throughput:       %.1f items/min%n", r.perMinute());
    System.out.printf(Locale.ROOT, "lane A (short):   %d%n", r.laneA());
    System.out.printf(Locale.ROOT, "lane B (long):    %d%n", r.laneB());
    long wrong = r.sorted().stream().filter(x -> (x.length() >= LONG) != x.lane().equals("B")).count();
    System.out.printf(Locale.ROOT, "missorted:        %d%n", wrong);
    System.out.printf(Locale.ROOT, "longest queue:    %d items on the line at once%n", r.longestQueue());
    System.out.println("jams:             " + (r.jams().isEmpty() ? "none" : String.join("; ", r.jams())));
    System.out.println();
    System.out.println("3D replay of the first minute: " + ReplayPage.builder(layout)
        .title("Sorting line, first minute").recording(replay).build()
        .write(Outputs.folder("sorting-line").resolve("replay.html")));
  }
}
