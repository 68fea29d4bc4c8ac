package io.factorytwin.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the docs' code in step with code that compiles. Every {@code ```java} block in README.md
 * and docs/*.md must follow a marker line (blank lines between are allowed)
 *
 * <pre>{@code <!-- snippet: examples/src/main/java/io/factorytwin/examples/Quickstart.java#layout -->}</pre>
 *
 * naming a file (from the repository root) and a region of it between a line
 * {@code // snippet:layout} and the next {@code // end-snippet}; the block must equal that region
 * with its common indentation removed (the one normalisation), line for line. Markers without a
 * block, unknown files or regions, and regions named twice in one file fail too.
 *
 * <p>The files in {@link #PENDING} belong to work in progress elsewhere: their unmarked blocks are
 * listed, not failed (their marked blocks are checked).
 */
class DocSnippetsTest {
  /** Docs whose java blocks are not marked yet: none (kept so work in progress can be listed, not failed). */
  static final Set<String> PENDING = Set.of();
  static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*(\\S+?)#([A-Za-z0-9_-]+)\\s*-->");

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !(Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))
        && Files.isRegularFile(p.resolve("pom.xml")))) {
      p = p.getParent();
    }
    if (p == null) throw new IllegalStateException("no repository root (README.md, docs/, pom.xml) above " + Path.of("").toAbsolutePath());
    return p;
  }

  @Test
  void everyJavaBlockInTheDocsEqualsItsRegionOfCodeThatCompiles() throws IOException {
    Path root = root();
    List<Path> docs = new ArrayList<>();
    docs.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    List<String> problems = new ArrayList<>(), pending = new ArrayList<>();
    int checked = 0;
    for (Path doc : docs) {
      String name = root.relativize(doc).toString().replace('\\', '/');
      checked += check(name, Files.readAllLines(doc, StandardCharsets.UTF_8), f -> read(root.resolve(f)), problems,
          PENDING.contains(name) ? pending : problems);
    }
    if (!pending.isEmpty()) System.out.println("DocSnippetsTest: pending (in " + PENDING + "): " + pending);
    assertEquals(List.of(), problems);
    assertTrue(checked >= 8, "the docs quote code: " + checked + " blocks checked");
  }

  /** The checker finds what it must: a drifted block, a missing marker, an unknown region. */
  @Test
  void checkerFindsDriftMissingMarkersAndUnknownRegions() {
    List<String> source = List.of("class A {", "  void f() {", "    // snippet:one", "    int x = 1;", "    if (x > 0) {",
        "      x++;", "    }", "    // end-snippet", "  }", "}");
    Function<String, List<String>> files = f -> f.equals("A.java") ? source : null;
    List<String> ok = List.of("text", "<!-- snippet: A.java#one -->", "", "```java", "int x = 1;", "if (x > 0) {", "  x++;",
        "}", "```");
    List<String> problems = new ArrayList<>();
    assertEquals(1, check("ok.md", ok, files, problems, problems));
    assertEquals(List.of(), problems);

    List<String> drifted = new ArrayList<>(ok);
    drifted.set(6, "  x += 2;");
    check("drifted.md", drifted, files, problems, problems);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("drifted.md:4: differs from A.java#one at its line 3"), problems.get(0));

    problems.clear();
    check("bare.md", List.of("```java", "int y;", "```"), files, problems, problems);
    assertEquals(List.of("bare.md:1: java block without a <!-- snippet: FILE#REGION --> marker before it"), problems);

    problems.clear();
    check("unknown.md", List.of("<!-- snippet: A.java#two -->", "```java", "int x = 1;", "```",
        "<!-- snippet: B.java#one -->", "```java", "```", "<!-- snippet: A.java#one -->", "no block"), files, problems, problems);
    assertEquals(List.of("unknown.md:2: A.java has no region 'two'", "unknown.md:6: B.java: no such file",
        "unknown.md:8: marker not followed by a java block"), problems);
  }

  /**
   * Checks one document's lines; unmarked blocks go to {@code unmarked}, everything else wrong to
   * {@code problems}.
   *
   * @param files reads a file named from the repository root, or null when it does not exist
   * @return the number of blocks compared
   */
  static int check(String doc, List<String> lines, Function<String, List<String>> files, List<String> problems,
      List<String> unmarked) {
    int compared = 0;
    Matcher marker = null;
    int markerLine = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher m = MARKER.matcher(line.trim());
      if (m.matches()) {
        if (marker != null) problems.add(doc + ":" + markerLine + ": marker not followed by a java block");
        marker = m;
        markerLine = i + 1;
        continue;
      }
      if (line.trim().isEmpty()) continue;
      if (!line.startsWith("```java")) {
        if (marker != null) problems.add(doc + ":" + markerLine + ": marker not followed by a java block");
        marker = null;
        continue;
      }
      int open = i + 1;
      List<String> block = new ArrayList<>();
      for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) block.add(lines.get(i));
      if (marker == null) {
        unmarked.add(doc + ":" + open + ": java block without a <!-- snippet: FILE#REGION --> marker before it");
        continue;
      }
      String file = marker.group(1), region = marker.group(2);
      marker = null;
      List<String> source = files.apply(file);
      if (source == null) {
        problems.add(doc + ":" + open + ": " + file + ": no such file");
        continue;
      }
      List<String> expected = region(source, region);
      if (expected == null) {
        problems.add(doc + ":" + open + ": " + file + " has no region '" + region + "'");
        continue;
      }
      compared++;
      for (int k = 0; k < Math.max(expected.size(), block.size()); k++) {
        String want = k < expected.size() ? expected.get(k) : "<end of region>";
        String got = k < block.size() ? block.get(k) : "<end of block>";
        if (!want.equals(got)) {
          problems.add(doc + ":" + open + ": differs from " + file + "#" + region + " at its line " + (k + 1) + ": the code has\n  "
              + want + "\nthe doc has\n  " + got);
          break;
        }
      }
    }
    if (marker != null) problems.add(doc + ":" + markerLine + ": marker not followed by a java block");
    return compared;
  }

  /** The lines between {@code // snippet:name} and {@code // end-snippet}, dedented; null when absent or named twice. */
  static List<String> region(List<String> source, String name) {
    List<String> out = null;
    for (int i = 0; i < source.size(); i++) {
      if (!source.get(i).trim().equals("// snippet:" + name)) continue;
      if (out != null) return null;
      out = new ArrayList<>();
      for (i++; i < source.size() && !source.get(i).trim().equals("// end-snippet"); i++) out.add(source.get(i));
    }
    if (out == null) return null;
    int indent = Integer.MAX_VALUE;
    for (String l : out) if (!l.isBlank()) indent = Math.min(indent, l.length() - l.stripLeading().length());
    List<String> dedented = new ArrayList<>();
    for (String l : out) dedented.add(l.isBlank() ? "" : l.substring(indent));
    return dedented;
  }

  private static List<String> read(Path file) {
    if (!Files.isRegularFile(file)) return null;
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
