package io.factorytwin.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.examples.plots.Plots;
import io.factorytwin.model.internal.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Checks of what the examples write: figures that decode and are not blank, replays that carry their data. */
public final class OutputChecks {
  private static final Pattern DATA =
      Pattern.compile("<script type=\"application/json\" id=\"replay-data\">(.*?)</script>", Pattern.DOTALL);

  private OutputChecks() {}

  /** Reads a PNG and checks what every figure must be: decodable, of the declared size, not blank. */
  public static BufferedImage figure(Path png) throws IOException {
    assertTrue(Files.isRegularFile(png), png + " exists");
    BufferedImage img = ImageIO.read(png.toFile());
    assertTrue(img != null, png + " decodes as an image");
    assertEquals(Plots.WIDTH, img.getWidth(), png + " width");
    assertEquals(Plots.HEIGHT, img.getHeight(), png + " height");
    double dark = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        if (((p >> 16) & 255) + ((p >> 8) & 255) + (p & 255) < 300) dark++;
      }
    }
    double share = dark / (img.getWidth() * img.getHeight());
    assertTrue(share > 0.005 && share < 0.5, png + ": share of dark pixels (lines, text) " + share);
    return img;
  }

  /**
   * Reads a replay page and returns its embedded data, after checking that it is a complete page
   * with three.js inlined and data of format factorytwin-replay v1.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> replay(Path html) throws IOException, Json.ParseException {
    assertTrue(Files.isRegularFile(html), html + " exists");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.startsWith("<!DOCTYPE html>") && page.trim().endsWith("</html>"), html + " is a whole page");
    assertTrue(page.contains("const REVISION = '181'"), html + " carries three.js");
    Matcher m = DATA.matcher(page);
    assertTrue(m.find(), html + " holds #replay-data");
    Map<String, Object> d = (Map<String, Object>) Json.parse(m.group(1));
    assertEquals("factorytwin-replay", d.get("format"));
    return d;
  }

  /** Number of recorded frames of a replay's data. */
  @SuppressWarnings("unchecked")
  public static int frames(Map<String, Object> data) {
    Object times = ((Map<String, Object>) data.get("frames")).get("times");
    return times == null ? 0 : ((List<Object>) times).size();
  }

  /** The labels of a replay's events, in time order. */
  @SuppressWarnings("unchecked")
  public static List<String> events(Map<String, Object> data) {
    return ((List<Object>) data.get("events")).stream().map(e -> (String) ((Map<String, Object>) e).get("label")).toList();
  }

  /** The ids of a replay's bodies. */
  @SuppressWarnings("unchecked")
  public static List<String> bodies(Map<String, Object> data) {
    return ((List<Object>) data.get("bodies")).stream().map(e -> (String) ((Map<String, Object>) e).get("id")).toList();
  }
}
