package io.factorytwin.viewer;

import java.util.Locale;

/**
 * three.js as bundled in this jar at build time (the WebJar org.webjars.npm:three, file
 * build/three.cjs and its MIT licence), loaded once.
 *
 * <p>Thread-safe (lazy holder).
 */
final class ThreeJs {
  /** The three.js revision bundled; the build pins the WebJar version 0.{REVISION}.x. */
  static final String REVISION = "181";

  private ThreeJs() {}

  private static final class Holder {
    static final String SOURCE = load();
  }

  /** The CommonJS build, to be run with {@code exports} bound (see replay.html). */
  static String source() {
    return Holder.SOURCE;
  }

  private static String load() {
    String s = ReplayPage.resource("three/three.cjs");
    if (!s.contains("const REVISION = '" + REVISION + "'")) {
      throw new IllegalStateException("three.js bundled is not revision " + REVISION);
    }
    if (s.toLowerCase(Locale.ROOT).contains("</script")) {
      throw new IllegalStateException("three.js bundled contains </script and cannot be inlined");
    }
    return s;
  }
}
