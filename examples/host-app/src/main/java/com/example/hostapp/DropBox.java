package com.example.hostapp;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import io.factorytwin.viewer.ReplayPage;
import io.factorytwin.viewer.ReplayRecorder;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A host application's first twin: a floor and one box dropped from 1 m, stepped for 2 s of
 * simulated time, printing the box's height every 0.25 s.
 *
 * <p>Stateless and thread-safe: each call builds its own twin.
 */
public final class DropBox {
  /** Edge length of the cubic box [m]. */
  public static final double EDGE = 0.2;

  /** Height of the box's centre when it is let go [m]. */
  public static final double DROP_HEIGHT = 1.0;

  private DropBox() {}

  /** The layout: a floor and one 0.2 m, 2 kg box whose centre is 1 m above it, at rest. */
  public static Layout layout() {
    return Layout.builder("drop")
        .floor(Material.of(0.8, 0.0))
        .workpiece("box", b -> b.box(EDGE, EDGE, EDGE).mass(2.0).at(0.0, 0.0, DROP_HEIGHT))
        .build();
  }

  /** Creates a twin of {@link #layout()}, steps it {@code seconds} of simulated time and returns it. */
  public static Twin drop(double seconds) {
    Layout layout = layout();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    twin.run(layout.ticks(seconds), Plan.IDLE);
    return twin;
  }

  /**
   * Drops the box for {@code seconds}, recording every 1/30 s, and writes the 3D replay to
   * {@code file} (one HTML file that opens offline).
   */
  public static Path writeReplay(double seconds, Path file) {
    Layout layout = layout();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    ReplayRecorder recorder = new ReplayRecorder(layout, 1.0 / 30);
    recorder.record(twin.state());
    for (long k = 0; k < layout.ticks(seconds); k++) {
      twin.step();
      recorder.record(twin.state());
    }
    return ReplayPage.builder(layout).title("A box dropped on the floor").recording(recorder).build().write(file);
  }

  /** Prints the height of the box's centre every 0.25 s for 2 s, and writes the replay of the drop. */
  public static void main(String[] args) {
    Layout layout = layout();
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    int box = layout.bodyIndex("box");
    for (int k = 0; k <= 8; k++) {
      if (k > 0) {
        twin.run(layout.ticks(0.25), Plan.IDLE);
      }
      System.out.printf(Locale.ROOT, "t = %4.2f s   box z = %.4f m%n", twin.time(), twin.state().position(box, 2));
    }
    System.out.println("3D replay: " + writeReplay(2.0, Path.of("target", "factorytwin-out", "drop-box", "replay.html")
        .toAbsolutePath()));
  }
}
