package io.factorytwin.physics.internal.collide;

import static io.factorytwin.physics.internal.collide.GeometryOracleTest.IDENTITY;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.mul;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.rot;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.toLocal;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.physics.internal.collide.GeometryOracleTest.Contact;
import io.factorytwin.physics.internal.collide.GeometryOracleTest.Recorder;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BoxBoxTest {
  private final Collider collider = new Collider();
  private final Recorder rec = new Recorder();

  /** Asserts the recorded points are exactly the given (x, y) corners, in any order, at height z. */
  private void assertCorners(double[][] xy, double z, double tol) {
    assertEquals(xy.length, rec.size(), rec.toString());
    Set<Integer> matched = new HashSet<>();
    for (double[] c : xy) {
      boolean found = false;
      for (int i = 0; i < rec.size(); i++) {
        Contact k = rec.get(i);
        if (Math.abs(k.px - c[0]) < tol && Math.abs(k.py - c[1]) < tol && Math.abs(k.pz - z) < tol) {
          found = matched.add(i);
        }
      }
      assertTrue(found, "corner (" + c[0] + ", " + c[1] + ") in " + rec);
    }
  }

  private void assertAllNormalsAndDepths(double nx, double ny, double nz, double depth, double tol) {
    for (Contact c : rec.list) {
      assertEquals(nx, c.nx, 1e-12);
      assertEquals(ny, c.ny, 1e-12);
      assertEquals(nz, c.nz, 1e-12);
      assertEquals(depth, c.depth, tol);
    }
  }

  @Test
  void equalBoxesStackedExactlyGiveTheFourCornersOfTheSharedFace() {
    double[] h = v(0.5, 0.5, 0.5);
    int n = collider.boxBox(v(0, 0, 1), IDENTITY, h, v(0, 0, 0), IDENTITY, h, 0.01, rec);
    assertEquals(4, n);
    assertCorners(new double[][] {{0.5, 0.5}, {0.5, -0.5}, {-0.5, 0.5}, {-0.5, -0.5}}, 0.5, 1e-12);
    assertAllNormalsAndDepths(0, 0, 1, 0, 1e-12);
  }

  @Test
  void equalBoxesStackedWithPenetrationGiveCornersAtMidDepth() {
    double[] h = v(0.5, 0.5, 0.5);
    int n = collider.boxBox(v(0, 0, 0.99), IDENTITY, h, v(0, 0, 0), IDENTITY, h, 0, rec);
    assertEquals(4, n);
    assertCorners(new double[][] {{0.5, 0.5}, {0.5, -0.5}, {-0.5, 0.5}, {-0.5, -0.5}}, 0.495, 1e-12);
    assertAllNormalsAndDepths(0, 0, 1, 0.01, 1e-12);
  }

  @Test
  void smallBoxRestingOnBigBoxGivesItsFootprintCornersWithThePenetration() {
    int n = collider.boxBox(v(0.3, -0.2, 1.095), IDENTITY, v(0.2, 0.3, 0.1), v(0, 0, 0), IDENTITY,
        v(1, 1, 1), 0, rec);
    assertEquals(4, n);
    assertCorners(new double[][] {{0.1, -0.5}, {0.5, -0.5}, {0.1, 0.1}, {0.5, 0.1}}, 0.9975, 1e-12);
    assertAllNormalsAndDepths(0, 0, 1, 0.005, 1e-12);
  }

  @Test
  void boxHangingOverAnEdgeGivesTheCornersOfTheOverlap() {
    // A spans x in [0.8, 1.2], B ends at x = 1: the overlap is x in [0.8, 1].
    int n = collider.boxBox(v(1.0, 0, 1.095), IDENTITY, v(0.2, 0.3, 0.1), v(0, 0, 0), IDENTITY,
        v(1, 1, 1), 0, rec);
    assertEquals(4, n);
    assertCorners(new double[][] {{0.8, -0.3}, {1.0, -0.3}, {0.8, 0.3}, {1.0, 0.3}}, 0.9975, 1e-12);
    assertAllNormalsAndDepths(0, 0, 1, 0.005, 1e-12);
  }

  @Test
  void boxRotated45DegreesOnABoxGivesFourPointsInsideBothFootprints() {
    double[] h = v(0.5, 0.5, 0.5);
    double[] rotA = rot(0, 0, 1, Math.PI / 4);
    double[] posA = v(0, 0, 0.99);
    int n = collider.boxBox(posA, rotA, h, v(0, 0, 0), IDENTITY, h, 0, rec);
    assertEquals(4, n);
    assertAllNormalsAndDepths(0, 0, 1, 0.01, 1e-12);
    for (Contact c : rec.list) {
      assertTrue(Math.abs(c.px) <= 0.5 + 1e-9 && Math.abs(c.py) <= 0.5 + 1e-9, "inside B: " + c);
      double[] q = toLocal(posA, rotA, v(c.px, c.py, c.pz));
      assertTrue(Math.abs(q[0]) <= 0.5 + 1e-9 && Math.abs(q[1]) <= 0.5 + 1e-9, "inside A: " + c);
    }
    // The overlap is an octagon of area 0.828; four of its vertices should span well over half of it.
    assertTrue(quadArea() > 0.55, "area " + quadArea());
  }

  /** Area of the convex hull of the four recorded points projected on the xy plane. */
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
  void crossingEdgesGiveOnePointBetweenTheEdgesWithVerticalNormal() {
    double[] h = v(0.5, 0.5, 0.5);
    double[] rotA = rot(1, 0, 0, Math.PI / 4); // lowest feature: an edge along x
    double[] rotB = rot(0, 1, 0, Math.PI / 4); // highest feature: an edge along y
    double zA = 1.4;
    int n = collider.boxBox(v(0, 0, zA), rotA, h, v(0, 0, 0), rotB, h, 0, rec);
    assertEquals(1, n, rec.toString());
    Contact c = rec.get(0);
    double edge = 0.5 * Math.sqrt(2);
    assertEquals(2 * edge - zA, c.depth, 1e-12);
    assertEquals(0, c.nx, 1e-12);
    assertEquals(0, c.ny, 1e-12);
    assertEquals(1, c.nz, 1e-12);
    assertEquals(0, c.px, 1e-12);
    assertEquals(0, c.py, 1e-12);
    assertEquals(zA / 2, c.pz, 1e-12);
  }

  @Test
  void crossingEdgesOffCentreFindTheClosestPointsOfTheEdges() {
    double[] h = v(0.5, 0.5, 0.5);
    double[] rotA = rot(1, 0, 0, Math.PI / 4);
    double[] rotB = rot(0, 1, 0, Math.PI / 4);
    int n = collider.boxBox(v(0.2, -0.1, 1.4), rotA, h, v(0, 0.15, 0), rotB, h, 0, rec);
    assertEquals(1, n, rec.toString());
    Contact c = rec.get(0);
    assertEquals(0, c.px, 1e-12); // B's edge runs along y at x = 0
    assertEquals(-0.1, c.py, 1e-12); // A's edge runs along x at y = -0.1
    assertEquals(0.7, c.pz, 1e-12);
  }

  @Test
  void boxesSeparatedBeyondTheMarginGiveNothing() {
    double[] h = v(0.5, 0.5, 0.5);
    assertEquals(0, collider.boxBox(v(0, 0, 1.1), IDENTITY, h, v(0, 0, 0), IDENTITY, h, 0.05, rec));
    double[] r = rot(1, 2, 3, 0.4);
    double extentY = 0.5 * (Math.abs(r[3]) + Math.abs(r[4]) + Math.abs(r[5]));
    assertEquals(0, collider.boxBox(v(0.3, 0.5 + extentY + 1e-7, 0.2), r, h, v(0, 0, 0), IDENTITY, h, 0.0, rec));
    assertEquals(0, collider.boxBox(v(0.3, 0.5 + extentY + 0.06, 0.2), r, h, v(0, 0, 0), IDENTITY, h, 0.05,
        rec));
    assertEquals(0, rec.size());
  }

  @Test
  void boxesSeparatedWithinTheMarginGiveNegativeDepth() {
    double[] h = v(0.5, 0.5, 0.5);
    int n = collider.boxBox(v(0, 0, 1.03), IDENTITY, h, v(0, 0, 0), IDENTITY, h, 0.05, rec);
    assertEquals(4, n);
    assertAllNormalsAndDepths(0, 0, 1, -0.03, 1e-12);
  }

  private Set<Integer> features(double[] posA, double[] rotA, double[] halfA, double[] halfB) {
    rec.clear();
    collider.boxBox(posA, rotA, halfA, v(0, 0, 0), IDENTITY, halfB, 0.01, rec);
    return rec.features();
  }

  private void assertStableUnderJiggle(double[] posA, double[] rotA, double[] halfA, double[] halfB) {
    Set<Integer> reference = features(posA, rotA, halfA, halfB);
    assertEquals(4, reference.size());
    Random rnd = new Random(42);
    for (int i = 0; i < 200; i++) {
      double[] p = v(posA[0] + 1e-6 * (2 * rnd.nextDouble() - 1), posA[1] + 1e-6 * (2 * rnd.nextDouble() - 1),
          posA[2] + 1e-6 * (2 * rnd.nextDouble() - 1));
      double[] axis = GeometryOracleTest.randomUnit(rnd);
      double[] r = mul(rot(axis[0], axis[1], axis[2], 1e-5 * (2 * rnd.nextDouble() - 1)), rotA);
      assertEquals(reference, features(p, r, halfA, halfB), "jiggle " + i);
    }
  }

  @Test
  void featureIdsOfABoxRestingOnABiggerBoxSurviveJiggle() {
    assertStableUnderJiggle(v(0.3, -0.2, 1.095), IDENTITY, v(0.2, 0.3, 0.1), v(1, 1, 1));
  }

  @Test
  void featureIdsOfEqualBoxesStackedFlushSurviveJiggle() {
    assertStableUnderJiggle(v(0, 0, 0.995), IDENTITY, v(0.5, 0.5, 0.5), v(0.5, 0.5, 0.5));
  }

  @Test
  void featureIdsOfABoxTurnedOnABoxSurviveJiggle() {
    assertStableUnderJiggle(v(0.1, 0, 0.995), rot(0, 0, 1, 0.5), v(0.5, 0.5, 0.5), v(0.5, 0.5, 0.5));
  }

  @Test
  void featureIdsChangeWhenADifferentFaceTouches() {
    Set<Integer> upright = features(v(0, 0, 0.995), IDENTITY, v(0.5, 0.5, 0.5), v(0.5, 0.5, 0.5));
    Set<Integer> flipped = features(v(0, 0, 0.995), rot(1, 0, 0, Math.PI / 2), v(0.5, 0.5, 0.5),
        v(0.5, 0.5, 0.5));
    assertFalse(upright.equals(flipped));
  }

  @Test
  void swappingTheBodiesFlipsTheNormalAndKeepsTheDepth() {
    double[] rotA = rot(1, 1, 0, 0.05);
    double[] posA = v(0.2, 0.1, 1.09);
    double[] hA = v(0.2, 0.3, 0.1);
    double[] hB = v(1, 1, 1);
    collider.boxBox(posA, rotA, hA, v(0, 0, 0), IDENTITY, hB, 0, rec);
    Contact ab = rec.deepest();
    int nab = rec.size();
    assertTrue(ab.depth > 0);
    Recorder swapped = new Recorder();
    int nba = collider.boxBox(v(0, 0, 0), IDENTITY, hB, posA, rotA, hA, 0, swapped);
    Contact ba = swapped.deepest();
    assertEquals(nab, nba);
    assertEquals(ab.depth, ba.depth, 1e-12);
    assertEquals(-ab.nx, ba.nx, 1e-12);
    assertEquals(-ab.ny, ba.ny, 1e-12);
    assertEquals(-ab.nz, ba.nz, 1e-12);
    assertEquals(ab.px, ba.px, 1e-12);
    assertEquals(ab.py, ba.py, 1e-12);
    assertEquals(ab.pz, ba.pz, 1e-12);
  }

  @Test
  void swappingCrossedEdgesFlipsTheNormal() {
    double[] h = v(0.5, 0.5, 0.5);
    double[] rotA = rot(1, 0, 0, Math.PI / 4);
    double[] rotB = rot(0, 1, 0, Math.PI / 4);
    collider.boxBox(v(0, 0, 1.4), rotA, h, v(0, 0, 0), rotB, h, 0, rec);
    Recorder swapped = new Recorder();
    collider.boxBox(v(0, 0, 0), rotB, h, v(0, 0, 1.4), rotA, h, 0, swapped);
    assertEquals(1, swapped.size());
    assertEquals(rec.get(0).depth, swapped.get(0).depth, 1e-12);
    assertEquals(-1, swapped.get(0).nz, 1e-12);
  }

  @Test
  void coincidentBoxesGiveFiniteContactsWithUniqueFeatures() {
    double[] h = v(0.5, 0.25, 0.125);
    int n = collider.boxBox(v(0, 0, 0), IDENTITY, h, v(0, 0, 0), IDENTITY, h, 0, rec);
    assertTrue(n >= 1 && n <= 4);
    assertEquals(n, rec.features().size());
    for (Contact c : rec.list) {
      assertTrue(Double.isFinite(c.px + c.py + c.pz + c.nx + c.ny + c.nz + c.depth), c.toString());
      assertEquals(0.25, c.depth, 1e-12); // the thin axis: 2 * 0.125
    }
  }

  @Test
  void degenerateFlatBoxesGiveNoNaN() {
    double[] flat = v(0.5, 0.5, 0);
    int n = collider.boxBox(v(0, 0, 0), rot(0, 0, 1, 0.3), flat, v(0, 0, 0), IDENTITY, flat, 0.01, rec);
    assertTrue(n <= 4);
    for (Contact c : rec.list) {
      assertTrue(Double.isFinite(c.px + c.py + c.pz + c.nx + c.ny + c.nz + c.depth), c.toString());
    }
    rec.clear();
    n = collider.boxBox(v(0, 0, 0.2), IDENTITY, v(0, 0, 0), v(0, 0, 0), IDENTITY, v(0.5, 0.5, 0.5), 0, rec);
    assertEquals(1, n, "a point inside a box");
    assertEquals(0.3, rec.get(0).depth, 1e-12);
  }
}
