package io.factorytwin.model.internal;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ND4J float32 forward (and backward) pass of a tanh MLP on a fixed number of rows, with every
 * array allocated once. ND4J costs tens of microseconds per call whatever the size (MEASURED.md),
 * so a pass makes as few calls as it can: per layer one matrix product into a preallocated array
 * (the op of {@code Nd4j.gemm}, built once: {@link Gemm}) and, for hidden layers, one in-place tanh. Each layer's input carries a trailing column of
 * ones, so the gemm with {@link Nd4jParameters#augmented(int)} adds the bias too; hidden
 * activations are column-major ({@code 'f'}) {@code rows × (out + 1)} arrays whose first
 * {@code out} columns are one contiguous block (where gemm and tanh write) and whose last column
 * holds the ones. The small element-wise work of the backward pass is done in Java on bulk copies.
 *
 * <p>Shapes: input {@code rows × inputs} (row-major), hidden layer {@code l} {@code rows × out(l)}
 * (column-major), output {@code rows × outputs} (row-major). Hidden layers apply tanh; the last
 * layer is linear. Values are in normalised units (see {@link Standardiser}).
 *
 * <p>Not thread-safe: one thread uses an instance.
 */
public final class Nd4jMlp implements AutoCloseable {
  private final MlpShape shape;
  private final int rows;
  private final Nd4jParameters parameters;
  private final INDArray input; // rows × (inputs + 1), 'c', last column ones
  private final FloatBuffer inputBuffer;
  private final INDArray[] augmented; // [l]: layer l's output with a ones column; hidden: 'f' rows × (out+1); last: 'c' rows × out
  private final INDArray[] activations; // [l]: the first out(l) columns of augmented[l]
  private final FloatBuffer[] activationBuffers;
  private final INDArray[] deltas; // [l]: dLoss/d(pre-activation of layer l), same order as activations[l]; null without gradients
  private final FloatBuffer[] deltaBuffers;
  private final float[] scratchA, scratchD;
  private final Gemm[] forward; // [l]: activations[l] = [a(l-1) 1] · augmented(l)
  private final Gemm[] weightGradient; // [l]: augmentedGradients(l) = [a(l-1) 1]^T · deltas[l]
  private final Gemm[] inputGradient; // [l], l ≥ 1: deltas[l-1] = deltas[l] · weights(l)^T

  /**
   * @param parameters the parameters the passes use (shared, not copied)
   * @param rows       rows per pass, ≥ 1
   * @param gradients  whether to allocate the arrays of {@link #backward(float[])}
   */
  public Nd4jMlp(Nd4jParameters parameters, int rows, boolean gradients) {
    this.shape = parameters.shape();
    this.parameters = parameters;
    this.rows = rows;
    int layers = shape.layers(), last = layers - 1, f = shape.inputs();
    input = Nd4j.create(DataType.FLOAT, rows, f + 1);
    inputBuffer = input.data().asNioFloat();
    for (int r = 0; r < rows; r++) inputBuffer.put(r * (f + 1) + f, 1f);
    augmented = new INDArray[layers];
    activations = new INDArray[layers];
    activationBuffers = new FloatBuffer[layers];
    deltas = new INDArray[layers];
    deltaBuffers = new FloatBuffer[layers];
    int widest = 0;
    for (int l = 0; l < layers; l++) {
      int out = shape.out(l);
      if (l < last) {
        augmented[l] = Nd4j.create(DataType.FLOAT, new long[] {rows, out + 1}, 'f');
        FloatBuffer all = augmented[l].data().asNioFloat();
        for (int r = 0; r < rows; r++) all.put(out * rows + r, 1f);
        activations[l] = augmented[l].get(NDArrayIndex.all(), NDArrayIndex.interval(0, out));
        if (activations[l].elementWiseStride() != 1 || activations[l].offset() != 0) {
          throw new IllegalStateException("ND4J did not return a contiguous column block");
        }
        widest = Math.max(widest, out);
      } else {
        augmented[l] = Nd4j.create(DataType.FLOAT, rows, out);
        activations[l] = augmented[l];
      }
      activationBuffers[l] = augmented[l].data().asNioFloat();
      if (gradients) {
        deltas[l] = Nd4j.create(DataType.FLOAT, new long[] {rows, out}, l < last ? 'f' : 'c');
        deltaBuffers[l] = deltas[l].data().asNioFloat();
      }
    }
    scratchA = new float[gradients ? rows * widest : 0];
    scratchD = new float[gradients ? rows * widest : 0];
    forward = new Gemm[layers];
    weightGradient = new Gemm[gradients ? layers : 0];
    inputGradient = new Gemm[gradients ? layers : 0];
    for (int l = 0; l < layers; l++) {
      INDArray below = l == 0 ? input : augmented[l - 1];
      forward[l] = new Gemm(below, parameters.augmented(l), activations[l], false, false, 1.0, 0.0);
      if (gradients) {
        weightGradient[l] = new Gemm(below, deltas[l], parameters.augmentedGradients(l), true, false, 1.0, 0.0);
        if (l > 0) inputGradient[l] = new Gemm(deltas[l], parameters.weights(l), deltas[l - 1], false, true, 1.0, 0.0);
      }
    }
  }

  /** Rows per pass. */
  public int rows() {
    return rows;
  }

  /** Copies rows {@code first … first + rows() − 1} of {@code x} ({@code n × inputs}, row-major) to the input. */
  public void loadRows(float[] x, int first) {
    int f = shape.inputs();
    for (int k = 0; k < rows; k++) inputBuffer.put(k * (f + 1), x, (first + k) * f, f);
  }

  /** Copies rows {@code x[order[from + k]]}, k = 0 … rows() − 1, to the input. */
  public void loadRows(float[] x, int[] order, int from) {
    int f = shape.inputs();
    for (int k = 0; k < rows; k++) inputBuffer.put(k * (f + 1), x, order[from + k] * f, f);
  }

  /** Runs the forward pass on the loaded input. */
  public void forward() {
    int last = shape.layers() - 1;
    for (int l = 0; l <= last; l++) {
      forward[l].run();
      if (l < last) Transforms.tanh(activations[l], false);
    }
  }

  /** Copies the outputs of the last forward pass ({@code rows() × outputs}, row-major) into {@code out}. */
  public void readOutputs(float[] out) {
    activationBuffers[shape.layers() - 1].get(0, out, 0, rows * shape.outputs());
  }

  /**
   * Back-propagates {@code outputDelta} (dLoss/dOutput, {@code rows() × outputs}, row-major) through
   * the last forward pass and writes dLoss/dParameters into the parameters' gradients (overwriting
   * them).
   */
  public void backward(float[] outputDelta) {
    int last = shape.layers() - 1;
    deltaBuffers[last].put(0, outputDelta, 0, rows * shape.outputs());
    for (int l = last; l >= 0; l--) {
      // weights and bias row at once: [a 1]^T · delta
      weightGradient[l].run();
      if (l > 0) {
        // dLoss/dA(l-1) = delta(l) · W(l)^T, then times tanh' = 1 − a² (a = the tanh output, kept in place)
        inputGradient[l].run();
        int n = rows * shape.out(l - 1);
        activationBuffers[l - 1].get(0, scratchA, 0, n);
        deltaBuffers[l - 1].get(0, scratchD, 0, n);
        for (int i = 0; i < n; i++) {
          float a = scratchA[i];
          scratchD[i] *= 1f - a * a;
        }
        deltaBuffers[l - 1].put(0, scratchD, 0, n);
      }
    }
  }

  /**
   * One forward pass of {@code rows} normalised input rows ({@code rows × inputs}, row-major) with
   * {@code parameters} (flat as {@link MlpShape} says), allocating and freeing its ND4J arrays:
   * the pass training uses for validation, for tests that compare other passes with it.
   *
   * @return the normalised outputs, {@code rows × outputs}, row-major
   */
  public static float[] forwardOnce(MlpShape shape, float[] parameters, float[] x, int rows) {
    try (Nd4jParameters p = new Nd4jParameters(shape); Nd4jMlp net = new Nd4jMlp(p, rows, false)) {
      p.set(parameters);
      net.loadRows(x, 0);
      net.forward();
      float[] out = new float[rows * shape.outputs()];
      net.readOutputs(out);
      return out;
    }
  }

  @Override
  public void close() {
    for (Gemm g : forward) g.close();
    for (Gemm g : weightGradient) g.close();
    for (Gemm g : inputGradient) if (g != null) g.close();
    input.close();
    for (INDArray a : augmented) a.close();
    for (INDArray d : deltas) if (d != null) d.close();
  }
}
