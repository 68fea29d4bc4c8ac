package io.factorytwin.model;

import io.factorytwin.core.model.Dataset;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.model.ResidualTrainer;
import io.factorytwin.core.model.TrainingProgress;
import io.factorytwin.model.internal.Nd4jThreads;
import io.factorytwin.model.internal.MlpShape;
import io.factorytwin.model.internal.MlpTrainingSession;
import io.factorytwin.model.internal.Standardiser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains {@link MlpEnsemble}s on ND4J in float32: the {@link ResidualTrainer} of twin-model.
 *
 * <p><b>What a training does.</b> Features and targets are standardised per column with the
 * training set's mean and population standard deviation (a column with std &lt; 1e-9 gets std 1).
 * Each of {@link Builder#members(int) members} networks ({@code features → hidden… → outputs}, tanh
 * hidden layers, linear output) starts from Glorot-uniform weights and zero biases and draws, from
 * its own random stream, a bootstrap sample of the training rows (n draws with replacement; or all
 * rows once, without {@link Builder#bootstrap(boolean) bootstrap}) and a fresh shuffle of it every
 * epoch. An epoch runs {@code floor(sample / batchSize)} minibatches (the few rows left over wait
 * for another epoch's order) of Adam (β1 0.9, β2 0.999, ε 1e-8) on the mean squared error of the
 * normalised outputs, with L2 weight decay on the weights (not the biases) added to the gradient.
 * After every epoch the validation set's mean squared error (normalised outputs) decides early
 * stopping: the starting weights are epoch 0, weights are kept when the validation loss is strictly
 * below the best so far, and a member stops after {@link Builder#patience(int) patience} epochs
 * without improvement or at {@link Builder#maxEpochs(int) maxEpochs}; it returns its kept weights.
 *
 * <p><b>Progress.</b> After every epoch of every member one {@link TrainingProgress} (phase
 * {@code "train"} or {@code "fine-tune"}; its {@code trainLoss} is the mean over the epoch's
 * minibatches of their loss before each update, its {@code bestEpoch} 0 while the starting weights
 * are still the best). The consumer is called on the thread that called {@code train} or
 * {@code fineTune}, one call at a time; each member's epochs arrive in order, but members that train
 * at the same time interleave. If the consumer throws, training stops and the exception propagates.
 *
 * <p><b>Determinism.</b> The same datasets, settings and seed give bit-identical weights whatever
 * {@link Builder#threads(int) threads} is, on one JVM and machine: each member's random stream is a
 * function of the seed, the phase and the member index only, and ND4J's calls are deterministic
 * for fixed shapes once OpenBLAS runs one thread (with two threads, it gave other bits). So while
 * trainings run, OpenBLAS and libnd4j are held at one thread each, process-wide, and restored
 * afterwards. Other CPUs or OpenBLAS builds may give other bits (other sgemm kernels).
 *
 * <p><b>Speed.</b> ND4J costs tens of microseconds per call (MEASURED.md), so a minibatch is one
 * prebuilt matrix-product op per layer forward, two backward, one in-place tanh per hidden layer,
 * into arrays allocated once per worker; members train in parallel on {@code threads} worker
 * threads, each running ND4J single-threaded (see {@code Nd4jThreads} for why). Measured on the
 * 2-core machine with another process busy on one core (load average 3.4–4.4), 30,000 rows (10
 * trajectories × 3000) of 60 features → 64-64 → 8 outputs, 5 members, defaults: 5.2 s when
 * validation rows come from other trajectories (early stopping after 18–23 epochs); 57 s in the
 * worst case, where validation keeps improving until the 200-epoch cap (rows drawn independently),
 * at 60–70 ms per member-epoch. Every training logs its own time (SLF4J, INFO); on the reference
 * crane's calibration data see docs/calibration.md, "Speed".
 *
 * <p>Immutable and thread-safe; concurrent trainings on one instance are allowed (each uses its own
 * workers and ND4J arrays).
 */
public final class MlpEnsembleTrainer implements ResidualTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(MlpEnsembleTrainer.class);
  private static final long TRAIN_SALT = 0x7472_6169_6e00_0001L;
  private static final long FINE_TUNE_SALT = 0x6669_6e65_7475_6e65L;

  private final int members;
  private final int[] hidden;
  private final int maxEpochs;
  private final int batchSize;
  private final double learningRate;
  private final double weightDecay;
  private final int patience;
  private final boolean bootstrap;
  private final int threads;

  private MlpEnsembleTrainer(Builder b) {
    members = b.members;
    hidden = b.hidden.clone();
    maxEpochs = b.maxEpochs;
    batchSize = b.batchSize;
    learningRate = b.learningRate;
    weightDecay = b.weightDecay;
    patience = b.patience;
    bootstrap = b.bootstrap;
    threads = b.threads;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trains a new ensemble. {@code validation} should come from other trajectories than
   * {@code train} (not checked).
   *
   * @param train      training rows, ≥ 1 row, ≥ 1 feature and output column
   * @param validation validation rows for early stopping, ≥ 1 row, the same columns
   * @param seed       any value; the same seed gives the same weights
   * @param progress   receives every epoch's figures, phase {@code "train"}
   * @throws IllegalArgumentException when a set is empty or the column names differ (naming the
   *     first differing column)
   */
  @Override
  public MlpEnsemble train(Dataset train, Dataset validation, long seed, Consumer<TrainingProgress> progress) {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(progress, "progress");
    checkData(train, validation);
    int f = train.featureNames().size(), o = train.outputNames().size();
    Standardiser featureScaling = Standardiser.fit(train.features(), train.rows(), f);
    Standardiser outputScaling = Standardiser.fit(train.targets(), train.rows(), o);
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = f;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = o;
    MlpShape shape = new MlpShape(sizes);
    List<float[]> starts = new ArrayList<>();
    for (int k = 0; k < members; k++) starts.add(null); // Glorot, drawn from the member's stream
    List<float[]> trained = run("train", TRAIN_SALT, shape, starts, featureScaling, outputScaling, train, validation,
        seed, progress);
    return new MlpEnsemble(train.featureNames(), train.outputNames(), shape, featureScaling, outputScaling, trained);
  }

  /**
   * Continues training a copy of every member of {@code start} on {@code train}, with
   * {@code start}'s architecture and normalisers (this trainer's member count and hidden sizes do
   * not apply; its epochs, batch size, learning rate, decay, patience, bootstrap and threads do).
   * Each member's starting weights are its epoch 0, so no member comes back worse on
   * {@code validation} than it started. {@code start} is not changed.
   *
   * @param start an {@link MlpEnsemble} (from this class or {@link ModelFiles})
   * @param progress receives every epoch's figures, phase {@code "fine-tune"}
   * @throws IllegalArgumentException when {@code start} is not an MlpEnsemble, a set is empty, or
   *     the column names of the sets and {@code start} differ
   */
  @Override
  public MlpEnsemble fineTune(ResidualPredictor start, Dataset train, Dataset validation, long seed,
      Consumer<TrainingProgress> progress) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(progress, "progress");
    if (!(start instanceof MlpEnsemble model)) {
      throw new IllegalArgumentException("start: a " + start.getClass().getName()
          + ", must be an MlpEnsemble (from MlpEnsembleTrainer or ModelFiles)");
    }
    checkData(train, validation);
    checkColumns("train.featureNames", model.featureNames(), "start.featureNames", train.featureNames());
    checkColumns("train.outputNames", model.outputNames(), "start.outputNames", train.outputNames());
    List<float[]> starts = new ArrayList<>();
    for (int k = 0; k < model.members(); k++) starts.add(model.parameters(k));
    List<float[]> tuned = run("fine-tune", FINE_TUNE_SALT, model.shape(), starts, model.featureScaling(),
        model.outputScaling(), train, validation, seed, progress);
    return new MlpEnsemble(model.featureNames(), model.outputNames(), model.shape(), model.featureScaling(),
        model.outputScaling(), tuned);
  }

  private static void checkData(Dataset train, Dataset validation) {
    if (!(train.rows() >= 1)) throw new IllegalArgumentException("train: " + train.rows() + " rows, must be ≥ 1");
    if (!(validation.rows() >= 1)) {
      throw new IllegalArgumentException("validation: " + validation.rows() + " rows, must be ≥ 1");
    }
    if (train.featureNames().isEmpty()) throw new IllegalArgumentException("train.featureNames: 0 columns, must be ≥ 1");
    if (train.outputNames().isEmpty()) throw new IllegalArgumentException("train.outputNames: 0 columns, must be ≥ 1");
    checkColumns("validation.featureNames", train.featureNames(), "train.featureNames", validation.featureNames());
    checkColumns("validation.outputNames", train.outputNames(), "train.outputNames", validation.outputNames());
  }

  /** IllegalArgumentException naming the first column where {@code found} differs from {@code expected}. */
  static void checkColumns(String foundName, List<String> expected, String expectedName, List<String> found) {
    if (expected.equals(found)) return;
    int i = 0;
    while (i < expected.size() && i < found.size() && expected.get(i).equals(found.get(i))) i++;
    String e = i < expected.size() ? "'" + expected.get(i) + "'" : "none";
    String g = i < found.size() ? "'" + found.get(i) + "'" : "none";
    throw new IllegalArgumentException(foundName + " differ from " + expectedName + ": column " + i + " is " + g
        + ", must be " + e + " (" + found.size() + " columns, must be " + expected.size() + ")");
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Member {@code k}'s stream: a function of (seed, phase, k) only. */
  static SplittableRandom memberStream(long seed, long salt, int k) {
    return new SplittableRandom(mix(mix(seed ^ salt) + 0x9e3779b97f4a7c15L * (k + 1L)));
  }

  private static float[] glorot(MlpShape shape, SplittableRandom rng) {
    float[] p = new float[shape.parameterCount()];
    for (int l = 0; l < shape.layers(); l++) {
      int in = shape.in(l), out = shape.out(l), at = shape.weightOffset(l);
      double limit = Math.sqrt(6.0 / (in + out));
      for (int i = 0; i < in * out; i++) p[at + i] = (float) ((2 * rng.nextDouble() - 1) * limit);
    }
    return p;
  }

  /** Marker that a worker is done. */
  private static final Object DONE = new Object();

  private static final class Cancelled extends RuntimeException {
    Cancelled() {
      super(null, null, false, false);
    }
  }

  /** Trains every member from {@code starts} (null: Glorot from its stream) and returns the kept weights. */
  private List<float[]> run(String phase, long salt, MlpShape shape, List<float[]> starts, Standardiser featureScaling,
      Standardiser outputScaling, Dataset train, Dataset validation, long seed, Consumer<TrainingProgress> progress) {
    int n = train.rows(), nv = validation.rows(), count = starts.size();
    float[] xTrain = featureScaling.normaliseToFloat(train.features(), n);
    float[] yTrain = outputScaling.normaliseToFloat(train.targets(), n);
    float[] xVal = featureScaling.normaliseToFloat(validation.features(), nv);
    float[] yVal = outputScaling.normaliseToFloat(validation.targets(), nv);
    MlpTrainingSession.Settings settings =
        new MlpTrainingSession.Settings(maxEpochs, batchSize, learningRate, weightDecay, patience);
    float[][] results = new float[count][];
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean cancelled = new AtomicBoolean();
    int workers = Math.min(threads, count);
    long started = System.nanoTime();
    Nd4jThreads single = Nd4jThreads.single();
    try {
      Thread[] pool = new Thread[workers];
      for (int w = 0; w < workers; w++) {
        pool[w] = new Thread(() -> {
          try (MlpTrainingSession session =
              new MlpTrainingSession(shape, xTrain, yTrain, n, xVal, yVal, nv, settings)) {
            for (int k = next.getAndIncrement(); k < count && !cancelled.get(); k = next.getAndIncrement()) {
              final int member = k;
              SplittableRandom rng = memberStream(seed, salt, member);
              float[] start = starts.get(member) != null ? starts.get(member) : glorot(shape, rng);
              int[] sample = new int[n];
              for (int i = 0; i < n; i++) sample[i] = bootstrap ? rng.nextInt(n) : i;
              MlpTrainingSession.Result r = session.train(start, sample, rng, (epoch, trainLoss, valLoss, best) -> {
                if (cancelled.get()) throw new Cancelled();
                events.add(new TrainingProgress(phase, member, epoch, trainLoss, valLoss, best));
              });
              LOG.debug("{} member {}: kept epoch {} of {}, validation MSE {} (normalised)", phase, member,
                  r.bestEpoch(), r.epochs(), r.bestValidationLoss());
              results[member] = r.parameters();
            }
          } catch (Cancelled c) {
            // the caller stopped the training
          } catch (Throwable t) {
            cancelled.set(true);
            events.add(t);
          } finally {
            events.add(DONE);
          }
        }, "factorytwin-" + phase + "-" + w);
        pool[w].setDaemon(true);
        pool[w].start();
      }
      Throwable failure = null;
      int done = 0;
      try {
        while (done < workers) {
          Object e = events.take();
          if (e == DONE) {
            done++;
          } else if (e instanceof Throwable t) {
            if (failure == null) failure = t;
          } else if (failure == null) {
            try {
              progress.accept((TrainingProgress) e);
            } catch (RuntimeException | Error t) {
              failure = t;
              cancelled.set(true);
            }
          }
        }
      } catch (InterruptedException ie) {
        cancelled.set(true);
        Thread.currentThread().interrupt();
        for (Thread t : pool) {
          try {
            t.join();
          } catch (InterruptedException again) {
            // keep waiting so no worker outlives the BLAS setting
            Thread.currentThread().interrupt();
          }
        }
        throw new IllegalStateException(phase + ": interrupted", ie);
      }
      if (failure instanceof RuntimeException re) throw re;
      if (failure instanceof Error err) throw err;
      if (failure != null) throw new IllegalStateException(phase + " failed", failure);
    } finally {
      single.close();
    }
    LOG.info("{}: {} members × {} on {} rows in {} s", phase, count, shape.describe(), n,
        String.format("%.1f", (System.nanoTime() - started) / 1e9));
    return Arrays.asList(results);
  }

  /**
   * Settings of an {@link MlpEnsembleTrainer}; every setter checks its value and throws an
   * IllegalArgumentException naming it. Not thread-safe.
   */
  public static final class Builder {
    private int members = 5;
    private int[] hidden = {64, 64};
    private int maxEpochs = 200;
    private int batchSize = 256;
    private double learningRate = 1e-3;
    private double weightDecay = 1e-5;
    private int patience = 15;
    private boolean bootstrap = true;
    private int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));

    private Builder() {}

    /** Ensemble members (≥ 1, default 5). */
    public Builder members(int members) {
      if (!(members >= 1)) throw new IllegalArgumentException("members: " + members + ", must be ≥ 1");
      this.members = members;
      return this;
    }

    /** Widths of the hidden tanh layers, in order (each ≥ 1; none: a linear model; default 64, 64). */
    public Builder hiddenLayers(int... widths) {
      for (int i = 0; i < widths.length; i++) {
        if (!(widths[i] >= 1)) {
          throw new IllegalArgumentException("hiddenLayers[" + i + "]: " + widths[i] + ", must be ≥ 1");
        }
      }
      this.hidden = widths.clone();
      return this;
    }

    /**
     * Most epochs per member (≥ 1, default 200; early stopping usually ends sooner, the cap bounds the
     * time when validation keeps improving slowly, see the class's speed note).
     */
    public Builder maxEpochs(int maxEpochs) {
      if (!(maxEpochs >= 1)) throw new IllegalArgumentException("maxEpochs: " + maxEpochs + ", must be ≥ 1");
      this.maxEpochs = maxEpochs;
      return this;
    }

    /** Rows per minibatch (≥ 1, default 256; capped at the training rows). */
    public Builder batchSize(int batchSize) {
      if (!(batchSize >= 1)) throw new IllegalArgumentException("batchSize: " + batchSize + ", must be ≥ 1");
      this.batchSize = batchSize;
      return this;
    }

    /** Adam's step size (in normalised units, &gt; 0 and finite, default 1e-3). */
    public Builder learningRate(double learningRate) {
      if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("learningRate: " + learningRate + ", must be > 0 and finite");
      }
      this.learningRate = learningRate;
      return this;
    }

    /** L2 weight decay coefficient on the weights (≥ 0 and finite, default 1e-5). */
    public Builder weightDecay(double weightDecay) {
      if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("weightDecay: " + weightDecay + ", must be ≥ 0 and finite");
      }
      this.weightDecay = weightDecay;
      return this;
    }

    /** Epochs without a better validation loss before a member stops (≥ 1, default 15). */
    public Builder patience(int patience) {
      if (!(patience >= 1)) throw new IllegalArgumentException("patience: " + patience + ", must be ≥ 1");
      this.patience = patience;
      return this;
    }

    /** Whether each member trains on its own bootstrap sample of the training rows (default true). */
    public Builder bootstrap(boolean bootstrap) {
      this.bootstrap = bootstrap;
      return this;
    }

    /**
     * Worker threads that train members at the same time (≥ 1; default the available processors,
     * at most 8). Results do not depend on it.
     */
    public Builder threads(int threads) {
      if (!(threads >= 1)) throw new IllegalArgumentException("threads: " + threads + ", must be ≥ 1");
      this.threads = threads;
      return this;
    }

    /** The trainer. */
    public MlpEnsembleTrainer build() {
      return new MlpEnsembleTrainer(this);
    }
  }
}
