package io.factorytwin.core.deploy;

import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.telemetry.Frame;
import java.util.List;
import java.util.Locale;

/**
 * Screens live frames one at a time, in arrival order (docs/deployment.md, "Bad telemetry"): rejects
 * non-finite, malformed, duplicate, out-of-order and burst frames; flags gaps and frozen channels.
 *
 * <p>Confined to the monitor thread.
 */
final class FrameScreen {
  /** The verdict on one frame. */
  enum Verdict {
    /** Use the frame, continuing the previous one. */
    CLEAN,
    /** Use the frame, but it does not continue the previous one (a gap): start afresh. */
    AFTER_GAP,
    /** Sync to it, but do not score or train on it (a frozen channel). */
    FLAGGED,
    /** Do not use it at all. */
    REJECTED
  }

  private final List<Channel> columns;
  private final double period;
  private final int[] watched;
  private final int staleFrames;
  private final double[] lastValue;
  private final int[] sameCount;
  private double lastTime = Double.NaN;
  /** The issue of the last screened frame (null when clean) and its message. */
  LiveIssue issue;
  String message;

  /**
   * @param watched     columns checked for frozen values
   * @param staleFrames frames of exactly the same value after which a watched channel is stale, ≥ 2
   */
  FrameScreen(List<Channel> columns, double period, int[] watched, int staleFrames) {
    this.columns = columns;
    this.period = period;
    this.watched = watched.clone();
    this.staleFrames = staleFrames;
    this.lastValue = new double[watched.length];
    this.sameCount = new int[watched.length];
  }

  Verdict screen(Frame f) {
    issue = null;
    message = null;
    double t = f.time();
    double[] v = f.values();
    if (v.length != columns.size()) {
      return reject(LiveIssue.MALFORMED, v.length + " values, must be " + columns.size());
    }
    if (!Double.isFinite(t)) return reject(LiveIssue.NOT_FINITE, "time: " + t + " s, must be finite");
    for (int c = 0; c < v.length; c++) {
      if (!Double.isFinite(v[c])) {
        return reject(LiveIssue.NOT_FINITE, columns.get(c).name() + ": " + v[c] + " " + columns.get(c).unit()
            + ", must be finite");
      }
    }
    boolean gap = false;
    if (!Double.isNaN(lastTime)) {
      double dt = t - lastTime;
      if (dt == 0) return reject(LiveIssue.DUPLICATE_TIME, "time: " + t + " s, same as the previous frame");
      if (dt < 0) {
        return reject(LiveIssue.OUT_OF_ORDER, "time: " + t + " s, before the previous frame's " + lastTime + " s");
      }
      if (dt < 0.5 * period) {
        return reject(LiveIssue.BURST, String.format(Locale.ROOT,
            "time: %.6g s after the previous frame, less than half the period %.6g s", dt, period));
      }
      gap = dt > 1.5 * period;
    }
    lastTime = t;
    String stale = null;
    for (int k = 0; k < watched.length; k++) {
      double x = v[watched[k]];
      sameCount[k] = x == lastValue[k] ? sameCount[k] + 1 : 1;
      lastValue[k] = x;
      if (sameCount[k] >= staleFrames && stale == null) {
        stale = columns.get(watched[k]).name() + ": " + x + " " + columns.get(watched[k]).unit() + " for "
            + sameCount[k] + " frames, stale after " + staleFrames;
      }
    }
    if (stale != null) {
      issue = LiveIssue.STALE_CHANNEL;
      message = stale;
      return Verdict.FLAGGED;
    }
    if (gap) {
      issue = LiveIssue.GAP;
      message = "a gap before t = " + t + " s, more than 1.5 periods";
      return Verdict.AFTER_GAP;
    }
    return Verdict.CLEAN;
  }

  private Verdict reject(LiveIssue kind, String text) {
    issue = kind;
    message = text;
    return Verdict.REJECTED;
  }
}
