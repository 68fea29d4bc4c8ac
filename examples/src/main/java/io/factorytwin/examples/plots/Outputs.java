package io.factorytwin.examples.plots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the examples write their pictures and replays: {@code <root>/<example>/}, the root being
 * the system property {@code factorytwin.out} when set (for example
 * {@code ./mvnw -q -pl examples exec:java -Dfactorytwin.out=/tmp/ft}) and
 * {@code target/factorytwin-out} of the working directory otherwise.
 *
 * <p>Stateless and thread-safe.
 */
public final class Outputs {
  /** System property naming the root folder. */
  public static final String PROPERTY = "factorytwin.out";

  private Outputs() {}

  /**
   * The folder of {@code example} (a plain name such as "crane-anti-sway"), created if missing.
   *
   * @throws IllegalArgumentException when the name is not letters, digits and dashes
   * @throws UncheckedIOException when the folder cannot be created
   */
  public static Path folder(String example) {
    if (example == null || !example.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("output folder: example name " + example + ", must be letters, digits and '-'");
    }
    Path root = Path.of(System.getProperty(PROPERTY, "target/factorytwin-out"));
    Path dir = root.resolve(example).toAbsolutePath().normalize();
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("output folder " + dir + ": cannot create it", e);
    }
  }
}
