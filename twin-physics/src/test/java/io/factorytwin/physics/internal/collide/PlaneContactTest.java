package io.factorytwin.physics.internal.collide;

import static io.factorytwin.physics.internal.collide.GeometryOracleTest.IDENTITY;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.apply;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.mul;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.randomRot;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.randomUnit;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.rot;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.physics.internal.collide.GeometryOracleTest.Contact;
import io.factorytwin.physics.internal.collide.GeometryOracleTest.Recorder;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaneContactTest {
  private final Collider collider = new Collider();
  private final Recorder rec = new Recorder();
  private static final double[] UP = {0, 0, 1};

  private static double dot(double[] a, Contact c) {
    return a[0] * c.px + a[1] * c.py + a[2] * c.pz;
  }

  private void assertNormal(double[] n) {
    for (Contact c : rec.list) {
      assertEquals(n[0], c.nx, 1e-12);
      assertEquals(n[1], c.ny, 1e-12);
      assertEquals(n[2], c.nz, 1e-12);
    }
  }

  @Test
  void boxFlatOnATiltedPlaneGivesItsFourBottomCorners() {
    double[] tilt = rot(1, 0, 0, 0.35);
    double[] n = apply(tilt, 0, 0, 1);
    double offset = 0.7;
    double[] half = v(0.4, 0.3, 0.2);
    // Centre 0.2 - 0.01 above the plane along its normal: the bottom face sinks 0.01.
    double[] pos = v(n[0] * (offset + 0.19) + 0.1 * tilt[0], n[1] * (offset + 0.19) + 0.1 * tilt[3],
        n[2] * (offset + 0.19) + 0.1 * tilt[6]);
    int count = collider.boxPlane(pos, tilt, half, n, offset, 0.005, rec);
    assertEquals(4, count);
    assertEquals(Set.of(0, 1, 2, 3), rec.features(), "bottom corners have bit 2 clear");
    assertNormal(n);
    for (Contact c : rec.list) {
      assertEquals(0.01, c.depth, 1e-12);
      assertEquals(offset - 0.005, dot(n, c), 1e-12, "projected halfway onto the plane");
    }
  }

  @Test
  void boxOnACornerGivesOnePointWithTheCornerDepth() {
    // Rotate so that corner 0 (all minus) points straight down.
    double[] r = mul(rot(1, -1, 0, Math.acos(1 / Math.sqrt(3))), IDENTITY);
    double[] down = apply(r, -0.5, -0.5, -0.5);
    assertEquals(0, down[0], 1e-12);
    assertEquals(0, down[1], 1e-12);
    double lowest = down[2];
    int count = collider.boxPlane(v(2, 3, -lowest - 0.02), r, v(0.5, 0.5, 0.5), UP, 0, 0.01, rec);
    assertEquals(1, count);
    assertEquals(0, rec.get(0).feature);
    assertEquals(0.02, rec.get(0).depth, 1e-12);
    assertEquals(-0.01, rec.get(0).pz, 1e-12);
    assertEquals(2, rec.get(0).px, 1e-12);
  }

  @Test
  void thinBoxWithAllCornersInMarginKeepsTheDeepestFour() {
    double[] r = rot(0, 1, 0, 0.001); // a slight tilt makes the corners' depths distinct
    int count = collider.boxPlane(v(0, 0, 0.0005), r, v(1, 1, 0.001), UP, 0, 0.05, rec);
    assertEquals(4, count);
    double shallowestKept = Double.POSITIVE_INFINITY;
    for (Contact c : rec.list) {
      shallowestKept = Math.min(shallowestKept, c.depth);
    }
    // Every corner that was not reported is shallower than every corner that was.
    for (int corner = 0; corner < 8; corner++) {
      if (!rec.features().contains(corner)) {
        double[] p = apply(r, (corner & 1) != 0 ? 1 : -1, (corner & 2) != 0 ? 1 : -1,
            (corner & 4) != 0 ? 0.001 : -0.001);
        assertTrue(-(p[2] + 0.0005) <= shallowestKept);
      }
    }
  }

  @Test
  void boxAboveThePlaneBeyondTheMarginGivesNothing() {
    assertEquals(0, collider.boxPlane(v(0, 0, 0.56), IDENTITY, v(0.5, 0.5, 0.5), UP, 0, 0.05, rec));
    assertEquals(4, collider.boxPlane(v(0, 0, 0.54), IDENTITY, v(0.5, 0.5, 0.5), UP, 0, 0.05, rec));
    assertEquals(-0.04, rec.maxDepth(), 1e-12);
  }

  @Test
  void planeNormalIsNormalisedWithItsOffset() {
    int count = collider.boxPlane(v(0, 0, 0.49), IDENTITY, v(0.5, 0.5, 0.5), v(0, 0, 2), 0, 0, rec);
    assertEquals(4, count);
    assertNormal(UP);
    rec.clear();
    // 2z < 0.2 is the half-space z < 0.1.
    assertEquals(1, collider.spherePlane(v(0, 0, 0.55), 0.5, v(0, 0, 2), 0.2, 0, rec));
    assertEquals(0.05, rec.get(0).depth, 1e-12);
    rec.clear();
    assertEquals(0, collider.boxPlane(v(0, 0, 0), IDENTITY, v(0.5, 0.5, 0.5), v(0, 0, 0), 0, 0, rec));
  }

  @Test
  void sphereOnAPlaneGivesTheMidpointOfTheOverlap() {
    double[] n = apply(rot(0, 1, 0, 0.3), 0, 0, 1);
    double[] pos = v(1 + n[0] * 0.47, 2 + n[1] * 0.47, n[2] * 0.47);
    double offset = n[0] * 1 + n[1] * 2;
    assertEquals(1, collider.spherePlane(pos, 0.5, n, offset, 0, rec));
    Contact c = rec.get(0);
    assertEquals(0.03, c.depth, 1e-12);
    assertEquals(offset - 0.015, dot(n, c), 1e-12);
    assertNormal(n);
    assertEquals(0, collider.spherePlane(v(0, 0, 0.6), 0.5, UP, 0, 0.05, new Recorder()));
  }

  @Test
  void cylinderStandingOnAPlaneGivesFourRimPointsFixedToTheBody() {
    double spin = 0.3;
    double[] r = rot(0, 0, 1, spin);
    double radius = 0.4;
    int count = collider.cylinderPlane(v(1, -1, 0.99), r, radius, 1, UP, 0, 0.005, rec);
    assertEquals(4, count);
    assertEquals(Set.of(10, 11, 12, 13), rec.features());
    assertNormal(UP);
    for (Contact c : rec.list) {
      assertEquals(0.01, c.depth, 1e-12);
      assertEquals(-0.005, c.pz, 1e-12);
      double ang = spin + (c.feature - 10) * Math.PI / 2;
      assertEquals(1 + radius * Math.cos(ang), c.px, 1e-12);
      assertEquals(-1 + radius * Math.sin(ang), c.py, 1e-12);
    }
  }

  @Test
  void cylinderStandingOnItsOtherEndUsesThatRim() {
    double[] r = rot(1, 0, 0, Math.PI); // body +Z points down
    int count = collider.cylinderPlane(v(0, 0, 0.99), r, 0.4, 1, UP, 0, 0, rec);
    assertEquals(4, count);
    for (Contact c : rec.list) {
      assertEquals(0.01, c.depth, 1e-12);
    }
  }

  @Test
  void cylinderNearlyUprightStillGivesFourPointsWithExactDepths() {
    double tilt = 0.005;
    double[] r = rot(1, 0, 0, tilt);
    double radius = 0.4;
    double h = 1;
    double zc = h * Math.cos(tilt) - 0.01;
    int count = collider.cylinderPlane(v(0, 0, zc), r, radius, h, UP, 0, 0.1, rec);
    assertEquals(4, count);
    for (Contact c : rec.list) {
      int k = c.feature - 10;
      double[] p = apply(r, radius * Math.cos(k * Math.PI / 2), radius * Math.sin(k * Math.PI / 2), -h);
      assertEquals(-(zc + p[2]), c.depth, 1e-12);
    }
  }

  @Test
  void cylinderLyingOnItsSideGivesOneLowestPointPerEnd() {
    double[] r = rot(1, 0, 0, Math.PI / 2); // axis along -y
    int count = collider.cylinderPlane(v(0.5, 0, 0.39), r, 0.4, 1, UP, 0, 0.005, rec);
    assertEquals(2, count);
    assertEquals(Set.of(0, 1), rec.features());
    for (Contact c : rec.list) {
      assertEquals(0.01, c.depth, 1e-12);
      assertEquals(0.5, c.px, 1e-12);
      assertEquals(1, Math.abs(c.py), 1e-12);
      assertEquals(-0.005, c.pz, 1e-12);
    }
  }

  @Test
  void tiltedCylinderGivesItsLowestRimPointWithTheAnalyticDepth() {
    double theta = Math.PI / 6;
    double radius = 0.3;
    double h = 0.8;
    double[] r = rot(1, 0, 0, theta);
    double zc = 1.0;
    // The lower end centre is h cos(theta) below the centre, its lowest rim point r sin(theta) lower still.
    double lowest = zc - h * Math.cos(theta) - radius * Math.sin(theta);
    double offset = lowest + 0.02;
    int count = collider.cylinderPlane(v(0, 0, zc), r, radius, h, UP, offset, 0.01, rec);
    assertEquals(1, count, rec.toString());
    Contact c = rec.get(0);
    assertEquals(0, c.feature, "the end at body -Z");
    assertEquals(0.02, c.depth, 1e-12);
    double[] end = apply(r, 0, 0, -h);
    double[] radial = apply(r, 0, -1, 0); // body -Y tips down under a positive turn about X
    assertEquals(0, c.px, 1e-12);
    assertEquals(end[1] + radius * radial[1], c.py, 1e-12);
    assertEquals(offset - 0.01, c.pz, 1e-12);
  }

  @Test
  void cylinderPlaneDepthsMatchADenselySampledRim() {
    Random rnd = new Random(31);
    int tilted = 0;
    for (int i = 0; i < 1000; i++) {
      double[] r = randomRot(rnd);
      double radius = 0.05 + rnd.nextDouble();
      double h = 0.05 + rnd.nextDouble();
      double[] n = randomUnit(rnd);
      double[] pos = v(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
      // Lowest sampled point of each rim; the sampling step bounds its error by radius * (1 - cos(pi/3600)).
      double[] lowest = new double[2];
      for (int end = 0; end < 2; end++) {
        lowest[end] = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 3600; k++) {
          double a = 2 * Math.PI * k / 3600;
          double[] p = apply(r, radius * Math.cos(a), radius * Math.sin(a), end == 0 ? -h : h);
          lowest[end] = Math.min(lowest[end], n[0] * (pos[0] + p[0]) + n[1] * (pos[1] + p[1])
              + n[2] * (pos[2] + p[2]));
        }
      }
      double offset = Math.min(lowest[0], lowest[1]) + 0.05 * rnd.nextDouble();
      double margin = 0.02;
      rec.clear();
      collider.cylinderPlane(pos, r, radius, h, n, offset, margin, rec);
      double axisDotN = n[0] * r[2] + n[1] * r[5] + n[2] * r[8];
      if (Math.sqrt(1 - axisDotN * axisDotN) < 0.01) {
        continue; // standing: covered by the four-point tests
      }
      tilted++;
      for (int end = 0; end < 2; end++) {
        double depth = offset - lowest[end];
        boolean expected = depth >= -margin;
        boolean found = false;
        for (Contact c : rec.list) {
          if (c.feature == end) {
            found = true;
            assertEquals(depth, c.depth, 1e-6 * radius + 1e-12, "config " + i + " end " + end);
            assertEquals(offset - c.depth / 2, dot(n, c), 1e-9);
          }
        }
        if (Math.abs(depth + margin) > 1e-6) {
          assertEquals(expected, found, "config " + i + " end " + end + " depth " + depth);
        }
      }
    }
    assertTrue(tilted > 900);
  }

  @Test
  void boxPlaneReportsTheDeepestCornersExactly() {
    Random rnd = new Random(32);
    for (int i = 0; i < 1000; i++) {
      double[] r = randomRot(rnd);
      double[] half = v(0.05 + rnd.nextDouble(), 0.05 + rnd.nextDouble(), 0.05 + rnd.nextDouble());
      double[] n = randomUnit(rnd);
      double[] pos = v(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
      double[] depth = new double[8];
      for (int c = 0; c < 8; c++) {
        double[] p = apply(r, (c & 1) != 0 ? half[0] : -half[0], (c & 2) != 0 ? half[1] : -half[1],
            (c & 4) != 0 ? half[2] : -half[2]);
        depth[c] = -(n[0] * (pos[0] + p[0]) + n[1] * (pos[1] + p[1]) + n[2] * (pos[2] + p[2]));
      }
      double offset = rnd.nextGaussian();
      double margin = 0.1 * rnd.nextDouble();
      rec.clear();
      int count = collider.boxPlane(pos, r, half, n, offset, margin, rec);
      int within = 0;
      for (int c = 0; c < 8; c++) {
        if (offset + depth[c] >= -margin) {
          within++;
        }
      }
      assertEquals(Math.min(4, within), count, "config " + i);
      for (Contact c : rec.list) {
        assertEquals(offset + depth[c.feature], c.depth, 1e-12);
        for (int k = 0; k < 8; k++) {
          if (!rec.features().contains(k)) {
            assertTrue(depth[k] <= depth[c.feature] + 1e-15, "an unreported corner is no deeper");
          }
        }
      }
    }
  }
}
