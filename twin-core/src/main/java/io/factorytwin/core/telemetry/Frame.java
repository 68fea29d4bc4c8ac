package io.factorytwin.core.telemetry;

import java.util.Arrays;

/**
 * One telemetry frame: a timestamp and the values of the log's channels, in the log's channel
 * order. A channel the plant did not report in this frame is NaN here and listed by
 * {@link TelemetryIssue}s; a frame that reaches a dataset has no NaN.
 *
 * <p>Immutable and thread-safe (the values are copied in and out).
 *
 * @param time   seconds since the log's start (or any fixed epoch), finite
 * @param values channel values in the log's units, one per channel
 */
public record Frame(double time, double[] values) {
  /** Copies the values. */
  public Frame {
    values = values.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** Value of channel {@code i}. */
  public double value(int i) {
    return values[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f && Double.compare(f.time, time) == 0 && Arrays.equals(f.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(time) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Frame[t=" + time + " s, " + Arrays.toString(values) + "]";
  }
}
