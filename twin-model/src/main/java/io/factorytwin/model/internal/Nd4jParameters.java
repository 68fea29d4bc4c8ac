package io.factorytwin.model.internal;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One MLP's parameters and their gradients in ND4J float32 memory: two flat {@code 1 × P} arrays
 * laid out as {@link MlpShape} says, and views into them. Because a layer's biases follow its
 * weight block, the two together are one {@code (in + 1) × out} row-major matrix whose last row is
 * the bias: multiplied by inputs that end in a column of ones, it applies weights and bias in one
 * gemm. Java reads and writes the flat arrays in bulk through NIO views of the same native memory.
 *
 * <p>Not thread-safe: one training at a time.
 */
public final class Nd4jParameters implements AutoCloseable {
  private final MlpShape shape;
  private final INDArray values;
  private final INDArray gradients;
  private final FloatBuffer valueBuffer;
  private final FloatBuffer gradientBuffer;
  private final INDArray[] augmented, weights, augmentedGradients;

  /** Zero parameters and gradients for {@code shape}. */
  public Nd4jParameters(MlpShape shape) {
    this.shape = shape;
    int p = shape.parameterCount();
    values = Nd4j.create(DataType.FLOAT, 1, p);
    gradients = Nd4j.create(DataType.FLOAT, 1, p);
    valueBuffer = values.data().asNioFloat();
    gradientBuffer = gradients.data().asNioFloat();
    int layers = shape.layers();
    augmented = new INDArray[layers];
    weights = new INDArray[layers];
    augmentedGradients = new INDArray[layers];
    for (int l = 0; l < layers; l++) {
      int in = shape.in(l), out = shape.out(l), at = shape.weightOffset(l);
      augmented[l] = view(values, at, in + 1, out);
      weights[l] = view(values, at, in, out);
      augmentedGradients[l] = view(gradients, at, in + 1, out);
    }
  }

  private static INDArray view(INDArray flat, int offset, int rows, int cols) {
    INDArray v = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + rows * cols)).reshape('c', rows, cols);
    if (v.data().address() != flat.data().address() || v.offset() != offset || v.elementWiseStride() != 1) {
      throw new IllegalStateException("ND4J did not return a contiguous view at offset " + offset);
    }
    return v;
  }

  /** The shape these parameters belong to. */
  public MlpShape shape() {
    return shape;
  }

  /** Copies {@code p} (length {@link MlpShape#parameterCount()}) into the ND4J parameters. */
  public void set(float[] p) {
    valueBuffer.put(0, p, 0, shape.parameterCount());
  }

  /** Copies the ND4J gradients into {@code g} (length {@link MlpShape#parameterCount()}). */
  public void readGradients(float[] g) {
    gradientBuffer.get(0, g, 0, shape.parameterCount());
  }

  /** Layer {@code l}'s weights with the bias as last row, {@code (in + 1) × out}. */
  INDArray augmented(int l) {
    return augmented[l];
  }

  /** Layer {@code l}'s weights alone, {@code in × out}. */
  INDArray weights(int l) {
    return weights[l];
  }

  /** Gradient of {@link #augmented(int)}. */
  INDArray augmentedGradients(int l) {
    return augmentedGradients[l];
  }

  @Override
  public void close() {
    values.close();
    gradients.close();
  }
}
