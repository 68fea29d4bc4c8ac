package io.factorytwin.core.deploy;

/**
 * What can be wrong with a frame in the live loop (docs/deployment.md, "Bad telemetry"). Each
 * occurrence is counted in {@link MonitorSnapshot#issues()}; none of these frames reaches the
 * residual model's training data. The first four mirror the checks {@code TelemetryLog} makes when
 * reading a file.
 *
 * <p>Immutable and thread-safe.
 */
public enum LiveIssue {
  /** A value (or the time) is NaN or infinite: the frame is rejected. */
  NOT_FINITE,
  /** The frame has the wrong number of values: rejected. */
  MALFORMED,
  /** The same timestamp as the previous accepted frame: rejected. */
  DUPLICATE_TIME,
  /** A timestamp before the previous accepted frame's: rejected. */
  OUT_OF_ORDER,
  /**
   * Less than half a frame period after the previous accepted frame: more frames than the plant's
   * rate allows (a burst of repeated or spurious frames); rejected.
   */
  BURST,
  /**
   * More than 1.5 frame periods since the previous accepted frame: flagged; the frame is used, but
   * predictions and training windows do not reach across the gap.
   */
  GAP,
  /**
   * A watched channel has kept exactly the same value for the stale bound's number of frames (a
   * frozen sensor or a stuck bus value; real sensors are noisy): flagged; the frame is neither scored
   * nor trained on, and training windows touching the frozen run are dropped.
   */
  STALE_CHANNEL,
  /** The input queue was full when the host offered the frame (the loop fell behind): dropped. */
  OVERFLOW
}
