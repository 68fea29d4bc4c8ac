package io.factorytwin.physics.conveyor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.equipment.PhotoEye;
import io.factorytwin.core.equipment.PhotoEyeSpec;
import io.factorytwin.core.equipment.PusherSpec;
import io.factorytwin.core.equipment.Sink;
import io.factorytwin.core.equipment.SinkSpec;
import io.factorytwin.core.equipment.Source;
import io.factorytwin.core.equipment.SourceSpec;
import io.factorytwin.core.equipment.StopperSpec;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.LayoutBuilder;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines of belts with transfers, a stopper, a diverter, a photo-eye, a source and sinks. */
class LineTest {
  static final double H = 0.8, SPEED = 0.5;

  static SourceSpec boxes(Vec3 spawn, int pool, long seed) {
    return new SourceSpec(new Pose(spawn, Quat.IDENTITY), pool, 0, new Vec3(0.2, 0.2, 0.2), new Vec3(0.3, 0.3, 0.25),
        1, 3, 0.5, seed);
  }

  /** Spawn on command every {@code period} seconds until {@code count}; all belts at SPEED. */
  static void drive(Twin twin, int beltCount, int spawnAction, double period, int count, double seconds,
      java.util.function.BiConsumer<SimState, double[]> more) {
    var layout = twin.layout();
    long every = layout.ticks(period);
    Source src = layout.sources().get(0);
    double[] a = new double[layout.actionSchema().size()];
    for (long k = 0; k < layout.ticks(seconds); k++) {
      for (int b = 0; b < beltCount; b++) a[b] = SPEED;
      a[spawnAction] = (k % every == 0 && src.spawned(twin.state()) < count) ? 1 : 0;
      if (more != null) more.accept(twin.state(), a);
      twin.step(a);
    }
  }

  @Test
  void thousandItemsCrossThreeBeltsNoneStuckNoneLostAndTheEyeCountsEach() {
    LayoutBuilder b = Layout.builder("three-belts").floor(Material.of(0.5, 0));
    for (int i = 0; i < 3; i++) {
      b.conveyor("belt" + i, ConveyorSpec.level(new Vec3(3.03 * i, 0, H), 0, 3.0, 0.6).withGuides(0.05));
    }
    b.source("source", boxes(new Vec3(0.3, 0, H + 0.135), 30, 11))
        .photoEye("eye", new PhotoEyeSpec(new Vec3(4.5, -0.4, H + 0.1), new Vec3(4.5, 0.4, H + 0.1), 0.02, 0.02))
        .sink("sink", new SinkSpec(Pose.at(9.0, 0, H + 0.2), new Vec3(0.2, 1.0, 0.6)));
    Layout layout = b.build();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    int n = 1000;
    drive(twin, 3, 3, 1.3, n, n * 1.3 + 25, null);
    Source src = layout.sources().get(0);
    Sink sink = (Sink) layout.equipment().get(5);
    PhotoEye eye = (PhotoEye) layout.equipment().get(4);
    SimState s = twin.state();
    int onLine = 0;
    for (int i = 0; i < s.bodyCount(); i++) if (!layout.isParked(s, i)) onLine++;
    System.out.printf("three belts: spawned %d, sunk %d, eye rising %d falling %d, left on the line %d%n",
        src.spawned(s), sink.count(s), eye.risingEdges(s), eye.fallingEdges(s), onLine);
    assertEquals(n, src.spawned(s));
    assertEquals(n, sink.count(s), "every item reached the sink: none stuck, none lost");
    assertEquals(0, onLine);
    assertEquals(n, eye.risingEdges(s), "the eye counted each item once");
    assertEquals(n, eye.fallingEdges(s));
    assertTrue(s.health().ok(), s.health().toString());
  }

  @Test
  void tenItemsQueueAgainstAStopperAndLeaveInOrder() {
    ConveyorSpec spec = ConveyorSpec.level(new Vec3(0, 0, H), 0, 8, 0.6).withGuides(0.05);
    Layout layout = Layout.builder("queue").floor(Material.of(0.5, 0)).conveyor("belt", spec)
        .stopper("stop", new StopperSpec(Pose.at(6.0, 0, H + 0.1), new Vec3(0.04, 0.7, 0.2)))
        .source("source", boxes(new Vec3(0.3, 0, H + 0.135), 12, 5))
        .sink("sink", new SinkSpec(Pose.at(7.9, 0, H + 0.2), new Vec3(0.2, 1, 0.6)))
        .build();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    // actions: belt, stop.up, source.spawn; stopper up, ten items at 1 s spacing, then 14 s to queue up
    drive(twin, 1, 2, 1.0, 10, 24, (st, a) -> a[1] = 1);
    SimState s = twin.state();
    List<double[]> queue = new ArrayList<>(); // x, half length, body
    for (int i = 0; i < s.bodyCount(); i++) {
      if (layout.isParked(s, i)) continue;
      var shape = (io.factorytwin.core.layout.Shape.Box) layout.workpieces().get(i).shape();
      queue.add(new double[] {s.position(i, 0), shape.sx() / 2, i});
    }
    queue.sort((p, q) -> Double.compare(q[0], p[0]));
    assertEquals(10, queue.size());
    double worst = 0;
    assertTrue(queue.get(0)[0] + queue.get(0)[1] <= 6.0 - 0.02 + 5e-3, "held by the blade: " + queue.get(0)[0]);
    worst = Math.max(worst, queue.get(0)[0] + queue.get(0)[1] - (6.0 - 0.02));
    for (int k = 1; k < queue.size(); k++) {
      double overlap = (queue.get(k - 1)[1] + queue.get(k)[1]) - (queue.get(k - 1)[0] - queue.get(k)[0]);
      worst = Math.max(worst, overlap);
    }
    System.out.printf("queue: 10 items, deepest overlap %.3f mm%n", worst * 1000);
    assertTrue(worst < 5e-3, "interpenetration " + worst + " m, must be < 5 mm");
    // drop the stopper: they leave in queue order
    int[] order = new int[10];
    int left = 0;
    double[] a = new double[layout.actionSchema().size()];
    a[0] = SPEED;
    boolean[] gone = new boolean[s.bodyCount()];
    for (int k = 0; k < layout.ticks(20) && left < 10; k++) {
      twin.step(a);
      for (double[] q : queue) {
        int i = (int) q[2];
        if (!gone[i] && (layout.isParked(s, i) || s.position(i, 0) > 6.3)) {
          gone[i] = true;
          order[left++] = i;
        }
      }
    }
    assertEquals(10, left);
    for (int k = 0; k < 10; k++) assertEquals((int) queue.get(k)[2], order[k], "leaves in order");
  }

  @Test
  void diverterPutsEveryItemOnTheSideLaneAtLineSpeed() {
    // main line along +X; at x = 3 a pusher on the +Y side pushes towards −Y onto a side belt heading −Y
    ConveyorSpec main = ConveyorSpec.level(new Vec3(0, 0, H), 0, 5, 0.6).withGuides(0.05).withDrive(SPEED, 1.0);
    ConveyorSpec side = ConveyorSpec.level(new Vec3(3.0, -0.31, H), -Math.PI / 2, 3, 0.8).withDrive(SPEED, 1.0);
    Layout layout = Layout.builder("divert").floor(Material.of(0.5, 0))
        .conveyor("main", new ConveyorSpec(main.start(), main.heading(), 0, 5, 0.6, SPEED, 1.0, 0, 1.0))
        .conveyor("side", side)
        .pusher("pusher", new PusherSpec(Pose.at(3.0, 0.45, H + 0.12), new Vec3(0.6, 0.04, 0.16), new Vec3(0, -1, 0), 0.75, 1.2))
        .photoEye("eye", new PhotoEyeSpec(new Vec3(2.2, -0.4, H + 0.1), new Vec3(2.2, 0.4, H + 0.1), 0.01, 0.01))
        .source("source", boxes(new Vec3(0.3, 0, H + 0.135), 10, 3))
        .sink("sideSink", new SinkSpec(Pose.at(3.0, -3.2, H), new Vec3(1.0, 0.4, 1.0)))
        .sink("endSink", new SinkSpec(Pose.at(4.9, 0, H + 0.2), new Vec3(0.2, 1.0, 0.6)))
        .build();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    PhotoEye eye = (PhotoEye) layout.equipment().get(3);
    long[] fire = {-1};
    long[] seen = {0};
    double delay = (3.0 - 2.2) / SPEED - 0.4; // start the stroke just before the item's centre reaches the paddle
    int n = 1000;
    // actions: main, side, pusher.extend, source.spawn
    drive(twin, 2, 3, 2.6, n, n * 2.6 + 10, (st, a) -> {
      if (eye.risingEdges(st) > seen[0]) {
        seen[0] = eye.risingEdges(st);
        fire[0] = st.tick() + layout.ticks(delay);
      }
      a[2] = fire[0] >= 0 && st.tick() >= fire[0] && st.tick() < fire[0] + layout.ticks(0.8) ? 1 : 0;
    });
    SimState s = twin.state();
    Sink sideSink = (Sink) layout.equipment().get(5), endSink = (Sink) layout.equipment().get(6);
    System.out.printf("diverter: %d of %d on the side lane, %d missed%n", sideSink.count(s), n, endSink.count(s));
    assertEquals(n, sideSink.count(s), "every item diverted");
    assertEquals(0, endSink.count(s));
  }
}
