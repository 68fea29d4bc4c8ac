package io.factorytwin.physics.internal.collide;

import static io.factorytwin.physics.internal.collide.GeometryOracleTest.IDENTITY;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.apply;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.boxPlanes;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.cylinderDistance;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.randomRot;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.randomUnit;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.rot;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.physics.internal.collide.GeometryOracleTest.Contact;
import io.factorytwin.physics.internal.collide.GeometryOracleTest.Recorder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SphereContactTest {
  private final Collider collider = new Collider();
  private final Recorder rec = new Recorder();

  private static void assertContact(Contact c, double px, double py, double pz, double nx, double ny, double nz,
      double depth) {
    assertEquals(depth, c.depth, 1e-12, "depth " + c);
    assertEquals(nx, c.nx, 1e-12, "nx " + c);
    assertEquals(ny, c.ny, 1e-12, "ny " + c);
    assertEquals(nz, c.nz, 1e-12, "nz " + c);
    assertEquals(px, c.px, 1e-12, "px " + c);
    assertEquals(py, c.py, 1e-12, "py " + c);
    assertEquals(pz, c.pz, 1e-12, "pz " + c);
  }

  @Test
  void overlappingSpheresGiveTheMidpointBetweenTheirSurfaces() {
    assertEquals(1, collider.sphereSphere(v(0, 0, 0.9), 0.5, v(0, 0, 0), 0.5, 0, rec));
    assertContact(rec.get(0), 0, 0, 0.45, 0, 0, 1, 0.1);
    rec.clear();
    // Unequal radii: A's deepest point at x = 1.2 - 1 = 0.2, B's at 0.3, midway 0.25.
    assertEquals(1, collider.sphereSphere(v(1.2, 0, 0), 1, v(0, 0, 0), 0.3, 0, rec));
    assertContact(rec.get(0), 0.25, 0, 0, 1, 0, 0, 0.1);
  }

  @Test
  void coincidentSpheresSeparateAlongPlusZ() {
    assertEquals(1, collider.sphereSphere(v(1, 2, 3), 0.5, v(1, 2, 3), 0.25, 0, rec));
    Contact c = rec.get(0);
    assertEquals(1, c.nz, 0);
    assertEquals(0.75, c.depth, 1e-12);
    assertTrue(Double.isFinite(c.px + c.py + c.pz));
  }

  @Test
  void spheresApartBeyondTheMarginGiveNothing() {
    assertEquals(0, collider.sphereSphere(v(0, 0, 1.1), 0.5, v(0, 0, 0), 0.5, 0.05, rec));
    assertEquals(1, collider.sphereSphere(v(0, 0, 1.04), 0.5, v(0, 0, 0), 0.5, 0.05, rec));
    assertEquals(-0.04, rec.get(0).depth, 1e-12);
  }

  @Test
  void sphereOutsideABoxFaceTouchesTheFace() {
    assertEquals(1, collider.sphereBox(v(0.2, 0.1, 0.75), 0.3, v(0, 0, 0), IDENTITY, v(0.5, 0.5, 0.5), 0, rec));
    assertContact(rec.get(0), 0.2, 0.1, 0.475, 0, 0, 1, 0.05);
  }

  @Test
  void sphereOnABoxEdgeTouchesTheEdge() {
    double s = 0.2 / Math.sqrt(2);
    assertEquals(1, collider.sphereBox(v(0.5 + s, 0.1, 0.5 + s), 0.25, v(0, 0, 0), IDENTITY,
        v(0.5, 0.5, 0.5), 0, rec));
    double k = Math.sqrt(0.5);
    assertContact(rec.get(0), 0.5 - 0.025 * k, 0.1, 0.5 - 0.025 * k, k, 0, k, 0.05);
  }

  @Test
  void sphereOnABoxCornerTouchesTheCorner() {
    double s = 0.2 / Math.sqrt(3);
    assertEquals(1, collider.sphereBox(v(-0.5 - s, 0.5 + s, -0.5 - s), 0.25, v(0, 0, 0), IDENTITY,
        v(0.5, 0.5, 0.5), 0, rec));
    double k = 1 / Math.sqrt(3);
    assertContact(rec.get(0), -0.5 + 0.025 * k, 0.5 - 0.025 * k, -0.5 + 0.025 * k, -k, k, -k, 0.05);
  }

  @Test
  void sphereCentreInsideABoxLeavesThroughTheNearestFace() {
    assertEquals(1, collider.sphereBox(v(0.1, -0.4, 0.2), 0.2, v(0, 0, 0), IDENTITY, v(0.5, 0.5, 0.5), 0, rec));
    // Nearest face is -y, 0.1 away: depth = 0.2 + 0.1, box surface point (0.1, -0.5, 0.2).
    assertContact(rec.get(0), 0.1, -0.5 + 0.15, 0.2, 0, -1, 0, 0.3);
  }

  @Test
  void sphereCentreAtTheBoxCentreGivesAFiniteAnswer() {
    assertEquals(1, collider.sphereBox(v(1, 1, 1), 0.1, v(1, 1, 1), rot(1, 2, 3, 0.4), v(0.5, 0.3, 0.7), 0,
        rec));
    Contact c = rec.get(0);
    assertEquals(0.4, c.depth, 1e-12, "leaves through the nearest (y) face");
    assertEquals(1, Math.sqrt(c.nx * c.nx + c.ny * c.ny + c.nz * c.nz), 1e-12);
  }

  @Test
  void sphereBoxFeatureStaysWhenTheCentreCrossesTheFace() {
    collider.sphereBox(v(0.1, 0.1, 0.51), 0.3, v(0, 0, 0), IDENTITY, v(0.5, 0.5, 0.5), 0, rec);
    collider.sphereBox(v(0.1, 0.1, 0.49), 0.3, v(0, 0, 0), IDENTITY, v(0.5, 0.5, 0.5), 0, rec);
    assertEquals(rec.get(0).feature, rec.get(1).feature);
    collider.sphereBox(v(0.6, 0.1, 0.6), 0.3, v(0, 0, 0), IDENTITY, v(0.5, 0.5, 0.5), 0, rec);
    assertNotEquals(rec.get(0).feature, rec.get(2).feature, "an edge is another feature");
  }

  @Test
  void sphereBoxAgreesWithTheBoxDistanceOnRotatedBoxes() {
    Random rnd = new Random(11);
    for (int i = 0; i < 500; i++) {
      double[] rotB = randomRot(rnd);
      double[] half = v(0.1 + rnd.nextDouble(), 0.1 + rnd.nextDouble(), 0.1 + rnd.nextDouble());
      double[] posB = v(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble());
      double[] posS = v(posB[0] + 3 * rnd.nextDouble() - 1.5, posB[1] + 3 * rnd.nextDouble() - 1.5,
          posB[2] + 3 * rnd.nextDouble() - 1.5);
      double radius = 0.05 + 0.5 * rnd.nextDouble();
      rec.clear();
      int n = collider.sphereBox(posS, radius, posB, rotB, half, 0.1, rec);
      if (n == 0) {
        continue;
      }
      Contact c = rec.get(0);
      double[] onB = c.onB();
      double[] onA = c.onA();
      assertEquals(0, boxPlanes(posB, rotB, half, onB), 1e-9, "on the box surface");
      double sdA = Math.sqrt(Math.pow(onA[0] - posS[0], 2) + Math.pow(onA[1] - posS[1], 2)
          + Math.pow(onA[2] - posS[2], 2)) - radius;
      assertEquals(0, sdA, 1e-9, "on the sphere surface");
      // The normal is the direction from the box surface point to the centre (or its opposite inside).
      double[] toCentre = v(posS[0] - onB[0], posS[1] - onB[1], posS[2] - onB[2]);
      double along = toCentre[0] * c.nx + toCentre[1] * c.ny + toCentre[2] * c.nz;
      assertEquals(radius - c.depth, along, 1e-9);
    }
  }

  @Test
  void sphereAgainstACylinderSideCapAndRim() {
    double[] pos = v(0, 0, 0);
    // Side: centre at x = 0.6, cylinder radius 0.5, sphere radius 0.2.
    assertEquals(1, collider.sphereCylinder(v(0.6, 0, 0.3), 0.2, pos, IDENTITY, 0.5, 1, 0, rec));
    assertContact(rec.get(0), 0.45, 0, 0.3, 1, 0, 0, 0.1);
    assertEquals(0, rec.get(0).feature);
    rec.clear();
    // Cap.
    assertEquals(1, collider.sphereCylinder(v(0.1, 0.2, 1.15), 0.2, pos, IDENTITY, 0.5, 1, 0, rec));
    assertContact(rec.get(0), 0.1, 0.2, 0.975, 0, 0, 1, 0.05);
    assertEquals(1, rec.get(0).feature);
    rec.clear();
    // Rim at the bottom: 45 degrees out and down from the rim point (0, 0.5, -1).
    double s = 0.1 / Math.sqrt(2);
    assertEquals(1, collider.sphereCylinder(v(0, 0.5 + s, -1 - s), 0.2, pos, IDENTITY, 0.5, 1, 0, rec));
    double k = Math.sqrt(0.5);
    assertContact(rec.get(0), 0, 0.5 - 0.05 * k, -1 + 0.05 * k, 0, k, -k, 0.1);
    assertEquals(4, rec.get(0).feature);
  }

  @Test
  void sphereCentreInsideACylinderLeavesThroughTheNearerSurface() {
    double[] pos = v(0, 0, 0);
    assertEquals(1, collider.sphereCylinder(v(0, 0.4, 0), 0.1, pos, IDENTITY, 0.5, 1, 0, rec));
    assertContact(rec.get(0), 0, 0.5 - 0.1, 0, 0, 1, 0, 0.2);
    rec.clear();
    assertEquals(1, collider.sphereCylinder(v(0.1, 0, -0.95), 0.1, pos, IDENTITY, 0.5, 1, 0, rec));
    assertContact(rec.get(0), 0.1, 0, -1 + 0.075, 0, 0, -1, 0.15);
    rec.clear();
    assertEquals(1, collider.sphereCylinder(v(0, 0, 0), 0.1, pos, IDENTITY, 0.5, 1, 0, rec));
    Contact c = rec.get(0);
    assertEquals(0.6, c.depth, 1e-12, "on the axis: out through the side, 0.5 away");
    assertTrue(Double.isFinite(c.nx + c.ny + c.nz + c.px + c.py + c.pz));
  }

  @Test
  void sphereCylinderAgreesWithTheExactCylinderDistance() {
    Random rnd = new Random(12);
    int reported = 0;
    for (int i = 0; i < 500; i++) {
      double[] rotC = randomRot(rnd);
      double[] posC = v(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble());
      double rc = 0.1 + rnd.nextDouble();
      double hc = 0.1 + rnd.nextDouble();
      double[] dir = randomUnit(rnd);
      double dist = 2.5 * rnd.nextDouble();
      double[] posS = v(posC[0] + dir[0] * dist, posC[1] + dir[1] * dist, posC[2] + dir[2] * dist);
      double radius = 0.05 + 0.5 * rnd.nextDouble();
      rec.clear();
      int n = collider.sphereCylinder(posS, radius, posC, rotC, rc, hc, 0.05, rec);
      double sd = cylinderDistance(posC, rotC, rc, hc, posS);
      if (sd - radius > 0.05 + 1e-9) {
        assertEquals(0, n);
        continue;
      }
      assertEquals(1, n);
      reported++;
      Contact c = rec.get(0);
      assertEquals(radius - sd, c.depth, 1e-9, "depth is radius minus the signed distance of the centre");
      assertEquals(0, cylinderDistance(posC, rotC, rc, hc, c.onB()), 1e-9, "on the cylinder surface");
    }
    assertTrue(reported > 100);
  }

  @Test
  void sphereFarFromACylinderGivesNothing() {
    double[] up = apply(rot(1, 0, 0, 0.3), 0, 0, 1);
    assertEquals(0, collider.sphereCylinder(v(up[0] * 2, up[1] * 2, up[2] * 2), 0.5, v(0, 0, 0),
        rot(1, 0, 0, 0.3), 0.5, 1, 0.4, rec));
  }
}
