package io.factorytwin.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.factorytwin.core.layout.Layout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Opens a replay in headless Chromium (Debian's {@code chromium}) over the DevTools protocol: the
 * page loads with no console error, no uncaught exception and no request leaving the file, the
 * picture is not blank, and scrubbing the time slider changes it.
 *
 * <p>Skipped, with a message, only when Chromium is absent and the environment variable CI is not
 * set; under CI a missing browser fails. The browser is found at {@code -Dfactorytwin.chromium} or
 * /usr/bin/chromium. The screenshots are left in target/browser-test/ to look at.
 */
class ReplayBrowserTest {

  static Path chromiumOrSkip() {
    Path exe = Paths.get(System.getProperty("factorytwin.chromium", "/usr/bin/chromium"));
    if (!Files.isExecutable(exe)) {
      String ci = System.getenv("CI");
      if (ci != null && !ci.isEmpty()) {
        fail("CI=" + ci + " but no Chromium at " + exe + ": .ci/run installs Debian's chromium package before the build");
      }
      Assumptions.abort("no Chromium at " + exe + " (apt-get install chromium, or -Dfactorytwin.chromium=PATH); "
          + "browser test skipped outside CI");
    }
    return exe;
  }

  @Test
  void replayLoadsWithoutErrorsDrawsAndScrubbingChangesThePicture() throws Exception {
    Path exe = chromiumOrSkip();
    Layout layout = TestScenes.layout();
    ReplayRecorder rec = TestScenes.run(layout, 1.0 / 30);
    Path dir = Paths.get("target", "browser-test").toAbsolutePath();
    Files.createDirectories(dir);
    Path html = ReplayPage.builder(layout).title("browser test").recording(rec)
        .track(rec.track("box1", "twin")).predicted(TestScenes.prediction())
        .event(new ReplayEvent(1.0, "walkway intrusion", "walkway"))
        .build().write(dir.resolve("replay.html"));

    try (HeadlessChromium browser = HeadlessChromium.launch(exe, 1000, 700)) {
      browser.open(html.toUri().toString());
      Object drawn = browser.evaluate("window.factoryTwinReplay ? window.factoryTwinReplay.drawn() : 0");
      assertTrue(((Number) drawn).doubleValue() >= 1, "the viewer drew a frame: " + drawn);
      Object webgl = browser.evaluate("(function(){const c=document.querySelector('#view canvas');"
          + "return c ? (c.getContext('webgl2') || c.getContext('webgl')) !== null : false;})()");
      assertEquals(Boolean.TRUE, webgl, "the canvas has a WebGL context");

      byte[] first = browser.screenshot();
      Files.write(dir.resolve("at-0s.png"), first);
      Object t = browser.evaluate("(function(){const s=document.getElementById('time');"
          + "s.value=String(Math.round(Number(s.max)*0.375)); s.dispatchEvent(new Event('input'));"
          + "return window.factoryTwinReplay.time();})()");
      assertEquals(1.5, ((Number) t).doubleValue(), 1e-9, "the slider sets the replay's time");
      String clock = (String) browser.evaluate("document.getElementById('clock').textContent");
      assertEquals("1.500 / 4.000 s", clock);
      byte[] second = browser.screenshot();
      Files.write(dir.resolve("at-1.5s.png"), second);

      BufferedImage a = ImageIO.read(new ByteArrayInputStream(first));
      BufferedImage b = ImageIO.read(new ByteArrayInputStream(second));
      assertEquals(1000, a.getWidth());
      assertEquals(700, a.getHeight());
      // the 3D view is the area above the 64 px control bar
      double spread = lumaStd(a, 0, 0, a.getWidth(), a.getHeight() - 64);
      assertTrue(spread > 8, "the 3D view is not blank: luma standard deviation " + spread);
      double changed = changedFraction(a, b, a.getHeight() - 64);
      assertTrue(changed > 0.002, "scrubbing changed the picture: " + changed + " of the pixels");
      assertTrue(changed < 0.5, "scrubbing moved the bodies, not the whole view: " + changed);

      assertEquals(List.of(), browser.errors(), "console errors and exceptions");
      assertEquals(List.of(), browser.externalRequests(), "requests that left the file");
    }
  }

  static double lumaStd(BufferedImage img, int x0, int y0, int w, int h) {
    double sum = 0, sum2 = 0;
    long n = 0;
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        int rgb = img.getRGB(x, y);
        double l = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
        sum += l;
        sum2 += l * l;
        n++;
      }
    }
    double mean = sum / n;
    return Math.sqrt(Math.max(0, sum2 / n - mean * mean));
  }

  static double changedFraction(BufferedImage a, BufferedImage b, int height) {
    long changed = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y), q = b.getRGB(x, y);
        int d = Math.abs(((p >> 16) & 255) - ((q >> 16) & 255)) + Math.abs(((p >> 8) & 255) - ((q >> 8) & 255))
            + Math.abs((p & 255) - (q & 255));
        if (d > 24) changed++;
      }
    }
    return changed / (double) (a.getWidth() * height);
  }

}
