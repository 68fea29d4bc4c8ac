package io.factorytwin.core.rollout;

import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.UncertainParameter;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.PhysicsWorld;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.RandomStreams;
import io.factorytwin.core.sim.SimState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rollout engine (docs/predicting.md): runs every (plan, sample) of a {@link RolloutRequest} forward
 * from its start and returns a {@link RolloutResult}.
 *
 * <p>Three kinds of engine, from the builder:
 * <ul>
 *   <li>physics from a state: {@code builder(layout, backend).period(s)}: the layout's physics, the plan
 *       asked every {@code period};</li>
 *   <li>physics from telemetry: {@code .telemetry(spec, period)}: the start is synced from frames as
 *       calibration syncs them, then physics only;</li>
 *   <li>the hybrid model: {@code .telemetry(spec, period).residual(model)}: each period the physics steps,
 *       the residual corrects and the corrected frame is synced back (the hybrid step of
 *       {@link FramePredictor}).</li>
 * </ul>
 * Each run: the start (with the sample's sensor noise), then {@code horizon / period} steps; at each the
 * plan gives the actions held through it, the state is recorded and every guard checks it (collision
 * guards also see the contacts of every physics tick). A run whose values go non-finite or whose physics
 * reports trouble stops there and is marked diverged; nothing is reset.
 *
 * <p><b>Threads and determinism.</b> The runs are shared out to {@code threads} workers, each owning its
 * own worlds and states over the shared immutable layout and model; each run writes its own slots, and
 * every random draw is keyed by (seed, sample), so the result is bit-identical for any thread count
 * (checked by the tests for 1, 2 and 4 threads).
 *
 * <p>Confined to one thread (the caller's); it runs its workers itself, on daemon threads kept between
 * calls. {@link #close()} stops them.
 */
public final class Rollouts implements AutoCloseable {
  /**
   * Steps between checks of the ensemble members' disagreement (every member's forward pass on the run's
   * own input): every 5th step, 100 ms at 50 Hz, so that the check costs a fifth of an ensemble per step.
   */
  public static final int SPREAD_EVERY = 5;

  private final Layout layout;
  private final PhysicsBackend backend;
  private final FeatureSpec spec;
  private final ResidualPredictor model;
  private final double period;
  private final int ticksPerStep;
  private final int threads;
  private final TrainingRanges ranges;
  private final Map<Map<String, Double>, Layout> sampleLayouts = new HashMap<>();
  private final List<Worker> workers = new ArrayList<>();
  private ExecutorService pool;

  private Rollouts(Builder b) {
    layout = b.layout;
    backend = b.backend;
    spec = b.spec;
    model = b.model;
    threads = b.threads;
    ranges = b.ranges;
    period = b.period;
    double ticks = period / layout.stepSeconds();
    ticksPerStep = (int) Math.round(ticks);
    if (!(period > 0) || ticksPerStep < 1 || Math.abs(ticks - ticksPerStep) > 1e-6) {
      throw new IllegalArgumentException("rollouts.period: " + period + " s, must be a whole number of the layout's "
          + layout.stepSeconds() + " s steps");
    }
    for (int w = 0; w < threads; w++) workers.add(new Worker());
  }

  /** A builder over {@code layout} (shared, immutable) and {@code backend}. */
  public static Builder builder(Layout layout, PhysicsBackend backend) {
    return new Builder(layout, backend);
  }

  /** The layout. */
  public Layout layout() {
    return layout;
  }

  /** Seconds between recorded steps (the plan's control period). */
  public double period() {
    return period;
  }

  /** The residual model, or null for physics only. */
  public ResidualPredictor model() {
    return model;
  }

  /** The feature spec of a telemetry engine, or null. */
  public FeatureSpec spec() {
    return spec;
  }

  /** Worker threads. */
  public int threads() {
    return threads;
  }

  /**
   * Runs every plan and sample of {@code request}.
   *
   * @throws IllegalArgumentException when the start does not fit the engine (frames without a feature
   *     spec, a state of another layout shape, frames of the wrong width, a noise column the spec does not
   *     have), a guard names an element the layout lacks, a randomised parameter is not the layout's, or a
   *     plan gives a non-finite or invalid action (naming the plan and the channel)
   */
  public RolloutResult run(RolloutRequest request) {
    Objects.requireNonNull(request, "request");
    int plans = request.plans().size(), samples = request.samples();
    int steps = (int) Math.round(request.horizon() / period) + 1;
    if (steps < 2) {
      throw new IllegalArgumentException("rollout.horizon: " + request.horizon() + " s, must be at least one period ("
          + period + " s)");
    }
    Layout[] perSample = sampleLayouts(request);
    double[][][] starts = starts(request);
    for (Guard g : request.guards()) g.monitor(layout); // names checked once, on the caller's thread
    int channels = layout.stateSchema().size();
    long size = (long) plans * samples * steps * channels;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("rollout: " + plans + " plans x " + samples + " samples x " + steps
          + " steps x " + channels + " channels, more than one array holds");
    }
    Out out = new Out(plans, samples, steps, channels, request.guards().size());
    int runs = plans * samples;
    AtomicInteger next = new AtomicInteger();
    int used = Math.min(threads, runs);
    if (used == 1) {
      workers.get(0).work(request, perSample, starts, out, next, runs);
    } else {
      if (pool == null) {
        pool = Executors.newFixedThreadPool(threads, r -> {
          Thread t = new Thread(r, "rollout-worker");
          t.setDaemon(true);
          return t;
        });
      }
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < used; w++) {
        Worker worker = workers.get(w);
        fs.add(pool.submit(() -> {
          worker.work(request, perSample, starts, out, next, runs);
          return null;
        }));
      }
      try {
        for (Future<?> f : fs) f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("rollout interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        for (Future<?> f : fs) f.cancel(true);
        if (e.getCause() instanceof RuntimeException re) throw re;
        throw new IllegalStateException(e.getCause());
      }
    }
    List<List<Verdict>> verdicts = new ArrayList<>();
    for (int p = 0; p < plans; p++) {
      List<Verdict> vs = new ArrayList<>();
      for (int g = 0; g < request.guards().size(); g++) {
        Guard guard = request.guards().get(g);
        int[] first = new int[samples];
        int earliest = -1, failing = 0;
        String element = null;
        for (int s = 0; s < samples; s++) {
          int k = (p * samples + s) * out.guards + g;
          first[s] = out.failStep[k];
          if (first[s] >= 0) {
            failing++;
            if (earliest < 0 || first[s] < earliest) {
              earliest = first[s];
              element = out.failElement[k];
            }
          }
        }
        vs.add(new Verdict(guard.name(), element == null ? "" : element, first, (double) failing / samples, earliest,
            earliest < 0 ? Double.NaN : earliest * period));
      }
      verdicts.add(List.copyOf(vs));
    }
    return new RolloutResult(layout.stateSchema(), plans, samples, steps, period, out.data, out.diverged, out.ood,
        out.oodFeature, out.spread, out.spreadStep, out.spreadOutput, List.copyOf(verdicts));
  }

  /** Per sample, the layout with that sample's parameter draw (the engine's layout when nothing is drawn). */
  private Layout[] sampleLayouts(RolloutRequest r) {
    Layout[] ls = new Layout[r.samples()];
    for (UncertainParameter p : r.randomise()) layout.parameter(p.path()); // names the path if it is unknown
    for (int s = 0; s < ls.length; s++) {
      if (r.randomise().isEmpty()) {
        ls[s] = layout;
        continue;
      }
      Map<String, Double> values = new TreeMap<>();
      for (UncertainParameter p : r.randomise()) {
        double u = RandomStreams.uniform(r.seed(), RandomStreams.key("rollout.parameter." + p.path()), s, 0);
        values.put(p.path(), p.min() + u * (p.max() - p.min()));
      }
      ls[s] = sampleLayouts.computeIfAbsent(values, layout::withParameters);
    }
    if (sampleLayouts.size() > 256) sampleLayouts.clear(); // a bound on what is kept between calls
    return ls;
  }

  /** Per sample, the start frames with the sample's sensor noise (null for a state start). */
  private double[][][] starts(RolloutRequest r) {
    double[][] frames = r.framesShared();
    SimState state = r.stateShared();
    if (frames == null) {
      if (model != null) {
        throw new IllegalArgumentException("rollout.state: this engine's residual model reads telemetry history; start "
            + "fromFrames(...) (a state start would run the physics alone)");
      }
      if (state.bodyCount() != layout.bodyCount() || state.actions().length != layout.actionSchema().size()
          || state.equipment().length != layout.equipmentSize()) {
        throw new IllegalArgumentException("rollout.state: " + state + ", not a state of layout " + layout.name());
      }
      return null;
    }
    if (spec == null) {
      throw new IllegalArgumentException("rollout.frames: this engine has no telemetry columns; build it with telemetry(spec, period)");
    }
    int cols = spec.columns().size();
    for (int j = 0; j < frames.length; j++) {
      if (frames[j].length != cols) {
        throw new IllegalArgumentException("rollout.frames[" + j + "]: " + frames[j].length + " values, must be " + cols
            + " (the spec's columns)");
      }
    }
    if (frames.length < spec.history() + 1) {
      throw new IllegalArgumentException("rollout.frames: " + frames.length + ", must be >= " + (spec.history() + 1)
          + " (the latest frame and " + spec.history() + " of history)");
    }
    int[] noisy = new int[r.noise().size()];
    double[] sd = new double[noisy.length];
    int n = 0;
    for (Map.Entry<String, Double> e : r.noise().entrySet()) {
      noisy[n] = spec.column(e.getKey());
      sd[n++] = e.getValue();
    }
    double[][][] out = new double[r.samples()][][];
    long key = RandomStreams.key("rollout.noise");
    for (int s = 0; s < out.length; s++) {
      out[s] = new double[frames.length][];
      for (int j = 0; j < frames.length; j++) {
        out[s][j] = frames[j].clone();
        for (int k = 0; k < noisy.length; k++) {
          if (sd[k] > 0) out[s][j][noisy[k]] += sd[k] * RandomStreams.gaussian(r.seed(), key, s, j * cols + noisy[k]);
        }
      }
    }
    return out;
  }

  /** The shared output slots: each run writes only its own. */
  private static final class Out {
    final double[] data;
    final int[] diverged, ood;
    final String[] oodFeature;
    final int[] failStep;
    final String[] failElement;
    final double[] spread;
    final int[] spreadStep;
    final String[] spreadOutput;
    final int steps, channels, guards, samples;

    Out(int plans, int samples, int steps, int channels, int guards) {
      this.steps = steps;
      this.channels = channels;
      this.guards = guards;
      this.samples = samples;
      data = new double[plans * samples * steps * channels];
      diverged = new int[plans * samples];
      ood = new int[plans * samples];
      oodFeature = new String[plans * samples];
      failStep = new int[plans * samples * guards];
      failElement = new String[plans * samples * guards];
      spread = new double[plans * samples];
      spreadStep = new int[plans * samples];
      spreadOutput = new String[plans * samples];
    }
  }

  /** Steps one sample layout: a frame predictor for telemetry starts, a bare world for state starts. */
  private final class Stepper {
    final Layout sampleLayout;
    final PhysicsWorld world;
    final FramePredictor predictor;
    SimState state;

    Stepper(Layout l, boolean frames) {
      sampleLayout = l;
      if (frames) {
        predictor = new FramePredictor(l, backend, spec, model == null ? FramePredictor.Kind.PHYSICS
            : FramePredictor.Kind.HYBRID, model, period, 0);
        world = null;
      } else {
        predictor = null;
        world = backend.createWorld(l);
      }
    }
  }

  /** One worker: its steppers (one per sample layout) and its guards' monitors. */
  private final class Worker {
    final Map<Layout, Stepper> frameSteppers = new IdentityHashMap<>();
    final Map<Layout, Stepper> stateSteppers = new IdentityHashMap<>();

    void work(RolloutRequest r, Layout[] perSample, double[][][] starts, Out out, AtomicInteger next, int runs) {
      List<Guard.Monitor> monitors = new ArrayList<>();
      for (Guard g : r.guards()) monitors.add(g.monitor(layout));
      if (frameSteppers.size() + stateSteppers.size() > 64) {
        frameSteppers.clear();
        stateSteppers.clear();
      }
      int channels = out.channels;
      double[] row = new double[channels];
      double[] actions = new double[layout.actionSchema().size()];
      double[] frame = spec == null ? null : new double[spec.columns().size()];
      double[] features = spec == null ? null : new double[spec.featureCount(true)];
      double[] spreadRow = model == null ? null : new double[model.outputNames().size()];
      // no guards, no contacts asked for: the world builds its contact list only when someone reads it
      FramePredictor.TickObserver tickObserver = monitors.isEmpty() ? null : (s, contacts) -> {
        for (Guard.Monitor m : monitors) m.afterTick(contacts);
      };
      for (int run; (run = next.getAndIncrement()) < runs;) {
        int p = run / out.samples, s = run % out.samples;
        Plan plan = r.plans().get(p);
        boolean frames = starts != null;
        Stepper st = (frames ? frameSteppers : stateSteppers).computeIfAbsent(perSample[s], l -> new Stepper(l, frames));
        int member = model != null && r.ensemble() ? s % model.members() : -1;
        for (Guard.Monitor m : monitors) m.reset();
        SimState state;
        if (frames) {
          st.predictor.begin(starts[s]);
          state = st.predictor.state();
        } else {
          if (st.state == null || st.state.seed() != r.stateShared().seed()) st.state = r.stateShared().copy();
          else st.state.set(r.stateShared());
          state = st.state;
        }
        long startTick = state.tick();
        System.arraycopy(state.actions(), 0, actions, 0, actions.length);
        int base = run * out.steps * channels;
        int diverged = -1, ood = -1, spreadStep = -1, spreadOutput = -1;
        double spread = 0;
        String oodFeature = null;
        for (int k = 0; k < out.steps; k++) {
          boolean ok = true;
          if (k > 0) {
            plan.actions(state.tick() - startTick, state, actions);
            checkActions(actions, p);
            if (frames) {
              ok = st.predictor.advance(actions, member, frame, tickObserver);
              state = st.predictor.state();
            } else {
              System.arraycopy(actions, 0, state.actions(), 0, actions.length);
              for (int t = 0; t < ticksPerStep && ok; t++) {
                ok = !st.world.step(state, state.actions());
                if (tickObserver != null) tickObserver.afterTick(state, st.world.contacts());
              }
            }
          }
          layout.readState(state, row);
          for (double v : row) ok &= Double.isFinite(v);
          if (!ok) {
            diverged = k;
            java.util.Arrays.fill(out.data, base + k * channels, base + out.steps * channels, Double.NaN);
            break;
          }
          System.arraycopy(row, 0, out.data, base + k * channels, channels);
          for (int g = 0; g < monitors.size(); g++) {
            int slot = run * out.guards + g;
            String failed = monitors.get(g).check(row);
            if (failed != null && out.failElement[slot] == null) {
              out.failElement[slot] = failed;
              out.failStep[slot] = k;
            }
          }
          if (k > 0 && k % SPREAD_EVERY == 0 && model != null && model.members() > 1) {
            st.predictor.memberSpread(spreadRow);
            for (int o = 0; o < spreadRow.length && !Double.isNaN(spread); o++) {
              if (!(spreadRow[o] <= spread)) {
                spread = spreadRow[o];
                spreadStep = k;
                spreadOutput = o;
              }
            }
          }
          if (k > 0 && ranges != null && model != null && ood < 0) {
            st.predictor.lastFeatures(features);
            int f = ranges.firstOutside(features);
            if (f >= 0) {
              ood = k;
              oodFeature = ranges.features().get(f);
            }
          }
        }
        for (int g = 0; g < monitors.size(); g++) {
          if (out.failElement[run * out.guards + g] == null) out.failStep[run * out.guards + g] = -1;
        }
        out.diverged[run] = diverged;
        out.ood[run] = ood;
        out.oodFeature[run] = oodFeature;
        out.spread[run] = spread;
        out.spreadStep[run] = spreadStep;
        out.spreadOutput[run] = spreadOutput < 0 ? null : model.outputNames().get(spreadOutput);
      }
    }

    private void checkActions(double[] a, int plan) {
      for (int i = 0; i < a.length; i++) {
        if (!Double.isFinite(a[i])) {
          throw new IllegalArgumentException("rollout.plans[" + plan + "]." + layout.actionSchema().get(i).name() + ": "
              + a[i] + " " + layout.actionSchema().get(i).unit() + ", must be finite");
        }
      }
      try {
        layout.checkActions(a);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("rollout.plans[" + plan + "]: " + e.getMessage(), e);
      }
    }
  }

  /** Stops the worker threads (a later {@link #run} starts them again). */
  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
    pool = null;
  }

  /** Builds an engine; confined to one thread. */
  public static final class Builder {
    private final Layout layout;
    private final PhysicsBackend backend;
    private FeatureSpec spec;
    private ResidualPredictor model;
    private double period = Double.NaN;
    private int threads = 1;
    private TrainingRanges ranges;

    Builder(Layout layout, PhysicsBackend backend) {
      this.layout = Objects.requireNonNull(layout, "layout");
      this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** Starts from telemetry frames laid out as {@code spec}'s columns, at {@code period} [s] (the frame period). */
    public Builder telemetry(FeatureSpec spec, double period) {
      this.spec = Objects.requireNonNull(spec, "spec");
      this.period = period;
      return this;
    }

    /** The residual model of the hybrid step (needs {@link #telemetry}); null: physics only. */
    public Builder residual(ResidualPredictor model) {
      this.model = model;
      return this;
    }

    /** Seconds between recorded steps for an engine without telemetry: a whole number of the layout's steps. */
    public Builder period(double seconds) {
      this.period = seconds;
      return this;
    }

    /** Worker threads, in [1, 256]; default 1. */
    public Builder threads(int n) {
      this.threads = n;
      return this;
    }

    /** The residual model's training ranges: runs whose model inputs leave them are flagged out of distribution. */
    public Builder trainingRanges(TrainingRanges r) {
      this.ranges = r;
      return this;
    }

    /**
     * The engine.
     *
     * @throws IllegalArgumentException for a residual without telemetry, a model whose features are not the
     *     spec's, ranges of other features, a period that is not a whole number of steps, or a thread count
     *     out of range
     */
    public Rollouts build() {
      if (threads < 1 || threads > 256) throw new IllegalArgumentException("rollouts.threads: " + threads + ", must be in [1, 256]");
      if (model != null && spec == null) {
        throw new IllegalArgumentException("rollouts.residual: a residual model needs telemetry(spec, period)");
      }
      if (Double.isNaN(period)) period = layout.stepSeconds();
      if (model != null && !model.featureNames().equals(spec.featureNames(true))) {
        throw new IllegalArgumentException("rollouts.residual: features " + model.featureNames().size()
            + " do not match the spec's " + spec.featureCount(true));
      }
      if (ranges != null && (model == null || !ranges.features().equals(model.featureNames()))) {
        throw new IllegalArgumentException("rollouts.trainingRanges: must cover the residual model's features");
      }
      return new Rollouts(this);
    }
  }
}
