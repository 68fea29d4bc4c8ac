package io.factorytwin.core.deploy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link DeployedTwin} has seen so far, as of one moment of its monitor thread: frame counts,
 * bad-telemetry counts, prediction-error statistics per channel and per horizon, drift events, swap
 * log, the model version in use and the edge cases stored (docs/deployment.md, "Reading the monitor").
 *
 * <p>NRMSE of a channel at horizon h is the RMS of the h-frame-ahead prediction error over the
 * scored predictions, divided by the channel's standard deviation over the baseline trajectories
 * (NaN for a channel that did not vary there, or before any score). The focus NRMSE takes the focus
 * channels as one vector (RMS of the error vector's length over the root of the summed variances), as
 * calibration's evaluation does. "Recent" figures cover the last {@code recentScores} predictions of
 * each horizon; the others everything since the start.
 *
 * <p>Immutable and thread-safe (arrays are copied in and out).
 *
 * @param accepted     frames accepted so far (clean, after a gap, or flagged)
 * @param processed    frames the monitor has taken from its queue (accepted or rejected)
 * @param issues       per kind, how many times it occurred (every kind present, 0 when none)
 * @param lastIssues   the most recent issue messages, oldest first (at most 32)
 * @param channels     the scored (state) channels, in column order
 * @param focus        the focus channels, in column order
 * @param horizons     the scored horizons [frames], ascending
 * @param scores       per horizon, how many predictions were scored
 * @param nrmse        [horizon][channel] cumulative NRMSE
 * @param recentNrmse  [horizon][channel] NRMSE over the recent window
 * @param focusNrmse   per horizon, the focus channels' cumulative NRMSE
 * @param recentFocus  per horizon, the focus channels' NRMSE over the recent window
 * @param drifts       drift events, oldest first (the last 100)
 * @param swaps        the swap log, oldest first (the last 100)
 * @param modelVersion the version of the model in use (0: the one the twin was built with)
 * @param edgeCases    edge cases written to the store so far
 * @param edgeCaseFailures edge cases that could not be written (a full or failing disk; logged once)
 * @param updates      updates started so far
 * @param diverged     predictions that went non-finite or that the physics reported trouble in (not scored)
 */
public record MonitorSnapshot(long accepted, long processed, Map<LiveIssue, Long> issues, List<String> lastIssues,
    List<String> channels, List<String> focus, int[] horizons, long[] scores, double[][] nrmse, double[][] recentNrmse,
    double[] focusNrmse, double[] recentFocus, List<DriftEvent> drifts, List<SwapRecord> swaps, int modelVersion,
    long edgeCases, long edgeCaseFailures, int updates, long diverged) {

  /** Copies everything. */
  public MonitorSnapshot {
    Map<LiveIssue, Long> all = new EnumMap<>(LiveIssue.class);
    for (LiveIssue k : LiveIssue.values()) all.put(k, issues.getOrDefault(k, 0L));
    issues = java.util.Collections.unmodifiableMap(all);
    lastIssues = List.copyOf(lastIssues);
    channels = List.copyOf(channels);
    focus = List.copyOf(focus);
    horizons = horizons.clone();
    scores = scores.clone();
    nrmse = deep(nrmse);
    recentNrmse = deep(recentNrmse);
    focusNrmse = focusNrmse.clone();
    recentFocus = recentFocus.clone();
    drifts = List.copyOf(drifts);
    swaps = List.copyOf(swaps);
  }

  private static double[][] deep(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }

  @Override public int[] horizons() { return horizons.clone(); }
  @Override public long[] scores() { return scores.clone(); }
  @Override public double[][] nrmse() { return deep(nrmse); }
  @Override public double[][] recentNrmse() { return deep(recentNrmse); }
  @Override public double[] focusNrmse() { return focusNrmse.clone(); }
  @Override public double[] recentFocus() { return recentFocus.clone(); }

  /** Count of one kind of issue. */
  public long issues(LiveIssue kind) {
    return issues.get(kind);
  }

  /** Frames rejected (every kind but GAP and STALE_CHANNEL, which are used, and OVERFLOW, never processed). */
  public long rejected() {
    return issues(LiveIssue.NOT_FINITE) + issues(LiveIssue.MALFORMED) + issues(LiveIssue.DUPLICATE_TIME)
        + issues(LiveIssue.OUT_OF_ORDER) + issues(LiveIssue.BURST);
  }

  /** Cumulative NRMSE of {@code channel} at {@code horizon}. @throws IllegalArgumentException for an unknown one */
  public double nrmse(int horizon, String channel) {
    return nrmse[h(horizon)][c(channel)];
  }

  /** Recent NRMSE of {@code channel} at {@code horizon}. */
  public double recentNrmse(int horizon, String channel) {
    return recentNrmse[h(horizon)][c(channel)];
  }

  /** The focus channels' cumulative NRMSE at {@code horizon}. */
  public double focusNrmse(int horizon) {
    return focusNrmse[h(horizon)];
  }

  /** The focus channels' recent NRMSE at {@code horizon}. */
  public double recentFocus(int horizon) {
    return recentFocus[h(horizon)];
  }

  private int h(int horizon) {
    for (int i = 0; i < horizons.length; i++) if (horizons[i] == horizon) return i;
    throw new IllegalArgumentException("monitor.horizon: " + horizon + " frames, must be one of "
        + java.util.Arrays.toString(horizons));
  }

  private int c(String channel) {
    int i = channels.indexOf(channel);
    if (i < 0) throw new IllegalArgumentException("monitor.channel " + channel + ": not a scored channel " + channels);
    return i;
  }
}
