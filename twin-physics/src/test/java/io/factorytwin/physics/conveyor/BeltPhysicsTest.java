package io.factorytwin.physics.conveyor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import org.junit.jupiter.api.Test;

/** Items on a belt against Coulomb friction theory. */
class BeltPhysicsTest {
  static final double G = 9.81;

  /** A belt of the given spec with one 0.3 m, 2 kg box of friction {@code mu} at {@code along} metres. */
  static Layout belt(ConveyorSpec spec, double mu, double along) {
    Vec3 c = spec.surfacePoint(along, 0).plus(spec.rotation().rotate(new Vec3(0, 0, 0.15)));
    return Layout.builder("belt").floor(Material.of(0.5, 0)).conveyor("belt1", spec)
        .workpiece("box", w -> w.box(0.3, 0.3, 0.3).mass(2).friction(mu).pose(new io.factorytwin.core.geom.Pose(c, spec.rotation())))
        .build();
  }

  static double along(Twin t, ConveyorSpec spec) {
    Vec3 d = spec.direction();
    return (t.state().position(0, 0) - spec.start().x()) * d.x() + (t.state().position(0, 1) - spec.start().y()) * d.y()
        + (t.state().position(0, 2) - spec.start().z()) * d.z();
  }

  @Test
  void transportTimeIsLengthOverSpeedPlusTheFrictionStartUp() {
    double v = 0.5, mu = 0.4, length = 10;
    ConveyorSpec spec = ConveyorSpec.level(new Vec3(0, 0, 0.8), 0, length + 1, 0.6).withDrive(1.0, 100);
    Layout layout = belt(spec, mu, 0.5);
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    double[] a = {v};
    // belt already at speed (its 100 m/s² ramp takes one step), box at rest: it slides at μ·g until it
    // runs at belt speed, losing v/(2μg) of time against L/v
    double start = along(twin, spec), t = 0;
    while (along(twin, spec) - start < length) {
      twin.step(a);
      t += layout.stepSeconds();
      if (t > 30) break;
    }
    double theory = length / v + v / (2 * mu * G);
    System.out.printf("belt transport: %.4f s over 10 m, theory %.4f s (%+.3f %%)%n", t, theory, 100 * (t / theory - 1));
    // 1 % is the bound; sampling the crossing at 1/240 s adds at most 0.02 %
    assertEquals(theory, t, 0.01 * theory);
  }

  @Test
  void itemsSlipWhenTheBeltAcceleratesFasterThanMuG() {
    double mu = 0.3;
    double onset = Double.NaN;
    for (double accel = 2.0; accel <= 4.0 + 1e-9; accel += 0.1) {
      ConveyorSpec spec = ConveyorSpec.level(new Vec3(0, 0, 0.8), 0, 12, 0.6).withDrive(2.0, accel);
      Layout layout = belt(spec, mu, 1.0);
      Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
      double[] a = {2.0};
      twin.run(layout.ticks(0.2), (k, s, out) -> out[0] = 0); // settle on the belt
      double slip = 0;
      for (int k = 0; k < layout.ticks(2.0 / accel + 0.1); k++) {
        twin.step(a);
        double belt = twin.state().equipment()[0];
        slip = Math.max(slip, Math.abs(belt - twin.state().velocity(0, 0)));
      }
      if (slip > 0.02) {
        onset = accel;
        break;
      }
    }
    double theory = mu * G;
    System.out.printf("belt slip onset: %.2f m/s^2, theory mu g = %.3f m/s^2%n", onset, theory);
    // 10 % is the bound; the sweep's resolution is 0.1 m/s² (3 %)
    assertEquals(theory, onset, 0.1 * theory);
  }

  @Test
  void inclinedBeltCarriesWithoutCreepingBack() {
    double incline = Math.toRadians(10), mu = 0.5; // μ > tan 10° = 0.176
    ConveyorSpec spec = ConveyorSpec.level(new Vec3(0, 0, 0.5), 0, 6, 0.6).withIncline(incline).withDrive(0.5, 0.5);
    Layout layout = belt(spec, mu, 0.5);
    Twin twin = Twin.create(layout, new JBulletPhysics(), 1L);
    twin.run(layout.ticks(0.5), (k, s, out) -> out[0] = 0);
    double held = along(twin, spec) - 0.5;
    double before = along(twin, spec);
    double belt0 = twin.state().equipment()[1];
    twin.run(layout.ticks(8), (k, s, out) -> out[0] = 0.5);
    double carried = along(twin, spec) - before;
    double beltTravel = twin.state().equipment()[1] - belt0;
    System.out.printf("incline: standing creep %.4f mm; carried %.4f m for %.4f m of belt%n", held * 1000, carried, beltTravel);
    assertTrue(Math.abs(held) < 0.5e-3, "standing on the stopped incline it holds: " + held);
    assertEquals(beltTravel, carried, 1e-3, "it rides with the belt, no creep back");
  }
}
