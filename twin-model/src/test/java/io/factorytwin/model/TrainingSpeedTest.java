package io.factorytwin.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.model.Dataset;
import io.factorytwin.core.model.TrainingProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The speed figure of the brief: 10 trajectories × 3000 rows, 60 features, 8 outputs, 5 members,
 * default settings. Prints the time; asserts nothing about it (no wall-clock assertions). Run with
 * {@code ./mvnw -o -pl twin-model surefire:test -Dtest=TrainingSpeedTest -Dfactorytwin.speed=true}.
 */
@EnabledIfSystemProperty(named = "factorytwin.speed", matches = "true")
class TrainingSpeedTest {
  @Test
  void thirtyThousandRowsFiveMembers() {
    int features = Integer.getInteger("factorytwin.speed.features", 60);
    // "trajectories": smooth trajectories whose validation ones differ (early stopping comes soon);
    // "iid": rows drawn independently, validation from the same distribution (training runs long)
    boolean iid = "iid".equals(System.getProperty("factorytwin.speed.data"));
    Dataset train = iid ? Synthetic.iid(1, 0, 10, 3000, features, 8) : Synthetic.trajectories(1, 0, 10, 3000, features, 8);
    Dataset validation = iid ? Synthetic.iid(2, 100, 2, 3000, features, 8) : Synthetic.trajectories(2, 100, 2, 3000, features, 8);
    MlpEnsembleTrainer.Builder b = MlpEnsembleTrainer.builder();
    if (Integer.getInteger("factorytwin.speed.threads") != null) b.threads(Integer.getInteger("factorytwin.speed.threads"));
    if (Integer.getInteger("factorytwin.speed.batch") != null) b.batchSize(Integer.getInteger("factorytwin.speed.batch"));
    if (Integer.getInteger("factorytwin.speed.epochs") != null) b.maxEpochs(Integer.getInteger("factorytwin.speed.epochs"));
    if (Integer.getInteger("factorytwin.speed.members") != null) b.members(Integer.getInteger("factorytwin.speed.members"));
    if (System.getProperty("factorytwin.speed.lr") != null) b.learningRate(Double.parseDouble(System.getProperty("factorytwin.speed.lr")));
    MlpEnsembleTrainer trainer = b.build();
    List<TrainingProgress> log = new ArrayList<>();
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    MlpEnsemble model = trainer.train(train, validation, 7, log::add);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
    int[] epochs = new int[model.members()], best = new int[model.members()];
    double[] bestVal = new double[model.members()];
    for (TrainingProgress p : log) {
      epochs[p.member()] = p.epoch();
      best[p.member()] = p.bestEpoch();
      if (p.epoch() == p.bestEpoch()) bestVal[p.member()] = p.validationLoss();
    }
    int total = 0;
    for (int e : epochs) total += e;
    System.out.printf("TRAINING SPEED: %d rows x %d features -> 8, %s: %.1f s wall, %.1f s CPU, %d member-epochs"
        + " (%.0f ms wall, %.0f ms CPU each); load average %.1f on %d processors%n", train.rows(), features,
        model.architecture(), seconds, cpuSeconds, total, 1000 * seconds / total, 1000 * cpuSeconds / total,
        os.getSystemLoadAverage(), os.getAvailableProcessors());
    StringBuilder curve = new StringBuilder("  member 0 validation MSE by epoch:");
    for (TrainingProgress p : log) {
      if (p.member() == 0 && (p.epoch() % 10 == 0 || p.epoch() <= 3)) curve.append(String.format(" %d:%.5f", p.epoch(), p.validationLoss()));
    }
    System.out.println(curve);
    for (int k = 0; k < model.members(); k++) {
      System.out.printf("  member %d: %d epochs, kept %d, validation MSE %.5f (normalised)%n", k, epochs[k], best[k], bestVal[k]);
    }
    int hash = 1;
    for (int k = 0; k < model.members(); k++) hash = 31 * hash + java.util.Arrays.hashCode(model.parameters(k));
    System.out.printf("  weights hash %08x (compare across runs and thread counts)%n", hash);
    assertTrue(total >= model.members(), "every member trained at least one epoch");
  }
}
