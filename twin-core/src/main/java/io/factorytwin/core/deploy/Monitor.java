package io.factorytwin.core.deploy;

import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.StateSync;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.telemetry.Frame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployed twin's per-frame work, on its monitor thread (docs/deployment.md, "The loop"):
 * screen, keep the context, score predictions, feed the drift detectors, store edge cases, cut
 * training windows, trigger updates and apply their decisions at their frame.
 *
 * <p>Confined to the monitor thread, except the two volatile fields the owner reads.
 */
final class Monitor {
  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
  private static final int KEEP = 100;

  private final DeployedTwin owner;
  private final FeatureSpec spec;
  private final DeployedTwin.Builder b;
  private final List<Channel> columns;
  private final int history;
  private final int[] horizons;
  private final int hmax;
  private final int[] scored;      // column indices of the scored (state) channels
  private final int[] outputs;     // indices into scored of the corrected outputs
  private final int[] focus;       // column indices of the focus channels
  private final double[] floor;    // per scored channel
  private final boolean[] hasFloor; // per scored channel: it varied in the baseline, so it can be standardised
  private final boolean[] watched;  // per scored channel: drift-detected
  private final double[] floorLong;   // per scored channel: its RMSE at the longest horizon on the baseline (0: none)
  private final FrameScreen screen;
  private final ErrorStats stats;
  // drift detectors per scored channel: on the one-frame errors, and on the longest horizon's errors
  private final DriftDetectors oneFrame;
  private final DriftDetectors longest;
  private final ReplayBuffer buffer;
  private final EdgeCaseStore store;
  private final Update.Settings settings;

  // context: the last contiguous clean frames (for predictions) and the current segment (for windows)
  private final ArrayDeque<double[]> context = new ArrayDeque<>();
  private final ArrayDeque<Double> contextTimes = new ArrayDeque<>();
  private final int contextCapacity;
  private long segmentLength;
  private final List<Object[]> pendingWindows = new ArrayList<>(); // {Trajectory, Long releaseAt}
  private int nextWindowId;
  private final int firstLiveId;

  private DeployedTwin.Active predictorsFor;
  private FramePredictor mean;
  private int members; // ensemble members whose one-frame predictions give the spread (0: none)
  private final double[][] out;
  private final double[][] memberOut;

  private final Map<LiveIssue, Long> issues = new EnumMap<>(LiveIssue.class);
  private final ArrayDeque<String> lastIssues = new ArrayDeque<>();
  private final List<DriftEvent> drifts = new ArrayList<>();
  long processed;
  volatile long processedVolatile;
  volatile double lastTimeVolatile = Double.NaN;
  private long accepted;
  private long edgeCases;
  private long edgeCaseFailures;
  private long lastTrigger = Long.MIN_VALUE / 2;
  private long lastDrift = Long.MIN_VALUE / 2;
  private int updates;
  private Future<Update.Outcome> pending;
  private final List<DeployedTwin.Active> memory = new ArrayList<>(); // the layouts and models used, oldest first (8)
  private long pendingTrigger;
  private int nextRegime = 1;
  private DeployedTwin.Active swappedIn;   // the last layout and model an update swapped in
  private double[] swappedReference;       // its detectors' reference means at the longest horizon (null: learn them)
  private int recalledRegime = -1;         // the last remembered regime an update recalled
  private long recalledAt = Long.MIN_VALUE; // the accepted frame it was recalled at
  private DeployedTwin.Active pendingBase;

  Monitor(DeployedTwin.Builder b, DeployedTwin owner) {
    this.owner = owner;
    this.b = b;
    this.spec = b.spec;
    this.columns = spec.columns();
    this.history = spec.history();
    this.horizons = b.horizons.clone();
    this.hmax = horizons[horizons.length - 1];
    StateSync sync = new StateSync(b.layout, columns);
    List<Integer> s = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) if (!sync.isAction(c)) s.add(c);
    scored = s.stream().mapToInt(Integer::intValue).toArray();
    int[] outCols = spec.outputs(true);
    outputs = new int[outCols.length];
    for (int o = 0; o < outCols.length; o++) outputs[o] = s.indexOf(outCols[o]);
    List<String> focusNames = b.focus.isEmpty() ? spec.outputNames(true).stream()
        .map(n -> n.substring(0, n.indexOf(' '))).toList() : b.focus;
    focus = focusNames.stream().mapToInt(spec::column).toArray();
    int[] focusScored = new int[focus.length];
    for (int k = 0; k < focus.length; k++) {
      focusScored[k] = s.indexOf(focus[k]);
      if (focusScored[k] < 0) {
        throw new IllegalArgumentException("deploy.focus " + columns.get(focus[k]).name() + ": an action, must be a state channel");
      }
    }
    double[][] base = b.baselineFigures(scored, hmax);
    double[] sd = base[0];
    floor = new double[scored.length];
    floorLong = new double[scored.length];
    hasFloor = new boolean[scored.length];
    watched = new boolean[scored.length];
    for (int c = 0; c < scored.length; c++) {
      floor[c] = sd[c] > 0 && Double.isFinite(base[1][c]) ? base[1][c] : 0;
      floorLong[c] = sd[c] > 0 && hmax > 1 && Double.isFinite(base[2][c]) ? base[2][c] : 0;
      hasFloor[c] = floor[c] > 0;
      watched[c] = hasFloor[c] && (b.driftChannels.isEmpty() || b.driftChannels.contains(columns.get(scored[c]).name()));
    }
    screen = new FrameScreen(columns, b.period, outCols, b.staleFrames);
    stats = new ErrorStats(horizons.length, sd, focusScored, b.recentScores);
    oneFrame = new DriftDetectors(watched, 1, b.period, b.delta, b.lambda, b.warmUp, b.zCap);
    // the longest horizon is scored from every stride-th frame: its warm-up covers as many frames
    boolean[] watchedLong = new boolean[scored.length];
    for (int c = 0; c < scored.length; c++) {
      watchedLong[c] = b.longDriftChannels == null ? watched[c]
          : floorLong[c] > 0 && b.longDriftChannels.contains(columns.get(scored[c]).name());
    }
    longest = hmax > 1 ? new DriftDetectors(watchedLong, hmax, b.period, b.longDelta, b.longLambda,
        Math.max(1, b.warmUp / b.stride), b.zCap) : null;
    buffer = new ReplayBuffer(b.seed, b.checkShare, b.trainCapacity, b.checkCapacity, b.recentCapacity);
    int span = b.window + history + 1;
    for (Trajectory t : b.baseline) {
      for (int from = 0; from + span <= t.length(); from += b.window) {
        buffer.add(t.slice(nextWindowId++, from, from + span), false);
      }
    }
    firstLiveId = nextWindowId;
    contextCapacity = Math.max(history + hmax + 1, span);
    store = b.edgeCaseDir == null ? null : EdgeCaseStore.open(b.edgeCaseDir, b.layout.name(), columns, b.period,
        history, b.maxFileBytes, b.maxFiles);
    double[] floorWatched = new double[scored.length];
    for (int c = 0; c < scored.length; c++) floorWatched[c] = watchedLong[c] ? floorLong[c] : 0;
    settings = new Update.Settings(b.backend, spec, b.period, b.trainer, b.retrainer, focus, b.evaluationHorizon,
        b.holdBack, b.replayRatio, b.minImprovement, b.oldTolerance, b.reidentify, b.seed, longest == null ? null
        : new Update.LongDrift(scored, floorWatched, hmax, b.stride, b.zCap));
    memory.add(owner.active());
    out = new double[hmax][columns.size()];
    memberOut = new double[1][columns.size()];
  }

  void process(Frame f) throws InterruptedException {
    processed++;
    FrameScreen.Verdict v = screen.screen(f);
    if (v == FrameScreen.Verdict.REJECTED) {
      issue(screen.issue, screen.message);
      return;
    }
    long n = accepted++;
    lastTimeVolatile = f.time();
    if (v != FrameScreen.Verdict.CLEAN) {
      issue(screen.issue, screen.message);
      breakContext();
    }
    if (v != FrameScreen.Verdict.FLAGGED) {
      double[] values = f.values();
      context.addLast(values);
      contextTimes.addLast(f.time());
      while (context.size() > contextCapacity) {
        context.removeFirst();
        contextTimes.removeFirst();
      }
      segmentLength++;
      score(n, f.time());
      windows();
    }
    maybeTrigger(n);
    maybeApply(n, f.time());
  }

  private void breakContext() {
    context.clear();
    contextTimes.clear();
    segmentLength = 0;
    pendingWindows.clear(); // they may hold the start of a frozen run; a gap ends them unconfirmed
  }

  private void issue(LiveIssue kind, String message) {
    issues.merge(kind, 1L, Long::sum);
    lastIssues.addLast(kind + ": " + message);
    if (lastIssues.size() > 32) lastIssues.removeFirst();
    if (issues.get(kind) == 1) LOG.warn("deployed twin: first {}: {}", kind, message);
  }

  // ------------------------------------------------------------------ predictions and scores

  private void predictors() {
    DeployedTwin.Active a = owner.active();
    if (a == predictorsFor) return;
    if (predictorsFor != null) {
      // another model (a swap or a rollback): its errors are the new normal, and the detectors'
      // reference means are learned again from them (a reference learned on the old model's larger
      // errors would hide the next change); those on the longest horizon start from the new model's
      // errors on the held-back windows when the update measured them, so that a change between the
      // update's data and the swap is not learned as the new normal
      resetDetectors();
      if (a == swappedIn && swappedReference != null && longest != null) longest.reset(swappedReference);
    }
    predictorsFor = a;
    ResidualPredictor m = a.model();
    FramePredictor.Kind kind = m == null ? FramePredictor.Kind.PHYSICS : FramePredictor.Kind.HYBRID;
    mean = new FramePredictor(a.layout(), b.backend, spec, kind, m, b.period, 0);
    members = m == null || m.members() < 2 ? 0 : m.members();
  }

  /** A trajectory of the last {@code frames} context frames. */
  private Trajectory window(int frames) {
    double[][] rows = new double[frames][];
    Iterator<double[]> it = context.descendingIterator();
    Iterator<Double> ti = contextTimes.descendingIterator();
    double start = 0;
    for (int r = frames - 1; r >= 0; r--) {
      rows[r] = it.next();
      start = ti.next();
    }
    return new Trajectory(0, columns, b.period, start, rows);
  }

  private long diverged;

  private void score(long n, double time) {
    predictors();
    double[] observed = context.peekLast();
    int version = predictorsFor.version();
    for (int hi = 0; hi < horizons.length; hi++) {
      int h = horizons[hi];
      if (context.size() < history + h + 1) continue;
      if (h > 1 && (n - h) % b.stride != 0) continue;
      Trajectory t = window(history + h + 1);
      if (!mean.rollout(t, history, h, -1, out)) {
        diverged++;
        continue;
      }
      double[] err = new double[scored.length];
      for (int c = 0; c < scored.length; c++) err[c] = out[h - 1][scored[c]] - observed[scored[c]];
      stats.add(hi, err);
      if (h == 1) surprise(n, time, t, out[0].clone(), observed, version);
      if (h == hmax && longest != null) {
        double[] z = new double[scored.length];
        for (int c = 0; c < scored.length; c++) z[c] = floorLong[c] > 0 ? Math.abs(err[c]) / floorLong[c] : 0;
        watch(longest, n, time, z);
      }
    }
  }

  /** Standardised one-frame errors: drift detectors and edge cases. */
  private void surprise(long n, double time, Trajectory t, double[] meanPrediction, double[] observed, int version) {
    double[] mu = meanPrediction;
    double[] sigma = new double[columns.size()];
    if (members > 1) {
      double[][] preds = new double[members][];
      for (int m = 0; m < members; m++) {
        if (!mean.rollout(t, history, 1, m, memberOut)) return;
        preds[m] = memberOut[0].clone();
      }
      mu = new double[columns.size()];
      for (int c = 0; c < mu.length; c++) {
        double s = 0, s2 = 0;
        for (double[] p : preds) s += p[c];
        double avg = s / preds.length;
        for (double[] p : preds) s2 += (p[c] - avg) * (p[c] - avg);
        mu[c] = avg;
        sigma[c] = Math.sqrt(s2 / preds.length);
      }
    }
    double[] z = new double[scored.length];
    for (int c = 0; c < scored.length; c++) {
      if (!hasFloor[c]) continue;
      int col = scored[c];
      z[c] = Math.abs(mu[col] - observed[col]) / Math.sqrt(sigma[col] * sigma[col] + floor[c] * floor[c]);
    }
    watch(oneFrame, n, time, z);
    if (store == null) return;
    double worst = 0;
    List<String> over = new ArrayList<>();
    for (int o : outputs) {
      if (!hasFloor[o]) continue;
      worst = Math.max(worst, z[o]);
      if (z[o] > b.edgeThreshold) over.add(columns.get(scored[o]).name());
    }
    if (over.isEmpty()) return;
    double[][] ctx = new double[history + 1][];
    for (int j = 0; j <= history; j++) ctx[j] = t.frame(j).clone();
    try {
      store.write(new EdgeCase(n - 1, time - b.period, 1, version, worst, over, ctx, mu, sigma, observed));
      edgeCases++;
    } catch (java.io.UncheckedIOException e) {
      // a full or failing disk must not stop the loop: counted, logged once
      if (edgeCaseFailures++ == 0) LOG.warn("deployed twin: cannot store edge cases", e);
    }
  }

  private void resetDetectors() {
    oneFrame.reset();
    if (longest != null) longest.reset();
  }

  /** Feeds {@code bank} the standardised errors {@code z} of the frame {@code n}; signals a drift when a watched channel crosses λ. */
  private void watch(DriftDetectors bank, long n, double time, double[] z) {
    List<Integer> crossed = bank.add(time, z);
    if (crossed.isEmpty()) return;
    List<String> names = new ArrayList<>();
    List<Integer> spans = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    double start = time;
    for (int c : crossed) {
      names.add(columns.get(scored[c]).name());
      spans.add(bank.horizon());
      values.add(bank.statistic(c));
      start = Math.min(start, bank.start(c, time));
    }
    for (DriftDetectors other : longest == null ? List.of(oneFrame) : List.of(oneFrame, longest)) {
      for (int c = 0; c < scored.length; c++) {
        if (other.rising(c) && !(other == bank && crossed.contains(c))) {
          names.add(columns.get(scored[c]).name());
          spans.add(other.horizon());
          values.add(other.statistic(c));
        }
      }
    }
    DriftEvent e = new DriftEvent(n, time, start, names, spans, values);
    drifts.add(e);
    if (drifts.size() > KEEP) drifts.remove(0);
    LOG.info("deployed twin: drift at t = {} s (started about {} s) in {} (horizons {})", time, start, names, spans);
    resetDetectors();
    buffer.regimeStart(start);
    lastDrift = n;
    lastTrigger = Long.MIN_VALUE / 2; // the next update is due as soon as there is data of the new regime
  }

  // ------------------------------------------------------------------ training windows and updates

  private void windows() {
    int span = b.window + history + 1;
    if (segmentLength >= span && (segmentLength - (history + 1)) % b.window == 0) {
      pendingWindows.add(new Object[] {window(span), segmentLength + b.staleFrames});
    }
    // a window is released only once staleFrames more clean frames followed it: a frozen channel
    // is caught before any of its frames can reach training
    Iterator<Object[]> it = pendingWindows.iterator();
    while (it.hasNext()) {
      Object[] p = it.next();
      if ((Long) p[1] <= segmentLength) {
        Trajectory w = (Trajectory) p[0];
        buffer.add(w.slice(nextWindowId++, 0, w.length()), true);
        it.remove();
      }
    }
  }

  private void maybeTrigger(long n) {
    if ((b.trainer == null && b.retrainer == null) || pending != null) return;
    boolean adapting = n - lastDrift <= b.adaptation;
    long every = adapting ? b.updateEveryAfterDrift : b.updateEvery;
    if (n - lastTrigger < every) return;
    List<Trajectory> recent = buffer.recent();
    // after a drift, with other regimes remembered, an update that can only recall one of them needs
    // no training windows: it runs as soon as the held-back windows are there
    boolean recall = adapting && memory.size() > 1;
    if (recent.size() < b.holdBack + (recall ? 0 : b.minTrainWindows)) return;
    lastTrigger = n;
    pendingBase = owner.active();
    pendingTrigger = n;
    // a candidate fitted to the data since the drift starts a new regime unless the regime in use
    // itself began after the drift; a regime recalled since the drift is not refitted to those data
    boolean fromBefore = pendingBase.regimeSince() < lastDrift;
    boolean recalledSince = pendingBase.regime() == recalledRegime && recalledAt > lastDrift;
    Update u = new Update(settings, pendingBase, memory, adapting, fromBefore, recalledSince, recent,
        buffer.trainReservoir(), buffer.checkReservoir(), updates++);
    pending = owner.updater().submit(u);
    LOG.debug("deployed twin: update {} triggered at frame {} on {} recent windows", updates, n, recent.size());
  }

  private void maybeApply(long n, double time) throws InterruptedException {
    if (pending == null || n < pendingTrigger + b.swapLatency) return;
    Update.Outcome o;
    try {
      o = pending.get();
    } catch (ExecutionException e) {
      LOG.warn("deployed twin: update failed", e.getCause());
      owner.log(new SwapRecord(SwapRecord.Kind.KEPT, pendingBase.version(), pendingBase.version(), pendingTrigger, n,
          time, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, "update failed: " + e.getCause()));
      pending = null;
      return;
    }
    pending = null;
    int from = pendingBase.version();
    if (o.accepted()) {
      int regime = switch (o.regime()) {
        case SAME -> pendingBase.regime();
        case NEW -> nextRegime++;
        case RECALLED -> o.recalled().regime();
      };
      long regimeSince = switch (o.regime()) {
        case SAME -> pendingBase.regimeSince();
        case NEW -> n;
        case RECALLED -> o.recalled().regimeSince();
      };
      int to = owner.swapIn(pendingBase, o.layout(), o.candidate(), regime, o.fitted(), regimeSince);
      if (to >= 0) {
        swappedIn = owner.active();
        swappedReference = o.longReference();
        if (o.regime() == Update.Regime.RECALLED) {
          recalledRegime = regime;
          recalledAt = n;
        }
        remember(owner.active());
        owner.log(new SwapRecord(SwapRecord.Kind.SWAPPED, from, to, pendingTrigger, n, time, o.recentCurrent(),
            o.recentCandidate(), o.oldCurrent(), o.oldCandidate(), o.rows(), o.reason()));
        return;
      }
      owner.log(new SwapRecord(SwapRecord.Kind.KEPT, owner.active().version(), owner.active().version(), pendingTrigger,
          n, time, o.recentCurrent(), o.recentCandidate(), o.oldCurrent(), o.oldCandidate(), o.rows(),
          "the model changed (rollback) while the update ran"));
      return;
    }
    owner.log(new SwapRecord(SwapRecord.Kind.KEPT, from, from, pendingTrigger, n, time, o.recentCurrent(),
        o.recentCandidate(), o.oldCurrent(), o.oldCandidate(), o.rows(), o.reason()));
  }

  /**
   * The memory of regimes holds one layout and model per regime, the last 8 regimes: the incoming one
   * replaces its regime's entry (a refined model, or a recalled regime) and moves to the end.
   */
  private void remember(DeployedTwin.Active incoming) {
    memory.removeIf(a -> a.regime() == incoming.regime());
    memory.add(incoming);
    while (memory.size() > 8) memory.remove(0);
  }

  // ------------------------------------------------------------------ reading

  MonitorSnapshot snapshot() {
    Map<LiveIssue, Long> all = new EnumMap<>(issues);
    all.merge(LiveIssue.OVERFLOW, owner.overflow(), Long::sum);
    List<String> names = new ArrayList<>();
    for (int c : scored) names.add(columns.get(c).name());
    List<String> focusNames = new ArrayList<>();
    for (int c : focus) focusNames.add(columns.get(c).name());
    return new MonitorSnapshot(accepted, processed, all, new ArrayList<>(lastIssues), names, focusNames, horizons,
        stats.counts(), stats.nrmse(false), stats.nrmse(true), stats.focusNrmse(false), stats.focusNrmse(true),
        drifts, owner.swaps(), owner.active().version(), edgeCases, edgeCaseFailures, updates, diverged);
  }

  /** The live training windows in the replay buffer (recent and reservoir; tests read them when the monitor is idle). */
  List<Trajectory> liveWindows(int firstLiveId) {
    List<Trajectory> all = new ArrayList<>(buffer.recent());
    all.addAll(buffer.trainReservoir());
    all.addAll(buffer.checkReservoir());
    return all.stream().filter(t -> t.id() >= firstLiveId).distinct().toList();
  }

  /** Id of the first live window (the baseline's windows come before). */
  int firstLiveId() {
    return firstLiveId;
  }

  void closeStore() {
    if (store != null) store.close();
  }
}
