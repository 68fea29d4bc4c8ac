package io.factorytwin.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.model.FittedParameter;
import io.factorytwin.core.model.ModelCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
  static final List<String> CHANNELS = List.of("crane1.trolley.x [m]", "crane1.load.x [m]", "crane1.hoist.cmd [m/s]");

  @TempDir
  Path tmp;

  static ModelCard card() {
    return new ModelCard("bay-3", CHANNELS, 0.05, 2,
        List.of(new FittedParameter("crane1.hoist.maxSpeed", "m/s", 0.5, 0.4873, 0.0021),
            new FittedParameter("belt1.friction", "1", 0.6, 0.55, Double.NaN)),
        Map.of("trajectories", 10.0, "frames", 30000.0, "seed", 42.0),
        Map.of("validationLoss", 0.0123, "nrmse.crane1.load.x", 0.031, "worst", Double.POSITIVE_INFINITY));
  }

  Path written(MlpEnsemble model) throws IOException {
    Path dir = tmp.resolve("model");
    ModelFiles.write(dir, model, card());
    return dir;
  }

  @Test
  void aWrittenModelReadsBackAndPredictsBitIdentically() throws IOException {
    MlpEnsemble model = Ensembles.random(1, 3, 6, 16, 8, 2);
    Path dir = written(model);
    ModelFiles.LoadedModel loaded = ModelFiles.read(dir, CHANNELS);
    assertEquals(card(), loaded.card()); // record equality: NaN equals NaN, ±∞ kept
    MlpEnsemble back = loaded.model();
    assertEquals(model.featureNames(), back.featureNames());
    assertEquals(model.outputNames(), back.outputNames());
    assertEquals(model.architecture(), back.architecture());
    assertArrayEquals(model.featureScaling().mean(), back.featureScaling().mean());
    assertArrayEquals(model.featureScaling().std(), back.featureScaling().std());
    assertArrayEquals(model.outputScaling().mean(), back.outputScaling().mean());
    assertArrayEquals(model.outputScaling().std(), back.outputScaling().std());
    for (int k = 0; k < 3; k++) assertArrayEquals(model.parameters(k), back.parameters(k));
    SplittableRandom rng = new SplittableRandom(2);
    int rows = 200;
    double[] x = new double[rows * 6];
    for (int i = 0; i < x.length; i++) x[i] = 20 * rng.nextGaussian();
    double[] a = new double[3 * rows * 2], b = new double[3 * rows * 2];
    model.predictAll(x, rows, a);
    back.predictAll(x, rows, b);
    for (int i = 0; i < a.length; i++) {
      assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "value " + i);
    }
    // sha256sum format, and the manifest records every member file
    String sha = Files.readString(dir.resolve("manifest.sha256"));
    assertTrue(sha.matches("[0-9a-f]{64}  manifest\\.json\n"), sha);
    String manifest = Files.readString(dir.resolve("manifest.json"));
    for (int k = 0; k < 3; k++) {
      byte[] bytes = Files.readAllBytes(dir.resolve("member-" + k + ".bin"));
      assertTrue(manifest.contains(ModelFiles.sha256(bytes)), "member " + k + " hash in manifest");
      assertTrue(manifest.contains("\"bytes\": " + bytes.length), "member " + k + " length in manifest");
    }
  }

  @Test
  void writingTwiceGivesTheSameBytes() throws IOException {
    MlpEnsemble model = Ensembles.random(3, 2, 4, 5, 1);
    Path a = tmp.resolve("a"), b = tmp.resolve("b");
    ModelFiles.write(a, model, card());
    ModelFiles.write(b, model, card());
    for (String f : List.of("manifest.json", "manifest.sha256", "member-0.bin", "member-1.bin")) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
  }

  @Test
  void aMemberFileHasTheDocumentedLayout() throws IOException {
    MlpEnsemble model = Ensembles.random(4, 2, 3, 4, 2);
    Path dir = written(model);
    byte[] bytes = Files.readAllBytes(dir.resolve("member-1.bin"));
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[8];
    b.get(magic);
    assertEquals("FTWINMLP", new String(magic, StandardCharsets.US_ASCII));
    assertEquals(1, b.getInt(), "format version");
    assertEquals(1, b.getInt(), "member index");
    assertEquals(2, b.getInt(), "layers");
    assertEquals(3, b.getInt(), "layer 0 rows");
    assertEquals(4, b.getInt(), "layer 0 cols");
    float[] p = model.parameters(1);
    for (int i = 0; i < (3 + 1) * 4; i++) assertEquals(Float.floatToRawIntBits(p[i]), Float.floatToRawIntBits(b.getFloat()));
    assertEquals(4, b.getInt(), "layer 1 rows");
    assertEquals(2, b.getInt(), "layer 1 cols");
    assertEquals((4 + 1) * 2 * 4, b.remaining(), "weights and biases of layer 1, then the end");
  }

  @Test
  void missingFilesAreRefusedByName() throws IOException {
    Path dir = written(Ensembles.random(5, 2, 3, 4, 2));
    Files.delete(dir.resolve("member-1.bin"));
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertEquals("member-1.bin", e.file());
    assertTrue(e.getMessage().startsWith("member-1.bin: missing"), e.getMessage());
    Files.delete(dir.resolve("manifest.json"));
    e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertTrue(e.getMessage().startsWith("manifest.json: missing"), e.getMessage());
    Files.delete(dir.resolve("manifest.sha256"));
    e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertTrue(e.getMessage().startsWith("manifest.sha256: missing"), e.getMessage());
    e = assertThrows(ModelFileException.class, () -> ModelFiles.read(tmp.resolve("nowhere")));
    assertTrue(e.getMessage().startsWith("manifest.sha256: missing"), e.getMessage());
  }

  @Test
  void aFlippedBitInAMemberFileIsAHashMismatchNamingTheFileAndBothHashes() throws IOException {
    Path dir = written(Ensembles.random(6, 2, 5, 8, 3));
    Path member = dir.resolve("member-0.bin");
    byte[] good = Files.readAllBytes(member);
    String expected = ModelFiles.sha256(good);
    // the magic, the version, a layer size, a weight's sign bit, a bias and the very last bit
    int[] bytePositions = {0, 9, 20, 40, good.length / 2, good.length - 1};
    for (int pos : bytePositions) {
      for (int bit : new int[] {0, 7}) {
        byte[] bad = good.clone();
        bad[pos] ^= (byte) (1 << bit);
        Files.write(member, bad);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir), "byte " + pos);
        assertEquals("member-0.bin: SHA-256 mismatch: manifest.json says " + expected + ", the file's is "
            + ModelFiles.sha256(bad), e.getMessage());
      }
    }
    Files.write(member, good);
    ModelFiles.read(dir); // restored: reads again
  }

  @Test
  void aFlippedBitInTheManifestIsAHashMismatch() throws IOException {
    Path dir = written(Ensembles.random(7, 2, 5, 8, 3));
    Path manifest = dir.resolve("manifest.json");
    byte[] good = Files.readAllBytes(manifest);
    String expected = ModelFiles.sha256(good);
    for (int pos : new int[] {0, 1, good.length / 3, good.length / 2, good.length - 2, good.length - 1}) {
      byte[] bad = good.clone();
      bad[pos] ^= 1;
      Files.write(manifest, bad);
      ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir), "byte " + pos);
      assertEquals("manifest.json", e.file());
      assertTrue(e.getMessage().contains("SHA-256 mismatch: manifest.sha256 says " + expected + ", the file's is "
          + ModelFiles.sha256(bad)), e.getMessage());
    }
  }

  @Test
  void truncatedFilesAreRefused() throws IOException {
    Path dir = written(Ensembles.random(8, 2, 5, 8, 3));
    Path member = dir.resolve("member-1.bin");
    byte[] good = Files.readAllBytes(member);
    Files.write(member, Arrays.copyOf(good, good.length - 4));
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertEquals("member-1.bin: truncated: " + (good.length - 4) + " bytes, manifest.json says " + good.length,
        e.getMessage());
    Files.write(member, new byte[0]);
    e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertTrue(e.getMessage().startsWith("member-1.bin: truncated: 0 bytes"), e.getMessage());
    Files.write(member, good);

    Path manifest = dir.resolve("manifest.json");
    byte[] text = Files.readAllBytes(manifest);
    Files.write(manifest, Arrays.copyOf(text, text.length / 2));
    e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertTrue(e.getMessage().startsWith("manifest.json: SHA-256 mismatch") && e.getMessage().contains("truncated"),
        e.getMessage());
    // truncated and re-hashed (a broken writer): the JSON reader notices
    rehash(dir);
    e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertTrue(e.getMessage().startsWith("manifest.json: malformed JSON at offset " + text.length / 2), e.getMessage());

    Files.writeString(dir.resolve("manifest.sha256"), "3f2a");
    e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertTrue(e.getMessage().startsWith("manifest.sha256: malformed"), e.getMessage());
  }

  @Test
  void aMemberFileWithAConsistentHashButAnotherStructureIsRefused() throws IOException {
    Path dir = written(Ensembles.random(9, 2, 5, 8, 3));
    Path member = dir.resolve("member-0.bin");
    byte[] bad = Files.readAllBytes(member);
    bad[12] = 1; // member index 1 in member-0.bin
    Files.write(member, bad);
    editManifest(dir, Files.readString(dir.resolve("manifest.json"))
        .replace(ModelFiles.sha256(Files.readAllBytes(dir.resolve("member-1.bin"))), "KEEP")
        .replaceFirst("\"sha256\": \"[0-9a-f]{64}\"", "\"sha256\": \"" + ModelFiles.sha256(bad) + "\"")
        .replace("KEEP", ModelFiles.sha256(Files.readAllBytes(dir.resolve("member-1.bin")))));
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertEquals("member-0.bin: holds member 1, expected member 0", e.getMessage());
  }

  @Test
  void anUnknownFormatOrANewerVersionIsRefused() throws IOException {
    Path dir = written(Ensembles.random(10, 1, 3, 2));
    String manifest = Files.readString(dir.resolve("manifest.json"));
    editManifest(dir, manifest.replace("\"format\": \"factorytwin-model\"", "\"format\": \"onnx\""));
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertEquals("manifest.json: unknown format 'onnx', expected 'factorytwin-model'", e.getMessage());
    editManifest(dir, manifest.replace("\"formatVersion\": 1", "\"formatVersion\": 2"));
    e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertTrue(e.getMessage().startsWith("manifest.json: formatVersion 2.0 is newer than this reader understands (1)"),
        e.getMessage());
    editManifest(dir, manifest.replace("\"formatVersion\": 1,", ""));
    e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir));
    assertEquals("manifest.json: field 'formatVersion' is missing", e.getMessage());
    editManifest(dir, manifest);
    ModelFiles.read(dir);
  }

  @Test
  void anotherChannelSchemaIsRefusedNamingTheFirstDifference() throws IOException {
    Path dir = written(Ensembles.random(11, 1, 3, 2));
    List<String> renamed = List.of("crane1.trolley.x [m]", "crane1.load.y [m]", "crane1.hoist.cmd [m/s]");
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir, renamed));
    assertEquals("manifest.json: schema mismatch at channel 1: expected 'crane1.load.y [m]', found 'crane1.load.x [m]'"
        + " (expected 3 channels, found 3)", e.getMessage());
    List<String> longer = List.of("crane1.trolley.x [m]", "crane1.load.x [m]", "crane1.hoist.cmd [m/s]", "belt1.v [m/s]");
    e = assertThrows(ModelFileException.class, () -> ModelFiles.read(dir, longer));
    assertEquals("manifest.json: schema mismatch at channel 3: expected 'belt1.v [m/s]', found none"
        + " (expected 4 channels, found 3)", e.getMessage());
    assertEquals(CHANNELS, ModelFiles.read(dir, CHANNELS).card().channels());
  }

  /** Replaces manifest.json by {@code text} and writes its matching manifest.sha256. */
  static void editManifest(Path dir, String text) throws IOException {
    Files.writeString(dir.resolve("manifest.json"), text);
    rehash(dir);
  }

  static void rehash(Path dir) throws IOException {
    Files.writeString(dir.resolve("manifest.sha256"),
        ModelFiles.sha256(Files.readAllBytes(dir.resolve("manifest.json"))) + "  manifest.json\n");
  }
}
