package io.factorytwin.examples.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.examples.OutputChecks;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
  @TempDir Path dir;

  static BufferedImage checkFigure(Path png) throws IOException {
    return OutputChecks.figure(png);
  }

  /** Pixels that differ between two figures of the same size. */
  static int differing(BufferedImage a, BufferedImage b) {
    int n = 0;
    for (int y = 0; y < a.getHeight(); y++) for (int x = 0; x < a.getWidth(); x++) if (a.getRGB(x, y) != b.getRGB(x, y)) n++;
    return n;
  }

  static double[] sine(int n, double amplitude, double decay) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = amplitude * Math.exp(-decay * i / n) * Math.sin(0.3 * i);
    return v;
  }

  static double[] ramp(int n, double dt) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) t[i] = i * dt;
    return t;
  }

  @Test
  void swayPlotDrawsItsDataAndDependsOnIt() throws IOException {
    double[] t = ramp(200, 0.05);
    Map<String, double[]> a = new LinkedHashMap<>();
    a.put("unshaped", sine(200, 3, 0.5));
    a.put("ZV", sine(200, 0.5, 2));
    Map<String, double[]> b = new LinkedHashMap<>(a);
    b.put("ZV", sine(200, 2.5, 0.1));
    BufferedImage one = checkFigure(Plots.swayVsTime(dir.resolve("a.png"), t, a));
    BufferedImage two = checkFigure(Plots.swayVsTime(dir.resolve("b.png"), t, b));
    assertTrue(differing(one, two) > 1000, "other data, another picture: " + differing(one, two));
  }

  @Test
  void predictedAgainstActualFillsTheBand() throws IOException {
    double[] t = ramp(100, 0.02), actual = sine(100, 1, 0), pred = sine(100, 1.1, 0);
    double[] lo = new double[100], hi = new double[100];
    for (int i = 0; i < 100; i++) {
      lo[i] = pred[i] - 0.05 - 0.01 * i;
      hi[i] = pred[i] + 0.05 + 0.01 * i;
    }
    BufferedImage img = checkFigure(Plots.predictedVsActual(dir.resolve("p.png"), "crane1.load.pos.x [m]", t, actual,
        Map.of("hybrid", pred), lo, hi, "hybrid 90 % interval"));
    int band = 0; // the translucent blue fill over white is about (202, 225, 241)
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        if (Math.abs(((p >> 16) & 255) - 202) < 12 && Math.abs(((p >> 8) & 255) - 225) < 12 && Math.abs((p & 255) - 241) < 12) band++;
      }
    }
    assertTrue(band > 5000, "band pixels: " + band);
    var bad = assertThrows(IllegalArgumentException.class, () -> Plots.predictedVsActual(dir.resolve("q.png"), "x", t,
        actual, Map.of("hybrid", pred), hi, lo, "band"));
    assertTrue(bad.getMessage().startsWith("bandHigh[0]: "), bad.getMessage());
  }

  @Test
  void horizonEfficiencyAndAdaptationPlotsAreWritten() throws IOException {
    Map<String, double[]> nrmse = new LinkedHashMap<>();
    nrmse.put("physics-only", new double[] {0.01, 0.1, 0.4, 0.8});
    nrmse.put("identified", new double[] {0.005, 0.03, 0.1, 0.2});
    nrmse.put("hybrid", new double[] {0.004, 0.02, 0.06, 0.1});
    nrmse.put("pure-learned", new double[] {0.006, 0.08, 0.5, 1.2});
    checkFigure(Plots.nrmseVsHorizon(dir.resolve("h.png"), new double[] {0.02, 0.2, 1, 2}, nrmse));
    checkFigure(Plots.dataEfficiency(dir.resolve("e.png"), new double[] {1, 3, 10, 30}, "training trajectories", nrmse));
    double[] t = ramp(300, 1);
    double[] err = new double[300];
    for (int i = 0; i < 300; i++) err[i] = i < 100 ? 0.05 : i < 180 ? 0.05 + 0.002 * (i - 100) : 0.06;
    checkFigure(Plots.onlineAdaptation(dir.resolve("o.png"), t, err, "NRMSE at h = 50", new double[] {120, 180},
        new String[] {"drift detected", "model updated"}));
    var neg = assertThrows(IllegalArgumentException.class,
        () -> Plots.nrmseVsHorizon(dir.resolve("x.png"), new double[] {1, 2}, Map.of("p", new double[] {0.1, 0})));
    assertEquals("p[1]: 0.0, must be > 0 (log scale)", neg.getMessage());
    var late = assertThrows(IllegalArgumentException.class, () -> Plots.onlineAdaptation(dir.resolve("y.png"), t, err,
        "e", new double[] {400}, new String[] {"late"}));
    assertEquals("eventTimes[0]: 400.0 s, must be within [0.0, 299.0] s", late.getMessage());
    var nan = assertThrows(IllegalArgumentException.class,
        () -> Plots.swayVsTime(dir.resolve("z.png"), new double[] {0, 1}, Map.of("ZV", new double[] {0, Double.NaN})));
    assertEquals("ZV[1]: NaN, must be finite", nan.getMessage());
  }

  @Test
  void outputFolderFollowsThePropertyAndRefusesOddNames() {
    String old = System.getProperty(Outputs.PROPERTY);
    try {
      System.setProperty(Outputs.PROPERTY, dir.toString());
      assertEquals(dir.resolve("crane-anti-sway").toAbsolutePath(), Outputs.folder("crane-anti-sway"));
      assertTrue(java.nio.file.Files.isDirectory(dir.resolve("crane-anti-sway")));
    } finally {
      if (old == null) System.clearProperty(Outputs.PROPERTY); else System.setProperty(Outputs.PROPERTY, old);
    }
    assertThrows(IllegalArgumentException.class, () -> Outputs.folder("../escape"));
  }
}
