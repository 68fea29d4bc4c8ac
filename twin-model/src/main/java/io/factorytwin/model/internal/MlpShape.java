package io.factorytwin.model.internal;

import java.util.Arrays;

/**
 * The layer sizes of a fully connected network and where each layer's parameters sit in one flat
 * float array.
 *
 * <p>Layer {@code l} (0-based, {@code 0 ≤ l < layers()}) maps {@code in(l)} values to
 * {@code out(l)}. Its weights are an {@code in(l) × out(l)} row-major block at
 * {@link #weightOffset(int)} (element [i][j] at {@code weightOffset(l) + i·out(l) + j}), followed by
 * its {@code out(l)} biases at {@link #biasOffset(int)}. Layers follow each other in order.
 *
 * <p>Immutable and thread-safe.
 */
public final class MlpShape {
  private final int[] sizes;
  private final int[] weightOffsets;
  private final int[] biasOffsets;
  private final int parameterCount;

  /**
   * @param sizes inputs, hidden widths in order, outputs; at least 2 entries, each ≥ 1
   * @throws IllegalArgumentException naming the bad entry
   */
  public MlpShape(int[] sizes) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("mlp.layerSizes: " + sizes.length + " entries, must be ≥ 2 (inputs and outputs)");
    }
    for (int i = 0; i < sizes.length; i++) {
      if (!(sizes[i] >= 1)) {
        throw new IllegalArgumentException("mlp.layerSizes[" + i + "]: " + sizes[i] + ", must be ≥ 1");
      }
    }
    this.sizes = sizes.clone();
    int layers = sizes.length - 1;
    weightOffsets = new int[layers];
    biasOffsets = new int[layers];
    long offset = 0;
    for (int l = 0; l < layers; l++) {
      weightOffsets[l] = (int) offset;
      offset += (long) sizes[l] * sizes[l + 1];
      biasOffsets[l] = (int) offset;
      offset += sizes[l + 1];
      if (offset > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("mlp.layerSizes " + Arrays.toString(sizes) + ": more than 2^31 parameters");
      }
    }
    parameterCount = (int) offset;
  }

  /** Number of weight layers (sizes − 1). */
  public int layers() {
    return sizes.length - 1;
  }

  /** Inputs of layer {@code l}. */
  public int in(int l) {
    return sizes[l];
  }

  /** Outputs of layer {@code l}. */
  public int out(int l) {
    return sizes[l + 1];
  }

  /** Network inputs. */
  public int inputs() {
    return sizes[0];
  }

  /** Network outputs. */
  public int outputs() {
    return sizes[sizes.length - 1];
  }

  /** The widest layer (inputs and outputs included). */
  public int maxWidth() {
    return Arrays.stream(sizes).max().orElseThrow();
  }

  /** Offset of layer {@code l}'s weight block in the flat parameter array. */
  public int weightOffset(int l) {
    return weightOffsets[l];
  }

  /** Offset of layer {@code l}'s biases in the flat parameter array. */
  public int biasOffset(int l) {
    return biasOffsets[l];
  }

  /** Length of the flat parameter array. */
  public int parameterCount() {
    return parameterCount;
  }

  /** The sizes (a copy). */
  public int[] sizes() {
    return sizes.clone();
  }

  /** The sizes joined by '-', e.g. {@code "60-64-64-8"}. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sizes.length; i++) b.append(i == 0 ? "" : "-").append(sizes[i]);
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlpShape s && Arrays.equals(s.sizes, sizes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sizes);
  }

  @Override
  public String toString() {
    return "MlpShape[" + describe() + "]";
  }
}
