package io.factorytwin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.model.internal.Nd4jMlp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java double-precision forward pass of {@link MlpEnsemble#predict} against the ND4J
 * float32 pass that training uses for validation ({@link Nd4jMlp}).
 */
class ForwardPassTest {
  /**
   * Tolerance, in normalised output units: |java − nd4j| ≤ 1e-4 · max(1, |java|). Why 1e-4: the ND4J
   * pass rounds inputs, products and sums to float32 (ε ≈ 6e-8); a dot product of n ≤ 65 terms of
   * magnitude ≤ ~3 errs by at most about n·ε·Σ|terms| ≈ 1e-5 in the worst case, tanh is
   * 1-Lipschitz, and three layers add up to a few 1e-5. max(1, ·): normalised outputs are O(1) by
   * construction, and an output near 0 after cancellation has no meaningful relative error.
   */
  static final double TOLERANCE = 1e-4;

  @Test
  void plainJavaPassEqualsNd4jFloat32PassForEveryMember() {
    check(Ensembles.random(1, 5, 60, 64, 64, 8), 3000, 2);
    check(Ensembles.random(2, 3, 7, 16, 12, 3), 500, 3);
    check(Ensembles.random(3, 2, 4, 2), 100, 4); // no hidden layer: a linear model
  }

  private static void check(MlpEnsemble model, int rows, long seed) {
    int f = model.featureNames().size(), o = model.outputNames().size();
    SplittableRandom rng = new SplittableRandom(seed);
    double[] mean = model.featureScaling().mean(), std = model.featureScaling().std();
    double[] outMean = model.outputScaling().mean(), outStd = model.outputScaling().std();
    double[] x = new double[rows * f];
    // normalised inputs ~ N(0, 1.5²): inside the training range and out to about ±5 std
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < f; c++) x[r * f + c] = mean[c] + std[c] * 1.5 * rng.nextGaussian();
    }
    float[] xNorm = model.featureScaling().normaliseToFloat(x, rows);
    double[] java = new double[rows * o];
    double worst = 0;
    int compared = 0;
    for (int k = 0; k < model.members(); k++) {
      model.predict(k, x, rows, java);
      float[] nd4j = Nd4jMlp.forwardOnce(model.shape(), model.parameters(k), xNorm, rows);
      for (int i = 0; i < rows * o; i++) {
        int j = i % o;
        double zJava = (java[i] - outMean[j]) / outStd[j];
        double err = Math.abs(zJava - nd4j[i]) / Math.max(1, Math.abs(zJava));
        worst = Math.max(worst, err);
        compared++;
        assertTrue(err <= TOLERANCE, "member " + k + " row " + i / o + " output " + j + ": java " + zJava + ", nd4j "
            + nd4j[i] + " (normalised), relative error " + err);
      }
    }
    assertEquals((long) model.members() * rows * o, compared);
    System.out.printf("forward pass %s: worst relative difference java vs nd4j %.2e%n", model.shape().describe(), worst);
    // the comparison is not vacuous: float32 and double do differ, just by little
    assertTrue(worst > 0, "a float32 pass should differ from a double pass somewhere");
  }
}
