package io.factorytwin.physics.internal.collide;

import static io.factorytwin.physics.internal.collide.GeometryOracleTest.IDENTITY;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.mul;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.rot;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.physics.internal.collide.GeometryOracleTest.Contact;
import io.factorytwin.physics.internal.collide.GeometryOracleTest.Recorder;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cylinders as 16-sided prisms against boxes and cylinders. */
class CylinderHullTest {
  private final Collider collider = new Collider();
  private final Recorder rec = new Recorder();

  private void assertAll(double nx, double ny, double nz, double depth) {
    for (Contact c : rec.list) {
      assertEquals(nx, c.nx, 1e-12, c.toString());
      assertEquals(ny, c.ny, 1e-12, c.toString());
      assertEquals(nz, c.nz, 1e-12, c.toString());
      assertEquals(depth, c.depth, 1e-12, c.toString());
    }
  }

  /** Area of the quadrilateral hull of the four recorded points seen from above. */
  private double quadArea() {
    double best = 0;
    int[][] orders = {{0, 1, 2, 3}, {0, 2, 1, 3}, {0, 1, 3, 2}};
    for (int[] o : orders) {
      double a = 0;
      for (int k = 0; k < 4; k++) {
        Contact p = rec.get(o[k]);
        Contact q = rec.get(o[(k + 1) % 4]);
        a += p.px * q.py - q.px * p.py;
      }
      best = Math.max(best, Math.abs(a) / 2);
    }
    return best;
  }

  @Test
  void cylinderStandingOnABoxGivesFourPointsOnItsRimSpanningTheDisc() {
    double r = 0.3;
    int n = collider.cylinderBox(v(0.1, -0.2, 0.5 + 0.6 - 0.004), rot(0, 0, 1, 0.2), r, 0.6, v(0, 0, 0),
        IDENTITY, v(1, 1, 0.5), 0, rec);
    assertEquals(4, n, rec.toString());
    assertAll(0, 0, 1, 0.004);
    for (Contact c : rec.list) {
      assertEquals(r, Math.hypot(c.px - 0.1, c.py + 0.2), 1e-12, "on the rim: " + c);
      assertEquals(0.498, c.pz, 1e-12);
    }
    // A square inscribed in the circle has area 2 r^2; the four points should come close to it.
    assertTrue(quadArea() > 0.9 * 2 * r * r, "area " + quadArea());
  }

  @Test
  void cylinderStandingOnASmallerBoxGivesTheBoxTopCorners() {
    int n = collider.cylinderBox(v(0, 0, 0.2 + 0.5 - 0.01), IDENTITY, 1.0, 0.5, v(0.1, 0, 0), IDENTITY,
        v(0.2, 0.3, 0.2), 0, rec);
    assertEquals(4, n);
    assertAll(0, 0, 1, 0.01);
    for (Contact c : rec.list) {
      assertEquals(0.2, Math.abs(c.px - 0.1), 1e-12);
      assertEquals(0.3, Math.abs(c.py), 1e-12);
    }
  }

  @Test
  void featureIdsOfACylinderStandingOnABoxSurviveJiggle() {
    double[] pos = v(0.1, -0.2, 0.5 + 0.6 - 0.004);
    double[] r0 = rot(0, 0, 1, 0.2);
    collider.cylinderBox(pos, r0, 0.3, 0.6, v(0, 0, 0), IDENTITY, v(1, 1, 0.5), 0.01, rec);
    Set<Integer> reference = rec.features();
    assertEquals(4, reference.size());
    Random rnd = new Random(9);
    for (int i = 0; i < 200; i++) {
      rec.clear();
      double[] p = v(pos[0] + 1e-6 * rnd.nextGaussian(), pos[1] + 1e-6 * rnd.nextGaussian(),
          pos[2] + 1e-6 * rnd.nextGaussian());
      double[] axis = GeometryOracleTest.randomUnit(rnd);
      double[] r = mul(rot(axis[0], axis[1], axis[2], 1e-5 * (2 * rnd.nextDouble() - 1)), r0);
      collider.cylinderBox(p, r, 0.3, 0.6, v(0, 0, 0), IDENTITY, v(1, 1, 0.5), 0.01, rec);
      assertEquals(reference, rec.features(), "jiggle " + i);
    }
  }

  @Test
  void cylinderLyingOnABoxGivesALineContactAtBothEnds() {
    // Body Z along world -y; body -Y (a prism vertex, k = 12) points down, so a vertex line is lowest.
    double[] r = rot(1, 0, 0, Math.PI / 2);
    assertEquals(-1, GeometryOracleTest.apply(r, 0, -1, 0)[2], 1e-12);
    int n = collider.cylinderBox(v(0, 0, 0.5 + 0.25 - 0.003), r, 0.25, 0.4, v(0, 0, 0), IDENTITY,
        v(1, 1, 0.5), 0.002, rec);
    assertEquals(2, n, rec.toString());
    assertAll(0, 0, 1, 0.003);
    double y0 = rec.get(0).py;
    double y1 = rec.get(1).py;
    assertEquals(0.4, Math.abs(y0), 1e-12);
    assertEquals(-y0, y1, 1e-12);
    for (Contact c : rec.list) {
      assertEquals(0, c.px, 1e-12);
    }
  }

  @Test
  void cylindersStackedEndToEndGiveFourPointsOnTheSmallerRim() {
    int n = collider.cylinderCylinder(v(0, 0, 1 + 0.5 - 0.01), IDENTITY, 0.2, 0.5, v(0, 0, 0), IDENTITY, 0.4,
        1, 0, rec);
    assertEquals(4, n);
    assertAll(0, 0, 1, 0.01);
    for (Contact c : rec.list) {
      assertEquals(0.2, Math.hypot(c.px, c.py), 1e-12);
    }
  }

  @Test
  void crossedLyingCylindersTouchAtOnePointBetweenTheirLowestAndHighestLines() {
    double ra = 0.3;
    double rb = 0.2;
    // A: axis along x, vertex 0 (body +X) turned to point down. B: axis along y, vertex 12 (body -Y) up.
    double[] rotA = rot(0, 1, 0, Math.PI / 2);
    double[] rotB = rot(1, 0, 0, -Math.PI / 2);
    double[] up = GeometryOracleTest.apply(rotB, 0, -1, 0);
    assertEquals(1, up[2], 1e-12);
    double zA = ra + rb - 0.01;
    int n = collider.cylinderCylinder(v(0.05, -0.03, zA), rotA, ra, 1, v(0, 0, 0), rotB, rb, 1, 0, rec);
    assertEquals(1, n, rec.toString());
    Contact c = rec.get(0);
    assertEquals(0.01, c.depth, 1e-12);
    assertEquals(1, c.nz, 1e-12);
    assertEquals(0, c.px, 1e-12);
    assertEquals(-0.03, c.py, 1e-12);
    assertEquals((zA - ra + rb) / 2, c.pz, 1e-12);
  }

  @Test
  void swappingTwoCylindersFlipsTheNormalAndKeepsTheContacts() {
    double[] rotA = rot(1, 1, 0, 0.1);
    double[] rotB = rot(0, 1, 0, 0.02);
    collider.cylinderCylinder(v(0.1, 0, 1.08), rotA, 0.3, 0.6, v(0, 0, -0.5), rotB, 0.8, 1, 0, rec);
    Recorder swapped = new Recorder();
    collider.cylinderCylinder(v(0, 0, -0.5), rotB, 0.8, 1, v(0.1, 0, 1.08), rotA, 0.3, 0.6, 0, swapped);
    assertEquals(rec.size(), swapped.size());
    assertTrue(rec.size() > 0);
    for (int i = 0; i < rec.size(); i++) {
      Contact a = rec.get(i);
      Contact b = swapped.get(i);
      assertEquals(a.depth, b.depth, 1e-12);
      assertEquals(-a.nx, b.nx, 1e-12);
      assertEquals(-a.ny, b.ny, 1e-12);
      assertEquals(-a.nz, b.nz, 1e-12);
      assertEquals(a.px, b.px, 1e-12);
      assertEquals(a.pz, b.pz, 1e-12);
    }
  }

  @Test
  void aWideCylinderTopActsLikeABoxTop() {
    double[] rotC = rot(1, 1, 0, 0.1);
    collider.cylinderBox(v(0, 0, 1.08), rotC, 0.3, 0.6, v(0, 0, 0), IDENTITY, v(1, 1, 0.5), 0, rec);
    Contact a = rec.deepest();
    Recorder swapped = new Recorder();
    collider.cylinderCylinder(v(0, 0, 1.08), rotC, 0.3, 0.6, v(0, 0, -0.5), IDENTITY, 2, 1, 0, swapped);
    // Same cylinder on a wide cylinder whose top is at the same height: same deepest depth and normal.
    Contact b = swapped.deepest();
    assertEquals(a.depth, b.depth, 1e-12);
    assertEquals(a.nz, b.nz, 1e-12);
    assertTrue(a.depth > 0);
  }

  @Test
  void cylinderAboveABoxBeyondTheMarginGivesNothing() {
    assertEquals(0, collider.cylinderBox(v(0, 0, 1.2), IDENTITY, 0.3, 0.6, v(0, 0, 0), IDENTITY,
        v(1, 1, 0.5), 0.05, rec));
    assertEquals(4, collider.cylinderBox(v(0, 0, 1.14), IDENTITY, 0.3, 0.6, v(0, 0, 0), IDENTITY,
        v(1, 1, 0.5), 0.05, rec));
    assertAll(0, 0, 1, -0.04);
  }

  @Test
  void degenerateCylindersGiveNoNaN() {
    int n = collider.cylinderCylinder(v(0, 0, 0), IDENTITY, 0, 0, v(0, 0, 0), IDENTITY, 0.5, 0.5, 0, rec);
    assertTrue(n >= 1 && n <= 4);
    n = collider.cylinderBox(v(0, 0, 0), IDENTITY, 0.5, 0, v(0, 0, 0), rot(0, 0, 1, 0.3), v(0.5, 0.5, 0),
        0.1, rec);
    assertTrue(n <= 4);
    for (Contact c : rec.list) {
      assertTrue(Double.isFinite(c.px + c.py + c.pz + c.nx + c.ny + c.nz + c.depth), c.toString());
    }
  }
}
