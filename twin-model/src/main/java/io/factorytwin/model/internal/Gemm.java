package io.factorytwin.model.internal;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One fixed matrix product {@code c = alpha·op(a)·op(b) + beta·c} on preallocated arrays, built
 * once and run many times: the same {@code Mmul} op that {@code Nd4j.gemm(a, b, c, transposeA,
 * transposeB, alpha, beta)} builds on every call, with its arguments bound once in an
 * {@link OpContext}. Measured on the 2-core machine (one BLAS thread, best of 20 blocks):
 * 8×8·8×8 took 19.9 µs with {@code Nd4j.gemm} and 1.4 µs run this way; 256×61·61×64 took
 * 54 µs and 26 µs. The results are bit-identical to {@code Nd4j.gemm}'s: checked when this was
 * written for plain, transposed, beta = 1 and view operands, and a whole training gave the same
 * weights either way.
 *
 * <p>Not thread-safe: one thread runs an instance (the arrays are shared state).
 */
final class Gemm implements AutoCloseable {
  private final Mmul op;
  private final OpContext context;

  Gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
    op = new Mmul(a, b, c, alpha, beta, MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build());
    context = Nd4j.getExecutioner().buildContext();
    context.setInputArrays(a, b);
    context.setOutputArrays(c);
    context.setTArguments(alpha, beta);
    context.setIArguments(transposeA ? 1 : 0, transposeB ? 1 : 0, 0);
  }

  /** Computes the product into c. */
  void run() {
    Nd4j.getExecutioner().exec(op, context);
  }

  @Override
  public void close() {
    try {
      context.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing an ND4J op context", e);
    }
  }
}
