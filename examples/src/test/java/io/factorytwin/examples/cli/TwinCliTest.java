package io.factorytwin.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.examples.OutputChecks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calibration tool end to end on the reference crane plant: generate telemetry, calibrate a
 * model, evaluate it on a held-out log; and what it says to bad input. Small settings (30 s logs,
 * 16-unit layers, 20 epochs) keep it quick; docs/calibration.md has the full-size figures.
 */
class TwinCliTest {
  @TempDir static Path dir;
  static Path model;
  static String[] files;

  static String run(int expected, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = new TwinCli(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(args);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expected, code, "exit code of " + String.join(" ", args) + "; output:\n" + out);
    return out;
  }

  @BeforeAll
  static void generateAndCalibrate() {
    String out = run(0, "generate", "--plant", "reference-crane", "--trajectories", "4", "--seconds", "30", "--seed", "70",
        "--out", dir.resolve("logs").toString());
    assertTrue(out.contains("1501 frames at 50 Hz"), out);
    files = new String[4];
    for (int k = 0; k < 4; k++) files[k] = dir.resolve("logs").resolve("crane-00" + (70 + k) + ".csv").toString();
    model = dir.resolve("model");
    String cal = run(0, "calibrate", "--layout", "reference-crane-carrying", "--telemetry", files[0], files[1], files[2],
        "--out", model.toString(), "--rounds", "1", "--hidden", "16", "--epochs", "20");
    assertTrue(cal.contains("crane1.ropeOffset"), cal);
  }

  @Test
  void calibrateWritesAModelWithManifestChecksumsAndABaseline() throws Exception {
    assertTrue(Files.isRegularFile(model.resolve("manifest.json")));
    assertTrue(Files.isRegularFile(model.resolve("manifest.sha256")));
    assertTrue(Files.isRegularFile(model.resolve("member-0.bin")));
    assertTrue(Files.isRegularFile(model.resolve("learned").resolve("manifest.json")));
    String manifest = Files.readString(model.resolve("manifest.json"));
    assertTrue(manifest.contains("reference-crane-carrying"), "the card names the layout");
    assertTrue(manifest.contains("crane1.ropeOffset"), "and the fitted parameters");
    assertTrue(manifest.contains("interval.scale90.h100"), "and the calibrated interval scales");
  }

  @Test
  @SuppressWarnings("unchecked")
  void evaluatePrintsAndWritesTheTableForTheFourPredictors() throws Exception {
    Path csv = dir.resolve("table.csv");
    Path figures = dir.resolve("figures");
    String out = run(0, "evaluate", "--model", model.toString(), "--telemetry", files[3], "--horizons", "1,10,100",
        "--csv", csv.toString(), "--figures", figures.toString());
    List<String> rows = Files.readAllLines(csv);
    assertEquals("predictor,nrmse_h1,nrmse_h10,nrmse_h100,diverged,rollouts", rows.get(0));
    double physics = Double.parseDouble(rows.get(1).split(",")[3]);
    double identified = Double.parseDouble(rows.get(2).split(",")[3]);
    assertTrue(rows.get(1).startsWith("physics-only,") && rows.get(2).startsWith("identified,")
        && rows.get(3).startsWith("hybrid,") && rows.get(4).startsWith("pure-learned,"), rows.toString());
    // the nominal twin misses the 0.8 m sling; identification finds it
    assertTrue(identified < 0.5 * physics, "identified " + identified + " against physics-only " + physics);
    assertTrue(out.contains("hybrid 90 % interval at h=10 covers"), out);
    assertTrue(out.contains("1000-step rollouts bounded"), out);
    // the figures: NRMSE against horizon, a window predicted against the plant with its band, its replay
    for (String f : new String[] {"nrmse-vs-horizon.png", "predicted-vs-actual.png", "replay-prediction.html"}) {
      assertTrue(out.contains("figure written to " + figures.resolve(f)), out);
    }
    OutputChecks.figure(figures.resolve("nrmse-vs-horizon.png"));
    OutputChecks.figure(figures.resolve("predicted-vs-actual.png"));
    Map<String, Object> replay = OutputChecks.replay(figures.resolve("replay-prediction.html"));
    assertEquals(101, OutputChecks.frames(replay), "the plant's frames of a 100-frame window and its start");
    List<Object> predicted = (List<Object>) replay.get("predicted");
    assertEquals(3, predicted.size(), "hybrid with its band, physics-only, identified");
    Map<String, Object> hybrid = (Map<String, Object>) predicted.get(0);
    List<Object> band = (List<Object>) hybrid.get("halfWidths");
    double first = ((Number) band.get(3)).doubleValue(), last = ((Number) band.get(band.size() - 3)).doubleValue();
    assertTrue(first > 0 && last > first, "the hybrid's band widens with the horizon: " + first + " m, then " + last + " m");
  }

  @Test
  void aFlippedBitInTheModelIsRefusedNamingTheFile() throws Exception {
    Path copy = dir.resolve("flipped");
    Files.createDirectories(copy);
    try (var s = Files.list(model)) {
      for (Path p : s.toList()) if (Files.isRegularFile(p)) Files.copy(p, copy.resolve(p.getFileName()));
    }
    byte[] b = Files.readAllBytes(copy.resolve("member-1.bin"));
    b[b.length / 2] ^= 0x04;
    Files.write(copy.resolve("member-1.bin"), b);
    String out = run(2, "evaluate", "--model", copy.toString(), "--telemetry", files[3]);
    assertTrue(out.startsWith("error: ") && out.contains("member-1.bin"), out);
  }

  @Test
  void telemetryWithOtherChannelsIsRefusedByTheModelsSchema() throws Exception {
    // the same log without its tension column (the 15th after time): the model's schema has it
    List<String> lines = Files.readAllLines(Path.of(files[3]));
    StringBuilder b = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith("#")) {
        b.append(line).append('\n');
        continue;
      }
      String[] c = line.split(",", -1);
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < c.length; i++) if (i != 15) row.append(row.length() == 0 ? "" : ",").append(c[i]);
      b.append(row).append('\n');
    }
    Path other = dir.resolve("no-tension.csv");
    Files.writeString(other, b.toString());
    String out = run(2, "evaluate", "--model", model.toString(), "--telemetry", other.toString());
    assertTrue(out.contains("error: ") && out.contains("crane1.rope.tension"), out);
  }

  @Test
  void badUsageIsExplained() {
    assertTrue(run(2).contains("usage:"));
    assertTrue(run(2, "fly").contains("unknown command fly"));
    assertTrue(run(2, "calibrate", "--layout", "no-such-layout", "--telemetry", files[0], "--out", "x")
        .contains("--layout no-such-layout: neither a reference layout"));
    assertTrue(run(2, "generate", "--trajectories", "0", "--out", "x").contains("--trajectories: 0, must be in [1, 10000]"));
    assertTrue(run(2, "evaluate", "--telemetry", files[0]).contains("--model: missing"));
    assertTrue(run(2, "evaluate", "--model", model.toString(), "--telemetry", files[0], "--horizons", "10,5")
        .contains("must be ascending"));
  }
}
