package io.factorytwin.model.internal;

import java.util.SplittableRandom;

/**
 * Minibatch training of one tanh MLP after another on the same normalised data, in ND4J float32,
 * with Adam and early stopping; the ND4J arrays are allocated once per session and reused for every
 * member.
 *
 * <p>An epoch visits the member's sample rows in a fresh random order, in
 * {@code floor(sample / batch)} full minibatches (the few rows left over wait for another epoch's
 * order, so every minibatch has the same shape). The loss is the mean squared error over all
 * normalised outputs of a minibatch, plus {@code weightDecay/2 · Σ w²} over the weights (not the
 * biases) added to the gradient (coupled L2, as in classic Adam with L2). Adam: β1 0.9, β2 0.999,
 * ε 1e-8, bias-corrected.
 *
 * <p>Early stopping: the validation loss (mean squared error over all normalised outputs of the
 * validation set) of the starting weights is epoch 0; after each epoch the weights are kept when the
 * validation loss is strictly below the best so far; training stops after {@code patience} epochs
 * without improvement, at {@code maxEpochs}, or when the training loss stops being finite. The kept
 * weights are returned, so a result is never worse on validation than its start.
 *
 * <p>Deterministic: for the same inputs and random stream it returns bit-identical weights, provided
 * OpenBLAS runs one thread ({@link Nd4jThreads}; sgemm and ND4J's tanh are then deterministic for
 * fixed shapes, and the loss, the tanh derivative and Adam run in Java float arithmetic in a fixed
 * order).
 *
 * <p>Not thread-safe: one thread uses a session.
 */
public final class MlpTrainingSession implements AutoCloseable {
  /** Cap on rows per validation pass: bounds the memory of the validation arrays. */
  static final int VALIDATION_CHUNK = 4096;

  /**
   * Training settings.
   *
   * @param maxEpochs    ≥ 1
   * @param batchSize    rows per minibatch, ≥ 1 (capped at the sample size)
   * @param learningRate Adam step size, &gt; 0
   * @param weightDecay  L2 coefficient on weights, ≥ 0
   * @param patience     epochs without improvement before stopping, ≥ 1
   */
  public record Settings(int maxEpochs, int batchSize, double learningRate, double weightDecay, int patience) {}

  /**
   * One member's outcome.
   *
   * @param parameters         the kept (best-validation) weights, flat as {@link MlpShape} says
   * @param bestEpoch          the epoch they come from (0 = the starting weights)
   * @param epochs             epochs run
   * @param bestValidationLoss their validation loss (normalised outputs)
   */
  public record Result(float[] parameters, int bestEpoch, int epochs, double bestValidationLoss) {}

  /** Receives each epoch's figures. */
  @FunctionalInterface
  public interface EpochListener {
    /** After epoch {@code epoch} (1-based). */
    void epoch(int epoch, double trainLoss, double validationLoss, int bestEpoch);
  }

  private final MlpShape shape;
  private final float[] xTrain, yTrain, xVal, yVal;
  private final int valRows;
  private final Settings settings;
  private final int batch;
  private final Nd4jParameters parameters;
  private final Nd4jMlp trainNet;
  private final Nd4jMlp valNet;
  private Nd4jMlp valTailNet; // for the last, shorter validation chunk
  private final float[] outputs, outputDelta, valOutputs;

  /**
   * @param shape    the network
   * @param xTrain   normalised training inputs, rows × inputs, row-major (not copied, not changed)
   * @param yTrain   normalised training targets, rows × outputs
   * @param xVal     normalised validation inputs, valRows × inputs
   * @param yVal     normalised validation targets, valRows × outputs
   * @param trainRows training rows, ≥ 1 (minibatch size is capped at it)
   */
  public MlpTrainingSession(MlpShape shape, float[] xTrain, float[] yTrain, int trainRows, float[] xVal, float[] yVal,
      int valRows, Settings settings) {
    this.shape = shape;
    this.xTrain = xTrain;
    this.yTrain = yTrain;
    this.xVal = xVal;
    this.yVal = yVal;
    this.valRows = valRows;
    this.settings = settings;
    this.batch = Math.min(settings.batchSize(), trainRows);
    parameters = new Nd4jParameters(shape);
    trainNet = new Nd4jMlp(parameters, batch, true);
    valNet = new Nd4jMlp(parameters, Math.min(valRows, VALIDATION_CHUNK), false);
    outputs = new float[batch * shape.outputs()];
    outputDelta = new float[batch * shape.outputs()];
    valOutputs = new float[valNet.rows() * shape.outputs()];
  }

  /** Rows per minibatch actually used. */
  public int batchSize() {
    return batch;
  }

  /**
   * Trains from {@code start} (not changed) on the training rows listed in {@code sample}
   * (duplicates allowed: a bootstrap), shuffling with {@code rng}.
   */
  public Result train(float[] start, int[] sample, SplittableRandom rng, EpochListener listener) {
    int p = shape.parameterCount();
    float[] w = start.clone();
    float[] best = start.clone();
    float[] g = new float[p], m = new float[p], v = new float[p];
    float[] decay = new float[p];
    for (int l = 0; l < shape.layers(); l++) {
      int from = shape.weightOffset(l), to = from + shape.in(l) * shape.out(l);
      for (int i = from; i < to; i++) decay[i] = (float) settings.weightDecay();
    }
    parameters.set(w);
    double bestLoss = validationLoss();
    int bestEpoch = 0;
    int[] order = sample.clone();
    int batches = order.length / batch;
    int o = shape.outputs();
    float deltaScale = 2f / (batch * o);
    final float beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
    double beta1Power = 1, beta2Power = 1;
    int epoch = 0;
    while (epoch < settings.maxEpochs()) {
      epoch++;
      shuffle(order, rng);
      double lossSum = 0;
      for (int b = 0; b < batches; b++) {
        trainNet.loadRows(xTrain, order, b * batch);
        trainNet.forward();
        trainNet.readOutputs(outputs);
        double sq = 0;
        for (int k = 0; k < batch; k++) {
          int target = order[b * batch + k] * o;
          for (int j = 0; j < o; j++) {
            float d = outputs[k * o + j] - yTrain[target + j];
            sq += (double) d * d;
            outputDelta[k * o + j] = deltaScale * d;
          }
        }
        lossSum += sq / (batch * o);
        trainNet.backward(outputDelta);
        parameters.readGradients(g);
        beta1Power *= beta1;
        beta2Power *= beta2;
        float stepSize = (float) (settings.learningRate() * Math.sqrt(1 - beta2Power) / (1 - beta1Power));
        for (int i = 0; i < p; i++) {
          float gi = g[i] + decay[i] * w[i];
          float mi = beta1 * m[i] + (1 - beta1) * gi;
          float vi = beta2 * v[i] + (1 - beta2) * gi * gi;
          m[i] = mi;
          v[i] = vi;
          w[i] -= stepSize * mi / ((float) Math.sqrt(vi) + eps);
        }
        parameters.set(w);
      }
      double trainLoss = lossSum / batches;
      double valLoss = validationLoss();
      if (valLoss < bestLoss) {
        bestLoss = valLoss;
        bestEpoch = epoch;
        System.arraycopy(w, 0, best, 0, p);
      }
      listener.epoch(epoch, trainLoss, valLoss, bestEpoch);
      if (!Double.isFinite(trainLoss) || epoch - bestEpoch >= settings.patience()) break;
    }
    return new Result(best, bestEpoch, epoch, bestLoss);
  }

  /** Mean squared error of the current ND4J parameters on the validation set (normalised outputs). */
  private double validationLoss() {
    int o = shape.outputs();
    double sq = 0;
    for (int first = 0; first < valRows; ) {
      int n = Math.min(valNet.rows(), valRows - first);
      Nd4jMlp net = valNet;
      if (n < valNet.rows()) {
        if (valTailNet == null || valTailNet.rows() != n) {
          if (valTailNet != null) valTailNet.close();
          valTailNet = new Nd4jMlp(parameters, n, false);
        }
        net = valTailNet;
      }
      net.loadRows(xVal, first);
      net.forward();
      net.readOutputs(valOutputs);
      for (int i = 0, t = first * o; i < n * o; i++, t++) {
        double d = valOutputs[i] - yVal[t];
        sq += d * d;
      }
      first += n;
    }
    return sq / ((double) valRows * o);
  }

  /** Fisher–Yates. */
  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  @Override
  public void close() {
    trainNet.close();
    valNet.close();
    if (valTailNet != null) valTailNet.close();
    parameters.close();
  }
}
