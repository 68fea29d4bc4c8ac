package io.factorytwin.core.rollout;

import io.factorytwin.core.sim.Plan;
import io.factorytwin.core.sim.RandomStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Chooses the best plan of a {@link PlanFamily} under a cost, subject to the guards: the cross-entropy
 * method (docs/predicting.md, "Planner"). Each iteration draws a population of parameter vectors from a
 * Gaussian (clipped to the family's bounds), rolls them all out in one request, scores each candidate by
 * its mean cost over its samples, and refits the Gaussian to the elite: the lowest-cost candidates that
 * the gate would commit. Candidates the gate would reject or doubt are never elite, nor returned, as long
 * as one candidate is admissible; the best admissible candidate over all iterations is the result.
 *
 * <p>Deterministic: draws come from {@link RandomStreams} keyed by (seed, iteration, candidate); ties in
 * cost are broken by draw order; the engine's results do not depend on its thread count. So the same
 * seed gives the same plan, bit for bit, on any number of threads.
 *
 * <p>Confined to the thread that uses its engine.
 */
public final class CrossEntropyPlanner {
  /** The cost of one predicted run, lower is better (e.g. duration + sway + energy). */
  @FunctionalInterface
  public interface Cost {
    /** Cost of run (plan, sample) of {@code r}; finite for a run that did not diverge. */
    double of(RolloutResult r, int plan, int sample);
  }

  /**
   * The outcome.
   *
   * @param parameters the best admissible candidate's parameters, or the best of all when none was admissible
   * @param plan       its plan
   * @param cost       its mean cost over its samples
   * @param decision   the gate's decision on it (COMMIT unless no candidate was admissible)
   * @param history    per iteration, the best admissible cost so far (NaN while there is none)
   */
  public record Result(double[] parameters, Plan plan, double cost, Decision decision, double[] history) {}

  private final Rollouts engine;
  private final PlanFamily family;
  private final Cost cost;
  private final ActionGate gate;
  private final RolloutRequest template;
  private final int population, elites, iterations;
  private final long seed;
  private final double[] initialMean, initialStd;

  private CrossEntropyPlanner(Builder b) {
    engine = b.engine;
    family = b.family;
    cost = b.cost;
    gate = b.gate;
    template = b.template;
    population = b.population;
    elites = b.elites;
    iterations = b.iterations;
    seed = b.seed;
    initialMean = b.mean;
    initialStd = b.std;
  }

  /**
   * A planner over {@code engine} for {@code family}: {@code template} gives the samples, horizon,
   * randomisation, noise and guards of every iteration's request (its start and plans are replaced);
   * {@code gate} says which candidates are admissible.
   */
  public static Builder builder(Rollouts engine, PlanFamily family, Cost cost, ActionGate gate,
      RolloutRequest template) {
    return new Builder(engine, family, cost, gate, template);
  }

  /** Plans from telemetry frames (latest first). */
  public Result plan(double[][] frames) {
    return search(template.toBuilder().fromFrames(frames));
  }

  /** Plans from a state. */
  public Result plan(io.factorytwin.core.sim.SimState state) {
    return search(template.toBuilder().fromState(state));
  }

  private Result search(RolloutRequest.Builder start) {
    int d = family.lower().length;
    double[] lo = family.lower(), hi = family.upper();
    double[] mean = initialMean != null ? initialMean.clone() : new double[d];
    double[] std = initialStd != null ? initialStd.clone() : new double[d];
    for (int j = 0; j < d; j++) {
      if (initialMean == null) mean[j] = (lo[j] + hi[j]) / 2;
      if (initialStd == null) std[j] = (hi[j] - lo[j]) / 4;
    }
    long key = RandomStreams.key("planner.cem");
    double[] best = null, bestAny = null;
    double bestCost = Double.POSITIVE_INFINITY, bestAnyCost = Double.POSITIVE_INFINITY;
    Decision bestDecision = null, bestAnyDecision = null;
    double[] history = new double[iterations];
    for (int it = 0; it < iterations; it++) {
      double[][] xs = new double[population][d];
      List<Plan> plans = new ArrayList<>();
      for (int i = 0; i < population; i++) {
        for (int j = 0; j < d; j++) {
          double x = i == 0 ? mean[j] : mean[j] + std[j] * RandomStreams.gaussian(seed, key, it, i * d + j);
          xs[i][j] = Math.max(lo[j], Math.min(hi[j], x));
        }
        plans.add(family.plan(xs[i]));
      }
      RolloutResult r = engine.run(start.withoutPlans().plans(plans).build());
      double[] costs = new double[population];
      boolean[] admissible = new boolean[population];
      Decision[] decisions = new Decision[population];
      for (int i = 0; i < population; i++) {
        decisions[i] = gate.decide(r, i);
        admissible[i] = decisions[i].committed();
        double sum = 0;
        int n = 0;
        for (int s = 0; s < r.samples(); s++) {
          if (r.divergedAt(i, s) >= 0) continue;
          sum += cost.of(r, i, s);
          n++;
        }
        costs[i] = n == 0 || !Double.isFinite(sum) ? Double.POSITIVE_INFINITY : sum / n;
        if (admissible[i] && costs[i] < bestCost) {
          bestCost = costs[i];
          best = xs[i].clone();
          bestDecision = decisions[i];
        }
        if (costs[i] < bestAnyCost || bestAny == null) {
          bestAnyCost = costs[i];
          bestAny = xs[i].clone();
          bestAnyDecision = decisions[i];
        }
      }
      history[it] = best == null ? Double.NaN : bestCost;
      Integer[] order = new Integer[population];
      for (int i = 0; i < population; i++) order[i] = i;
      Arrays.sort(order, (a, b) -> {
        if (admissible[a] != admissible[b]) return admissible[a] ? -1 : 1;
        int c = Double.compare(costs[a], costs[b]);
        return c != 0 ? c : Integer.compare(a, b);
      });
      for (int j = 0; j < d; j++) {
        double m = 0;
        for (int e = 0; e < elites; e++) m += xs[order[e]][j];
        m /= elites;
        double v = 0;
        for (int e = 0; e < elites; e++) v += (xs[order[e]][j] - m) * (xs[order[e]][j] - m);
        mean[j] = m;
        // a floor keeps the search alive: a thousandth of the range
        std[j] = Math.max(Math.sqrt(v / elites), 1e-3 * (hi[j] - lo[j]));
      }
    }
    if (best == null) return new Result(bestAny, family.plan(bestAny), bestAnyCost, bestAnyDecision, history);
    return new Result(best, family.plan(best), bestCost, bestDecision, history);
  }

  /** Builds a planner; confined to one thread. */
  public static final class Builder {
    private final Rollouts engine;
    private final PlanFamily family;
    private final Cost cost;
    private final ActionGate gate;
    private final RolloutRequest template;
    private int population = 32, elites = 6, iterations = 5;
    private long seed;
    private double[] mean, std;

    Builder(Rollouts engine, PlanFamily family, Cost cost, ActionGate gate, RolloutRequest template) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.family = Objects.requireNonNull(family, "family");
      this.cost = Objects.requireNonNull(cost, "cost");
      this.gate = Objects.requireNonNull(gate, "gate");
      this.template = Objects.requireNonNull(template, "template");
    }

    /** Candidates per iteration, ≥ 2; default 32. */
    public Builder population(int n) {
      this.population = n;
      return this;
    }

    /** Elite candidates the Gaussian is refitted to, in [1, population]; default 6. */
    public Builder elites(int n) {
      this.elites = n;
      return this;
    }

    /** Iterations, ≥ 1; default 5. */
    public Builder iterations(int n) {
      this.iterations = n;
      return this;
    }

    /** Seed of the draws; default 0. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The first iteration's Gaussian (default: the middle of the bounds, a quarter of their width); the
     * first candidate of every iteration is the mean itself.
     */
    public Builder initial(double[] mean, double[] std) {
      this.mean = mean.clone();
      this.std = std.clone();
      return this;
    }

    /** The planner. @throws IllegalArgumentException naming the setting, the value and the bound */
    public CrossEntropyPlanner build() {
      double[] lo = family.lower(), hi = family.upper();
      if (lo.length != hi.length || lo.length != family.parameters().size() || lo.length == 0) {
        throw new IllegalArgumentException("planner.family: " + family.parameters().size() + " parameters, bounds "
            + lo.length + " and " + hi.length + "; must be equal and > 0");
      }
      for (int j = 0; j < lo.length; j++) {
        if (!(lo[j] <= hi[j]) || Double.isInfinite(lo[j]) || Double.isInfinite(hi[j])) {
          throw new IllegalArgumentException("planner.family." + family.parameters().get(j) + ": [" + lo[j] + ", " + hi[j]
              + "], must be finite with lower <= upper");
        }
      }
      if (population < 2) throw new IllegalArgumentException("planner.population: " + population + ", must be >= 2");
      if (elites < 1 || elites > population) {
        throw new IllegalArgumentException("planner.elites: " + elites + ", must be in [1, " + population + "]");
      }
      if (iterations < 1) throw new IllegalArgumentException("planner.iterations: " + iterations + ", must be >= 1");
      if (mean != null) {
        if (mean.length != lo.length || std.length != lo.length) {
          throw new IllegalArgumentException("planner.initial: " + mean.length + " and " + std.length
              + " values, must be " + lo.length);
        }
        for (int j = 0; j < lo.length; j++) {
          if (!Double.isFinite(mean[j]) || !(std[j] >= 0) || Double.isInfinite(std[j])) {
            throw new IllegalArgumentException("planner.initial." + family.parameters().get(j) + ": mean " + mean[j]
                + ", std " + std[j] + "; must be finite, std >= 0");
          }
        }
      }
      return new CrossEntropyPlanner(this);
    }
  }
}
