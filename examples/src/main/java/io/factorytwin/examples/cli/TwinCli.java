package io.factorytwin.examples.cli;

import io.factorytwin.core.calibration.Calibrator;
import io.factorytwin.core.calibration.Evaluation;
import io.factorytwin.core.calibration.FeatureSpec;
import io.factorytwin.core.calibration.FramePredictor;
import io.factorytwin.core.calibration.Identification;
import io.factorytwin.core.calibration.ReferencePlant;
import io.factorytwin.core.calibration.StateSync;
import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.FittedParameter;
import io.factorytwin.core.model.ModelCard;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.model.ScaledResidual;
import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.telemetry.TelemetryLog;
import io.factorytwin.examples.ReferenceLayouts;
import io.factorytwin.examples.ReferencePlants;
import io.factorytwin.examples.plots.CalibrationFigures;
import io.factorytwin.examples.plots.Outputs;
import io.factorytwin.model.MlpEnsemble;
import io.factorytwin.model.MlpEnsembleTrainer;
import io.factorytwin.model.ModelFiles;
import io.factorytwin.physics.JBulletPhysics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The calibration command-line tool (docs/calibration.md): what a user with plant logs runs.
 *
 * <pre>
 * generate  --plant reference-crane|reference-line --trajectories N [--seconds 60] [--seed 1] [--format csv|jsonl] --out DIR
 * calibrate --layout NAME|CLASS --telemetry FILE... --out MODEL_DIR [--history 4] [--rounds 1] [--seed 7]
 *           [--hidden 16] [--epochs 200] [--threads 2]
 * evaluate  --model MODEL_DIR --telemetry FILE... [--horizons 1,10,50,100] [--csv FILE] [--threads 2] [--figures DIR]
 * </pre>
 *
 * A layout is a name from {@link ReferenceLayouts#names()} or the name of a class on the classpath
 * with a public static no-argument method {@code layout()} returning a {@link Layout}.
 *
 * <p>{@link #run} returns an exit code (0 ok, 2 bad usage or input, 1 failure) and never calls
 * {@code System.exit}; {@link #main} does. Confined to the calling thread (it starts its own workers).
 */
public final class TwinCli {
  /** Telemetry frames further apart than this start a new trajectory [s] (2.5 frames at 50 Hz). */
  static final double MAX_GAP = 0.05;

  private final PrintStream out;
  private final PhysicsBackend backend = new JBulletPhysics();

  /** A CLI printing to {@code out}. */
  public TwinCli(PrintStream out) {
    this.out = out;
  }

  /** Runs the command in {@code args} and exits with its code. */
  public static void main(String[] args) {
    System.exit(new TwinCli(System.out).run(args));
  }

  /** Runs the command in {@code args}; returns the exit code. */
  public int run(String... args) {
    if (args.length == 0) {
      usage();
      return 2;
    }
    try {
      Args a = Args.parse(args, 1);
      switch (args[0]) {
        case "generate" -> generate(a);
        case "calibrate" -> calibrate(a);
        case "evaluate" -> evaluate(a);
        default -> {
          out.println("unknown command " + args[0]);
          usage();
          return 2;
        }
      }
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      out.println("error: " + e.getMessage());
      return 2;
    }
  }

  private void usage() {
    out.println("usage:");
    out.println("  generate  --plant reference-crane|reference-line --trajectories N [--seconds 60] [--seed 1] [--format csv|jsonl] --out DIR");
    out.println("  calibrate --layout NAME|CLASS --telemetry FILE... --out MODEL_DIR [--history 4] [--rounds 1] [--seed 7]"
        + " [--hidden 16] [--epochs 200] [--threads 2]");
    out.println("  evaluate  --model MODEL_DIR --telemetry FILE... [--horizons 1,10,50,100] [--csv FILE] [--threads 2]"
        + " [--figures DIR]");
    out.println("layouts: " + ReferenceLayouts.names() + " or a class with a static layout() method");
  }

  // ------------------------------------------------------------------ generate

  private void generate(Args a) throws IOException {
    String plantName = a.one("plant", "reference-crane");
    if (!plantName.equals("reference-crane") && !plantName.equals("reference-line")) {
      throw new IllegalArgumentException("--plant " + plantName + ": unknown, must be reference-crane or reference-line");
    }
    boolean line = plantName.equals("reference-line");
    int n = a.integer("trajectories", 1, 1, 10_000);
    double seconds = a.number("seconds", 60, 1, 86_400);
    long seed = a.integer("seed", 1, 0, Integer.MAX_VALUE);
    String format = a.one("format", "csv");
    if (!format.equals("csv") && !format.equals("jsonl")) {
      throw new IllegalArgumentException("--format " + format + ": must be csv or jsonl");
    }
    Path dir = Path.of(a.required("out"));
    Files.createDirectories(dir);
    ReferencePlant plant = line ? ReferencePlants.line(backend, 1.0) : ReferencePlants.crane(backend);
    for (int k = 0; k < n; k++) {
      TelemetryLog log = line ? ReferencePlants.lineTelemetry(plant, seed + k, seconds)
          : ReferencePlants.craneTelemetry(plant, seed + k, seconds);
      Path f = dir.resolve(String.format(Locale.ROOT, "%s-%04d.%s", line ? "line" : "crane", seed + k, format));
      try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
        if (format.equals("csv")) log.writeCsv(w); else log.writeJsonLines(w);
      }
      out.printf(Locale.ROOT, "wrote %s: %d frames at %.0f Hz%n", f, log.frames().size(), 1 / ReferencePlants.PERIOD);
    }
  }

  // ------------------------------------------------------------------ calibrate

  private void calibrate(Args a) throws IOException {
    String layoutArg = a.required("layout");
    Layout layout = layout(layoutArg);
    List<Trajectory> data = read(layout, a.many("telemetry"), 0);
    Path dir = Path.of(a.required("out"));
    int history = a.integer("history", 4, 0, 50);
    int rounds = a.integer("rounds", 1, 0, 10);
    long seed = a.integer("seed", 7, 0, Integer.MAX_VALUE);
    int hidden = a.integer("hidden", 16, 4, 1024);
    int epochs = a.integer("epochs", 200, 1, 10_000);
    int threads = a.integer("threads", 2, 1, 64);
    FeatureSpec spec = features(layout, data.get(0).columns(), history);
    MlpEnsembleTrainer trainer = MlpEnsembleTrainer.builder().hiddenLayers(hidden, hidden).maxEpochs(epochs).build();
    long t0 = System.nanoTime();
    Calibrator.Result r = Calibrator.calibrate(layout, backend, trainer, spec, data, defaultOptions(spec, rounds, threads, seed),
        line -> out.println(line));
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> metrics = new LinkedHashMap<>(r.card().metrics());
    metrics.put("calibration.seconds", seconds);
    ModelCard card = new ModelCard(layoutArg, r.card().channels(), r.card().frameSeconds(), r.card().history(),
        r.card().parameters(), r.card().training(), metrics);
    ModelFiles.write(dir, (MlpEnsemble) ((ScaledResidual) r.hybrid()).inner(), card);
    if (r.learned() != null) ModelFiles.write(dir.resolve("learned"), (MlpEnsemble) r.learned(), card);
    out.printf(Locale.ROOT, "calibrated in %.1f s; model written to %s (pure-learned baseline in %s)%n", seconds, dir,
        dir.resolve("learned"));
    for (FittedParameter p : r.identification().parameters()) {
      out.printf(Locale.ROOT, "  %-30s %12.5g %s  ± %.2g (declared %.5g)%n", p.path(), p.value(), p.unit(), p.stdError(),
          p.nominal());
    }
  }

  /**
   * The default calibration settings for {@code spec}'s columns (docs/calibration.md). Identification
   * compares positions and the rope tension (a crane's load and axes, a belt's travel and speed, a
   * workpiece's position along X, the belt's direction in the reference line; across the belt a tote
   * only rattles between its guides, which is noise to a fit); the hybrid's corrections are chosen on
   * the load's position, or, without a crane's load, on the workpieces' positions along X.
   */
  public static Calibrator.Options defaultOptions(FeatureSpec spec, int rounds, int threads, long seed) {
    return new Calibrator.Options(new Identification.Options(50, 10, 100, compared(spec), 30, threads), 20, 10, rounds,
        true, threads, seed, focus(spec));
  }

  /** The columns identification compares by default (see {@link #defaultOptions}), in column order. */
  static List<String> compared(FeatureSpec spec) {
    List<String> compare = new ArrayList<>();
    for (Channel c : spec.columns()) {
      String n = c.name();
      if (n.endsWith(".load.pos.x") || n.endsWith(".load.pos.y") || n.endsWith(".load.pos.z")
          || n.endsWith(".trolley.pos") || n.endsWith(".bridge.pos") || n.endsWith(".rope.tension")
          || n.endsWith(".encoder") || n.endsWith(".speed") || (!n.contains(".load.") && n.endsWith(".pos.x"))) {
        compare.add(n);
      }
    }
    return compare;
  }

  /**
   * The focus columns, scored as one vector by calibration and evaluation: a crane load's position, or,
   * without one, the workpieces' positions along X.
   */
  public static List<String> focus(FeatureSpec spec) {
    List<String> compare = compared(spec);
    List<String> focus = compare.stream().filter(n -> n.contains(".load.pos.")).toList();
    return focus.isEmpty() ? compare.stream().filter(n -> n.endsWith(".pos.x")).toList() : focus;
  }

  /**
   * The default features of a layout: its first crane's, or else, for a layout of one conveyor and one
   * workpiece, the belt's ({@link FeatureSpec#conveyor}).
   */
  static FeatureSpec features(Layout layout, List<Channel> columns, int history) {
    StateSync sync = new StateSync(layout, columns);
    if (!layout.cranes().isEmpty()) return FeatureSpec.crane(sync, layout.cranes().get(0).id(), history);
    if (layout.conveyors().size() == 1 && layout.workpieces().size() == 1) {
      return FeatureSpec.conveyor(sync, layout.conveyors().get(0).id(), layout.workpieces().get(0).id(), history);
    }
    throw new IllegalArgumentException("layout " + layout.name() + ": " + layout.cranes().size() + " cranes, "
        + layout.conveyors().size() + " conveyors, " + layout.workpieces().size() + " workpieces; default features"
        + " exist for a crane, or one conveyor with one workpiece (build a FeatureSpec in code for other layouts)");
  }

  // ------------------------------------------------------------------ evaluate

  private void evaluate(Args a) throws IOException {
    Path dir = Path.of(a.required("model"));
    ModelFiles.LoadedModel probe = ModelFiles.read(dir);
    Layout nominal = layout(probe.card().layout());
    List<Trajectory> test = read(nominal, a.many("telemetry"), 1_000_000);
    List<String> channels = new ArrayList<>();
    for (Channel c : test.get(0).columns()) channels.add(c.name() + " [" + c.unit() + "]");
    ModelFiles.LoadedModel hybridFile = ModelFiles.read(dir, channels);
    ModelCard card = hybridFile.card();
    Path learnedDir = dir.resolve("learned");
    MlpEnsemble learned = Files.isDirectory(learnedDir) ? ModelFiles.read(learnedDir, channels).model() : null;
    int threads = a.integer("threads", 2, 1, 64);
    int[] horizons = a.horizons("horizons", new int[] {1, 10, 50, 100});
    Map<String, Double> fitted = new LinkedHashMap<>();
    for (FittedParameter p : card.parameters()) fitted.put(p.path(), p.value());
    Layout identified = nominal.withParameters(fitted);
    FeatureSpec spec = features(nominal, test.get(0).columns(), card.history());
    // the hybrid model is the ensemble with the correction gains calibration chose (in the card)
    List<String> outputs = hybridFile.model().outputNames();
    double[] gains = new double[outputs.size()];
    for (int k = 0; k < gains.length; k++) gains[k] = card.metrics().getOrDefault("residual.gain." + outputs.get(k), 1.0);
    ScaledResidual hybrid = new ScaledResidual(hybridFile.model(), gains);
    List<String> focus = focus(spec);
    Report report = Report.evaluate(nominal, identified, backend, spec, hybrid, learned, card.metrics(), test, focus,
        horizons, threads, out);
    String csv = report.csv();
    String csvPath = a.one("csv", null);
    if (csvPath != null) {
      Files.writeString(Path.of(csvPath), csv, StandardCharsets.UTF_8);
      out.println("table written to " + csvPath);
    }
    String figuresArg = a.one("figures", null);
    Path figures = figuresArg == null ? Outputs.folder("twin-cli") : Files.createDirectories(Path.of(figuresArg));
    Trajectory window = test.stream().max(java.util.Comparator.comparingInt(Trajectory::length)).orElseThrow();
    int horizon = Math.min(horizons[horizons.length - 1], window.length() - card.history() - 2);
    for (Path p : CalibrationFigures.write(figures, horizons, report.nrmse(), identified, Report.predictors(nominal, identified,
        backend, spec, hybrid, learned, window.period()), hybrid, card.metrics(), window, horizon)) {
      out.println("figure written to " + p);
    }
  }

  // ------------------------------------------------------------------ helpers

  /** A named reference layout or a class with a static layout() method. */
  static Layout layout(String nameOrClass) {
    if (ReferenceLayouts.names().contains(nameOrClass)) return ReferenceLayouts.byName(nameOrClass);
    try {
      Class<?> c = Class.forName(nameOrClass);
      Object l = c.getMethod("layout").invoke(null);
      if (l instanceof Layout layout) return layout;
      throw new IllegalArgumentException("--layout " + nameOrClass + ": layout() returned " + l + ", not a Layout");
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("--layout " + nameOrClass + ": neither a reference layout "
          + ReferenceLayouts.names() + " nor a class on the classpath");
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("--layout " + nameOrClass + ": the class has no public static layout() method");
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("--layout " + nameOrClass + ": layout() failed: " + e.getCause());
    }
  }

  /** Reads telemetry files, reports their issues, and cuts them into trajectories numbered from {@code firstId}. */
  private List<Trajectory> read(Layout layout, List<String> files, int firstId) throws IOException {
    List<Trajectory> all = new ArrayList<>();
    int id = firstId;
    for (String f : files) {
      TelemetryLog log;
      try (Reader r = Files.newBufferedReader(Path.of(f), StandardCharsets.UTF_8)) {
        log = TelemetryLog.read(r, MAX_GAP, layout.stateSchema(), layout.actionSchema());
      }
      if (!log.issues().isEmpty()) {
        out.println(f + ": " + log.issues().size() + " issues " + log.counts() + ", first: " + log.issues().get(0));
      }
      double period = period(log, f);
      Trajectory.Split s = Trajectory.split(log, period, 200, id);
      id += s.trajectories().size();
      all.addAll(s.trajectories());
      out.printf(Locale.ROOT, "%s: %d frames, %d trajectories, %d frames left out%n", f, log.frames().size(),
          s.trajectories().size(), s.dropped());
    }
    if (all.isEmpty()) throw new IllegalArgumentException("--telemetry: no trajectory of at least 200 frames");
    for (Trajectory t : all) {
      if (!t.columns().equals(all.get(0).columns())) {
        throw new IllegalArgumentException("--telemetry: files have different columns");
      }
    }
    return all;
  }

  /** The median frame interval of a log, rounded to the microsecond. */
  private static double period(TelemetryLog log, String file) {
    int n = log.frames().size();
    if (n < 2) throw new IllegalArgumentException(file + ": fewer than 2 frames");
    double[] d = new double[n - 1];
    for (int i = 1; i < n; i++) d[i - 1] = log.frames().get(i).time() - log.frames().get(i - 1).time();
    java.util.Arrays.sort(d);
    return Math.round(d[d.length / 2] * 1e6) / 1e6;
  }
}
