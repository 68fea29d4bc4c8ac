package io.factorytwin.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ThreeJsTest {
  /** SHA-256 of build/three.cjs in org.webjars.npm:three:0.181.1; a different file fails the build. */
  static final String PINNED_SHA256 = "63021339bf2eda73c2c441775339244b85f3d94518d25b791ec36a0ba22330fe";

  @Test
  void bundledThreeJsIsThePinnedFileWithItsLicence() throws Exception {
    byte[] src = ThreeJs.source().getBytes(StandardCharsets.UTF_8);
    assertEquals(PINNED_SHA256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(src)));
    String licence = ReplayPage.resource("three/LICENSE");
    assertTrue(licence.contains("The MIT License") && licence.contains("three.js authors"), licence);
  }
}
