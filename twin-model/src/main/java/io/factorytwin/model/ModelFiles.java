package io.factorytwin.model;

import io.factorytwin.core.model.FittedParameter;
import io.factorytwin.core.model.ModelCard;
import io.factorytwin.model.internal.Json;
import io.factorytwin.model.internal.MlpShape;
import io.factorytwin.model.internal.Standardiser;
import io.factorytwin.model.internal.WeightFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes {@link MlpEnsemble}s with their {@link ModelCard} as a model directory:
 * {@code manifest.json} (format name and version, the card, the column names, the normalisers,
 * the architecture, and the name, length and SHA-256 of every other file), {@code manifest.sha256}
 * (the SHA-256 of manifest.json's bytes, in {@code sha256sum} format) and one
 * {@code member-<k>.bin} of float32 weights per member. The format is described in
 * {@code MODEL-FORMAT.md}.
 *
 * <p>A model read back predicts bit-identically to the one written. {@link #read} checks
 * everything before it builds a model and refuses with a {@link ModelFileException} naming the file
 * and the problem.
 *
 * <p>Stateless and thread-safe; concurrent writes to one directory are not coordinated.
 */
public final class ModelFiles {
  /** The value of the manifest's {@code "format"}. */
  public static final String FORMAT = "factorytwin-model";
  /** The format version this code writes, and the newest it reads. */
  public static final int FORMAT_VERSION = 1;
  /** The manifest's file name. */
  public static final String MANIFEST = "manifest.json";
  /** The file name of the manifest's checksum. */
  public static final String MANIFEST_SHA256 = "manifest.sha256";

  private static final Pattern MEMBER_FILE = Pattern.compile("member-(0|[1-9][0-9]{0,8})\\.bin");

  private ModelFiles() {}

  /**
   * A model and its card as read from a directory.
   *
   * @param model the ensemble
   * @param card  its card
   */
  public record LoadedModel(MlpEnsemble model, ModelCard card) {
    /** Checks that neither is null. */
    public LoadedModel {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(card, "card");
    }
  }

  /**
   * Writes {@code model} and {@code card} into {@code dir} (created if missing): the member files
   * first, then manifest.json, then manifest.sha256, each through a temporary file moved into
   * place. Existing files of these names are replaced; other files are left alone.
   *
   * @throws IOException when a file cannot be written
   */
  public static void write(Path dir, MlpEnsemble model, ModelCard card) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(card, "card");
    Files.createDirectories(dir);
    MlpShape shape = model.shape();
    List<Object> files = new ArrayList<>();
    for (int k = 0; k < model.members(); k++) {
      String name = memberFile(k);
      byte[] bytes = WeightFile.encode(k, shape, model.parameters(k));
      replace(dir, name, bytes);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", name);
      f.put("bytes", (long) bytes.length);
      f.put("sha256", sha256(bytes));
      files.add(f);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("formatVersion", FORMAT_VERSION);
    m.put("layout", card.layout());
    m.put("channels", card.channels());
    m.put("frameSeconds", Json.number(card.frameSeconds()));
    m.put("history", card.history());
    List<Object> parameters = new ArrayList<>();
    for (FittedParameter p : card.parameters()) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("path", p.path());
      q.put("unit", p.unit());
      q.put("nominal", Json.number(p.nominal()));
      q.put("value", Json.number(p.value()));
      q.put("stdError", Json.number(p.stdError()));
      parameters.add(q);
    }
    m.put("parameters", parameters);
    m.put("training", numbers(card.training()));
    m.put("metrics", numbers(card.metrics()));
    m.put("featureNames", model.featureNames());
    m.put("outputNames", model.outputNames());
    Map<String, Object> norm = new LinkedHashMap<>();
    norm.put("featureMean", list(model.featureScaling().mean()));
    norm.put("featureStd", list(model.featureScaling().std()));
    norm.put("outputMean", list(model.outputScaling().mean()));
    norm.put("outputStd", list(model.outputScaling().std()));
    m.put("normalisers", norm);
    Map<String, Object> arch = new LinkedHashMap<>();
    arch.put("type", "mlp");
    arch.put("layerSizes", ints(shape.sizes()));
    arch.put("hiddenActivation", "tanh");
    arch.put("outputActivation", "linear");
    arch.put("members", model.members());
    arch.put("weights", "float32");
    arch.put("description", model.architecture());
    m.put("architecture", arch);
    m.put("files", files);
    byte[] manifest = (Json.write(m) + "\n").getBytes(StandardCharsets.UTF_8);
    replace(dir, MANIFEST, manifest);
    replace(dir, MANIFEST_SHA256, (sha256(manifest) + "  " + MANIFEST + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Reads the model in {@code dir}, checking the manifest's checksum, format and version, and every
   * member file's length, checksum and structure.
   *
   * @throws ModelFileException naming the file and the problem when the directory is refused
   * @throws IOException        when a file cannot be read
   */
  public static LoadedModel read(Path dir) throws IOException {
    return read(dir, null);
  }

  /**
   * As {@link #read(Path)}, and also refuses a model whose card's channels are not exactly
   * {@code expectedChannels} (the message names the first channel that differs, expected and found,
   * and both counts).
   *
   * @param expectedChannels the layout's channels as {@code name [unit]}, in order; null: no check
   * @throws ModelFileException naming the file and the problem when the directory is refused
   * @throws IOException        when a file cannot be read
   */
  public static LoadedModel read(Path dir, List<String> expectedChannels) throws IOException {
    Objects.requireNonNull(dir, "dir");
    byte[] shaFile = readFile(dir, MANIFEST_SHA256);
    String shaText = new String(shaFile, StandardCharsets.US_ASCII);
    String expectedSha = shaText.length() >= 64 ? shaText.substring(0, 64) : shaText.strip();
    if (!expectedSha.matches("[0-9a-f]{64}")) {
      throw new ModelFileException(MANIFEST_SHA256, "malformed: expected 64 lower-case hex digits, found '"
          + abbreviate(shaText.strip()) + "' (" + shaFile.length + " bytes)");
    }
    byte[] manifestBytes = readFile(dir, MANIFEST);
    String actualSha = sha256(manifestBytes);
    if (!actualSha.equals(expectedSha)) {
      throw new ModelFileException(MANIFEST, "SHA-256 mismatch: " + MANIFEST_SHA256 + " says " + expectedSha
          + ", the file's is " + actualSha + " (" + manifestBytes.length + " bytes; changed or truncated)");
    }
    Manifest m = new Manifest(parseManifest(manifestBytes));
    String format = m.string(m.root, "format");
    if (!format.equals(FORMAT)) {
      throw m.error("unknown format '" + format + "', expected '" + FORMAT + "'");
    }
    double version = m.number(m.root, "formatVersion");
    if (version > FORMAT_VERSION) {
      throw m.error("formatVersion " + m.root.get("formatVersion") + " is newer than this reader understands ("
          + FORMAT_VERSION + "); read it with a newer FactoryTwin");
    }
    if (version != FORMAT_VERSION) {
      throw m.error("formatVersion " + m.root.get("formatVersion") + " is not a known version (" + FORMAT_VERSION + ")");
    }
    ModelCard card = m.card();
    if (expectedChannels != null) checkSchema(expectedChannels, card.channels());
    List<String> featureNames = m.strings(m.root, "featureNames");
    List<String> outputNames = m.strings(m.root, "outputNames");
    Map<String, Object> norm = m.object(m.root, "normalisers");
    Map<String, Object> arch = m.object(m.root, "architecture");
    String type = m.string(arch, "type");
    String hiddenActivation = m.string(arch, "hiddenActivation");
    String outputActivation = m.string(arch, "outputActivation");
    String weights = m.string(arch, "weights");
    if (!type.equals("mlp") || !hiddenActivation.equals("tanh") || !outputActivation.equals("linear")
        || !weights.equals("float32")) {
      throw m.error("unsupported architecture: type '" + type + "', hiddenActivation '" + hiddenActivation
          + "', outputActivation '" + outputActivation + "', weights '" + weights
          + "'; this reader knows 'mlp', 'tanh', 'linear', 'float32'");
    }
    List<Object> sizeList = m.list(arch, "layerSizes");
    int[] sizes = new int[sizeList.size()];
    for (int i = 0; i < sizes.length; i++) sizes[i] = m.integer(sizeList.get(i), "architecture.layerSizes[" + i + "]");
    int members = m.integer(arch.get("members"), "architecture.members");
    MlpShape shape;
    Standardiser featureScaling, outputScaling;
    try {
      shape = new MlpShape(sizes);
      featureScaling = Standardiser.of("normalisers.feature", m.doubles(norm, "featureMean"), m.doubles(norm, "featureStd"));
      outputScaling = Standardiser.of("normalisers.output", m.doubles(norm, "outputMean"), m.doubles(norm, "outputStd"));
    } catch (IllegalArgumentException e) {
      throw m.error(e.getMessage());
    }
    if (!(members >= 1)) throw m.error("architecture.members: " + members + ", must be ≥ 1");
    List<Object> files = m.list(m.root, "files");
    if (files.size() != members) {
      throw m.error("lists " + files.size() + " files, architecture.members is " + members);
    }
    List<float[]> parameters = new ArrayList<>();
    for (int k = 0; k < members; k++) {
      Map<String, Object> f = m.object(files.get(k), "files[" + k + "]");
      String name = m.string(f, "name");
      Matcher mm = MEMBER_FILE.matcher(name);
      if (!mm.matches() || Integer.parseInt(mm.group(1)) != k) {
        throw m.error("files[" + k + "].name is '" + abbreviate(name) + "', expected '" + memberFile(k) + "'");
      }
      double bytes = m.number(f, "bytes");
      String sha = m.string(f, "sha256");
      byte[] data = readFile(dir, name);
      if (data.length != bytes) {
        throw new ModelFileException(name, (data.length < bytes ? "truncated: " : "too long: ") + data.length
            + " bytes, " + MANIFEST + " says " + (long) bytes);
      }
      String actual = sha256(data);
      if (!actual.equals(sha)) {
        throw new ModelFileException(name, "SHA-256 mismatch: " + MANIFEST + " says " + sha + ", the file's is "
            + actual);
      }
      try {
        parameters.add(WeightFile.decode(data, k, shape));
      } catch (WeightFile.FormatException e) {
        throw new ModelFileException(name, e.getMessage());
      }
    }
    try {
      MlpEnsemble model = new MlpEnsemble(featureNames, outputNames, shape, featureScaling, outputScaling, parameters);
      return new LoadedModel(model, card);
    } catch (IllegalArgumentException e) {
      throw m.error("inconsistent: " + e.getMessage());
    }
  }

  private static void checkSchema(List<String> expected, List<String> found) throws ModelFileException {
    if (expected.equals(found)) return;
    int i = 0;
    while (i < expected.size() && i < found.size() && expected.get(i).equals(found.get(i))) i++;
    String e = i < expected.size() ? "'" + expected.get(i) + "'" : "none";
    String f = i < found.size() ? "'" + found.get(i) + "'" : "none";
    throw new ModelFileException(MANIFEST, "schema mismatch at channel " + i + ": expected " + e + ", found " + f
        + " (expected " + expected.size() + " channels, found " + found.size() + ")");
  }

  private static String memberFile(int k) {
    return "member-" + k + ".bin";
  }

  private static byte[] readFile(Path dir, String name) throws IOException {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (NoSuchFileException e) {
      throw new ModelFileException(name, "missing in " + dir);
    }
  }

  private static void replace(Path dir, String name, byte[] bytes) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    Files.write(tmp, bytes);
    try {
      Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static Map<String, Object> numbers(Map<String, Double> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : new TreeMap<>(m).entrySet()) out.put(e.getKey(), Json.number(e.getValue()));
    return out;
  }

  private static List<Object> list(double[] v) {
    List<Object> out = new ArrayList<>(v.length);
    for (double d : v) out.add(Json.number(d));
    return out;
  }

  private static List<Object> ints(int[] v) {
    List<Object> out = new ArrayList<>(v.length);
    for (int i : v) out.add(i);
    return out;
  }

  private static Map<String, Object> parseManifest(byte[] bytes) throws ModelFileException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ModelFileException(MANIFEST, "not UTF-8 text: " + e.getMessage());
    }
    Object v;
    try {
      v = Json.parse(text);
    } catch (Json.ParseException e) {
      throw new ModelFileException(MANIFEST, "malformed JSON " + e.getMessage());
    }
    if (!(v instanceof Map<?, ?>)) throw new ModelFileException(MANIFEST, "not a JSON object");
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) v;
    return root;
  }

  /** Typed access to the parsed manifest, refusing with the field's name. */
  private static final class Manifest {
    final Map<String, Object> root;

    Manifest(Map<String, Object> root) {
      this.root = root;
    }

    ModelFileException error(String problem) {
      return new ModelFileException(MANIFEST, problem);
    }

    Object field(Map<String, Object> m, String name) throws ModelFileException {
      if (!m.containsKey(name)) throw error("field '" + name + "' is missing");
      return m.get(name);
    }

    String string(Map<String, Object> m, String name) throws ModelFileException {
      Object v = field(m, name);
      if (!(v instanceof String s)) throw error("field '" + name + "' is " + kind(v) + ", must be a string");
      return s;
    }

    /** A number, or one of the strings "NaN", "Infinity", "-Infinity". */
    double number(Map<String, Object> m, String name) throws ModelFileException {
      return number(field(m, name), name);
    }

    double number(Object v, String name) throws ModelFileException {
      if (v instanceof Double d) return d;
      if (v instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
        return Double.parseDouble(s);
      }
      throw error("field '" + name + "' is " + kind(v) + ", must be a number");
    }

    int integer(Object v, String name) throws ModelFileException {
      double d = number(v, name);
      if (!(d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE)) {
        throw error("field '" + name + "' is " + d + ", must be an integer");
      }
      return (int) d;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object v, String name) throws ModelFileException {
      if (!(v instanceof Map<?, ?>)) throw error("field '" + name + "' is " + kind(v) + ", must be an object");
      return (Map<String, Object>) v;
    }

    Map<String, Object> object(Map<String, Object> m, String name) throws ModelFileException {
      return object(field(m, name), name);
    }

    @SuppressWarnings("unchecked")
    List<Object> list(Map<String, Object> m, String name) throws ModelFileException {
      Object v = field(m, name);
      if (!(v instanceof List<?>)) throw error("field '" + name + "' is " + kind(v) + ", must be an array");
      return (List<Object>) v;
    }

    List<String> strings(Map<String, Object> m, String name) throws ModelFileException {
      List<String> out = new ArrayList<>();
      List<Object> l = list(m, name);
      for (int i = 0; i < l.size(); i++) {
        if (!(l.get(i) instanceof String s)) {
          throw error("field '" + name + "[" + i + "]' is " + kind(l.get(i)) + ", must be a string");
        }
        out.add(s);
      }
      return out;
    }

    double[] doubles(Map<String, Object> m, String name) throws ModelFileException {
      List<Object> l = list(m, name);
      double[] out = new double[l.size()];
      for (int i = 0; i < out.length; i++) out[i] = number(l.get(i), name + "[" + i + "]");
      return out;
    }

    Map<String, Double> numberMap(Map<String, Object> m, String name) throws ModelFileException {
      Map<String, Double> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : object(m, name).entrySet()) {
        out.put(e.getKey(), number(e.getValue(), name + "." + e.getKey()));
      }
      return out;
    }

    ModelCard card() throws ModelFileException {
      List<FittedParameter> parameters = new ArrayList<>();
      List<Object> ps = list(root, "parameters");
      for (int i = 0; i < ps.size(); i++) {
        Map<String, Object> p = object(ps.get(i), "parameters[" + i + "]");
        parameters.add(new FittedParameter(string(p, "path"), string(p, "unit"), number(p, "nominal"),
            number(p, "value"), number(p, "stdError")));
      }
      return new ModelCard(string(root, "layout"), strings(root, "channels"), number(root, "frameSeconds"),
          integer(field(root, "history"), "history"), parameters, numberMap(root, "training"),
          numberMap(root, "metrics"));
    }

    private static String kind(Object v) {
      if (v == null) return "null";
      if (v instanceof String) return "a string";
      if (v instanceof Double) return "a number";
      if (v instanceof Boolean) return "a boolean";
      if (v instanceof List) return "an array";
      return "an object";
    }
  }
}
