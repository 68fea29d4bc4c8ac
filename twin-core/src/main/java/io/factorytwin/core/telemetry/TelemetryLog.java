package io.factorytwin.core.telemetry;

import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.schema.ChannelSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A telemetry log: named channels with units, and timestamped frames, as read from or written to a
 * file in one of the two formats of docs/telemetry.md (CSV with a header row, or JSON Lines with a
 * header object). Reading checks the log against a layout's channels and reports, frame by frame,
 * everything wrong with it ({@link TelemetryIssue}); nothing is silently dropped or repaired.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class TelemetryLog {
  /** The format's name, in the JSON header and the CSV comment line. */
  public static final String FORMAT = "factorytwin-telemetry";
  /** The format's version. */
  public static final int VERSION = 1;

  private final List<Channel> channels;
  private final List<Frame> frames;
  private final List<TelemetryIssue> issues;

  private TelemetryLog(List<Channel> channels, List<Frame> frames, List<TelemetryIssue> issues) {
    this.channels = List.copyOf(channels);
    this.frames = List.copyOf(frames);
    this.issues = List.copyOf(issues);
  }

  /** A log of the given channels and frames (for writing). */
  public static TelemetryLog of(List<Channel> channels, List<Frame> frames) {
    for (Frame f : frames) {
      if (f.values().length != channels.size()) {
        throw new IllegalArgumentException("telemetry frame at t = " + f.time() + " s: " + f.values().length
            + " values, must be " + channels.size());
      }
    }
    return new TelemetryLog(channels, frames, List.of());
  }

  /** The channels kept, in column order (those the layout knows, in the right unit). */
  public List<Channel> channels() {
    return channels;
  }

  /** The accepted frames, in time order. */
  public List<Frame> frames() {
    return frames;
  }

  /** Everything found wrong, in file order. */
  public List<TelemetryIssue> issues() {
    return issues;
  }

  /** How many issues of each kind. */
  public Map<TelemetryIssue.Kind, Integer> counts() {
    Map<TelemetryIssue.Kind, Integer> m = new EnumMap<>(TelemetryIssue.Kind.class);
    for (TelemetryIssue i : issues) m.merge(i.kind(), 1, Integer::sum);
    return m;
  }

  /** Number of frames rejected. */
  public long rejectedFrames() {
    // a frame is rejected at most once, for its first problem; header problems reject columns, not frames
    return issues.stream().filter(i -> i.rejected() && switch (i.kind()) {
      case NOT_FINITE, MALFORMED, DUPLICATE_TIME, OUT_OF_ORDER -> true;
      default -> false;
    }).count();
  }

  // ------------------------------------------------------------------ writing

  /** Writes the log as CSV: a comment line with format and version, a header row, one row per frame. */
  public void writeCsv(Writer out) throws IOException {
    out.write("# " + FORMAT + " " + VERSION + "\n");
    StringBuilder h = new StringBuilder("time [s]");
    for (Channel c : channels) h.append(',').append(c.name()).append(" [").append(c.unit()).append(']');
    out.write(h.append('\n').toString());
    for (Frame f : frames) {
      StringBuilder row = new StringBuilder(num(f.time()));
      for (double v : f.values()) row.append(',').append(num(v));
      out.write(row.append('\n').toString());
    }
    out.flush();
  }

  /** Writes the log as JSON Lines: a header object, then one {"t": ..., "v": [...]} object per frame. */
  public void writeJsonLines(Writer out) throws IOException {
    StringBuilder h = new StringBuilder("{\"format\":\"" + FORMAT + "\",\"version\":" + VERSION + ",\"channels\":[");
    for (int i = 0; i < channels.size(); i++) {
      if (i > 0) h.append(',');
      h.append("{\"name\":\"").append(channels.get(i).name()).append("\",\"unit\":\"").append(channels.get(i).unit()).append("\"}");
    }
    out.write(h.append("]}\n").toString());
    for (Frame f : frames) {
      StringBuilder row = new StringBuilder("{\"t\":" + num(f.time()) + ",\"v\":[");
      double[] v = f.values();
      for (int i = 0; i < v.length; i++) {
        if (i > 0) row.append(',');
        row.append(num(v[i]));
      }
      out.write(row.append("]}\n").toString());
    }
    out.flush();
  }

  /** Shortest text that reads back as the same double. */
  private static String num(double v) {
    return Double.toString(v);
  }

  // ------------------------------------------------------------------ reading

  /**
   * Reads a log (CSV or JSON Lines, told apart by the first character) and checks it against the
   * layout's channels ({@code known}: its state and action schemas).
   *
   * @param maxGap the longest time between consecutive frames [s] before a frame is flagged, > 0
   */
  public static TelemetryLog read(Reader in, double maxGap, ChannelSchema... known) throws IOException {
    if (!(maxGap > 0)) throw new IllegalArgumentException("telemetry.maxGap: " + maxGap + " s, must be > 0");
    BufferedReader r = new BufferedReader(in);
    List<String> lines = new ArrayList<>();
    for (String l; (l = r.readLine()) != null;) lines.add(l);
    Reading reading = new Reading(maxGap, known);
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) first++;
    if (first == lines.size()) throw new IOException("telemetry: empty file");
    if (lines.get(first).trim().startsWith("{")) {
      reading.jsonLines(lines, first);
    } else {
      reading.csv(lines, first);
    }
    return new TelemetryLog(reading.kept, reading.frames, reading.issues);
  }

  private static final class Reading {
    final double maxGap;
    final ChannelSchema[] known;
    final List<TelemetryIssue> issues = new ArrayList<>();
    final List<Frame> frames = new ArrayList<>();
    final List<Channel> kept = new ArrayList<>();
    int[] keepColumn; // column index in the file for each kept channel
    int columns;
    double lastTime = Double.NaN;

    Reading(double maxGap, ChannelSchema[] known) {
      this.maxGap = maxGap;
      this.known = known;
    }

    private static final Pattern HEAD = Pattern.compile("\\s*([^\\[]+?)\\s*\\[([^\\]]*)\\]\\s*");

    void csv(List<String> lines, int first) throws IOException {
      int i = first;
      while (i < lines.size() && lines.get(i).startsWith("#")) i++;
      if (i == lines.size()) throw new IOException("telemetry: no header row");
      String[] head = lines.get(i).split(",", -1);
      Matcher t = HEAD.matcher(head[0]);
      if (!t.matches() || !t.group(1).equals("time") || !t.group(2).equals("s")) {
        throw new IOException("telemetry line " + (i + 1) + ": first column \"" + head[0] + "\", must be \"time [s]\"");
      }
      List<String[]> named = new ArrayList<>();
      for (int c = 1; c < head.length; c++) {
        Matcher m = HEAD.matcher(head[c]);
        if (!m.matches()) {
          throw new IOException("telemetry line " + (i + 1) + ": column " + (c + 1) + " \"" + head[c]
              + "\", must be \"name [unit]\"");
        }
        named.add(new String[] {m.group(1), m.group(2)});
      }
      header(named, i + 1);
      for (int k = i + 1; k < lines.size(); k++) {
        String l = lines.get(k);
        if (l.isBlank() || l.startsWith("#")) continue;
        String[] f = l.split(",", -1);
        if (f.length != columns + 1) {
          reject(k + 1, TelemetryIssue.Kind.MALFORMED, f.length + " fields, must be " + (columns + 1));
          continue;
        }
        frame(k + 1, f[0], f, 1);
      }
    }

    private static final Pattern JSON_CHANNEL = Pattern.compile("\\{\\s*\"name\"\\s*:\\s*\"([^\"]*)\"\\s*,\\s*\"unit\"\\s*:\\s*\"([^\"]*)\"\\s*\\}");
    private static final Pattern JSON_FRAME = Pattern.compile("\\{\\s*\"t\"\\s*:\\s*([^,]+),\\s*\"v\"\\s*:\\s*\\[(.*)\\]\\s*\\}\\s*");

    void jsonLines(List<String> lines, int first) throws IOException {
      String h = lines.get(first);
      if (!h.contains("\"format\":\"" + FORMAT + "\"") && !h.contains("\"format\": \"" + FORMAT + "\"")) {
        throw new IOException("telemetry line " + (first + 1) + ": not a " + FORMAT + " header");
      }
      Matcher v = Pattern.compile("\"version\"\\s*:\\s*(\\d+)").matcher(h);
      boolean found = v.find();
      if (!found || Integer.parseInt(v.group(1)) != VERSION) {
        throw new IOException("telemetry line " + (first + 1) + ": version " + (found ? v.group(1) : "missing")
            + ", this reader reads version " + VERSION);
      }
      List<String[]> named = new ArrayList<>();
      Matcher c = JSON_CHANNEL.matcher(h);
      while (c.find()) named.add(new String[] {c.group(1), c.group(2)});
      header(named, first + 1);
      for (int k = first + 1; k < lines.size(); k++) {
        String l = lines.get(k);
        if (l.isBlank()) continue;
        Matcher m = JSON_FRAME.matcher(l);
        if (!m.matches()) {
          reject(k + 1, TelemetryIssue.Kind.MALFORMED, "not a {\"t\": ..., \"v\": [...]} frame");
          continue;
        }
        String[] vals = m.group(2).isBlank() ? new String[0] : m.group(2).split(",", -1);
        if (vals.length != columns) {
          reject(k + 1, TelemetryIssue.Kind.MALFORMED, vals.length + " values, must be " + columns);
          continue;
        }
        String[] f = new String[columns + 1];
        f[0] = m.group(1);
        System.arraycopy(vals, 0, f, 1, columns);
        frame(k + 1, f[0], f, 1);
      }
    }

    /** Decides which columns are kept; reports unknown, mis-unit and missing channels. */
    void header(List<String[]> named, long line) {
      columns = named.size();
      List<Integer> keep = new ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (int c = 0; c < named.size(); c++) {
        String name = named.get(c)[0], unit = named.get(c)[1];
        Channel ch = lookup(name);
        if (ch == null) {
          issues.add(new TelemetryIssue(line, TelemetryIssue.Kind.UNKNOWN_CHANNEL, true,
              name + ": not a channel of the layout; its column is not used"));
        } else if (!ch.unit().equals(unit)) {
          issues.add(new TelemetryIssue(line, TelemetryIssue.Kind.WRONG_UNIT, true,
              name + ": unit [" + unit + "], the layout's is [" + ch.unit() + "]; its column is not used"));
        } else if (!seen.add(name)) {
          issues.add(new TelemetryIssue(line, TelemetryIssue.Kind.UNKNOWN_CHANNEL, true,
              name + ": a second column of the same channel; it is not used"));
        } else {
          kept.add(new Channel(name, unit, kept.size()));
          keep.add(c);
        }
      }
      keepColumn = keep.stream().mapToInt(Integer::intValue).toArray();
      for (ChannelSchema s : known) {
        for (Channel ch : s.channels()) {
          if (!seen.contains(ch.name())) {
            issues.add(new TelemetryIssue(0, TelemetryIssue.Kind.MISSING_CHANNEL, false,
                ch.name() + " [" + ch.unit() + "]: not in the log; sync will estimate it"));
          }
        }
      }
    }

    Channel lookup(String name) {
      for (ChannelSchema s : known) if (s.contains(name)) return s.get(s.indexOf(name));
      return null;
    }

    void frame(long line, String timeText, String[] f, int offset) {
      double t = parse(timeText);
      if (!Double.isFinite(t)) {
        reject(line, TelemetryIssue.Kind.NOT_FINITE, "time: " + timeText.trim() + " s, must be finite");
        return;
      }
      double[] values = new double[keepColumn.length];
      for (int k = 0; k < keepColumn.length; k++) {
        String text = f[offset + keepColumn[k]];
        double v = parse(text);
        if (!Double.isFinite(v)) {
          Channel ch = kept.get(k);
          reject(line, TelemetryIssue.Kind.NOT_FINITE, ch.name() + ": " + text.trim() + " " + ch.unit() + ", must be finite");
          return;
        }
        values[k] = v;
      }
      if (!Double.isNaN(lastTime)) {
        if (t == lastTime) {
          reject(line, TelemetryIssue.Kind.DUPLICATE_TIME, "time: " + t + " s, same as the previous frame");
          return;
        }
        if (t < lastTime) {
          reject(line, TelemetryIssue.Kind.OUT_OF_ORDER, "time: " + t + " s, before the previous frame's " + lastTime + " s");
          return;
        }
        if (t - lastTime > maxGap) {
          issues.add(new TelemetryIssue(line, TelemetryIssue.Kind.GAP, false, String.format(Locale.ROOT,
              "time: %.6g s after the previous frame, more than the gap bound %.6g s", t - lastTime, maxGap)));
        }
      }
      lastTime = t;
      frames.add(new Frame(t, values));
    }

    void reject(long line, TelemetryIssue.Kind kind, String message) {
      issues.add(new TelemetryIssue(line, kind, true, message));
    }

    static double parse(String text) {
      String s = text.trim();
      if (s.isEmpty() || s.equals("null")) return Double.NaN;
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
  }
}
