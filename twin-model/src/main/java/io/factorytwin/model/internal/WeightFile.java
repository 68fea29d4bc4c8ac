package io.factorytwin.model.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The binary format of one ensemble member's weights ({@code member-<k>.bin}), little-endian:
 *
 * <pre>
 * offset  size  field
 * 0       8     magic, the ASCII bytes "FTWINMLP"
 * 8       4     int32 format version (1)
 * 12      4     int32 member index k (≥ 0)
 * 16      4     int32 layer count L (≥ 1)
 * 20      …     L layers, each:
 *                 int32 rows (the layer's inputs, ≥ 1)
 *                 int32 cols (the layer's outputs, ≥ 1)
 *                 rows × cols float32 weights, row-major (element [i][j] at i·cols + j)
 *                 cols float32 biases
 * </pre>
 *
 * and nothing after the last layer: a file is exactly
 * {@code 20 + Σ (8 + 4·(rows + 1)·cols)} bytes. Layer l's cols equal layer l+1's rows. The float32
 * values are the trained weights bit for bit (IEEE 754 binary32).
 *
 * <p>Stateless and thread-safe.
 */
public final class WeightFile {
  /** The first 8 bytes of every member file. */
  public static final byte[] MAGIC = "FTWINMLP".getBytes(StandardCharsets.US_ASCII);
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;
  static final int HEADER_BYTES = 20;

  private WeightFile() {}

  /** What is wrong with a member file (the caller adds the file name). */
  public static final class FormatException extends Exception {
    FormatException(String message) {
      super(message);
    }
  }

  /** Bytes of a file for {@code shape}. */
  public static long length(MlpShape shape) {
    long n = HEADER_BYTES;
    for (int l = 0; l < shape.layers(); l++) n += 8 + 4L * (shape.in(l) + 1) * shape.out(l);
    return n;
  }

  /** Member {@code member}'s parameters ({@code shape}'s flat layout) as file bytes. */
  public static byte[] encode(int member, MlpShape shape, float[] parameters) {
    ByteBuffer b = ByteBuffer.allocate((int) length(shape)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(VERSION).putInt(member).putInt(shape.layers());
    for (int l = 0; l < shape.layers(); l++) {
      int in = shape.in(l), out = shape.out(l);
      b.putInt(in).putInt(out);
      // weights then biases: exactly the flat layout of the layer
      for (int i = 0, at = shape.weightOffset(l); i < (in + 1) * out; i++) b.putFloat(parameters[at + i]);
    }
    return b.array();
  }

  /**
   * Reads member {@code member}'s parameters and checks them against {@code shape}.
   *
   * @throws FormatException naming the first problem: a wrong magic or version, another member
   *     index or layer size, a file that ends early (truncated) or has bytes after its last layer
   */
  public static float[] decode(byte[] bytes, int member, MlpShape shape) throws FormatException {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < HEADER_BYTES) {
      throw new FormatException("truncated: " + bytes.length + " bytes, the header alone is " + HEADER_BYTES);
    }
    byte[] magic = new byte[MAGIC.length];
    b.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new FormatException("not a member weight file: starts with " + hex(magic) + ", expected " + hex(MAGIC)
          + " (\"FTWINMLP\")");
    }
    int version = b.getInt();
    if (version != VERSION) {
      throw new FormatException("format version " + version + (version > VERSION ? " is newer than" : " is not")
          + " the version this reader understands (" + VERSION + ")");
    }
    int k = b.getInt();
    if (k != member) throw new FormatException("holds member " + k + ", expected member " + member);
    int layers = b.getInt();
    if (layers != shape.layers()) {
      throw new FormatException(layers + " layers, the manifest's architecture " + shape.describe() + " has " + shape.layers());
    }
    float[] p = new float[shape.parameterCount()];
    for (int l = 0; l < layers; l++) {
      if (b.remaining() < 8) throw truncated(bytes.length, shape, l);
      int rows = b.getInt(), cols = b.getInt();
      if (rows != shape.in(l) || cols != shape.out(l)) {
        throw new FormatException("layer " + l + " is " + rows + " × " + cols + ", the manifest's architecture "
            + shape.describe() + " needs " + shape.in(l) + " × " + shape.out(l));
      }
      int n = (rows + 1) * cols;
      if (b.remaining() < 4L * n) throw truncated(bytes.length, shape, l);
      b.asFloatBuffer().get(p, shape.weightOffset(l), n);
      b.position(b.position() + 4 * n);
    }
    if (b.remaining() != 0) {
      throw new FormatException(b.remaining() + " bytes after the last layer (" + bytes.length + " bytes, "
          + shape.describe() + " needs " + length(shape) + ")");
    }
    return p;
  }

  private static FormatException truncated(int have, MlpShape shape, int layer) {
    return new FormatException("truncated in layer " + layer + ": " + have + " bytes, " + shape.describe() + " needs "
        + length(shape));
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.ofDelimiter(" ").formatHex(b);
  }
}
