package io.factorytwin.core.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.calibration.Datasets;
import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.StateSync;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.Dataset;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.telemetry.Frame;
import io.factorytwin.examples.ReferenceLayouts;
import io.factorytwin.examples.ReferencePlants;
import io.factorytwin.model.MlpEnsembleTrainer;
import io.factorytwin.physics.JBulletPhysics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployed twin's loop on the reference crane plant: bad telemetry, determinism of updates and
 * swaps, rollback. (The regime-change targets are in {@code OnlineAdaptationTest}.)
 */
class DeployedTwinTest {
  static final JBulletPhysics BACKEND = new JBulletPhysics();
  static final double PERIOD = ReferencePlants.PERIOD;
  static Layout identified;
  static FeatureSpec spec;
  static List<Trajectory> baseline;
  static List<Frame> stream;
  static ResidualPredictor weak;

  /** A tiny, little-trained ensemble: updates have something to improve. */
  static MlpEnsembleTrainer trainer(int epochs) {
    return MlpEnsembleTrainer.builder().members(2).hiddenLayers(16, 16).maxEpochs(epochs).patience(4).threads(1).build();
  }

  @BeforeAll
  static void setUp() {
    Layout nominal = ReferenceLayouts.referenceCraneCarrying();
    // the parameters identification recovers (CalibrationTest): the slings as rope offset, the payload
    double stretch = ReferencePlants.TRUE_BLOCK_MASS * 9.81 / ReferencePlants.SLING_STIFFNESS;
    identified = nominal.withParameters(Map.of("crane1.ropeOffset", ReferencePlants.SLING + stretch, "block.mass",
        ReferencePlants.TRUE_BLOCK_MASS));
    Trajectory base = Trajectory.split(ReferencePlants.craneTelemetry(ReferencePlants.crane(BACKEND), 40, 30), PERIOD,
        100, 0).trajectories().get(0);
    baseline = List.of(base);
    spec = FeatureSpec.crane(new StateSync(nominal, base.columns()), "crane1", 4);
    stream = ReferencePlants.craneTelemetry(ReferencePlants.crane(BACKEND), 41, 40).frames();
    Supplier<FramePredictor> physics = () -> new FramePredictor(identified, BACKEND, spec, FramePredictor.Kind.HYBRID,
        null, PERIOD, 0);
    Dataset rows = Datasets.oneStep(physics, List.of(base.slice(0, 0, 1200)), spec, 2);
    Dataset val = Datasets.oneStep(physics, List.of(base.slice(1, 1200, base.length())), spec, 2);
    weak = trainer(1).train(rows, val, 5, p -> {});
  }

  static DeployedTwin.Builder builder() {
    return DeployedTwin.builder(identified, BACKEND, spec, PERIOD).residual(weak).baseline(baseline)
        .focus("crane1.load.pos.x", "crane1.load.pos.y").seed(3);
  }

  static Frame with(Frame f, double time, int column, double value) {
    double[] v = f.values();
    if (column >= 0) v[column] = value;
    return new Frame(time, v);
  }

  @Test
  void badTelemetryIsCountedAndNoneOfItReachesTraining() throws InterruptedException {
    int pos = spec.column("crane1.trolley.pos"), loadX = spec.column("crane1.load.pos.x");
    List<Frame> bad = new ArrayList<>();
    for (int k = 0; k < stream.size(); k++) {
      Frame f = stream.get(k);
      if (k == 100 || k == 101) {
        bad.add(with(f, f.time(), loadX, Double.NaN)); // 2 NOT_FINITE, then a GAP at 102
      } else if (k == 300) {
        bad.add(f);
        bad.add(f); // DUPLICATE_TIME
      } else if (k == 400) {
        bad.add(f);
        bad.add(with(f, f.time() + 0.005, -1, 0)); // BURST: a frame 5 ms after the last
      } else if (k == 500) {
        bad.add(stream.get(501)); // GAP (two periods after 499)
        bad.add(f); // OUT_OF_ORDER
      } else if (k == 501) {
        continue;
      } else if (k >= 700 && k < 760) {
        bad.add(with(f, f.time(), pos, stream.get(700).value(pos))); // frozen encoder: stale from its 25th frame
      } else if (k == 900) {
        bad.add(f);
        bad.add(new Frame(f.time() + 0.01, new double[] {1, 2, 3})); // MALFORMED
      } else if (k >= 1000 && k < 1010) {
        continue; // GAP at 1010
      } else {
        bad.add(f);
      }
    }
    try (DeployedTwin twin = builder().build()) {
      for (Frame f : bad) twin.submit(f);
      twin.awaitProcessed();
      MonitorSnapshot s = twin.snapshot();
      assertEquals(2, s.issues(LiveIssue.NOT_FINITE));
      assertEquals(1, s.issues(LiveIssue.DUPLICATE_TIME));
      assertEquals(1, s.issues(LiveIssue.BURST));
      assertEquals(1, s.issues(LiveIssue.OUT_OF_ORDER));
      assertEquals(1, s.issues(LiveIssue.MALFORMED));
      assertEquals(3, s.issues(LiveIssue.GAP), "after the NaN frames, the swapped pair and the dropped frames");
      assertEquals(60 - 24, s.issues(LiveIssue.STALE_CHANNEL), "frames 724 to 759");
      assertEquals(0, s.issues(LiveIssue.OVERFLOW));
      assertEquals(bad.size(), s.processed());
      assertEquals(bad.size() - 6, s.accepted());
      assertTrue(s.scores()[0] > 1500 && s.nrmse(1, "crane1.load.pos.x") < 0.05, "it kept predicting: "
          + s.scores()[0] + " scores, NRMSE(1) " + s.nrmse(1, "crane1.load.pos.x"));
      // every live training window is a run of the clean stream's frames, exactly, at their times:
      // none holds a rejected or frozen frame or reaches across a gap (frame 501, which arrived
      // before 500, and frame 1010 after the dropped ones are good frames that start new runs)
      List<Trajectory> windows = twin.liveTrainingWindows();
      assertTrue(windows.size() >= 20, windows.size() + " windows");
      for (Trajectory w : windows) {
        int first = (int) Math.round(w.start() / PERIOD);
        for (int r = 0; r < w.length(); r++) {
          int k = first + r;
          assertArrayEquals(stream.get(k).values(), w.frame(r), 0.0, "window " + w.id() + " row " + r + " (frame " + k + ")");
          assertFalse(k == 100 || k == 101 || (k >= 700 && k < 760) || (k >= 1000 && k < 1010) || k == 500,
              "window " + w.id() + " holds frame " + k);
        }
      }
    }
  }

  @Test
  void aFullQueueDropsAndCountsFramesWithoutBlockingTheHost() throws InterruptedException {
    try (DeployedTwin twin = builder().queueCapacity(8).build()) {
      int queued = 0, dropped = 0;
      for (Frame f : stream) {
        if (twin.offer(f)) queued++; else dropped++;
      }
      twin.awaitProcessed();
      MonitorSnapshot s = twin.snapshot();
      assertTrue(dropped > 0, "the monitor cannot take 2001 frames at once through 8 slots");
      assertEquals(dropped, s.issues(LiveIssue.OVERFLOW));
      assertEquals(queued, s.processed());
    }
  }

  static DeployedTwin updating() {
    return builder().trainer(trainer(15)).updates(400, 400, 0, 3, 3, 100).acceptance(10, 0.02, 0.10, 1).build();
  }

  @Test
  void theSameFramesGiveTheSameSwapsAndModelWhateverTheTimingAndARollbackPutsTheOldModelBack()
      throws InterruptedException {
    List<SwapRecord> first;
    double[] firstOut;
    MonitorSnapshot firstSnap;
    double[] features = baselineFeatures();
    try (DeployedTwin twin = updating()) {
      for (Frame f : stream) twin.submit(f);
      twin.awaitProcessed();
      firstSnap = twin.snapshot();
      first = firstSnap.swaps();
      firstOut = predict(twin.model(), features);
      assertTrue(first.size() >= 3, "updates decided: " + first);
      assertTrue(first.stream().anyMatch(r -> r.kind() == SwapRecord.Kind.SWAPPED), "a weak model gets replaced: " + first);
      for (SwapRecord r : first) {
        if (r.kind() == SwapRecord.Kind.SWAPPED) {
          assertTrue(r.recentCandidate() < 0.98 * r.recentCurrent() && r.oldCandidate() <= 1.10 * r.oldCurrent(), r.toString());
        }
        assertEquals(r.triggerFrame() + 100, r.appliedFrame(), "decisions take effect at their frame: " + r);
      }
      int version = twin.modelVersion();
      ResidualPredictor swapped = twin.model();
      assertTrue(twin.rollback());
      assertTrue(twin.modelVersion() < version);
      assertTrue(twin.model() != swapped);
      assertEquals(SwapRecord.Kind.ROLLED_BACK, lastSwap(twin).kind());
      assertEquals(version, lastSwap(twin).fromVersion());
    }
    try (DeployedTwin twin = updating()) {
      int k = 0;
      for (Frame f : stream) {
        twin.submit(f);
        if (++k % 97 == 0) Thread.sleep(3); // other timing: the updater's work lands at other frames
      }
      twin.awaitProcessed();
      MonitorSnapshot s = twin.snapshot();
      assertEquals(first.toString(), s.swaps().toString());
      assertArrayEquals(firstOut, predict(twin.model(), features), 0.0);
      for (int h = 0; h < 2; h++) assertArrayEquals(firstSnap.nrmse()[h], s.nrmse()[h], 0.0);
      assertEquals(firstSnap.edgeCases(), s.edgeCases());
    }
  }

  /**
   * After a drift, with retraining and the detectors' preset references: the same frames give the same
   * drifts, swaps and model whatever the timing (the crane's payload and drive lag change 10 s in).
   */
  @Test
  void aRegimeChangeGivesTheSameDriftsRetrainingsAndModelWhateverTheTiming() throws InterruptedException {
    List<Frame> changing = io.factorytwin.examples.RegimeChanges.stream(BACKEND, 7, 10, 30).frames();
    double[] features = baselineFeatures();
    MonitorSnapshot first = null;
    double[] firstOut = null;
    for (int pass = 0; pass < 2; pass++) {
      try (DeployedTwin twin = builder().trainer(trainer(5)).retrainer(trainer(10)).updates(3000, 250, 1500, 3, 3, 100)
          .build()) {
        int k = 0;
        for (Frame f : changing) {
          twin.submit(f);
          if (pass == 1 && ++k % 89 == 0) Thread.sleep(3);
        }
        twin.awaitProcessed();
        MonitorSnapshot s = twin.snapshot();
        double[] out = predict(twin.model(), features);
        if (pass == 0) {
          first = s;
          firstOut = out;
          assertTrue(s.drifts().stream().anyMatch(d -> d.time() > 10 && d.time() <= 12), "the change seen: " + s.drifts());
          assertTrue(s.swaps().stream().anyMatch(r -> r.reason().contains("retrained")),
              "retrained candidates tried: " + s.swaps());
        } else {
          assertEquals(first.drifts(), s.drifts());
          assertEquals(first.swaps().toString(), s.swaps().toString());
          assertArrayEquals(firstOut, out, 0.0);
        }
      }
    }
  }

  static SwapRecord lastSwap(DeployedTwin twin) {
    List<SwapRecord> l = twin.snapshot().swaps();
    return l.get(l.size() - 1);
  }

  static double[] baselineFeatures() {
    Supplier<FramePredictor> physics = () -> new FramePredictor(identified, BACKEND, spec, FramePredictor.Kind.HYBRID,
        null, PERIOD, 0);
    Dataset d = Datasets.oneStep(physics, List.of(baseline.get(0).slice(9, 0, 60)), spec, 1);
    return d.features();
  }

  static double[] predict(ResidualPredictor m, double[] features) {
    int rows = features.length / m.featureNames().size();
    double[] out = new double[rows * m.outputNames().size() * m.members()];
    double[] one = new double[rows * m.outputNames().size()];
    for (int k = 0; k < m.members(); k++) {
      m.predict(k, features, rows, one);
      System.arraycopy(one, 0, out, k * one.length, one.length);
    }
    return out;
  }

  @Test
  void badSettingsAreRefusedWithTheirNameAndBound() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder().stride(0));
    assertEquals("deploy.stride: 0, must be >= 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> builder().drift(0.5, Double.NaN, 10, 5));
    assertTrue(e.getMessage().contains("lambda: NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> builder().focus("crane1.nothing"));
    assertTrue(e.getMessage().contains("crane1.nothing"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> builder().residual(null).trainer(trainer(1)).build());
    assertTrue(e.getMessage().contains("deploy.trainer"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> builder().acceptance(10, 1.0, 0.1, 1));
    assertTrue(e.getMessage().contains("minImprovement: 1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> builder().longDrift(0.75, Double.NaN));
    assertEquals("deploy.longDrift.lambda: NaN, must be finite and > 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> builder().longDrift(-1, 30));
    assertEquals("deploy.longDrift.delta: -1.0, must be finite and >= 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> builder().longDriftChannels("crane1.nothing"));
    assertTrue(e.getMessage().contains("crane1.nothing"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> builder().residual(null).retrainer(trainer(1)).build());
    assertTrue(e.getMessage().contains("deploy.retrainer"), e.getMessage());
  }
}
