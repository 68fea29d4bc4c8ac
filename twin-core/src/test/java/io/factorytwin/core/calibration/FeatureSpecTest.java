package io.factorytwin.core.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.layout.Layout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {
  static final Layout LAYOUT = StateSyncTest.layout();
  static final StateSync SYNC = new StateSync(LAYOUT, StateSyncTest.craneColumns(LAYOUT, true));

  /** The crane's outputs with the load carried by the trolley and the bridge. */
  static FeatureSpec carried() {
    String c = "crane1.";
    return FeatureSpec.builder(SYNC).relative(c + "load.pos.x", c + "trolley.pos").state(c + "load.vel.x")
        .action(c + "trolley.cmd").history(2, c + "trolley.vel", c + "trolley.cmd")
        .outputs(c + "trolley.pos", c + "trolley.vel", c + "bridge.pos", c + "bridge.vel", c + "load.pos.x",
            c + "load.pos.y", c + "load.vel.x", c + "load.vel.y", c + "load.vel.z")
        .carriedBy(c + "load.pos.x", c + "trolley.pos").carriedBy(c + "load.pos.y", c + "bridge.pos")
        .carriedBy(c + "load.vel.x", c + "trolley.vel").carriedBy(c + "load.vel.y", c + "bridge.vel").build();
  }

  @Test
  void aCarriedOutputIsLearnedRelativeToItsCarrierAndAppliedWithIt() {
    FeatureSpec spec = carried();
    int n = spec.outputCount(true), cols = spec.columns().size();
    assertEquals("crane1.load.pos.x - crane1.trolley.pos [m]", spec.outputNames(true).get(4));
    assertEquals("crane1.trolley.pos [m]", spec.outputNames(true).get(0));
    SplittableRandom r = new SplittableRandom(5);
    double[] predicted = new double[cols], observed = new double[cols];
    for (int c = 0; c < cols; c++) {
      predicted[c] = r.nextDouble(-5, 5);
      observed[c] = predicted[c] + r.nextDouble(-0.1, 0.1);
    }
    double[] y = new double[n];
    spec.targets(true, observed, predicted, y);
    int trolley = spec.column("crane1.trolley.pos"), load = spec.column("crane1.load.pos.x");
    assertEquals((observed[load] - predicted[load]) - (observed[trolley] - predicted[trolley]), y[4], 1e-15);
    // the targets, applied as corrections, give back the observed frame in every output column
    double[] corrected = predicted.clone();
    spec.correct(true, y, corrected);
    for (int o : spec.outputs(true)) assertEquals(observed[o], corrected[o], 1e-12, spec.columns().get(o).name());
    // a trolley correction alone takes the load with it
    double[] only = new double[n];
    only[0] = 0.01;
    double[] moved = predicted.clone();
    spec.correct(true, only, moved);
    assertEquals(predicted[trolley] + 0.01, moved[trolley], 1e-15);
    assertEquals(predicted[load] + 0.01, moved[load], 1e-15);
    assertEquals(predicted[spec.column("crane1.load.pos.y")], moved[spec.column("crane1.load.pos.y")]);
  }

  @Test
  void thePureLearnedModelsOutputsAreNotCarried() {
    FeatureSpec spec = carried();
    assertTrue(spec.outputNames(false).stream().noneMatch(s -> s.contains(" - ")), spec.outputNames(false).toString());
    double[] p = new double[spec.columns().size()], o = p.clone();
    int[] outs = spec.outputs(false);
    for (int k = 0; k < outs.length; k++) o[outs[k]] = k + 1;
    double[] y = new double[outs.length];
    spec.targets(false, o, p, y);
    for (int k = 0; k < outs.length; k++) assertEquals(k + 1, y[k]);
  }

  @Test
  void carriersMustBeOutputsAndNotCarriedThemselves() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSpec.builder(SYNC)
        .outputs("crane1.load.pos.x").carriedBy("crane1.load.pos.x", "crane1.trolley.pos").build());
    assertEquals("features.carriedBy crane1.load.pos.x by crane1.trolley.pos: both must be outputs", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FeatureSpec.builder(SYNC)
        .outputs("crane1.load.pos.x", "crane1.trolley.pos", "crane1.bridge.pos")
        .carriedBy("crane1.load.pos.x", "crane1.trolley.pos").carriedBy("crane1.trolley.pos", "crane1.bridge.pos").build());
    assertTrue(e.getMessage().endsWith("crane1.trolley.pos is carried itself"), e.getMessage());
    assertArrayEquals(new int[] {SYNC.column("crane1.load.pos.x")},
        FeatureSpec.builder(SYNC).outputs("crane1.load.pos.x").build().outputs(true));
  }
}
