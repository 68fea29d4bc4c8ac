package io.factorytwin.model;

import io.factorytwin.core.model.Dataset;
import io.factorytwin.model.internal.Nd4jMlp;
import io.factorytwin.model.internal.Nd4jParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why inference runs in plain Java: one ensemble member of the crane's residual model (59 features,
 * two hidden layers of 64, 9 outputs) on a batch of {@code rows} feature rows, by the plain-Java
 * double pass ({@code java}, what the hybrid step uses) and by ND4J's float32 pass on preallocated
 * arrays ({@code nd4j}, the cheapest ND4J path: the one training uses). Batch 1 is one hybrid step;
 * 64 is one step of 64 rollouts batched together. Microseconds per batch.
 *
 * <p>In package {@code io.factorytwin.model} to reach the ensemble's weights, which are not public.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ResidualForwardBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Thread)
public class ResidualForwardBenchmark {
  static final int FEATURES = 59, OUTPUTS = 9;

  /** Feature rows per call. */
  @Param({"1", "64"})
  public int rows;

  /** {@code java} or {@code nd4j}. */
  @Param({"java", "nd4j"})
  public String engine;

  private MlpEnsemble model;
  private double[] x;
  private float[] xf;
  private double[] out;
  private float[] outf;
  private Nd4jParameters parameters;
  private Nd4jMlp net;

  @Setup(Level.Trial)
  public void build() {
    SplittableRandom r = new SplittableRandom(1);
    int n = 512;
    double[] f = new double[n * FEATURES], y = new double[n * OUTPUTS];
    for (int i = 0; i < f.length; i++) f[i] = r.nextGaussian();
    for (int i = 0; i < y.length; i++) y[i] = r.nextGaussian();
    List<String> fn = new ArrayList<>(), on = new ArrayList<>();
    for (int i = 0; i < FEATURES; i++) fn.add("f" + i);
    for (int i = 0; i < OUTPUTS; i++) on.add("o" + i + " [1]");
    Dataset d = new Dataset(fn, on, f, y, new int[n]);
    model = MlpEnsembleTrainer.builder().members(1).maxEpochs(1).build().train(d, d, 1, p -> {});
    x = java.util.Arrays.copyOf(f, rows * FEATURES);
    xf = model.featureScaling().normaliseToFloat(x, rows);
    out = new double[rows * OUTPUTS];
    outf = new float[rows * OUTPUTS];
    if (engine.equals("nd4j")) {
      parameters = new Nd4jParameters(model.shape());
      parameters.set(model.parameters(0));
      net = new Nd4jMlp(parameters, rows, false);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    if (net != null) net.close();
    if (parameters != null) parameters.close();
  }

  /** One batch through member 0. */
  @Benchmark
  public double forward() {
    if (net == null) {
      model.predict(0, x, rows, out);
      return out[0];
    }
    net.loadRows(xf, 0);
    net.forward();
    net.readOutputs(outf);
    return outf[0];
  }
}
