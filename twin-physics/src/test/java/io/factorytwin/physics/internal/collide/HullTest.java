package io.factorytwin.physics.internal.collide;

import static io.factorytwin.physics.internal.collide.GeometryOracleTest.randomRot;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The static topology tables: the clipping and the feature ids both rely on them. */
class HullTest {

  private static void assertConsistent(Hull h) {
    int nVerts = h.prism ? 32 : 8;
    for (int f = 0; f < h.nFaces; f++) {
      int n = h.faceLen[f];
      int s = h.faceStart[f];
      double cx = 0;
      double cy = 0;
      double cz = 0;
      for (int k = 0; k < n; k++) {
        int vtx = h.faceVerts[s + k];
        double d = h.fnx[f] * h.vx(vtx) + h.fny[f] * h.vy(vtx) + h.fnz[f] * h.vz(vtx);
        assertEquals(h.fd[f], d, 1e-12, "vertex " + vtx + " on plane of face " + f);
        cx += h.vx(vtx);
        cy += h.vy(vtx);
        cz += h.vz(vtx);
      }
      // Newell normal of the listed order must point along the outward face normal.
      double nx = 0;
      double ny = 0;
      double nz = 0;
      for (int k = 0; k < n; k++) {
        int a = h.faceVerts[s + k];
        int b = h.faceVerts[s + (k + 1) % n];
        nx += (h.vy(a) - h.vy(b)) * (h.vz(a) + h.vz(b));
        ny += (h.vz(a) - h.vz(b)) * (h.vx(a) + h.vx(b));
        nz += (h.vx(a) - h.vx(b)) * (h.vy(a) + h.vy(b));
      }
      assertTrue(nx * h.fnx[f] + ny * h.fny[f] + nz * h.fnz[f] > 0, "face " + f + " is counter-clockwise");
      for (int w = 0; w < nVerts; w++) {
        double d = h.fnx[f] * h.vx(w) + h.fny[f] * h.vy(w) + h.fnz[f] * h.vz(w);
        assertTrue(d <= h.fd[f] + 1e-12, "vertex " + w + " behind face " + f);
      }
      // The centre is strictly inside every face plane.
      assertTrue(h.fnx[f] * h.px + h.fny[f] * h.py + h.fnz[f] * h.pz < h.fd[f]);
    }
    for (int e = 0; e < h.nEdges; e++) {
      int a = h.edgeV0[e];
      int b = h.edgeV1[e];
      double ex = h.vx(b) - h.vx(a);
      double ey = h.vy(b) - h.vy(a);
      double ez = h.vz(b) - h.vz(a);
      double l = Math.sqrt(ex * ex + ey * ey + ez * ez);
      int d = h.edgeDir[e];
      double c = (ex * h.dx[d] + ey * h.dy[d] + ez * h.dz[d]) / l;
      assertEquals(1, Math.abs(c), 1e-12, "edge " + e + " runs along direction " + d);
    }
  }

  @Test
  void boxTopologyHasPlanarOutwardFacesAndConsistentEdges() {
    Hull h = new Hull();
    h.setBox(v(0.3, -1, 2), randomRot(new Random(1)), v(0.5, 0.2, 1.5));
    assertConsistent(h);
    assertEquals(6, h.nFaces);
    assertEquals(12, h.nEdges);
  }

  @Test
  void prismTopologyHasPlanarOutwardFacesAndVerticesOnTheCircle() {
    Hull h = new Hull();
    double[] rot = randomRot(new Random(2));
    h.setPrism(v(1, 2, 3), rot, 0.4, 0.7);
    assertConsistent(h);
    assertEquals(18, h.nFaces);
    assertEquals(48, h.nEdges);
    for (int w = 0; w < 32; w++) {
      double[] q = GeometryOracleTest.toLocal(v(1, 2, 3), rot, v(h.vx(w), h.vy(w), h.vz(w)));
      assertEquals(0.4, Math.hypot(q[0], q[1]), 1e-12);
      assertEquals(0.7, Math.abs(q[2]), 1e-12);
    }
  }

  @Test
  void extentMatchesTheFarthestVertex() {
    Random rnd = new Random(5);
    Hull box = new Hull();
    box.setBox(v(0, 0, 0), randomRot(rnd), v(0.3, 0.6, 0.9));
    Hull prism = new Hull();
    prism.setPrism(v(0, 0, 0), randomRot(rnd), 0.5, 0.8);
    for (int i = 0; i < 100; i++) {
      double[] a = GeometryOracleTest.randomUnit(rnd);
      for (Hull h : new Hull[] {box, prism}) {
        double m = 0;
        for (int w = 0; w < (h.prism ? 32 : 8); w++) {
          m = Math.max(m, h.vx(w) * a[0] + h.vy(w) * a[1] + h.vz(w) * a[2]);
        }
        assertEquals(m, h.extent(a[0], a[1], a[2]), 1e-12);
      }
    }
  }
}
