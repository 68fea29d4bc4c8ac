package io.factorytwin.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link AnchorSceneBenchmark} for both engines in one JMH run and prints, per scene, the twin's
 * and JBullet's µs per step (± JMH's 99.9 % error), the ratio twin ÷ JBullet of this run and, given
 * native Bullet figures, twin ÷ native and JBullet ÷ native.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.factorytwin.benchmarks.Ratios [options]
 *   --native FILE    native figures: lines "scene microseconds", or the harness's own RESULT lines
 *   --quick          warm-up 2 × 1 s, measurement 3 × 1 s
 *   --wi N --i N     warm-up / measurement iterations (default 3 / 5)
 *   --forks N        JVM forks per benchmark (default 1); more forks put the JIT's fork-to-fork
 *                    variation into the error bars
 *   --w S --r S      warm-up / measurement iteration time in seconds (default 2 / 2)
 *   --scenes a,b     only these scenes (default all five)
 *   --json FILE      also write JMH's JSON results, one file per scene (FILE-scene.json)
 * </pre>
 */
public final class Ratios {
  private Ratios() {}

  private static final String[] SCENES = {"pile", "pile-sleep", "pendulum", "slide", "conveyor-lite"};
  /** Target: the twin within this factor of native Bullet 3.24. */
  private static final double TARGET = 3.0;

  public static void main(String[] args) throws RunnerException, IOException {
    ChainedOptionsBuilder opt = new OptionsBuilder().include(AnchorSceneBenchmark.class.getName() + "\\.");
    Path nativeFile = null;
    String json = null;
    String[] scenes = SCENES;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--native" -> nativeFile = Path.of(value(args, ++i, a));
        case "--quick" -> opt.warmupIterations(2).warmupTime(TimeValue.seconds(1))
            .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        case "--wi" -> opt.warmupIterations(Integer.parseInt(value(args, ++i, a)));
        case "--i" -> opt.measurementIterations(Integer.parseInt(value(args, ++i, a)));
        case "--forks" -> opt.forks(Integer.parseInt(value(args, ++i, a)));
        case "--w" -> opt.warmupTime(TimeValue.milliseconds(Math.round(1000 * Double.parseDouble(value(args, ++i, a)))));
        case "--r" -> opt.measurementTime(TimeValue.milliseconds(Math.round(1000 * Double.parseDouble(value(args, ++i, a)))));
        case "--scenes" -> scenes = value(args, ++i, a).split(",");
        case "--json" -> {
          json = value(args, ++i, a);
          opt.resultFormat(ResultFormatType.JSON);
        }
        default -> throw new IllegalArgumentException("argument " + a + ": unknown; see the javadoc of Ratios");
      }
    }
    Map<String, Double> nativeUs = nativeFile == null ? Map.of() : readNative(nativeFile);

    // One JMH run per scene, both engines in it, so the two figures of a ratio are measured
    // minutes apart at most, not the whole run apart (a shared machine's load drifts).
    Map<String, Result<?>> twin = new LinkedHashMap<>(), jbullet = new LinkedHashMap<>();
    Options base = opt.build();
    for (String scene : scenes) {
      // a child builder per scene: param() on one builder would add values, not replace them
      ChainedOptionsBuilder one = new OptionsBuilder().parent(base).param("scene", scene);
      if (json != null) one.result(json.replace(".json", "") + "-" + scene + ".json");
      Collection<RunResult> results = new Runner(one.build()).run();
      for (RunResult r : results) {
        String engine = r.getParams().getParam("engine");
        (engine.equals("twin") ? twin : jbullet).put(scene, r.getPrimaryResult());
      }
    }
    System.out.println();
    System.out.println("Twin and JBullet figures of one row were measured in one JMH run, one after the other.");
    System.out.println(table(scenes, twin, jbullet, nativeUs));
  }

  private static String value(String[] args, int i, String name) {
    if (i >= args.length) throw new IllegalArgumentException("argument " + name + ": needs a value");
    return args[i];
  }

  private static final Pattern RESULT_LINE = Pattern.compile("scene=(\\S+).*?us_step=([0-9.eE+-]+)");

  /** Native µs per step by scene, from "scene us" lines or the harness's "RESULT ... scene=X ... us_step=Y" lines. */
  static Map<String, Double> readNative(Path file) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) continue;
      String scene;
      double us;
      if (t.startsWith("RESULT")) {
        Matcher m = RESULT_LINE.matcher(t);
        if (!m.find()) continue;
        scene = m.group(1);
        us = Double.parseDouble(m.group(2));
      } else if (t.startsWith("CONFIG") || t.startsWith("OBS")) {
        continue;
      } else {
        String[] f = t.split("\\s+");
        if (f.length < 2) throw new IllegalArgumentException(file + ": line \"" + t + "\", must be \"scene microseconds\"");
        scene = f[0];
        us = Double.parseDouble(f[1]);
      }
      out.put(scene.equals("conveyor") ? "conveyor-lite" : scene, us);
    }
    return out;
  }

  static String table(String[] scenes, Map<String, Result<?>> twin, Map<String, Result<?>> jbullet,
      Map<String, Double> nativeUs) {
    boolean withNative = !nativeUs.isEmpty();
    StringBuilder sb = new StringBuilder();
    List<String> head = new ArrayList<>(List.of("scene", "twin µs/step", "JBullet defaults µs/step", "twin ÷ JBullet"));
    if (withNative) head.addAll(List.of("native µs/step", "twin ÷ native", "JBullet ÷ native", "twin within 3× native"));
    row(sb, head);
    List<String> rule = new ArrayList<>();
    for (int i = 0; i < head.size(); i++) rule.add("---");
    row(sb, rule);
    for (String s : scenes) {
      Result<?> t = twin.get(s), j = jbullet.get(s);
      List<String> cells = new ArrayList<>();
      cells.add(s);
      cells.add(t == null ? "–" : withError(t));
      cells.add(j == null ? "–" : withError(j));
      cells.add(t == null || j == null ? "–" : ratio(t.getScore() / j.getScore()));
      if (withNative) {
        Double n = nativeUs.get(s);
        cells.add(n == null ? "–" : fmt(n));
        cells.add(t == null || n == null ? "–" : ratio(t.getScore() / n));
        cells.add(j == null || n == null ? "–" : ratio(j.getScore() / n));
        cells.add(t == null || n == null ? "–" : (t.getScore() <= TARGET * n ? "met" : "not met"));
      }
      row(sb, cells);
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, List<String> cells) {
    sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  private static String withError(Result<?> r) {
    double e = r.getScoreError();
    return fmt(r.getScore()) + (Double.isNaN(e) ? "" : " ± " + fmt(e));
  }

  private static String fmt(double us) {
    return String.format(Locale.ROOT, us >= 100 ? "%.0f" : us >= 10 ? "%.1f" : "%.2f", us);
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f", r);
  }
}
