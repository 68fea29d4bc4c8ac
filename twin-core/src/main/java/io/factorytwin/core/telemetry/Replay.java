package io.factorytwin.core.telemetry;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Replays a telemetry log's frames to a consumer at the recorded pace, faster or slower, or as fast as
 * the consumer takes them: the way to feed recorded plant data to code written for a live stream.
 *
 * <p>Time is kept by a {@link Pacer}; the default one sleeps on the calling thread (so replay at
 * {@code speed} s of log per s of wall time), a test passes its own to record the waits. Confined to
 * the calling thread.
 */
public final class Replay {
  /** Waits; the default sleeps. */
  @FunctionalInterface
  public interface Pacer {
    /** Waits {@code nanos} nanoseconds (> 0). */
    void await(long nanos) throws InterruptedException;
  }

  private final TelemetryLog log;
  private final double speed;
  private final Pacer pacer;

  /**
   * @param speed log seconds per wall second, > 0 (1: as recorded), or {@code Double.POSITIVE_INFINITY}
   *              for no waiting
   * @throws IllegalArgumentException when {@code speed} is not > 0 (NaN included)
   */
  public Replay(TelemetryLog log, double speed, Pacer pacer) {
    if (!(speed > 0)) throw new IllegalArgumentException("replay.speed: " + speed + ", must be > 0 (or Infinity)");
    this.log = Objects.requireNonNull(log, "log");
    this.speed = speed;
    this.pacer = Objects.requireNonNull(pacer, "pacer");
  }

  /** A replay that sleeps between frames. */
  public static Replay sleeping(TelemetryLog log, double speed) {
    return new Replay(log, speed, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  /**
   * Delivers every frame in order, waiting (time to the next frame) / speed between frames.
   *
   * @return the number of frames delivered
   * @throws InterruptedException when the wait is interrupted (the frames before it were delivered)
   */
  public int run(Consumer<Frame> consumer) throws InterruptedException {
    int n = 0;
    Frame previous = null;
    for (Frame f : log.frames()) {
      if (previous != null && Double.isFinite(speed)) {
        long nanos = Math.round((f.time() - previous.time()) / speed * 1e9);
        if (nanos > 0) pacer.await(nanos);
      }
      consumer.accept(f);
      previous = f;
      n++;
    }
    return n;
  }
}
