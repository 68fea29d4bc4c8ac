package io.factorytwin.model;

import io.factorytwin.model.internal.MlpShape;
import io.factorytwin.model.internal.Standardiser;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Ensembles with random weights, for tests that need a model but not a trained one. */
final class Ensembles {
  private Ensembles() {}

  /**
   * {@code members} members of {@code sizes} with Glorot-scaled random weights, random biases
   * (std 0.3) and random normalisers (means in [-5, 5], stds in [0.1, 10]).
   */
  static MlpEnsemble random(long seed, int members, int... sizes) {
    SplittableRandom rng = new SplittableRandom(seed);
    MlpShape shape = new MlpShape(sizes);
    int f = shape.inputs(), o = shape.outputs();
    List<float[]> params = new ArrayList<>();
    for (int k = 0; k < members; k++) {
      float[] p = new float[shape.parameterCount()];
      for (int l = 0; l < shape.layers(); l++) {
        double limit = Math.sqrt(6.0 / (shape.in(l) + shape.out(l)));
        for (int i = 0; i < shape.in(l) * shape.out(l); i++) {
          p[shape.weightOffset(l) + i] = (float) ((2 * rng.nextDouble() - 1) * limit);
        }
        for (int j = 0; j < shape.out(l); j++) p[shape.biasOffset(l) + j] = (float) (0.3 * rng.nextGaussian());
      }
      params.add(p);
    }
    return new MlpEnsemble(Synthetic.names("f", f), Synthetic.names("o", o), shape,
        Standardiser.of("features", uniform(rng, f, -5, 5), uniform(rng, f, 0.1, 10)),
        Standardiser.of("outputs", uniform(rng, o, -5, 5), uniform(rng, o, 0.1, 10)), params);
  }

  static double[] uniform(SplittableRandom rng, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * rng.nextDouble();
    return v;
  }
}
