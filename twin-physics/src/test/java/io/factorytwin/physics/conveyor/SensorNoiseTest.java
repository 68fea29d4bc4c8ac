package io.factorytwin.physics.conveyor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.equipment.PhotoEye;
import io.factorytwin.core.equipment.PhotoEyeSpec;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.LayoutBuilder;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.JBulletPhysics;
import org.junit.jupiter.api.Test;

/** Sensor noise from each sensor's own seeded stream, and what debouncing does with it. */
class SensorNoiseTest {

  static Layout line(double onDelay, boolean extraEye) {
    LayoutBuilder b = Layout.builder("noisy").floor(Material.of(0.5, 0))
        .conveyor("belt", ConveyorSpec.level(new Vec3(0, 0, 0.8), 0, 20, 0.6).withEncoderNoise(0.002));
    if (extraEye) b.photoEye("other", new PhotoEyeSpec(new Vec3(1, -0.4, 0.9), new Vec3(1, 0.4, 0.9), 0, 0, 0.3));
    b.photoEye("eye", new PhotoEyeSpec(new Vec3(5, -0.4, 0.9), new Vec3(5, 0.4, 0.9), onDelay, onDelay, 0.01));
    for (int i = 0; i < 6; i++) {
      double x = 0.5 + 0.7 * i; // all upstream of the eye at x = 5
      b.workpiece("box" + i, w -> w.box(0.3, 0.3, 0.3).mass(1).at(x, 0, 0.9501));
    }
    return b.build();
  }

  static Twin run(Layout layout, long seed) {
    Twin twin = Twin.create(layout, new JBulletPhysics(), seed);
    twin.run(layout.ticks(30), (k, s, out) -> out[0] = 0.5);
    return twin;
  }

  @Test
  void debouncedEyeCountsEveryBoxOnceDespiteFlicker() {
    Layout layout = line(0.03, false);
    PhotoEye eye = (PhotoEye) layout.equipment().get(1);
    Twin twin = run(layout, 1);
    assertEquals(6, eye.risingEdges(twin.state()), "1 % flicker is filtered by a 30 ms debounce");
    Layout raw = line(0, false);
    Twin undebounced = run(raw, 1);
    long edges = ((PhotoEye) raw.equipment().get(1)).risingEdges(undebounced.state());
    assertTrue(edges > 6, "without debounce the flicker shows: " + edges + " rising edges");
  }

  @Test
  void noiseIsReproducibleAndEachSensorHasItsOwnStream() {
    Layout a = line(0, false), b = line(0, true);
    Twin ta = run(a, 3), tb = run(b, 3), tc = run(a, 3);
    assertTrue(ta.state().bitwiseEquals(tc.state()), "same seed, same noise");
    PhotoEye eyeA = (PhotoEye) a.equipment().get(1), eyeB = (PhotoEye) b.equipment().get(2);
    assertEquals(eyeA.risingEdges(ta.state()), eyeB.risingEdges(tb.state()), "adding a sensor does not change another's noise");
    // encoder noise: reading minus travel over many ticks has the spec's standard deviation
    double[] ch = new double[a.stateSchema().size()];
    int enc = a.stateSchema().indexOf("belt.encoder");
    Twin t = Twin.create(a, new JBulletPhysics(), 4);
    double sum = 0, sq = 0;
    int n = 4000;
    for (int k = 0; k < n; k++) {
      t.step(new double[] {0.5});
      a.readState(t.state(), ch);
      double err = ch[enc] - t.state().equipment()[1];
      sum += err;
      sq += err * err;
    }
    double sd = Math.sqrt(sq / n - (sum / n) * (sum / n));
    assertEquals(0.002, sd, 0.0002, "encoder noise sd [m] (5 standard errors)");
  }
}
