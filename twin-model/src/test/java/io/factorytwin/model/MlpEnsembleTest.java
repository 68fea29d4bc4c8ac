package io.factorytwin.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlpEnsembleTest {
  final MlpEnsemble model = Ensembles.random(1, 3, 4, 6, 2);

  static double[] randomRows(long seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = 10 * rng.nextGaussian();
    return x;
  }

  @Test
  void predictAllIsEachMemberInTurnAndMeanAndStdSummariseThem() {
    int rows = 7;
    double[] x = randomRows(2, rows * 4), all = new double[3 * rows * 2];
    model.predictAll(x, rows, all);
    double[] one = new double[rows * 2];
    for (int k = 0; k < 3; k++) {
      model.predict(k, x, rows, one);
      assertArrayEquals(one, java.util.Arrays.copyOfRange(all, k * rows * 2, (k + 1) * rows * 2), "member " + k);
    }
    double[] mean = new double[rows * 2], std = new double[rows * 2];
    model.predictMeanAndStd(x, rows, mean, std);
    for (int i = 0; i < rows * 2; i++) {
      double m = (all[i] + all[rows * 2 + i] + all[2 * rows * 2 + i]) / 3;
      double v = 0;
      for (int k = 0; k < 3; k++) v += (all[k * rows * 2 + i] - m) * (all[k * rows * 2 + i] - m) / 3;
      // the one-pass (Welford) summary against the two-pass definition: equal to rounding, 1e-12 relative
      assertEquals(m, mean[i], 1e-12 * Math.max(1, Math.abs(m)), "mean " + i);
      assertEquals(Math.sqrt(v), std[i], 1e-9 * Math.max(1, Math.abs(m)), "std " + i);
    }
    assertTrue(java.util.Arrays.stream(std).allMatch(s -> s > 0), "random members disagree");
  }

  @Test
  void rowsArePredictedIndependentlyOfTheirBatch() {
    double[] x = randomRows(3, 5 * 4), batch = new double[5 * 2], single = new double[2];
    model.predict(1, x, 5, batch);
    for (int r = 0; r < 5; r++) {
      model.predict(1, java.util.Arrays.copyOfRange(x, r * 4, r * 4 + 4), 1, single);
      assertEquals(batch[r * 2], single[0]);
      assertEquals(batch[r * 2 + 1], single[1]);
    }
  }

  @Test
  void manyThreadsPredictTheSameBitsAtOnce() throws Exception {
    MlpEnsemble big = Ensembles.random(4, 4, 20, 32, 32, 5);
    int rows = 50;
    double[] x = randomRows(5, rows * 20), expected = new double[4 * rows * 5];
    big.predictAll(x, rows, expected);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        results.add(pool.submit(() -> {
          double[] out = new double[4 * rows * 5];
          for (int rep = 0; rep < 20; rep++) big.predictAll(x, rows, out);
          return out;
        }));
      }
      for (Future<double[]> f : results) assertArrayEquals(expected, f.get());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void architectureNamesTheLayersAndMembers() {
    assertTrue(model.architecture().startsWith("3 × MLP 4-6-2, tanh hidden"), model.architecture());
    assertEquals(3, model.members());
  }

  @Test
  void badArgumentsAreRefusedWithTheNameAndTheBound() {
    double[] x = new double[2 * 4], out = new double[2 * 2];
    assertEquals("member: 3, must be in [0, 3)",
        assertThrows(IllegalArgumentException.class, () -> model.predict(3, x, 2, out)).getMessage());
    assertEquals("member: -1, must be in [0, 3)",
        assertThrows(IllegalArgumentException.class, () -> model.predict(-1, x, 2, out)).getMessage());
    assertEquals("rows: 0, must be ≥ 1",
        assertThrows(IllegalArgumentException.class, () -> model.predict(0, x, 0, out)).getMessage());
    assertEquals("features: length 8, must be ≥ rows × features = 3 × 4",
        assertThrows(IllegalArgumentException.class, () -> model.predict(0, x, 3, new double[6])).getMessage());
    assertEquals("out: length 4, must be ≥ 6 (rows × outputs)",
        assertThrows(IllegalArgumentException.class, () -> model.predict(0, new double[12], 3, out)).getMessage());
    assertEquals("outPerMember: length 4, must be ≥ 12 (members × rows × outputs)",
        assertThrows(IllegalArgumentException.class, () -> model.predictAll(x, 2, out)).getMessage());
    assertEquals("std: length 3, must be ≥ rows × outputs = 2 × 2",
        assertThrows(IllegalArgumentException.class, () -> model.predictMeanAndStd(x, 2, out, new double[3])).getMessage());
  }
}
