package io.factorytwin.core.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.schema.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeCaseStoreTest {
  static final List<Channel> COLUMNS = List.of(new Channel("crane1.trolley.pos", "m", 0),
      new Channel("crane1.trolley.cmd", "m/s", 1));

  static EdgeCase edge(long frame) {
    double[][] ctx = {{1.0 + frame, 0.5}, {1.25 + frame, -0.5}};
    return new EdgeCase(frame, 0.02 * frame, 1, 3, 4.5 + frame, List.of("crane1.trolley.pos"), ctx,
        new double[] {1.5, 0.5}, new double[] {0.001, 0}, new double[] {1.0 / 3, 0.5});
  }

  @Test
  void readsBackExactlyWhatItWrote(@TempDir Path dir) throws IOException {
    try (EdgeCaseStore s = EdgeCaseStore.open(dir, "reference-crane", COLUMNS, 0.02, 1, 4096, 2)) {
      s.write(edge(10));
      s.write(edge(11));
      assertEquals(2, s.written());
    }
    List<EdgeCase> back = EdgeCaseStore.read(dir);
    assertEquals(2, back.size());
    EdgeCase a = edge(10), b = back.get(0);
    assertEquals(a.frame(), b.frame());
    assertEquals(a.time(), b.time());
    assertEquals(a.modelVersion(), b.modelVersion());
    assertEquals(a.score(), b.score());
    assertEquals(a.channels(), b.channels());
    for (int i = 0; i < a.context().length; i++) assertArrayEquals(a.context()[i], b.context()[i], 0.0);
    assertArrayEquals(a.predicted(), b.predicted(), 0.0);
    assertArrayEquals(a.spread(), b.spread(), 0.0);
    assertArrayEquals(a.observed(), b.observed(), 0.0, "1/3 survives the text bit for bit");
    String header = Files.readAllLines(EdgeCaseStore.files(dir).get(0)).get(0);
    assertTrue(header.contains("\"format\":\"factorytwin-edge-cases\",\"version\":1"), header);
    assertTrue(header.contains("{\"name\":\"crane1.trolley.cmd\",\"unit\":\"m/s\"}"), header);
  }

  @Test
  void staysWithinItsBoundsByRotatingFiles(@TempDir Path dir) throws IOException {
    int n = 500;
    try (EdgeCaseStore s = EdgeCaseStore.open(dir, "reference-crane", COLUMNS, 0.02, 1, 4096, 3)) {
      for (int k = 0; k < n; k++) s.write(edge(k));
    }
    List<Path> files = EdgeCaseStore.files(dir);
    assertEquals(3, files.size(), "the oldest files were deleted");
    for (Path p : files) assertTrue(Files.size(p) <= 4096, p + ": " + Files.size(p) + " bytes");
    List<EdgeCase> kept = EdgeCaseStore.read(dir);
    assertTrue(kept.size() < n, "some were rotated out");
    assertEquals(n - 1, kept.get(kept.size() - 1).frame(), "the newest is kept");
    for (int i = 1; i < kept.size(); i++) assertEquals(kept.get(i - 1).frame() + 1, kept.get(i).frame(), "in order, none lost in between");
  }

  @Test
  void aSecondRunContinuesAfterTheFirstsFiles(@TempDir Path dir) throws IOException {
    try (EdgeCaseStore s = EdgeCaseStore.open(dir, "x", COLUMNS, 0.02, 1, 4096, 5)) {
      s.write(edge(1));
    }
    try (EdgeCaseStore s = EdgeCaseStore.open(dir, "x", COLUMNS, 0.02, 1, 4096, 5)) {
      s.write(edge(2));
    }
    assertEquals(2, EdgeCaseStore.files(dir).size());
    assertEquals(List.of(1L, 2L), EdgeCaseStore.read(dir).stream().map(EdgeCase::frame).toList());
  }

  @Test
  void refusesBadBoundsAndForeignFiles(@TempDir Path dir) throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EdgeCaseStore.open(dir, "x", COLUMNS, 0.02, 1, 100, 1));
    assertTrue(e.getMessage().contains("maxFileBytes: 100"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EdgeCaseStore.open(dir, "x", COLUMNS, 0.02, 1, 4096, 0));
    Files.writeString(dir.resolve("edge-cases-000001.jsonl"), "{\"format\":\"something-else\",\"version\":1}\n");
    IOException x = assertThrows(IOException.class, () -> EdgeCaseStore.read(dir));
    assertTrue(x.getMessage().contains("edge-cases-000001.jsonl line 1"), x.getMessage());
    Files.writeString(dir.resolve("edge-cases-000001.jsonl"),
        "{\"format\":\"factorytwin-edge-cases\",\"version\":1}\n{\"frame\":1,\"t\":[}\n");
    x = assertThrows(IOException.class, () -> EdgeCaseStore.read(dir));
    assertTrue(x.getMessage().contains("line 2"), x.getMessage());
  }
}
