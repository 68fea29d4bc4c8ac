package io.factorytwin.model.internal;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Holds ND4J's native code at one thread per calling thread while trainings run (OpenBLAS threads
 * and libnd4j's "master threads" both 1), and restores the previous counts when the last training
 * ends. The trainer gets its parallelism from training members on separate threads instead.
 *
 * <p>Why, as measured on the 2-core machine (ND4J 1.0.0-M2.1, OpenBLAS 0.3.19):
 * <ul>
 *   <li>Bits: the same training gave different weights with 2 OpenBLAS threads than with 1, so with
 *       the default the result would depend on the machine's core count.
 *   <li>Speed: with the default 2 master threads, one forward and backward pass of a 256-row
 *       minibatch took 300 µs of wall time but 600 µs of CPU (a helper thread spins between ops);
 *       with 1 it took 365 µs of wall time and 365 µs of CPU. When members train on both cores, or
 *       other processes load the machine, the spinning thread takes a core from useful work.
 * </ul>
 * The settings are process-wide, hence the reference count.
 *
 * <p>Thread-safe.
 */
public final class Nd4jThreads implements AutoCloseable {
  private static int active;
  private static int savedBlas;
  private static int savedMaster;
  private boolean closed;

  private Nd4jThreads() {}

  /** Sets one thread until the returned handle is closed (and no other is open). */
  public static Nd4jThreads single() {
    synchronized (Nd4jThreads.class) {
      if (active++ == 0) {
        Blas blas = Nd4j.factory().blas();
        Environment env = Nd4j.getEnvironment();
        savedBlas = blas.getMaxThreads();
        savedMaster = env.maxMasterThreads();
        blas.setMaxThreads(1);
        env.setMaxMasterThreads(1);
      }
    }
    return new Nd4jThreads();
  }

  /** The current OpenBLAS thread count and libnd4j master-thread count, in that order. */
  public static int[] current() {
    return new int[] {Nd4j.factory().blas().getMaxThreads(), Nd4j.getEnvironment().maxMasterThreads()};
  }

  @Override
  public void close() {
    synchronized (Nd4jThreads.class) {
      if (closed) return;
      closed = true;
      if (--active == 0) {
        if (savedBlas >= 1) Nd4j.factory().blas().setMaxThreads(savedBlas);
        if (savedMaster >= 1) Nd4j.getEnvironment().setMaxMasterThreads(savedMaster);
      }
    }
  }
}
