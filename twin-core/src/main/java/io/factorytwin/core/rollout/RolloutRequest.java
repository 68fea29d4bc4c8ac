package io.factorytwin.core.rollout;

import io.factorytwin.core.layout.UncertainParameter;
import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.SimState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to predict (docs/predicting.md): a start, candidate plans, a horizon, and samples per plan.
 *
 * <p><b>Start.</b> Either telemetry frames ({@link Builder#fromFrames}: the latest frames of the plant, as
 * the engine's feature spec lays them out; the engine syncs its state to them, as calibration does) or
 * a state ({@link Builder#fromState}: the twin's own state, for engines without telemetry).
 *
 * <p><b>Plans.</b> Each plan is asked once per recorded step (the engine's period, a PLC cycle) for the
 * actions held through that step; {@code tick} counts the layout's ticks from the rollout's start. Plans
 * are shared by the workers: each must be a pure function of its arguments (no fields it writes).
 *
 * <p><b>Samples.</b> Sample k of every plan uses: ensemble member k mod members (when the engine has a
 * residual model and {@link Builder#ensemble} is on, the default); a draw of the parameters given to
 * {@link Builder#randomise}, uniform within their ranges; Gaussian sensor noise of the given standard
 * deviations added to the start frames. All are drawn from {@link io.factorytwin.core.sim.RandomStreams}
 * keyed by (request seed, sample index) only: every plan meets the same draws (common random numbers),
 * so that two plans differ by what the plans do, not by their luck; and nothing depends on which
 * thread ran what.
 *
 * <p>Immutable and thread-safe (the start is copied; do not change a plan while a rollout runs).
 */
public final class RolloutRequest {
  private final double[][] frames;
  private final SimState state;
  private final List<Plan> plans;
  private final double horizon;
  private final int samples;
  private final long seed;
  private final List<UncertainParameter> randomise;
  private final Map<String, Double> noise;
  private final boolean ensemble;
  private final List<Guard> guards;

  private RolloutRequest(Builder b) {
    frames = b.frames == null ? null : copy(b.frames);
    state = b.state == null ? null : b.state.copy();
    plans = List.copyOf(b.plans);
    horizon = b.horizon;
    samples = b.samples;
    seed = b.seed;
    randomise = List.copyOf(b.randomise);
    noise = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.noise));
    ensemble = b.ensemble;
    guards = List.copyOf(b.guards);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The start frames (a copy; latest first), or null for a state start. */
  public double[][] frames() {
    return frames == null ? null : copy(frames);
  }

  double[][] framesShared() {
    return frames;
  }

  /** The start state (a copy), or null for a frames start. */
  public SimState state() {
    return state == null ? null : state.copy();
  }

  SimState stateShared() {
    return state;
  }

  /** The candidate plans. */
  public List<Plan> plans() {
    return plans;
  }

  /** Horizon [s]. */
  public double horizon() {
    return horizon;
  }

  /** Samples per plan. */
  public int samples() {
    return samples;
  }

  /** Seed of the samples' draws. */
  public long seed() {
    return seed;
  }

  /** The parameters drawn per sample, each uniform in its [min, max]. */
  public List<UncertainParameter> randomise() {
    return randomise;
  }

  /** Sensor noise added to the start frames: column name to standard deviation, in the column's unit. */
  public Map<String, Double> noise() {
    return noise;
  }

  /** Whether sample k uses ensemble member k mod members (else every sample uses the members' mean). */
  public boolean ensemble() {
    return ensemble;
  }

  /** The guards checked on every run. */
  public List<Guard> guards() {
    return guards;
  }

  /** This request with other plans (the planner's next population). */
  public RolloutRequest withPlans(List<Plan> plans) {
    return toBuilder().withoutPlans().plans(plans).build();
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.frames = frames;
    b.state = state;
    b.plans.addAll(plans);
    b.horizon = horizon;
    b.samples = samples;
    b.seed = seed;
    b.randomise.addAll(randomise);
    b.noise.putAll(noise);
    b.ensemble = ensemble;
    b.guards.addAll(guards);
    return b;
  }

  private static double[][] copy(double[][] f) {
    double[][] c = new double[f.length][];
    for (int i = 0; i < f.length; i++) c[i] = f[i].clone();
    return c;
  }

  /** Builds a request; confined to one thread. */
  public static final class Builder {
    private double[][] frames;
    private SimState state;
    private final List<Plan> plans = new ArrayList<>();
    private double horizon = Double.NaN;
    private int samples = 1;
    private long seed;
    private final List<UncertainParameter> randomise = new ArrayList<>();
    private final Map<String, Double> noise = new LinkedHashMap<>();
    private boolean ensemble = true;
    private final List<Guard> guards = new ArrayList<>();

    Builder() {}

    /**
     * Start from telemetry frames: frames[0] the latest, frames[j] the one j periods before it, each in
     * the engine's column order (NaN: not observed); at least the model's history + 1 frames, one more
     * for the latest frame's velocity estimate. Replaces a state start.
     */
    public Builder fromFrames(double[][] frames) {
      this.frames = copy(Objects.requireNonNull(frames, "rollout.frames"));
      this.state = null;
      return this;
    }

    /** Start from a state of the engine's layout (copied). Replaces a frames start. */
    public Builder fromState(SimState state) {
      this.state = Objects.requireNonNull(state, "rollout.state").copy();
      this.frames = null;
      return this;
    }

    /** Removes the plans added so far. */
    public Builder withoutPlans() {
      plans.clear();
      return this;
    }

    /** Adds a candidate plan. */
    public Builder plan(Plan plan) {
      plans.add(Objects.requireNonNull(plan, "rollout.plan"));
      return this;
    }

    /** Adds candidate plans. */
    public Builder plans(List<? extends Plan> ps) {
      for (Plan p : ps) plan(p);
      return this;
    }

    /** Horizon [s], > 0 and finite (rounded to whole steps of the engine's period). */
    public Builder horizon(double seconds) {
      this.horizon = seconds;
      return this;
    }

    /** Samples per plan, in [1, 10000]; default 1. */
    public Builder samples(int n) {
      this.samples = n;
      return this;
    }

    /** Seed of the samples' draws; default 0. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Draws these parameters per sample, uniform in each one's [min, max] (a layout's
     * {@code uncertainParameters()}, or a calibration's fitted values ± their standard errors).
     */
    public Builder randomise(List<UncertainParameter> parameters) {
      randomise.clear();
      randomise.addAll(parameters);
      return this;
    }

    /** Adds Gaussian noise of standard deviation {@code sd} (≥ 0, the column's unit) to the start frames' column. */
    public Builder noise(String column, double sd) {
      noise.put(Objects.requireNonNull(column, "rollout.noise column"), sd);
      return this;
    }

    /** Whether samples use the ensemble's members in turn (default) or all the members' mean. */
    public Builder ensemble(boolean on) {
      this.ensemble = on;
      return this;
    }

    /** Adds guards. */
    public Builder guards(Guard... gs) {
      for (Guard g : gs) guards.add(Objects.requireNonNull(g, "rollout.guard"));
      return this;
    }

    /** Adds guards. */
    public Builder guards(List<Guard> gs) {
      return guards(gs.toArray(new Guard[0]));
    }

    /**
     * The request.
     *
     * @throws IllegalArgumentException naming the field, the value and the bound
     */
    public RolloutRequest build() {
      if (frames == null && state == null) {
        throw new IllegalArgumentException("rollout.start: none, must be fromFrames(...) or fromState(...)");
      }
      if (frames != null) {
        if (frames.length == 0) throw new IllegalArgumentException("rollout.frames: none, must be at least one frame");
        for (int j = 0; j < frames.length; j++) {
          for (int c = 0; c < frames[j].length; c++) {
            if (Double.isInfinite(frames[j][c])) {
              throw new IllegalArgumentException("rollout.frames[" + j + "][" + c + "]: " + frames[j][c]
                  + ", must be finite (or NaN: not observed)");
            }
          }
        }
      }
      if (plans.isEmpty()) throw new IllegalArgumentException("rollout.plans: none, must be at least one");
      if (!(horizon > 0) || Double.isInfinite(horizon)) {
        throw new IllegalArgumentException("rollout.horizon: " + horizon + " s, must be > 0 and finite");
      }
      if (samples < 1 || samples > 10_000) {
        throw new IllegalArgumentException("rollout.samples: " + samples + ", must be in [1, 10000]");
      }
      for (UncertainParameter p : randomise) {
        if (!(p.min() <= p.max()) || Double.isInfinite(p.min()) || Double.isInfinite(p.max())) {
          throw new IllegalArgumentException("rollout.randomise." + p.path() + ": [" + p.min() + ", " + p.max() + "] "
              + p.unit() + ", must be finite with min <= max");
        }
      }
      for (Map.Entry<String, Double> e : noise.entrySet()) {
        double sd = e.getValue() == null ? Double.NaN : e.getValue();
        if (!(sd >= 0) || Double.isInfinite(sd)) {
          throw new IllegalArgumentException("rollout.noise." + e.getKey() + ": " + sd + ", must be >= 0 and finite");
        }
      }
      if (!noise.isEmpty() && frames == null) {
        throw new IllegalArgumentException("rollout.noise: " + noise.keySet() + ", only for a start from frames");
      }
      return new RolloutRequest(this);
    }
  }
}
