package io.factorytwin.examples.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The examples' figures as PNG files of {@link #WIDTH} × {@link #HEIGHT} pixels, drawn headless with
 * XChart (java.awt.headless is set to true unless the JVM was started with a value).
 *
 * <p>Every method validates its arrays (equal lengths, finite values, at least two points) and
 * throws {@link IllegalArgumentException} naming the series, the index and the value; it writes the
 * file, creating its folder, and returns its path.
 *
 * <p>Stateless; safe to call from several threads for different files.
 */
public final class Plots {
  /** Width of every figure [px]. */
  public static final int WIDTH = 900;
  /** Height of every figure [px]. */
  public static final int HEIGHT = 520;
  private static final Color BAND = new Color(31, 119, 180, 60);
  private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
      new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75)};

  static {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /**
   * Load sway against time for several moves (unshaped, ZV, ZVD...).
   *
   * @param time    seconds, length n ≥ 2
   * @param swayDeg per move, the sway angle [deg] at each time, length n
   */
  public static Path swayVsTime(Path file, double[] time, Map<String, double[]> swayDeg) {
    XYChart c = chart("Load sway against time", "time [s]", "sway [deg]");
    check("time", time, time.length);
    int k = 0;
    for (Map.Entry<String, double[]> e : swayDeg.entrySet()) {
      line(c, e.getKey(), time, check(e.getKey(), e.getValue(), time.length), COLOURS[k++ % COLOURS.length]);
    }
    return write(c, file);
  }

  /**
   * A channel predicted against what was measured, with the prediction's band.
   *
   * @param channel   the channel's name and unit, for the axis ("crane1.load.pos.x [m]")
   * @param time      seconds, length n ≥ 2
   * @param actual    measured values, length n
   * @param predicted per predictor, predicted values, length n; the first is the one the band belongs to
   * @param bandLow   lower edge of the first predictor's band, length n
   * @param bandHigh  upper edge, length n, ≥ bandLow
   * @param bandLabel what the band is ("hybrid 90 % interval")
   */
  public static Path predictedVsActual(Path file, String channel, double[] time, double[] actual,
      Map<String, double[]> predicted, double[] bandLow, double[] bandHigh, String bandLabel) {
    int n = check("time", time, time.length).length;
    check("bandLow", bandLow, n);
    check("bandHigh", bandHigh, n);
    for (int i = 0; i < n; i++) {
      if (!(bandHigh[i] >= bandLow[i])) {
        throw new IllegalArgumentException("bandHigh[" + i + "]: " + bandHigh[i] + ", must be ≥ bandLow " + bandLow[i]);
      }
    }
    XYChart c = chart("Predicted against actual", "time [s]", channel);
    double[] px = new double[2 * n], py = new double[2 * n];
    for (int i = 0; i < n; i++) {
      px[i] = time[i];
      py[i] = bandHigh[i];
      px[2 * n - 1 - i] = time[i];
      py[2 * n - 1 - i] = bandLow[i];
    }
    XYSeries band = c.addSeries(bandLabel, px, py);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(BAND);
    band.setLineColor(BAND);
    band.setMarker(SeriesMarkers.NONE);
    XYSeries a = line(c, "actual", time, check("actual", actual, n), Color.BLACK);
    a.setLineStyle(new BasicStroke(2.5f));
    int k = 0;
    for (Map.Entry<String, double[]> e : predicted.entrySet()) {
      XYSeries s = line(c, e.getKey(), time, check(e.getKey(), e.getValue(), n), COLOURS[k++ % COLOURS.length]);
      s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
    }
    return write(c, file);
  }

  /**
   * NRMSE against the prediction horizon, one line per predictor (log scale).
   *
   * @param horizonSeconds horizons [s], ascending, length n ≥ 2
   * @param nrmse          per predictor, NRMSE at each horizon, > 0, length n
   */
  public static Path nrmseVsHorizon(Path file, double[] horizonSeconds, Map<String, double[]> nrmse) {
    XYChart c = chart("NRMSE against horizon", "horizon [s]", "NRMSE (log scale)");
    c.getStyler().setYAxisLogarithmic(true).setXAxisLogarithmic(true);
    check("horizon", horizonSeconds, horizonSeconds.length);
    int k = 0;
    for (Map.Entry<String, double[]> e : nrmse.entrySet()) {
      positive(e.getKey(), check(e.getKey(), e.getValue(), horizonSeconds.length));
      XYSeries s = line(c, e.getKey(), horizonSeconds, e.getValue(), COLOURS[k++ % COLOURS.length]);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    return write(c, file);
  }

  /**
   * The data-efficiency curve: error against the amount of training data, one line per predictor
   * (log-log).
   *
   * @param trainingSize amounts of training data, ascending, > 0, length n ≥ 2
   * @param sizeLabel    what the amount counts, for the axis ("training trajectories of 60 s")
   * @param nrmse        per predictor, the error at each amount, > 0, length n
   */
  public static Path dataEfficiency(Path file, double[] trainingSize, String sizeLabel, Map<String, double[]> nrmse) {
    XYChart c = chart("Data efficiency", sizeLabel, "NRMSE (log scale)");
    c.getStyler().setYAxisLogarithmic(true).setXAxisLogarithmic(true);
    positive("trainingSize", check("trainingSize", trainingSize, trainingSize.length));
    int k = 0;
    for (Map.Entry<String, double[]> e : nrmse.entrySet()) {
      positive(e.getKey(), check(e.getKey(), e.getValue(), trainingSize.length));
      XYSeries s = line(c, e.getKey(), trainingSize, e.getValue(), COLOURS[k++ % COLOURS.length]);
      s.setMarker(SeriesMarkers.DIAMOND);
    }
    return write(c, file);
  }

  /**
   * The online-adaptation timeline: the twin's prediction error over time while deployed, with
   * events (drift detected, model updated, rollback) as labelled vertical lines.
   *
   * @param time        seconds, ascending, length n ≥ 2
   * @param error       the error at each time (any non-negative measure; say which in {@code errorLabel}), length n
   * @param errorLabel  the y axis ("NRMSE at h = 50, over the last 60 s")
   * @param eventTimes  seconds, each within [time[0], time[n−1]]
   * @param eventLabels one short label per event
   */
  public static Path onlineAdaptation(Path file, double[] time, double[] error, String errorLabel, double[] eventTimes,
      String[] eventLabels) {
    int n = check("time", time, time.length).length;
    check("error", error, n);
    if (eventLabels.length != eventTimes.length) {
      throw new IllegalArgumentException("eventLabels: length " + eventLabels.length + ", must equal eventTimes' "
          + eventTimes.length);
    }
    XYChart c = chart("Online adaptation", "time [s]", errorLabel);
    c.getStyler().setAnnotationLineColor(COLOURS[1]);
    line(c, "prediction error", time, error, COLOURS[0]);
    double top = 0;
    for (double v : error) top = Math.max(top, v);
    for (int i = 0; i < eventTimes.length; i++) {
      double t = eventTimes[i];
      if (!(t >= time[0] && t <= time[n - 1])) {
        throw new IllegalArgumentException("eventTimes[" + i + "]: " + t + " s, must be within [" + time[0] + ", "
            + time[n - 1] + "] s");
      }
      AnnotationLine l = new AnnotationLine(t, true, false);
      c.addAnnotation(l);
      AnnotationText label = new AnnotationText(eventLabels[i], t, top * (0.95 - 0.08 * (i % 3)), false);
      c.addAnnotation(label);
    }
    return write(c, file);
  }

  private static XYChart chart(String title, String x, String y) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    c.getStyler().setPlotGridLinesColor(new Color(220, 220, 220));
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal).setChartBackgroundColor(Color.WHITE).setAntiAlias(true);
    return c;
  }

  private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color colour) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour);
    s.setMarkerColor(colour);
    return s;
  }

  private static double[] check(String name, double[] v, int n) {
    if (v == null || v.length != n || n < 2) {
      throw new IllegalArgumentException(name + ": length " + (v == null ? "null" : v.length) + ", must be " + n
          + (n < 2 ? " and ≥ 2" : ""));
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(v[i])) throw new IllegalArgumentException(name + "[" + i + "]: " + v[i] + ", must be finite");
    }
    return v;
  }

  private static void positive(String name, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] > 0)) throw new IllegalArgumentException(name + "[" + i + "]: " + v[i] + ", must be > 0 (log scale)");
    }
  }

  private static Path write(XYChart c, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      try (OutputStream out = Files.newOutputStream(file)) {
        BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("plot " + file + ": cannot write it", e);
    }
  }
}
