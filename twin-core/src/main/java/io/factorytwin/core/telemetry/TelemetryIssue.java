package io.factorytwin.core.telemetry;

/**
 * Something wrong with a telemetry log, found while reading it: which line, what, and whether the
 * frame was rejected (left out of the frames, counted) or only flagged (kept, with the reason).
 *
 * <p>Immutable and thread-safe.
 *
 * @param line     1-based line of the file (0 for the header as a whole)
 * @param kind     what went wrong
 * @param rejected true when the frame was left out
 * @param message  channel, value and bound, e.g. {@code crane1.trolley.pos: NaN m, must be finite}
 */
public record TelemetryIssue(long line, Kind kind, boolean rejected, String message) {

  /** Kinds of trouble. */
  public enum Kind {
    /** A channel in the header that the layout does not have. */
    UNKNOWN_CHANNEL,
    /** A layout channel the log does not carry (not an error: sync estimates it; listed once). */
    MISSING_CHANNEL,
    /** A channel whose unit differs from the layout's. */
    WRONG_UNIT,
    /** A value that is not a number, or is NaN or infinite. */
    NOT_FINITE,
    /** A line with the wrong number of fields. */
    MALFORMED,
    /** The same timestamp as the previous frame. */
    DUPLICATE_TIME,
    /** A timestamp before the previous frame's. */
    OUT_OF_ORDER,
    /** More time since the previous frame than the gap bound (flagged; the frame is kept). */
    GAP
  }

  @Override
  public String toString() {
    return "line " + line + ": " + kind + (rejected ? " (rejected)" : " (flagged)") + ": " + message;
  }
}
