package io.factorytwin.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.calibration.Calibrator;
import io.factorytwin.core.calibration.Datasets;
import io.factorytwin.core.calibration.Evaluation;
import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.Identification;
import io.factorytwin.core.calibration.ReferencePlant;
import io.factorytwin.core.calibration.StateSync;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.Dataset;
import io.factorytwin.core.model.FittedParameter;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.model.ResidualTrainer;
import io.factorytwin.core.model.ScaledResidual;
import io.factorytwin.model.MlpEnsembleTrainer;
import io.factorytwin.physics.JBulletPhysics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Identification, the hybrid step and evaluation on the reference crane plant. */
class CalibrationTest {
  static final JBulletPhysics BACKEND = new JBulletPhysics();
  static final Layout NOMINAL = ReferenceLayouts.referenceCraneCarrying();
  static List<Trajectory> data;
  static FeatureSpec spec;
  static int[] load;

  @BeforeAll
  static void generate() {
    ReferencePlant plant = ReferencePlants.crane(BACKEND);
    data = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      data.add(Trajectory.split(ReferencePlants.craneTelemetry(plant, 40 + k, 30), ReferencePlants.PERIOD, 100, k)
          .trajectories().get(0));
    }
    StateSync sync = new StateSync(NOMINAL, data.get(0).columns());
    spec = FeatureSpec.crane(sync, "crane1", 4);
    load = new int[] {sync.column("crane1.load.pos.x"), sync.column("crane1.load.pos.y"),
        sync.column("crane1.load.pos.z")};
  }

  @Test
  void plantTelemetryIsFiftyHertzWithEveryCraneChannel() {
    Trajectory t = data.get(0);
    assertEquals(1501, t.length(), "30 s at 50 Hz, both ends");
    assertEquals(0.02, t.period());
    assertEquals(23, t.columns().size(), "16 crane state channels and 7 actions");
  }

  @Test
  void identificationRecoversTheSlingAsRopeOffsetAndThePayload() {
    Identification.Result r = Identification.fit(NOMINAL, BACKEND, spec, data, new Identification.Options(25, 5, 100,
        List.of("crane1.load.pos.x", "crane1.load.pos.y", "crane1.load.pos.z", "crane1.trolley.pos",
            "crane1.bridge.pos", "crane1.rope.tension"), 15, 2), line -> {});
    Map<String, FittedParameter> p = new java.util.HashMap<>();
    r.parameters().forEach(f -> p.put(f.path(), f));
    // the plant's load hangs 0.8 m of sling plus its static stretch (m g / k = 11.3 mm) lower than the
    // nominal twin's: the effective extra rope length. 1 cm is about 7 standard deviations of the load
    // tracker's noise (1.5 mm) and leaves room for the double pendulum's second mode
    double stretch = ReferencePlants.TRUE_BLOCK_MASS * 9.81 / ReferencePlants.SLING_STIFFNESS;
    assertEquals(ReferencePlants.SLING + stretch, p.get("crane1.ropeOffset").value(), 0.01, "rope offset [m]");
    // the rope tension (load cell, 60 N noise) carries the mass: 1 % of 2300 kg
    assertEquals(ReferencePlants.TRUE_BLOCK_MASS, p.get("block.mass").value(), 0.01 * ReferencePlants.TRUE_BLOCK_MASS,
        "payload [kg]");
    for (FittedParameter f : r.parameters()) {
      assertTrue(f.stdError() >= 0 && Double.isFinite(f.stdError()), f + ": a standard error");
    }
    assertTrue(r.costAfter() < 0.2 * r.costBefore(), "the fit removes most of the error: " + r.costBefore() + " -> "
        + r.costAfter());
  }

  /** A residual of zero everywhere: the hybrid step must then be the physics. */
  static ResidualPredictor zero(FeatureSpec spec) {
    return new ResidualPredictor() {
      @Override public List<String> featureNames() { return spec.featureNames(true); }
      @Override public List<String> outputNames() { return spec.outputNames(true); }
      @Override public int members() { return 1; }
      @Override public void predict(int member, double[] f, int rows, double[] out) { java.util.Arrays.fill(out, 0); }
    };
  }

  @Test
  void hybridStepWithAZeroCorrectionPredictsWhatThePhysicsDoes() {
    Layout id = NOMINAL.withParameters(Map.of("crane1.ropeOffset", 0.81));
    int[] h = {1, 10, 50, 100};
    Evaluation.Result physics = Evaluation.nrmse(() -> new FramePredictor(id, BACKEND, spec, FramePredictor.Kind.PHYSICS,
        null, 0.02, 0), -1, data, load, h, 25, 2);
    Evaluation.Result hybrid = Evaluation.nrmse(() -> new FramePredictor(id, BACKEND, spec, FramePredictor.Kind.HYBRID,
        zero(spec), 0.02, 0), -1, data, load, h, 25, 2);
    // syncing the twin's own state back into it keeps everything but what the twin's view cannot hold:
    // the solver's tiny velocity along the rigid rope and its warm-start cache. The errors agree to
    // 1e-5 of themselves (measured: 1.5e-6 at most); a lost correction or a misplaced load would
    // change them by percents
    for (int k = 0; k < h.length; k++) {
      assertEquals(physics.nrmse()[k], hybrid.nrmse()[k], 1e-5 * physics.nrmse()[k], "horizon " + h[k]);
    }
  }

  @Test
  void evaluationIsBitIdenticalOnOneAndTwoThreads() {
    Supplier<FramePredictor> physics = () -> new FramePredictor(NOMINAL, BACKEND, spec, FramePredictor.Kind.HYBRID, null,
        0.02, 0);
    Dataset d = Datasets.oneStep(physics, data.subList(0, 1), spec, 1);
    ResidualPredictor m = MlpEnsembleTrainer.builder().members(2).hiddenLayers(8, 8).maxEpochs(3).build()
        .train(d, d, 3, p -> {});
    Supplier<FramePredictor> hybrid = () -> new FramePredictor(NOMINAL, BACKEND, spec, FramePredictor.Kind.HYBRID, m,
        0.02, 0);
    int[] h = {1, 20};
    Evaluation.Result one = Evaluation.nrmse(hybrid, -1, data, load, h, 50, 1);
    Evaluation.Result two = Evaluation.nrmse(hybrid, -1, data, load, h, 50, 2);
    assertArrayEquals(one.nrmse(), two.nrmse(), 0.0);
    double[][] z1 = Evaluation.standardisedErrors(hybrid, 2, data, load, new double[] {1e-3, 1e-3, 1e-3}, h, 50, 1);
    double[][] z2 = Evaluation.standardisedErrors(hybrid, 2, data, load, new double[] {1e-3, 1e-3, 1e-3}, h, 50, 2);
    for (int k = 0; k < h.length; k++) assertArrayEquals(z1[k], z2[k], 0.0);
  }

  @Test
  void physicsOnlyIsFarOffAndLongRolloutsOfThePhysicsStayBounded() {
    int[] h = {1, 100};
    Evaluation.Result physics = Evaluation.nrmse(() -> new FramePredictor(NOMINAL, BACKEND, spec,
        FramePredictor.Kind.PHYSICS, null, 0.02, 0), -1, data, load, h, 25, 2);
    // the nominal twin hangs the load 0.81 m higher than the plant does from the first frame on
    assertTrue(physics.nrmse()[0] > 0.1, "physics-only NRMSE(1) " + physics.nrmse()[0]);
    double[] lo = {-100, -100, -100}, hi = {100, 100, 100};
    int[] b = Evaluation.bounded(() -> new FramePredictor(NOMINAL, BACKEND, spec, FramePredictor.Kind.PHYSICS, null,
        0.02, 0), data, load, lo, hi, 1000, 200, 2);
    assertEquals(b[1], b[0], "every physics rollout stays within 100 m");
    assertTrue(b[1] >= 6, "rollouts made: " + b[1]);
    int[] none = Evaluation.bounded(() -> new FramePredictor(NOMINAL, BACKEND, spec, FramePredictor.Kind.PHYSICS, null,
        0.02, 0), data, load, new double[] {-1, -1, -1}, new double[] {1, 1, 1}, 1000, 200, 2);
    assertEquals(0, none[0], "a load a few metres from the origin is outside ±1 m: the check can fail");
  }

  /** A residual adding {@code offset} to every output (in its own unit) at every step. */
  static ResidualPredictor constant(FeatureSpec spec, double offset) {
    return new ResidualPredictor() {
      @Override public List<String> featureNames() { return spec.featureNames(true); }
      @Override public List<String> outputNames() { return spec.outputNames(true); }
      @Override public int members() { return 1; }
      @Override public void predict(int member, double[] f, int rows, double[] out) {
        java.util.Arrays.fill(out, 0, rows * spec.outputNames(true).size(), offset);
      }
    };
  }

  /** A trainer whose training gives {@code trained} and whose every fine-tuning gives {@code tuned}. */
  static ResidualTrainer scripted(ResidualPredictor trained, ResidualPredictor tuned) {
    return new ResidualTrainer() {
      @Override public ResidualPredictor train(Dataset train, Dataset validation, long seed,
          java.util.function.Consumer<io.factorytwin.core.model.TrainingProgress> progress) {
        return trained;
      }
      @Override public ResidualPredictor fineTune(ResidualPredictor start, Dataset train, Dataset validation, long seed,
          java.util.function.Consumer<io.factorytwin.core.model.TrainingProgress> progress) {
        return tuned;
      }
    };
  }

  /**
   * Fine-tuning rounds are kept only when they lower the validation error at the selection horizon:
   * a round that makes the model worse (a 2 cm/frame drift on every corrected channel against no
   * correction) is dropped, one that makes it better is kept; the card records both figures.
   */
  @Test
  void fineTuningRoundsAreKeptOnlyWhenTheyLowerTheValidationError() {
    ResidualPredictor none = zero(spec), drifting = constant(spec, 0.02);
    Calibrator.Options o = new Calibrator.Options(new Identification.Options(10, 5, 400,
        List.of("crane1.load.pos.x", "crane1.load.pos.y", "crane1.load.pos.z"), 2, 2), 20, 50, 1, false, 2, 1,
        List.of("crane1.load.pos.x", "crane1.load.pos.y", "crane1.load.pos.z"), 50);
    Calibrator.Result worse = Calibrator.calibrate(NOMINAL, BACKEND, scripted(none, drifting), spec, data, o, l -> {});
    Map<String, Double> m = worse.card().metrics();
    assertTrue(m.get("hybrid.validationNrmse.round1") > 2 * m.get("hybrid.validationNrmse.round0"), m.toString());
    assertEquals(0.0, m.get("hybrid.roundKept"));
    assertSame(none, ((ScaledResidual) worse.hybrid()).inner(), "the one-step model is kept");
    Calibrator.Result better = Calibrator.calibrate(NOMINAL, BACKEND, scripted(drifting, none), spec, data, o, l -> {});
    assertEquals(1.0, better.card().metrics().get("hybrid.roundKept"));
    assertSame(none, ((ScaledResidual) better.hybrid()).inner(), "the fine-tuned model is kept");
  }

  @Test
  void aSelectionHorizonBelowOneIsRefused() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Calibrator.Options(new Identification.Options(10, 5, 400, List.of("crane1.load.pos.x"), 2, 2), 20, 50,
            1, false, 2, 1, List.of(), 0));
    assertTrue(e.getMessage().contains("selectionHorizon 0"), e.getMessage());
  }
}
