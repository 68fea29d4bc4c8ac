package io.factorytwin.core.deploy;

import io.factorytwin.core.schema.Channel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A bounded store of {@link EdgeCase}s on disk: JSON Lines files {@code edge-cases-NNNNNN.jsonl} in
 * one directory, each starting with a header line (format, version, layout, frame period, history,
 * columns with units), then one edge case per line; the format is docs/edge-case-format.md.
 *
 * <p>Bounded: a file is closed and the next one started before a line would take it past
 * {@code maxFileBytes}; when there are more than {@code maxFiles} files, the oldest is deleted (so
 * the directory holds at most maxFiles × maxFileBytes bytes of edge cases). A record longer than
 * the bound on its own is not written and is counted ({@link #tooLarge()}). Opening a directory that
 * already holds edge-case files continues after the highest number: earlier runs are kept until
 * rotation removes them. Each line is flushed when written, so a crash loses at most the line being
 * written.
 *
 * <p>Confined to one thread (a deployed twin's monitor thread); {@link #read} is stateless.
 */
public final class EdgeCaseStore implements AutoCloseable {
  /** The format's name, in each file's header line. */
  public static final String FORMAT = "factorytwin-edge-cases";
  /** The format's version. */
  public static final int VERSION = 1;
  private static final Pattern NAME = Pattern.compile("edge-cases-(\\d{6})\\.jsonl");

  private final Path dir;
  private final String header;
  private final long maxFileBytes;
  private final int maxFiles;
  private int fileNumber;
  private BufferedWriter out;
  private long bytes;
  private long written;
  private long tooLarge;

  private EdgeCaseStore(Path dir, String header, long maxFileBytes, int maxFiles, int lastNumber) {
    this.dir = dir;
    this.header = header;
    this.maxFileBytes = maxFileBytes;
    this.maxFiles = maxFiles;
    this.fileNumber = lastNumber;
  }

  /**
   * Opens (creating it if needed) a store in {@code dir}.
   *
   * @param layout       the layout's name (in the header)
   * @param columns      the frames' columns, in order
   * @param period       the frame period [s]
   * @param history      frames of history before the start frame in each context
   * @param maxFileBytes bound on one file's size [bytes], ≥ 4096
   * @param maxFiles     files kept, ≥ 1
   * @throws IllegalArgumentException naming a bound out of range
   * @throws UncheckedIOException when the directory cannot be created or listed
   */
  public static EdgeCaseStore open(Path dir, String layout, List<Channel> columns, double period, int history,
      long maxFileBytes, int maxFiles) {
    if (!(maxFileBytes >= 4096)) {
      throw new IllegalArgumentException("edgeCases.maxFileBytes: " + maxFileBytes + ", must be >= 4096");
    }
    if (maxFiles < 1) throw new IllegalArgumentException("edgeCases.maxFiles: " + maxFiles + ", must be >= 1");
    StringBuilder h = new StringBuilder("{\"format\":\"" + FORMAT + "\",\"version\":" + VERSION + ",\"layout\":\"")
        .append(escape(layout)).append("\",\"period\":").append(period).append(",\"history\":").append(history)
        .append(",\"columns\":[");
    for (int c = 0; c < columns.size(); c++) {
      if (c > 0) h.append(',');
      h.append("{\"name\":\"").append(escape(columns.get(c).name())).append("\",\"unit\":\"")
          .append(escape(columns.get(c).unit())).append("\"}");
    }
    h.append("]}\n");
    try {
      Files.createDirectories(dir);
      int last = files(dir).stream().mapToInt(EdgeCaseStore::number).max().orElse(0);
      return new EdgeCaseStore(dir, h.toString(), maxFileBytes, maxFiles, last);
    } catch (IOException e) {
      throw new UncheckedIOException("edgeCases: cannot open " + dir, e);
    }
  }

  /** Edge cases written by this store. */
  public long written() {
    return written;
  }

  /** Records not written because one alone exceeds {@code maxFileBytes}. */
  public long tooLarge() {
    return tooLarge;
  }

  /**
   * Appends one edge case.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public void write(EdgeCase e) {
    String line = line(e);
    long size = line.getBytes(StandardCharsets.UTF_8).length;
    long headerSize = header.getBytes(StandardCharsets.UTF_8).length;
    if (size + headerSize > maxFileBytes) {
      tooLarge++;
      return;
    }
    try {
      if (out == null || bytes + size > maxFileBytes) rotate(headerSize);
      out.write(line);
      out.flush();
      bytes += size;
      written++;
    } catch (IOException x) {
      throw new UncheckedIOException("edgeCases: cannot write " + file(fileNumber), x);
    }
  }

  private void rotate(long headerSize) throws IOException {
    if (out != null) out.close();
    fileNumber++;
    out = Files.newBufferedWriter(file(fileNumber), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    out.write(header);
    bytes = headerSize;
    List<Path> all = files(dir);
    for (int k = 0; k < all.size() - maxFiles; k++) Files.deleteIfExists(all.get(k));
  }

  private Path file(int n) {
    return dir.resolve(String.format("edge-cases-%06d.jsonl", n));
  }

  @Override
  public void close() {
    if (out == null) return;
    try {
      out.close();
    } catch (IOException x) {
      throw new UncheckedIOException("edgeCases: cannot close " + file(fileNumber), x);
    } finally {
      out = null;
    }
  }

  /** The store's files in {@code dir}, oldest (lowest number) first. */
  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .sorted(java.util.Comparator.comparingInt(EdgeCaseStore::number)).toList();
    }
  }

  private static int number(Path p) {
    Matcher m = NAME.matcher(p.getFileName().toString());
    return m.matches() ? Integer.parseInt(m.group(1)) : 0;
  }

  // ------------------------------------------------------------------ the line format

  static String line(EdgeCase e) {
    StringBuilder b = new StringBuilder("{\"frame\":").append(e.frame()).append(",\"t\":").append(e.time())
        .append(",\"horizon\":").append(e.horizon()).append(",\"model\":").append(e.modelVersion())
        .append(",\"score\":").append(e.score()).append(",\"channels\":[");
    List<String> ch = e.channels();
    for (int i = 0; i < ch.size(); i++) b.append(i > 0 ? "," : "").append('"').append(escape(ch.get(i))).append('"');
    b.append("],\"context\":[");
    double[][] ctx = e.context();
    for (int i = 0; i < ctx.length; i++) array(b.append(i > 0 ? "," : ""), ctx[i]);
    array(b.append("],\"predicted\":"), e.predicted());
    array(b.append(",\"spread\":"), e.spread());
    array(b.append(",\"observed\":"), e.observed());
    return b.append("}\n").toString();
  }

  private static void array(StringBuilder b, double[] v) {
    b.append('[');
    for (int i = 0; i < v.length; i++) b.append(i > 0 ? "," : "").append(v[i]);
    b.append(']');
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /**
   * Every edge case in {@code dir}'s store files, oldest file first, in file order.
   *
   * @throws IOException when a file cannot be read, is not this format and version, or a line is
   *     malformed (naming the file and line)
   */
  public static List<EdgeCase> read(Path dir) throws IOException {
    List<EdgeCase> out = new ArrayList<>();
    for (Path p : files(dir)) {
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      if (lines.isEmpty()) continue;
      Object head = MiniJson.parse(lines.get(0), p + " line 1");
      if (!(head instanceof Map<?, ?> h) || !FORMAT.equals(h.get("format"))
          || !(h.get("version") instanceof Double v) || v.intValue() != VERSION) {
        throw new IOException(p + " line 1: not a " + FORMAT + " version " + VERSION + " header");
      }
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) continue;
        String where = p + " line " + (i + 1);
        try {
          out.add(record((Map<?, ?>) MiniJson.parse(lines.get(i), where)));
        } catch (ClassCastException | NullPointerException x) {
          throw new IOException(where + ": not an edge case record", x);
        }
      }
    }
    return out;
  }

  private static EdgeCase record(Map<?, ?> m) {
    List<?> ctx = (List<?>) m.get("context");
    double[][] context = new double[ctx.size()][];
    for (int i = 0; i < ctx.size(); i++) context[i] = numbers(ctx.get(i));
    List<String> channels = new ArrayList<>();
    for (Object o : (List<?>) m.get("channels")) channels.add((String) o);
    return new EdgeCase(((Double) m.get("frame")).longValue(), (Double) m.get("t"), ((Double) m.get("horizon")).intValue(),
        ((Double) m.get("model")).intValue(), (Double) m.get("score"), channels, context, numbers(m.get("predicted")),
        numbers(m.get("spread")), numbers(m.get("observed")));
  }

  private static double[] numbers(Object o) {
    List<?> l = (List<?>) o;
    double[] v = new double[l.size()];
    for (int i = 0; i < v.length; i++) v[i] = (Double) l.get(i);
    return v;
  }
}
