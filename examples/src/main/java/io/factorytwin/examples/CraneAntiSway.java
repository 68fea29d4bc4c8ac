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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    Layout layout = ReferenceLayouts.referenceCrane();
    CraneSpec spec = layout.cranes().get(0).spec();
    double omega = spec.loadedPendulum(CARRY_ROPE, ReferenceLayouts.BLOCK, ReferenceLayouts.BLOCK_MASS).omega(9.81);
    List<Result> out = new ArrayList<>();
    out.add(run(layout, "unshaped", null));
    out.add(run(layout, "ZV", InputShaper.zv(omega)));
    out.add(run(layout, "ZVD", InputShaper.zvd(omega)));
    return out;
  }

  static Result run(Layout layout, String name, InputShaper shaper) {
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
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
    entered |= runFor(twin, a, 4.5, walkway, block, layout);

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
      layout.readState(twin.state(), ch);
      residual = Math.max(residual, Math.abs(ch[sway]));
      entered |= inside(walkway, twin.state(), block, layout);
    }
    // 4. lower and release
    a[am + 4] = AxisDrive.POSITION;
    a[am + 5] = 7.0;
    entered |= runFor(twin, a, 4.5, walkway, block, layout);
    a[am + 6] = 0;
    twin.step(a);
    double cycle = (twin.state().tick()) * dt;
    double loadDepth = CARRY_ROPE + spec.hookSize().z() + ReferenceLayouts.BLOCK.z() / 2;
    return new Result(name, Math.toDegrees(peak), Math.toDegrees(residual), 100 * loadDepth * Math.sin(residual), cycle,
        entered, twin.state().position(block, 0));
  }

  private static boolean runFor(Twin twin, double[] a, double seconds, Zone zone, int block, Layout layout) {
    boolean entered = false;
    for (long k = 0; k < layout.ticks(seconds); k++) {
      twin.step(a);
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

  /** Prints the table. */
  public static void main(String[] args) {
    List<Result> results = run();
    System.out.println("Reference crane: 2000 kg block, pick at x = 2 m, place at x = 10 m, rope 6 m while carrying");
    System.out.println();
    System.out.println("move       peak sway   residual sway        cycle   walkway   placed at");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-9s  %6.2f deg  %6.3f deg %6.1f cm  %6.1f s   %-7s   x = %.3f m%n", r.name(),
          r.peakSwayDeg(), r.residualSwayDeg(), r.residualAtLoadCm(), r.cycleSeconds(),
          r.enteredWalkway() ? "ENTERED" : "clear", r.placedX());
    }
  }
}
