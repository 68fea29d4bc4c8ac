package io.factorytwin.core.calibration;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.UncertainParameter;
import io.factorytwin.core.model.FittedParameter;
import io.factorytwin.core.sim.PhysicsBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits the physical parameters a layout marks uncertain by minimising multi-step prediction error
 * over telemetry (docs/calibration.md, "Parameter identification").
 *
 * <p>From every {@code stride}-th frame of every trajectory, the physics with candidate parameters
 * rolls {@code horizon} frames forward under the recorded actions; the residuals are the prediction
 * errors of the chosen channels at every {@code every}-th frame of the rollout, each divided by the
 * channel's standard deviation over the data. Commons Math's Levenberg–Marquardt minimises their sum
 * of squares over the parameters, scaled to their uncertain ranges and clamped into them, with a
 * forward-difference Jacobian. The standard errors come from the Gauss–Newton covariance
 * (JᵀJ)⁻¹·s² at the optimum, s² the residual variance; overlapping windows make residuals
 * correlated, so they understate the true uncertainty (they are a lower bound, and say which
 * parameters the data pins down and which it does not).
 *
 * <p>Stateless; runs rollouts on {@code threads} workers; deterministic for any thread count.
 */
public final class Identification {
  private Identification() {}

  /**
   * Settings.
   *
   * @param horizon        rollout length [frames], ≥ 1
   * @param every          residual spacing along a rollout [frames], in [1, horizon]
   * @param stride         frames between rollout starts, ≥ 1
   * @param channels       names of the compared columns
   * @param maxIterations  Levenberg–Marquardt iterations, ≥ 1
   * @param threads        worker threads, ≥ 1
   */
  public record Options(int horizon, int every, int stride, List<String> channels, int maxIterations, int threads) {
    /** Checks. */
    public Options {
      if (horizon < 1 || every < 1 || every > horizon || stride < 1 || maxIterations < 1 || threads < 1) {
        throw new IllegalArgumentException("identification options: horizon " + horizon + ", every " + every
            + ", stride " + stride + ", maxIterations " + maxIterations + ", threads " + threads
            + "; must be >= 1 with every <= horizon");
      }
      channels = List.copyOf(channels);
    }
  }

  /**
   * The fit.
   *
   * @param layout      the nominal layout with the fitted values
   * @param parameters  per uncertain parameter: nominal, fitted value, standard error
   * @param costBefore  RMS of the normalised residuals with the nominal values
   * @param costAfter   RMS with the fitted values
   * @param evaluations how many times every rollout was run
   * @param iterations  Levenberg–Marquardt iterations
   * @param converged   false when the optimiser ran out of iterations: the result is then the best
   *                    point it had evaluated (lowest cost), with the standard errors from its Jacobian
   */
  public record Result(Layout layout, List<FittedParameter> parameters, double costBefore, double costAfter,
      int evaluations, int iterations, boolean converged) {}

  /**
   * Fits {@code nominal}'s uncertain parameters to {@code data}.
   *
   * @param spec     the feature spec whose columns the trajectories have (its history sets the first start)
   * @param progress receives a line per evaluation (may be a no-op)
   * @throws IllegalArgumentException when the layout marks nothing uncertain or a channel is not a column
   */
  public static Result fit(Layout nominal, PhysicsBackend backend, FeatureSpec spec, List<Trajectory> data,
      Options o, Consumer<String> progress) {
    List<UncertainParameter> ps = nominal.uncertainParameters();
    if (ps.isEmpty()) {
      throw new IllegalArgumentException("identification: layout " + nominal.name() + " marks no parameter uncertain");
    }
    int[] cols = o.channels().stream().mapToInt(spec::column).toArray();
    double[] sd = Evaluation.std(data, cols);
    for (int c = 0; c < cols.length; c++) if (!(sd[c] > 0)) sd[c] = 1;
    int p = ps.size();
    double[] start = new double[p];
    double[] scale = new double[p];
    for (int i = 0; i < p; i++) {
      UncertainParameter u = ps.get(i);
      scale[i] = Math.max(u.max() - u.min(), 1e-12);
      start[i] = 0; // normalised: (value − nominal) / range
    }
    int[] evals = {0};
    // the best point evaluated so far, kept for when the optimiser runs out of iterations
    double[] bestCost = {Double.POSITIVE_INFINITY};
    double[][] best = new double[3][];
    double[][][] bestJac = new double[1][][];
    MultivariateJacobianFunction model = point -> {
      double[] x = point.toArray();
      double[] r0 = residuals(nominal, backend, spec, data, o, cols, sd, values(ps, x, scale));
      evals[0]++;
      double[][] jac = new double[r0.length][p];
      for (int i = 0; i < p; i++) {
        double h = 1e-3;
        double[] xh = x.clone();
        xh[i] += h;
        if (ps.get(i).clamp(ps.get(i).nominal() + xh[i] * scale[i]) != ps.get(i).nominal() + xh[i] * scale[i]) {
          xh[i] = x[i] - h;
          h = -h;
        }
        double[] ri = residuals(nominal, backend, spec, data, o, cols, sd, values(ps, xh, scale));
        evals[0]++;
        for (int k = 0; k < r0.length; k++) jac[k][i] = (ri[k] - r0[k]) / h;
      }
      progress.accept(String.format("identification: evaluation %d, rms %.5f at %s", evals[0], rms(r0),
          describe(ps, x, scale)));
      if (rms(r0) < bestCost[0]) {
        bestCost[0] = rms(r0);
        best[0] = x.clone();
        best[1] = r0.clone();
        bestJac[0] = jac;
      }
      return new Pair<RealVector, RealMatrix>(new ArrayRealVector(r0, false), new Array2DRowRealMatrix(jac, false));
    };
    double[] r0 = residuals(nominal, backend, spec, data, o, cols, sd, values(ps, start, scale));
    LeastSquaresOptimizer.Optimum opt;
    try {
      opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
        .start(start)
        .model(model)
        .target(new double[r0.length])
        .parameterValidator(v -> {
          double[] c = v.toArray();
          for (int i = 0; i < p; i++) {
            UncertainParameter u = ps.get(i);
            c[i] = (u.clamp(u.nominal() + c[i] * scale[i]) - u.nominal()) / scale[i];
          }
          return new ArrayRealVector(c, false);
        })
        .maxEvaluations(10_000)
        .maxIterations(o.maxIterations())
        .build());
    } catch (org.apache.commons.math3.exception.TooManyIterationsException
        | org.apache.commons.math3.exception.TooManyEvaluationsException e) {
      opt = null;
      progress.accept(String.format("identification: not converged in %d iterations; keeping the best point"
          + " evaluated (rms %.5f)", o.maxIterations(), bestCost[0]));
    }
    boolean converged = opt != null;
    double[] x = converged ? opt.getPoint().toArray() : best[0];
    Map<String, Double> fitted = values(ps, x, scale);
    // standard errors: (JᵀJ)⁻¹ s² in physical units
    RealMatrix j = converged ? opt.getJacobian() : new Array2DRowRealMatrix(bestJac[0], false);
    double[] rFit = converged ? opt.getResiduals().toArray() : best[1];
    int n = rFit.length;
    double s2 = 0;
    for (double r : rFit) s2 += r * r;
    s2 /= Math.max(1, n - p);
    double[] se = new double[p];
    try {
      RealMatrix cov = new LUDecomposition(j.transpose().multiply(j)).getSolver().getInverse();
      for (int i = 0; i < p; i++) se[i] = Math.sqrt(Math.max(0, cov.getEntry(i, i)) * s2) * scale[i];
    } catch (org.apache.commons.math3.linear.SingularMatrixException e) {
      java.util.Arrays.fill(se, Double.NaN);
    }
    List<FittedParameter> out = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      UncertainParameter u = ps.get(i);
      out.add(new FittedParameter(u.path(), u.unit(), u.nominal(), fitted.get(u.path()), se[i]));
    }
    return new Result(nominal.withParameters(fitted), out, rms(r0), rms(rFit), evals[0] + 1,
        converged ? opt.getIterations() : o.maxIterations(), converged);
  }

  private static Map<String, Double> values(List<UncertainParameter> ps, double[] x, double[] scale) {
    Map<String, Double> m = new HashMap<>();
    for (int i = 0; i < ps.size(); i++) {
      UncertainParameter u = ps.get(i);
      m.put(u.path(), u.clamp(u.nominal() + x[i] * scale[i]));
    }
    return m;
  }

  private static String describe(List<UncertainParameter> ps, double[] x, double[] scale) {
    StringBuilder b = new StringBuilder();
    Map<String, Double> v = values(ps, x, scale);
    for (UncertainParameter u : ps) {
      b.append(b.length() == 0 ? "" : ", ").append(u.path()).append(' ').append(String.format("%.4g", v.get(u.path())));
    }
    return b.toString();
  }

  private static double rms(double[] r) {
    double s = 0;
    for (double v : r) s += v * v;
    return Math.sqrt(s / Math.max(1, r.length));
  }

  /** The normalised residual vector for one set of parameter values. */
  static double[] residuals(Layout nominal, PhysicsBackend backend, FeatureSpec spec, List<Trajectory> data, Options o,
      int[] cols, double[] sd, Map<String, Double> values) {
    Layout layout = nominal.withParameters(values);
    double period = data.get(0).period();
    List<double[]> parts = Evaluation.parallel(data, o.threads(),
        () -> new FramePredictor(layout, backend, spec, FramePredictor.Kind.PHYSICS, null, period, 0), (p, t) -> {
          List<Double> r = new ArrayList<>();
          double[][] out = new double[o.horizon()][t.columns().size()];
          for (int s = Math.max(1, spec.history()); s + o.horizon() < t.length(); s += o.stride()) {
            boolean ok = p.rollout(t, s, o.horizon(), -1, out);
            for (int h = o.every(); h <= o.horizon(); h += o.every()) {
              for (int c = 0; c < cols.length; c++) {
                // a diverged rollout counts as a large but finite error, so the optimiser backs away
                r.add(ok ? (out[h - 1][cols[c]] - t.frame(s + h)[cols[c]]) / sd[c] : 1e3);
              }
            }
          }
          return r.stream().mapToDouble(Double::doubleValue).toArray();
        });
    int n = 0;
    for (double[] a : parts) n += a.length;
    double[] all = new double[n];
    int k = 0;
    for (double[] a : parts) {
      System.arraycopy(a, 0, all, k, a.length);
      k += a.length;
    }
    return all;
  }
}
