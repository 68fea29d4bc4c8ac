package io.factorytwin.core.deploy;

import io.factorytwin.core.calibration.Evaluation;
import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.Identification;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.model.ResidualTrainer;
import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.telemetry.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A twin deployed next to its plant (docs/deployment.md). The host hands it every telemetry frame as
 * it arrives ({@link #offer}); the twin screens the frame, predicts the frames that follow with its
 * hybrid model (identified physics plus residual), scores each prediction when the frame it predicted
 * arrives, keeps error statistics per channel and horizon, watches the one-frame and the longest
 * horizon's errors for drift (Page–Hinkley per channel), stores the transitions it did not expect,
 * and keeps its residual model up to date from a replay buffer, swapping in a new model only when it
 * beats the current one on held-back recent data without forgetting the old regimes; after a drift it
 * may also switch regime: to re-identified physical parameters, to a residual retrained or tuned on
 * the new regime's data alone, or back to a layout and model it used before, each judged on the
 * recent data neither model has seen.
 *
 * <p><b>Threads.</b> Thread-safe: {@link #offer}, {@link #submit}, {@link #snapshot}, {@link #model},
 * {@link #rollback}, {@link #awaitProcessed} and {@link #close} may be called from any thread. The
 * twin owns two threads: a <em>monitor</em> that takes frames from a bounded queue and does all the
 * per-frame work in arrival order (it owns the physics worlds, the statistics, the detectors, the
 * replay buffer and the edge-case store), and an <em>updater</em> that trains and evaluates
 * candidate models. {@code offer} only puts the frame in the queue: it never blocks; a full queue
 * drops the frame and counts it ({@link LiveIssue#OVERFLOW}).
 *
 * <p><b>Determinism.</b> Given the same frames in the same order, the same baseline, model, trainer
 * and seed, everything that follows is the same, bit for bit, however fast the frames arrive and
 * however many cores there are: updates are triggered at frame counts, and an update's decision takes
 * effect exactly {@code swapLatency} accepted frames after its trigger (the monitor waits for it
 * there if it is not done yet; the host's thread never does). Only frames dropped on overflow, which
 * depend on timing, break this; {@link #submit} waits for room instead, for replays.
 *
 * <p>Build with {@link #builder}; {@link #close} stops both threads.
 */
public final class DeployedTwin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeployedTwin.class);
  private static final int KEEP = 100;

  /**
   * The layout and model in use, and the ones before them (for rollback); {@code regime} the entry of
   * the memory of regimes it belongs to, {@code fitted} the highest live window id its layout or model
   * was fitted on (−1: none, only the baseline), {@code regimeSince} the accepted frame at which its
   * regime's first model was swapped in (−1: the regime the twin started in).
   */
  record Active(int version, Layout layout, ResidualPredictor model, Active previous, int regime, int fitted,
      long regimeSince) {}

  private final BlockingQueue<Frame> queue;
  private final AtomicLong enqueued = new AtomicLong();
  private final AtomicLong overflow = new AtomicLong();
  private final AtomicReference<Active> active;
  private final AtomicReference<MonitorSnapshot> snapshot = new AtomicReference<>();
  private final Object progress = new Object();
  private final List<SwapRecord> swaps = new ArrayList<>(); // guarded by itself
  private final Monitor monitor;
  private final Thread monitorThread;
  private final ExecutorService updater;
  private volatile boolean closed;
  private volatile Throwable failure;
  private int nextVersion = 1; // guarded by this (swapIn and rollback)

  private DeployedTwin(Builder b) {
    queue = new ArrayBlockingQueue<>(b.queueCapacity);
    active = new AtomicReference<>(new Active(0, b.layout, b.residual, null, 0, -1, -1));
    updater = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "factorytwin-deploy-updater");
      t.setDaemon(true);
      return t;
    });
    monitor = new Monitor(b, this);
    snapshot.set(monitor.snapshot());
    monitorThread = new Thread(this::run, "factorytwin-deploy-monitor");
    monitorThread.setDaemon(true);
    monitorThread.start();
  }

  /**
   * A builder for a twin of {@code layout} (the identified layout the residual was trained with)
   * reading telemetry of {@code spec}'s columns at {@code period} seconds per frame.
   */
  public static Builder builder(Layout layout, PhysicsBackend backend, FeatureSpec spec, double period) {
    return new Builder(layout, backend, spec, period);
  }

  /**
   * Hands the twin a frame, without blocking: it joins the monitor's queue, or, when the queue is
   * full, is dropped and counted as {@link LiveIssue#OVERFLOW}.
   *
   * @param frame a frame in the spec's column order (bad values are screened and counted, not thrown)
   * @return true when queued
   * @throws IllegalStateException when the twin is closed or its monitor failed
   */
  public boolean offer(Frame frame) {
    Objects.requireNonNull(frame, "frame");
    check();
    enqueued.incrementAndGet();
    if (queue.offer(frame)) return true;
    enqueued.decrementAndGet();
    overflow.incrementAndGet();
    return false;
  }

  /**
   * Hands the twin a frame, waiting for room in the queue: for replaying logs, where every frame
   * must be processed. Do not call it from a thread that must not block.
   *
   * @throws IllegalStateException when the twin is closed or its monitor failed
   */
  public void submit(Frame frame) throws InterruptedException {
    Objects.requireNonNull(frame, "frame");
    check();
    enqueued.incrementAndGet();
    try {
      while (!queue.offer(frame, 100, TimeUnit.MILLISECONDS)) check();
    } catch (InterruptedException | RuntimeException e) {
      enqueued.decrementAndGet();
      throw e;
    }
  }

  /**
   * Waits until every frame queued so far has been processed (including any update decision due at
   * those frames) and the snapshot shows them.
   *
   * @throws IllegalStateException when the monitor failed
   */
  public void awaitProcessed() throws InterruptedException {
    long target = enqueued.get();
    synchronized (progress) {
      while (monitor.processedVolatile < target && failure == null && !closed) progress.wait(100);
    }
    if (failure != null) throw new IllegalStateException("deployed twin: the monitor failed", failure);
  }

  /**
   * The latest statistics (the monitor publishes them after every frame when its queue is empty,
   * else every 50 frames), with the swap log and model version as of now.
   */
  public MonitorSnapshot snapshot() {
    MonitorSnapshot s = snapshot.get();
    return new MonitorSnapshot(s.accepted(), s.processed(), s.issues(), s.lastIssues(), s.channels(), s.focus(),
        s.horizons(), s.scores(), s.nrmse(), s.recentNrmse(), s.focusNrmse(), s.recentFocus(), s.drifts(), swaps(),
        modelVersion(), s.edgeCases(), s.edgeCaseFailures(), s.updates(), s.diverged());
  }

  /** The residual model in use (null: physics only). */
  public ResidualPredictor model() {
    return active.get().model();
  }

  /**
   * The layout in use: the one the twin was built with, or one with re-identified parameters
   * after a regime change ({@link Builder#reidentify}).
   */
  public Layout layout() {
    return active.get().layout();
  }

  /** The version of the model in use (0: the one the twin was built with). */
  public int modelVersion() {
    return active.get().version();
  }

  /**
   * Puts back the model that was in use before the current one, at once (the monitor's next
   * prediction uses it), and logs it.
   *
   * @return false when there is nothing to roll back to
   */
  public boolean rollback() {
    synchronized (this) {
      Active a = active.get();
      if (a.previous() == null) return false;
      Active p = a.previous();
      Active back = new Active(p.version(), p.layout(), p.model(), p.previous(), p.regime(), p.fitted(), p.regimeSince());
      if (!active.compareAndSet(a, back)) return false;
      MonitorSnapshot s = snapshot.get();
      log(new SwapRecord(SwapRecord.Kind.ROLLED_BACK, a.version(), back.version(), -1, s.accepted() - 1,
          monitor.lastTimeVolatile, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, "rollback requested"));
      return true;
    }
  }

  /** Stops the monitor (frames still queued are not processed) and the updater, and closes the store. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    monitorThread.interrupt();
    try {
      monitorThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    updater.shutdownNow();
    try {
      updater.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    monitor.closeStore();
    synchronized (progress) {
      progress.notifyAll();
    }
  }

  private void check() {
    if (closed) throw new IllegalStateException("deployed twin: closed");
    if (failure != null) throw new IllegalStateException("deployed twin: the monitor failed", failure);
  }

  private void run() {
    try {
      while (!closed) {
        Frame f = queue.poll(100, TimeUnit.MILLISECONDS);
        if (f == null) continue;
        monitor.process(f);
        if (queue.isEmpty() || monitor.processed % 50 == 0) snapshot.set(monitor.snapshot());
        monitor.processedVolatile = monitor.processed;
        synchronized (progress) {
          progress.notifyAll();
        }
      }
    } catch (InterruptedException e) {
      // closed
    } catch (Throwable t) {
      failure = t;
      LOG.error("deployed twin: the monitor failed", t);
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  // ------------------------------------------------------------------ for the monitor (and tests)

  /** The live windows in the replay buffer; call only after {@link #awaitProcessed} with no frame in flight. */
  List<Trajectory> liveTrainingWindows() {
    return monitor.liveWindows(monitor.firstLiveId());
  }

  Active active() {
    return active.get();
  }

  /** Swaps in {@code layout} and {@code model} if {@code expected} is still in use; returns the new version or −1. */
  synchronized int swapIn(Active expected, Layout layout, ResidualPredictor model, int regime, int fitted,
      long regimeSince) {
    Active next = new Active(nextVersion, layout, model, expected, regime, fitted, regimeSince);
    if (!active.compareAndSet(expected, next)) return -1;
    nextVersion++;
    return next.version();
  }

  void log(SwapRecord r) {
    LOG.info("deployed twin: {}", r);
    synchronized (swaps) {
      swaps.add(r);
      if (swaps.size() > KEEP) swaps.remove(0);
    }
  }

  List<SwapRecord> swaps() {
    synchronized (swaps) {
      return List.copyOf(swaps);
    }
  }

  long overflow() {
    return overflow.get();
  }

  ExecutorService updater() {
    return updater;
  }

  /**
   * Settings of a {@link DeployedTwin}; each setter checks its value and throws an
   * IllegalArgumentException naming it, the value and the bound. Confined to one thread.
   */
  public static final class Builder {
    final Layout layout;
    final PhysicsBackend backend;
    final FeatureSpec spec;
    final double period;
    ResidualPredictor residual;
    ResidualTrainer trainer;
    ResidualTrainer retrainer;
    List<Trajectory> baseline;
    List<String> focus = List.of();
    int[] horizons = {1, 10};
    int stride = 5;
    int queueCapacity = 1024;
    int recentScores = 500;
    double delta = 0.5, lambda = 100, zCap = 5;
    double longDelta = 0.75, longLambda = 30;
    List<String> longDriftChannels;
    List<String> driftChannels = List.of();
    int warmUp = 100;
    Path edgeCaseDir;
    double edgeThreshold = 4;
    long maxFileBytes = 8 << 20;
    int maxFiles = 8;
    int staleFrames = 25;
    int window = 50;
    int trainCapacity = 300, checkCapacity = 40, recentCapacity = 60;
    double checkShare = 0.2;
    int holdBack = 5, minTrainWindows = 5;
    double replayRatio = 1;
    int updateEvery = 3000, updateEveryAfterDrift = 500, adaptation = 3000, swapLatency = 250;
    int evaluationHorizon = 10;
    double minImprovement = 0.02, oldTolerance = 0.10;
    Identification.Options reidentify;
    long seed;

    Builder(Layout layout, PhysicsBackend backend, FeatureSpec spec, double period) {
      this.layout = Objects.requireNonNull(layout, "layout");
      this.backend = Objects.requireNonNull(backend, "backend");
      this.spec = Objects.requireNonNull(spec, "spec");
      if (!(period > 0) || Double.isInfinite(period)) {
        throw new IllegalArgumentException("deploy.period: " + period + " s, must be finite and > 0");
      }
      this.period = period;
    }

    /** The residual model in use at the start (null, the default: physics only, no updates). */
    public Builder residual(ResidualPredictor residual) {
      this.residual = residual;
      return this;
    }

    /** The trainer of online updates (null, the default: no updates). Needs a residual. */
    public Builder trainer(ResidualTrainer trainer) {
      this.trainer = trainer;
      return this;
    }

    /**
     * The trainer of residuals retrained from scratch on a new regime's data alone, after a drift
     * (null, the default: no retraining): the calibration's trainer, typically, while
     * {@link #trainer} fine-tunes with a smaller step. Needs a residual.
     */
    public Builder retrainer(ResidualTrainer retrainer) {
      this.retrainer = retrainer;
      return this;
    }

    /**
     * Trajectories of the plant the model was calibrated on (required): their standard deviations
     * normalise the NRMSE, the model's one-frame RMSE on them is each channel's noise floor in the
     * standardised errors, and their windows seed the replay buffer (the regime the twin starts in).
     */
    public Builder baseline(List<Trajectory> baseline) {
      if (baseline.isEmpty()) throw new IllegalArgumentException("deploy.baseline: no trajectories, must be >= 1");
      this.baseline = List.copyOf(baseline);
      return this;
    }

    /** The focus channels, whose NRMSE (as one vector) updates are judged by (default: the spec's corrected outputs). */
    public Builder focus(String... channels) {
      for (String c : channels) spec.column(c);
      this.focus = List.of(channels);
      return this;
    }

    /**
     * The state channels whose standardised one-frame errors are watched for drift (default: every
     * state channel that has a noise floor, i.e. varied in the baseline). Leave out channels whose
     * errors come in bursts the twin cannot represent even in a steady regime (a double pendulum's
     * second mode in a rigid-rope twin's sway, say): bursts look like drift.
     *
     * @throws IllegalArgumentException naming a column the spec does not have
     */
    public Builder driftChannels(String... channels) {
      for (String c : channels) spec.column(c);
      this.driftChannels = List.of(channels);
      return this;
    }

    /** Horizons scored [frames], ascending, each in [1, 100] (default 1, 10). */
    public Builder horizons(int... horizons) {
      if (horizons.length == 0) throw new IllegalArgumentException("deploy.horizons: none, must name at least one");
      for (int i = 0; i < horizons.length; i++) {
        if (horizons[i] < 1 || horizons[i] > 100 || (i > 0 && horizons[i] <= horizons[i - 1])) {
          throw new IllegalArgumentException("deploy.horizons[" + i + "]: " + horizons[i]
              + " frames, must be in [1, 100] and ascending");
        }
      }
      this.horizons = horizons.clone();
      return this;
    }

    /** Horizons above 1 are scored from every {@code stride}-th frame (≥ 1, default 5); horizon 1 from every frame. */
    public Builder stride(int stride) {
      this.stride = atLeast("deploy.stride", stride, 1);
      return this;
    }

    /** Frames the input queue holds (≥ 1, default 1024: 20 s at 50 Hz). */
    public Builder queueCapacity(int frames) {
      this.queueCapacity = atLeast("deploy.queueCapacity", frames, 1);
      return this;
    }

    /** Predictions per horizon in the "recent" statistics (≥ 1, default 500). */
    public Builder recentScores(int scores) {
      this.recentScores = atLeast("deploy.recentScores", scores, 1);
      return this;
    }

    /**
     * Page–Hinkley parameters of the one-frame detectors (docs/deployment.md): tolerated rise δ of
     * the mean standardised error (default 0.5), threshold λ (default 100), frames that set the
     * reference mean after a (re)start (default 100: 2 s at 50 Hz; the longest horizon's detectors,
     * fed every {@code stride}-th frame, use warmUp / stride values), and the cap on one value of
     * either (default 5, so that one wild frame cannot signal on its own: it takes at least
     * λ / (cap − μ − δ) frames, about 27 with the defaults).
     */
    public Builder drift(double delta, double lambda, int warmUp, double cap) {
      new PageHinkley(delta, lambda, warmUp);
      if (!(cap > 0) || Double.isInfinite(cap)) {
        throw new IllegalArgumentException("deploy.drift.cap: " + cap + ", must be finite and > 0");
      }
      this.delta = delta;
      this.lambda = lambda;
      this.warmUp = warmUp;
      this.zCap = cap;
      return this;
    }

    /**
     * Page–Hinkley parameters of the detectors on the longest horizon's errors (docs/deployment.md,
     * "Drift detection"): each watched channel's error at the longest horizon (default 10 frames),
     * scored from every {@code stride}-th frame, divided by its RMSE at that horizon on the baseline;
     * tolerated rise δ of its mean (≥ 0, default 0.75) and threshold λ (&gt; 0, default 30), in those
     * units (× scores). The warm-up ({@link #drift}'s, in frames: warmUp / stride scores) and the cap
     * are shared with the one-frame detectors. A change the plant shows only now and then (a belt's
     * friction, seen while a tote slips) spoils the multi-frame predictions at once and the one-frame
     * ones hardly.
     */
    public Builder longDrift(double delta, double lambda) {
      if (!(delta >= 0) || Double.isInfinite(delta)) {
        throw new IllegalArgumentException("deploy.longDrift.delta: " + delta + ", must be finite and >= 0");
      }
      if (!(lambda > 0) || Double.isInfinite(lambda)) {
        throw new IllegalArgumentException("deploy.longDrift.lambda: " + lambda + ", must be finite and > 0");
      }
      this.longDelta = delta;
      this.longLambda = lambda;
      return this;
    }

    /**
     * The state channels whose errors at the longest horizon are watched for drift (default: the
     * {@link #driftChannels}). Leave out channels whose multi-frame errors carry oscillations the twin
     * does not model (a crane's velocities carry its load's second pendulum mode; its positions
     * integrate them away).
     *
     * @throws IllegalArgumentException naming a column the spec does not have
     */
    public Builder longDriftChannels(String... channels) {
      for (String c : channels) spec.column(c);
      this.longDriftChannels = List.of(channels);
      return this;
    }

    /**
     * Stores edge cases in {@code dir} (default: none): transitions whose standardised error on a
     * corrected channel exceeds {@code threshold} (> 0, default 4), in files of at most
     * {@code maxFileBytes} (≥ 4096, default 8 MiB), at most {@code maxFiles} files (≥ 1, default 8).
     */
    public Builder edgeCases(Path dir, double threshold, long maxFileBytes, int maxFiles) {
      if (!(threshold > 0) || Double.isInfinite(threshold)) {
        throw new IllegalArgumentException("deploy.edgeCases.threshold: " + threshold + ", must be finite and > 0");
      }
      if (!(maxFileBytes >= 4096)) {
        throw new IllegalArgumentException("deploy.edgeCases.maxFileBytes: " + maxFileBytes + ", must be >= 4096");
      }
      this.edgeCaseDir = Objects.requireNonNull(dir, "dir");
      this.edgeThreshold = threshold;
      this.maxFileBytes = maxFileBytes;
      this.maxFiles = atLeast("deploy.edgeCases.maxFiles", maxFiles, 1);
      return this;
    }

    /** Frames of exactly the same value after which a corrected channel is stale (≥ 2, default 25). */
    public Builder staleFrames(int frames) {
      this.staleFrames = atLeast("deploy.staleFrames", frames, 2);
      return this;
    }

    /**
     * The replay buffer: training windows of {@code window} one-step transitions (≥ 10, default 50),
     * a training reservoir of {@code trainCapacity} windows (≥ 1, default 300), a check reservoir of
     * {@code checkCapacity} (≥ 1, default 40) receiving a share {@code checkShare} of the windows (in
     * (0, 1), default 0.2), and the last {@code recentCapacity} windows (≥ 2, default 60).
     */
    public Builder replay(int window, int trainCapacity, int checkCapacity, double checkShare, int recentCapacity) {
      this.window = atLeast("deploy.replay.window", window, 10);
      this.trainCapacity = atLeast("deploy.replay.trainCapacity", trainCapacity, 1);
      this.checkCapacity = atLeast("deploy.replay.checkCapacity", checkCapacity, 1);
      if (!(checkShare > 0 && checkShare < 1)) {
        throw new IllegalArgumentException("deploy.replay.checkShare: " + checkShare + ", must be in (0, 1)");
      }
      this.checkShare = checkShare;
      this.recentCapacity = atLeast("deploy.replay.recentCapacity", recentCapacity, 2);
      return this;
    }

    /**
     * When updates run: every {@code every} accepted frames (≥ 1, default 3000: a minute at 50 Hz),
     * every {@code afterDrift} frames (≥ 1, default 500) during the {@code adaptation} frames (≥ 0,
     * default 3000) after a drift event, once at least {@code holdBack} (≥ 1, default 5) +
     * {@code minTrain} (≥ 1, default 5) recent windows are there; a decision takes effect
     * {@code latency} accepted frames after its trigger (≥ 1, default 250: 5 s at 50 Hz).
     */
    public Builder updates(int every, int afterDrift, int adaptation, int holdBack, int minTrain, int latency) {
      this.updateEvery = atLeast("deploy.updates.every", every, 1);
      this.updateEveryAfterDrift = atLeast("deploy.updates.afterDrift", afterDrift, 1);
      this.adaptation = atLeast("deploy.updates.adaptation", adaptation, 0);
      this.holdBack = atLeast("deploy.updates.holdBack", holdBack, 1);
      this.minTrainWindows = atLeast("deploy.updates.minTrain", minTrain, 1);
      this.swapLatency = atLeast("deploy.updates.latency", latency, 1);
      return this;
    }

    /**
     * How candidates are judged: focus NRMSE at {@code horizon} frames (≥ 1, default 10); accepted
     * when lower than the current model's on the held-back recent windows by more than
     * {@code minImprovement} (in [0, 1), default 0.02) and at most {@code oldTolerance} (≥ 0, default
     * 0.10) higher on the check reservoir; {@code replayRatio} reservoir windows mixed in per recent
     * window (≥ 0, default 1).
     */
    public Builder acceptance(int horizon, double minImprovement, double oldTolerance, double replayRatio) {
      this.evaluationHorizon = atLeast("deploy.acceptance.horizon", horizon, 1);
      if (!(minImprovement >= 0 && minImprovement < 1)) {
        throw new IllegalArgumentException("deploy.acceptance.minImprovement: " + minImprovement + ", must be in [0, 1)");
      }
      if (!(oldTolerance >= 0) || Double.isInfinite(oldTolerance)) {
        throw new IllegalArgumentException("deploy.acceptance.oldTolerance: " + oldTolerance + ", must be finite and >= 0");
      }
      if (!(replayRatio >= 0) || Double.isInfinite(replayRatio)) {
        throw new IllegalArgumentException("deploy.acceptance.replayRatio: " + replayRatio + ", must be finite and >= 0");
      }
      this.minImprovement = minImprovement;
      this.oldTolerance = oldTolerance;
      this.replayRatio = replayRatio;
      return this;
    }

    /**
     * Also try, in the updates that follow a drift event, the layout's uncertain parameters
     * re-identified on the new regime's recent windows ({@link Identification#fit}, warm-started from
     * the parameters in use; {@code options}' horizon must fit in a window), and every layout and
     * model the twin has used before (a regime that returns). Either is a <em>regime switch</em>:
     * accepted when better on the held-back recent windows, without the old-regime check, because
     * the outgoing layout and model stay in the twin's memory of regimes (the last 8) and come back
     * the same way when their regime does. Default: off (null).
     */
    public Builder reidentify(Identification.Options options) {
      this.reidentify = options;
      return this;
    }

    /** The seed of the replay buffer's draws and the updates' training (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    private static int atLeast(String name, int v, int min) {
      if (v < min) throw new IllegalArgumentException(name + ": " + v + ", must be >= " + min);
      return v;
    }

    /**
     * Builds the twin and starts its threads (this evaluates the model on the baseline: a second or
     * so per minute of baseline data).
     *
     * @throws IllegalArgumentException when the baseline is missing or too short, a trainer has no
     *     residual to tune, or the residual does not match the spec
     */
    public DeployedTwin build() {
      if (baseline == null) throw new IllegalArgumentException("deploy.baseline: not set, required");
      if (trainer != null && residual == null) {
        throw new IllegalArgumentException("deploy.trainer: set without a residual to tune");
      }
      if (retrainer != null && residual == null) {
        throw new IllegalArgumentException("deploy.retrainer: set without a residual to replace");
      }
      int need = spec.history() + horizons[horizons.length - 1] + 1;
      for (Trajectory t : baseline) {
        if (t.length() <= need) {
          throw new IllegalArgumentException("deploy.baseline: trajectory " + t.id() + " has " + t.length()
              + " frames, must have more than " + need);
        }
        if (!t.columns().equals(spec.columns())) {
          throw new IllegalArgumentException("deploy.baseline: trajectory " + t.id() + "'s columns are not the spec's");
        }
      }
      // checks the residual against the spec
      new FramePredictor(layout, backend, spec, FramePredictor.Kind.HYBRID, residual, period, 0);
      return new DeployedTwin(this);
    }

    List<Channel> columns() {
      return spec.columns();
    }

    /**
     * Baseline figures: per scored column, standard deviation, one-frame RMSE and (when
     * {@code longest} &gt; 1) RMSE at {@code longest} frames, from every {@code stride}-th frame.
     */
    double[][] baselineFigures(int[] scored, int longest) {
      double[] sd = Evaluation.std(baseline, scored);
      Supplier<FramePredictor> hybrid = () -> new FramePredictor(layout, backend, spec, FramePredictor.Kind.HYBRID,
          residual, period, 0);
      Evaluation.Result one = Evaluation.nrmse(hybrid, -1, baseline, scored, new int[] {1}, 1, 1);
      Evaluation.Result far = longest > 1 ? Evaluation.nrmse(hybrid, -1, baseline, scored, new int[] {longest}, stride, 1)
          : null;
      double[] floor = new double[scored.length], floorLong = new double[scored.length];
      for (int c = 0; c < scored.length; c++) {
        floor[c] = one.perChannel()[0][c] * sd[c];
        floorLong[c] = far == null ? 0 : far.perChannel()[0][c] * sd[c];
      }
      return new double[][] {sd, floor, floorLong};
    }
  }
}
