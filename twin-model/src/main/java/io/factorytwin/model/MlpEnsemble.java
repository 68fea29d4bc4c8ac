package io.factorytwin.model;

import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.model.internal.MlpShape;
import io.factorytwin.model.internal.Standardiser;
import io.factorytwin.model.internal.Tanh;
import java.util.List;

/**
 * An ensemble of tanh multilayer perceptrons that predicts residual rows from feature rows: the
 * {@link ResidualPredictor} that {@link MlpEnsembleTrainer} trains and {@link ModelFiles} reads
 * and writes.
 *
 * <p>Every member has the same layer sizes: {@code featureNames().size()} inputs, the hidden widths
 * (tanh) and {@code outputNames().size()} linear outputs. Features are standardised per column
 * with the training set's mean and standard deviation before the first layer, and outputs are
 * mapped back to physical units with the training targets' mean and standard deviation, so
 * {@link #predict} takes and returns physical units (those of the dataset's columns).
 *
 * <p>The weights are float32, exactly as trained. {@link #predict} is a plain-Java forward pass in
 * double precision (each float32 weight widened exactly; a fixed summation order; a tanh of plain
 * arithmetic, within 4e-15 of {@link StrictMath#tanh}; so results are bit-identical on every JVM;
 * its loops over a layer's outputs compile to SIMD instructions); it agrees with the ND4J float32
 * pass used during training to about float32 precision (relative 1e-4, tested).
 *
 * <p>Immutable and thread-safe: any number of threads may predict at once; every call reuses
 * three scratch rows of {@code max(layer width)} doubles per thread (kept while the thread and the
 * ensemble live), so a hybrid step allocates nothing here.
 */
public final class MlpEnsemble implements ResidualPredictor {
  private final List<String> featureNames;
  private final List<String> outputNames;
  private final MlpShape shape;
  private final Standardiser featureScaling;
  private final Standardiser outputScaling;
  private final double[] featureMean, featureStd, outputMean, outputStd;
  private final float[][] parameters; // [member][flat as MlpShape], float32 as trained
  // the same, widened to double for predict: [member][layer][input i] the weights from input i to
  // each output (one array per input, so that the forward pass's loops over outputs vectorise)
  private final double[][][][] weights;
  private final double[][][] biases; // [member][layer][output]
  // per thread, three rows of maxWidth doubles for the forward passes (a hybrid step predicts every frame)
  private final ThreadLocal<double[][]> scratch;

  /**
   * @throws IllegalArgumentException when the names, shape, standardisers and parameter lengths do
   *     not fit together, or no member is given
   */
  MlpEnsemble(List<String> featureNames, List<String> outputNames, MlpShape shape, Standardiser featureScaling,
      Standardiser outputScaling, List<float[]> memberParameters) {
    this.featureNames = List.copyOf(featureNames);
    this.outputNames = List.copyOf(outputNames);
    this.shape = shape;
    this.featureScaling = featureScaling;
    this.outputScaling = outputScaling;
    if (shape.inputs() != this.featureNames.size() || featureScaling.columns() != shape.inputs()) {
      throw new IllegalArgumentException("mlp ensemble: " + this.featureNames.size() + " feature names, "
          + featureScaling.columns() + " feature normalisers, " + shape.inputs() + " network inputs, must be equal");
    }
    if (shape.outputs() != this.outputNames.size() || outputScaling.columns() != shape.outputs()) {
      throw new IllegalArgumentException("mlp ensemble: " + this.outputNames.size() + " output names, "
          + outputScaling.columns() + " output normalisers, " + shape.outputs() + " network outputs, must be equal");
    }
    if (memberParameters.isEmpty()) {
      throw new IllegalArgumentException("mlp ensemble: 0 members, must be ≥ 1");
    }
    int width = shape.maxWidth();
    scratch = ThreadLocal.withInitial(() -> new double[3][width]);
    featureMean = featureScaling.mean();
    featureStd = featureScaling.std();
    outputMean = outputScaling.mean();
    outputStd = outputScaling.std();
    parameters = new float[memberParameters.size()][];
    weights = new double[memberParameters.size()][shape.layers()][][];
    biases = new double[memberParameters.size()][shape.layers()][];
    for (int k = 0; k < parameters.length; k++) {
      float[] p = memberParameters.get(k);
      if (p.length != shape.parameterCount()) {
        throw new IllegalArgumentException("mlp ensemble: member " + k + " has " + p.length + " parameters, "
            + shape.describe() + " needs " + shape.parameterCount());
      }
      parameters[k] = p.clone();
      for (int i = 0; i < p.length; i++) {
        if (!Float.isFinite(p[i])) {
          throw new IllegalArgumentException("mlp ensemble: member " + k + " parameter " + i + ": " + p[i] + ", must be finite");
        }
      }
      for (int l = 0; l < shape.layers(); l++) {
        int in = shape.in(l), outs = shape.out(l), w = shape.weightOffset(l), b = shape.biasOffset(l);
        weights[k][l] = new double[in][outs];
        for (int i = 0; i < in; i++) for (int j = 0; j < outs; j++) weights[k][l][i][j] = p[w + i * outs + j];
        biases[k][l] = new double[outs];
        for (int j = 0; j < outs; j++) biases[k][l][j] = p[b + j];
      }
    }
  }

  @Override
  public List<String> featureNames() {
    return featureNames;
  }

  @Override
  public List<String> outputNames() {
    return outputNames;
  }

  @Override
  public int members() {
    return parameters.length;
  }

  /**
   * A one-line description, e.g. {@code "5 × MLP 60-64-64-8, tanh hidden, linear output, float32
   * weights, standardised inputs and outputs"}.
   */
  public String architecture() {
    return parameters.length + " × MLP " + shape.describe()
        + ", tanh hidden, linear output, float32 weights, standardised inputs and outputs";
  }

  /**
   * Member {@code member}'s residuals for {@code rows} feature rows, in the units of
   * {@link #outputNames()}. Non-finite features give non-finite outputs (not checked).
   *
   * @param member   0 ≤ member &lt; members()
   * @param features at least rows × featureNames().size() values, row-major
   * @param rows     ≥ 1
   * @param out      at least rows × outputNames().size() values; the first rows × outputs are written
   * @throws IllegalArgumentException naming the member index, row count or array that is out of range
   */
  @Override
  public void predict(int member, double[] features, int rows, double[] out) {
    checkMember(member);
    checkArrays(features, rows, out, (long) rows * shape.outputs(), "out");
    double[][] t = scratch.get();
    forward(member, features, rows, out, 0, t[0], t[1], t[2]);
  }

  /**
   * Every member's residuals for {@code rows} feature rows.
   *
   * @param features     at least rows × featureNames().size() values, row-major
   * @param rows         ≥ 1
   * @param outPerMember at least members() × rows × outputs values, written as
   *                     {@code [member][row][output]} (member k's block starts at k·rows·outputs)
   * @throws IllegalArgumentException naming the row count or array that is out of range
   */
  public void predictAll(double[] features, int rows, double[] outPerMember) {
    checkArrays(features, rows, outPerMember, (long) parameters.length * rows * shape.outputs(), "outPerMember");
    double[][] t = scratch.get();
    for (int k = 0; k < parameters.length; k++) {
      forward(k, features, rows, outPerMember, k * rows * shape.outputs(), t[0], t[1], t[2]);
    }
  }

  /**
   * The ensemble mean and spread for {@code rows} feature rows: per row and output, the mean over
   * members and their population standard deviation (divided by members(); 0 for one member), in
   * the units of {@link #outputNames()}. A spread that is large compared with the validation error
   * marks inputs unlike the training data.
   *
   * @param features at least rows × featureNames().size() values, row-major
   * @param rows     ≥ 1
   * @param mean     at least rows × outputs values, written
   * @param std      at least rows × outputs values, written
   * @throws IllegalArgumentException naming the row count or array that is out of range
   */
  public void predictMeanAndStd(double[] features, int rows, double[] mean, double[] std) {
    int o = shape.outputs(), n = rows * o;
    checkArrays(features, rows, mean, (long) rows * o, "mean");
    if (std.length < (long) rows * o) {
      throw new IllegalArgumentException("std: length " + std.length + ", must be ≥ rows × outputs = " + rows + " × " + o);
    }
    double[][] t = scratch.get();
    double[] one = new double[n];
    // Welford's one-pass mean and sum of squared deviations over members
    for (int k = 0; k < parameters.length; k++) {
      forward(k, features, rows, one, 0, t[0], t[1], t[2]);
      for (int i = 0; i < n; i++) {
        double m = k == 0 ? 0.0 : mean[i], s = k == 0 ? 0.0 : std[i];
        double d = one[i] - m;
        m += d / (k + 1);
        mean[i] = m;
        std[i] = s + d * (one[i] - m);
      }
    }
    for (int i = 0; i < n; i++) std[i] = Math.sqrt(std[i] / parameters.length);
  }

  /**
   * The forward pass of member {@code k}: rows of {@code features} → rows of {@code out} from
   * {@code outOffset}; {@code a}, {@code b} and {@code c} are scratch rows of maxWidth doubles.
   * y_j = bias_j + Σ_i x_i W_ij is summed in order of i, four inputs per pass over the outputs (the
   * same operations in the same order as one at a time; the passes vectorise).
   */
  private void forward(int k, double[] features, int rows, double[] out, int outOffset, double[] a, double[] b,
      double[] c) {
    int f = shape.inputs(), o = shape.outputs(), last = shape.layers() - 1;
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < f; i++) a[i] = (features[r * f + i] - featureMean[i]) / featureStd[i];
      double[] x = a, y = b;
      for (int l = 0; l <= last; l++) {
        int in = shape.in(l), outs = shape.out(l);
        double[][] w = weights[k][l];
        System.arraycopy(biases[k][l], 0, y, 0, outs);
        int i = 0;
        for (; i + 3 < in; i += 4) {
          double x0 = x[i], x1 = x[i + 1], x2 = x[i + 2], x3 = x[i + 3];
          double[] w0 = w[i], w1 = w[i + 1], w2 = w[i + 2], w3 = w[i + 3];
          for (int j = 0; j < outs; j++) y[j] = (((y[j] + x0 * w0[j]) + x1 * w1[j]) + x2 * w2[j]) + x3 * w3[j];
        }
        for (; i < in; i++) {
          double xi = x[i];
          double[] wi = w[i];
          for (int j = 0; j < outs; j++) y[j] += xi * wi[j];
        }
        if (l < last) Tanh.tanh(y, outs, x, c); // x is free now: scratch
        double[] t = x;
        x = y;
        y = t;
      }
      int base = outOffset + r * o;
      for (int j = 0; j < o; j++) out[base + j] = x[j] * outputStd[j] + outputMean[j];
    }
  }

  private void checkMember(int member) {
    if (!(member >= 0 && member < parameters.length)) {
      throw new IllegalArgumentException("member: " + member + ", must be in [0, " + parameters.length + ")");
    }
  }

  private void checkArrays(double[] features, int rows, double[] out, long outNeeded, String outName) {
    if (!(rows >= 1)) {
      throw new IllegalArgumentException("rows: " + rows + ", must be ≥ 1");
    }
    int f = shape.inputs();
    if (features.length < (long) rows * f) {
      throw new IllegalArgumentException("features: length " + features.length + ", must be ≥ rows × features = "
          + rows + " × " + f);
    }
    if (out.length < outNeeded) {
      throw new IllegalArgumentException(outName + ": length " + out.length + ", must be ≥ " + outNeeded + " ("
          + (outName.equals("outPerMember") ? "members × " : "") + "rows × outputs)");
    }
  }

  MlpShape shape() {
    return shape;
  }

  Standardiser featureScaling() {
    return featureScaling;
  }

  Standardiser outputScaling() {
    return outputScaling;
  }

  /** Member {@code k}'s float32 parameters (a copy), flat as {@link MlpShape} says. */
  float[] parameters(int k) {
    checkMember(k);
    return parameters[k].clone();
  }
}
