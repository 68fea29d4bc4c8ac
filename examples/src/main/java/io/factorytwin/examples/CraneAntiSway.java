package io.factorytwin.examples;

import io.factorytwin.core.control.InputShaper;
import io.factorytwin.core.control.TrapezoidalMove;
import io.factorytwin.core.equipment.AxisDrive;
import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Zone;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import io.factorytwin.examples.plots.Outputs;
import io.factorytwin.examples.plots.Plots;
import io.factorytwin.viewer.ReplayEvent;
import io.factorytwin.viewer.ReplayPage;
import io.factorytwin.viewer.ReplayRecorder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Anti-sway on the reference crane: the 2000 kg block is picked, lifted 1 m, carried 8 m by the
 * trolley and set down, three times: with an unshaped trapezoidal move, with a ZV and with a ZVD
 * input shaper designed from the rope length. For each it prints the peak and residual sway (in
 * degrees and in centimetres at the load), the cycle time, and whether the load stayed out of the
 * walkway beyond the place point, which the unshaped move's swing enters.
 *
 * <p>Run: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl examples exec:java
 * -Dexec.mainClass=io.factorytwin.examples.CraneAntiSway}. Stateless; each run builds its own twin.
 */
public final class CraneAntiSway {
  /** Rope length while carrying [m]. */
  public static final double CARRY_ROPE = 6.0;

  private CraneAntiSway() {}

  /** What one run measured. */
  public record Result(String name, double peakSwayDeg, double residualSwayDeg, double residualAtLoadCm,
      double cycleSeconds, boolean enteredWalkway, double placedX) {}

  /** The three runs: unshaped, ZV, ZVD. */
  public static List<Result> run() {
    return run(ReferenceLayouts.referenceCrane(), name -> state -> {});
  }

  /**
   * The three runs on {@code layout} (the reference crane), each watched after every step by the
   * observer {@code observers} makes for its name ("unshaped", "ZV", "ZVD").
   */
  public static List<Result> run(Layout layout, Function<String, Consumer<SimState>> observers) {
    CraneSpec spec = layout.cranes().get(0).spec();
    double omega = spec.loadedPendulum(CARRY_ROPE, ReferenceLayouts.BLOCK, ReferenceLayouts.BLOCK_MASS).omega(9.81);
    List<Result> out = new ArrayList<>();
    out.add(run(layout, "unshaped", null, observers.apply("unshaped")));
    out.add(run(layout, "ZV", InputShaper.zv(omega), observers.apply("ZV")));
    out.add(run(layout, "ZVD", InputShaper.zvd(omega), observers.apply("ZVD")));
    return out;
  }

  static Result run(Layout layout, String name, InputShaper shaper) {
    return run(layout, name, shaper, state -> {});
  }

  static Result run(Layout layout, String name, InputShaper shaper, Consumer<SimState> observer) {
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    observer.accept(twin.state());
    Crane crane = layout.cranes().get(0);
    CraneSpec spec = crane.spec();
    int block = layout.bodyIndex("block");
    double dt = layout.stepSeconds();
    double[] a = new double[layout.actionSchema().size()];
    int am = crane.actionOffset();
    double[] ch = new double[layout.stateSchema().size()];
    int sway = layout.stateSchema().indexOf("crane1.sway.x");
    Zone walkway = layout.zones().get(0);
    boolean entered = false;

    // 1. grab and lift to the carrying height
    a[am + 6] = 1;
    a[am + 4] = AxisDrive.POSITION;
    a[am + 5] = CARRY_ROPE;
    entered |= runFor(twin, a, 4.5, walkway, block, layout, observer);

    // 2. carry 8 m along X, shaped or not
    TrapezoidalMove move = new TrapezoidalMove(ReferenceLayouts.PLACE_X - ReferenceLayouts.PICK_X,
        spec.trolley().maxSpeed(), spec.trolley().maxAccel());
    double moveTime = move.duration() + (shaper == null ? 0 : shaper.delay());
    double peak = 0;
    long t0 = twin.state().tick();
    a[am + 2] = AxisDrive.SPEED;
    for (long k = 0; k < layout.ticks(moveTime + 0.2); k++) {
      double t = (twin.state().tick() - t0) * dt;
      a[am + 3] = shaper == null ? move.speed(t) : shaper.shape(move::speed, t);
      twin.step(a);
      observer.accept(twin.state());
      layout.readState(twin.state(), ch);
      peak = Math.max(peak, Math.abs(ch[sway]));
      entered |= inside(walkway, twin.state(), block, layout);
    }
    // 3. residual sway: the largest angle over one swing period after the trolley stopped
    a[am + 3] = 0;
    double period = 2 * Math.PI / crane.spec().loadedPendulum(CARRY_ROPE, ReferenceLayouts.BLOCK,
        ReferenceLayouts.BLOCK_MASS).omega(9.81);
    double residual = 0;
    for (long k = 0; k < layout.ticks(period); k++) {
      twin.step(a);
      observer.accept(twin.state());
      layout.readState(twin.state(), ch);
      residual = Math.max(residual, Math.abs(ch[sway]));
      entered |= inside(walkway, twin.state(), block, layout);
    }
    // 4. lower and release
    a[am + 4] = AxisDrive.POSITION;
    a[am + 5] = 7.0;
    entered |= runFor(twin, a, 4.5, walkway, block, layout, observer);
    a[am + 6] = 0;
    twin.step(a);
    observer.accept(twin.state());
    double cycle = (twin.state().tick()) * dt;
    double loadDepth = CARRY_ROPE + spec.hookSize().z() + ReferenceLayouts.BLOCK.z() / 2;
    return new Result(name, Math.toDegrees(peak), Math.toDegrees(residual), 100 * loadDepth * Math.sin(residual), cycle,
        entered, twin.state().position(block, 0));
  }

  private static boolean runFor(Twin twin, double[] a, double seconds, Zone zone, int block, Layout layout,
      Consumer<SimState> observer) {
    boolean entered = false;
    for (long k = 0; k < layout.ticks(seconds); k++) {
      twin.step(a);
      observer.accept(twin.state());
      entered |= inside(zone, twin.state(), block, layout);
    }
    return entered;
  }

  /** True when any corner of the block is inside the zone. */
  static boolean inside(Zone zone, SimState s, int body, Layout layout) {
    Quat q = new Quat(s.rotation(body, 0), s.rotation(body, 1), s.rotation(body, 2), s.rotation(body, 3));
    Vec3 c = new Vec3(s.position(body, 0), s.position(body, 1), s.position(body, 2));
    Vec3 h = ReferenceLayouts.BLOCK.times(0.5);
    for (int i = 0; i < 8; i++) {
      Vec3 corner = new Vec3((i & 1) == 0 ? -h.x() : h.x(), (i & 2) == 0 ? -h.y() : h.y(), (i & 4) == 0 ? -h.z() : h.z());
      if (zone.contains(c.plus(q.rotate(corner)))) return true;
    }
    return false;
  }

  /** Prints the table and writes the figures and replays to the output folder "crane-anti-sway". */
  public static void main(String[] args) {
    runAndWrite(Outputs.folder("crane-anti-sway"), System.out);
  }

  /**
   * Runs the three moves, prints the table to {@code out}, and writes to {@code dir} the sway of the
   * three moves against time (sway.png) and a 3D replay of each (replay-unshaped.html, replay-zv.html,
   * replay-zvd.html) with the moment the block first enters the walkway marked; prints their paths.
   */
  public static List<Result> runAndWrite(Path dir, PrintStream out) {
    Layout layout = ReferenceLayouts.referenceCrane();
    Map<String, Recording> recordings = new LinkedHashMap<>();
    List<Result> results = run(layout, name -> recordings.computeIfAbsent(name, n -> new Recording(layout))::add);
    out.println("Reference crane: 2000 kg block, pick at x = 2 m, place at x = 10 m, rope 6 m while carrying");
    out.println();
    out.println("move       peak sway   residual sway        cycle   walkway   placed at");
    for (Result r : results) {
      out.printf(Locale.ROOT, "%-9s  %6.2f deg  %6.3f deg %6.1f cm  %6.1f s   %-7s   x = %.3f m%n", r.name(),
          r.peakSwayDeg(), r.residualSwayDeg(), r.residualAtLoadCm(), r.cycleSeconds(),
          r.enteredWalkway() ? "ENTERED" : "clear", r.placedX());
    }
    int n = recordings.values().stream().mapToInt(r -> r.time.size()).min().orElse(0);
    double[] time = new double[n];
    for (int i = 0; i < n; i++) time[i] = recordings.get("unshaped").time.get(i);
    Map<String, double[]> sway = new LinkedHashMap<>();
    recordings.forEach((name, r) -> sway.put(name, r.swayDeg.stream().limit(n).mapToDouble(Double::doubleValue).toArray()));
    out.println();
    out.println("sway against time: " + Plots.swayVsTime(dir.resolve("sway.png"), time, sway));
    recordings.forEach((name, r) -> out.println("3D replay, " + name + ": " + ReplayPage.builder(layout)
        .title("Reference crane, " + name + " move").recording(r.replay).events(r.events).build()
        .write(dir.resolve("replay-" + name.toLowerCase(Locale.ROOT) + ".html"))));
    return results;
  }

  /** One run as seen after every step: sway at 60 Hz, replay frames at 30 Hz, the walkway entry. */
  static final class Recording {
    final Layout layout;
    final ReplayRecorder replay;
    final List<Double> time = new ArrayList<>(), swayDeg = new ArrayList<>();
    final List<ReplayEvent> events = new ArrayList<>();
    private final double[] channels;
    private final int sway, block;
    private boolean inWalkway;

    Recording(Layout layout) {
      this.layout = layout;
      this.replay = new ReplayRecorder(layout, 1.0 / 30);
      this.channels = new double[layout.stateSchema().size()];
      this.sway = layout.stateSchema().indexOf("crane1.sway.x");
      this.block = layout.bodyIndex("block");
    }

    void add(SimState s) {
      replay.record(s);
      if (s.tick() % 4 == 0) {
        layout.readState(s, channels);
        time.add(s.tick() * layout.stepSeconds());
        swayDeg.add(Math.toDegrees(channels[sway]));
      }
      boolean inside = inside(layout.zones().get(0), s, block, layout);
      if (inside && !inWalkway) {
        events.add(new ReplayEvent(s.tick() * layout.stepSeconds(), "block enters the walkway", layout.zones().get(0).id()));
      }
      inWalkway = inside;
    }
  }
}
