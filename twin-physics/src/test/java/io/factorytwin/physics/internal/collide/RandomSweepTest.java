package io.factorytwin.physics.internal.collide;

import static io.factorytwin.physics.internal.collide.GeometryOracleTest.apply;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.boxPlanes;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.prismPlanes;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.randomRot;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.randomUnit;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.physics.internal.collide.GeometryOracleTest.Contact;
import io.factorytwin.physics.internal.collide.GeometryOracleTest.Recorder;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random configurations checked against oracles that share no code with the collider: the shapes'
 * own plane functions and vertex lists.
 */
class RandomSweepTest {
  private final Collider collider = new Collider();
  private final Recorder rec = new Recorder();
  private int checkedContacts;

  /** A posed box or 16-sided prism, described independently of {@link Hull}. */
  static final class Solid {
    final boolean prism;
    final double[] pos;
    final double[] rot;
    final double[] half; // box half extents, or (radius, radius, half height)

    Solid(boolean prism, double[] pos, double[] rot, double[] half) {
      this.prism = prism;
      this.pos = pos;
      this.rot = rot;
      this.half = half;
    }

    Solid moved(double dx, double dy, double dz) {
      return new Solid(prism, v(pos[0] + dx, pos[1] + dy, pos[2] + dz), rot, half);
    }

    /** 0 on the surface, minus the distance inside. */
    double planes(double[] p) {
      return prism ? prismPlanes(pos, rot, half[0], half[2], p) : boxPlanes(pos, rot, half, p);
    }

    double[][] vertices() {
      int n = prism ? 32 : 8;
      double[][] out = new double[n][];
      for (int i = 0; i < n; i++) {
        double lx;
        double ly;
        double lz;
        if (prism) {
          double a = 2 * Math.PI * (i % 16) / 16;
          lx = half[0] * Math.cos(a);
          ly = half[0] * Math.sin(a);
          lz = i < 16 ? -half[2] : half[2];
        } else {
          lx = (i & 1) != 0 ? half[0] : -half[0];
          ly = (i & 2) != 0 ? half[1] : -half[1];
          lz = (i & 4) != 0 ? half[2] : -half[2];
        }
        double[] w = apply(rot, lx, ly, lz);
        out[i] = v(pos[0] + w[0], pos[1] + w[1], pos[2] + w[2]);
      }
      return out;
    }

    /** Half length of the projection onto a unit axis, from the vertices. */
    double extent(double[] axis) {
      double m = 0;
      for (double[] p : vertices()) {
        m = Math.max(m, Math.abs((p[0] - pos[0]) * axis[0] + (p[1] - pos[1]) * axis[1]
            + (p[2] - pos[2]) * axis[2]));
      }
      return m;
    }

    /** Smallest half dimension. */
    double thickness() {
      return Math.min(half[0], Math.min(half[1], half[2]));
    }

    double size() {
      return Math.max(half[0], Math.max(half[1], half[2]));
    }
  }

  private int collide(Solid a, Solid b, double margin, Recorder out) {
    if (!a.prism) {
      return collider.boxBox(a.pos, a.rot, a.half, b.pos, b.rot, b.half, margin, out);
    }
    if (!b.prism) {
      return collider.cylinderBox(a.pos, a.rot, a.half[0], a.half[2], b.pos, b.rot, b.half, margin, out);
    }
    return collider.cylinderCylinder(a.pos, a.rot, a.half[0], a.half[2], b.pos, b.rot, b.half[0], b.half[2],
        margin, out);
  }

  private static Solid randomSolid(Random rnd, boolean prism) {
    double[] pos = v(2 * rnd.nextDouble() - 1, 2 * rnd.nextDouble() - 1, 2 * rnd.nextDouble() - 1);
    if (prism) {
      double r = 0.05 + 0.95 * rnd.nextDouble();
      return new Solid(true, pos, randomRot(rnd), v(r, r, 0.05 + 0.95 * rnd.nextDouble()));
    }
    return new Solid(false, pos, randomRot(rnd),
        v(0.05 + 0.95 * rnd.nextDouble(), 0.05 + 0.95 * rnd.nextDouble(), 0.05 + 0.95 * rnd.nextDouble()));
  }

  /**
   * Places A near B: projections overlapping along a random direction (shallow or deep), just apart along it,
   * resting on a face of B with a small tilt, or a vertex of A pushed a little into B past B's extreme vertex.
   */
  private static Solid placeNear(Random rnd, Solid a, Solid b) {
    double[] u = randomUnit(rnd);
    double small = Math.min(a.size(), b.size());
    double pen = 0.05 * small * rnd.nextDouble();
    switch (rnd.nextInt(5)) {
      case 0:
        return along(a, b, u, a.extent(u) + b.extent(u) - 0.1 * small * rnd.nextDouble());
      case 1:
        return along(a, b, u, (a.extent(u) + b.extent(u)) * rnd.nextDouble());
      case 2:
        return along(a, b, u, a.extent(u) + b.extent(u) + 0.02 * small * (rnd.nextDouble() - 0.3));
      case 3: {
        double[] tilt = randomUnit(rnd);
        double[] rotA = GeometryOracleTest.mul(b.rot, GeometryOracleTest.mul(
            GeometryOracleTest.rot(tilt[0], tilt[1], tilt[2], 0.15 * rnd.nextDouble()), a.rot));
        Solid t = new Solid(a.prism, a.pos, rotA, a.half);
        int axis = rnd.nextInt(3);
        double sign = rnd.nextBoolean() ? 1 : -1;
        double[] lateral = v(0.8 * b.half[0] * (2 * rnd.nextDouble() - 1),
            0.8 * b.half[1] * (2 * rnd.nextDouble() - 1), 0.8 * b.half[2] * (2 * rnd.nextDouble() - 1));
        lateral[axis] = 0;
        double[] n = apply(b.rot, axis == 0 ? sign : 0, axis == 1 ? sign : 0, axis == 2 ? sign : 0);
        double[] lw = apply(b.rot, lateral[0], lateral[1], lateral[2]);
        double dist = b.extent(n) + t.extent(n) - pen;
        return t.moved(b.pos[0] + lw[0] + n[0] * dist - t.pos[0], b.pos[1] + lw[1] + n[1] * dist - t.pos[1],
            b.pos[2] + lw[2] + n[2] * dist - t.pos[2]);
      }
      default: {
        double[] vb = support(b, u[0], u[1], u[2]);
        double[] va = support(a, -u[0], -u[1], -u[2]);
        return a.moved(vb[0] - u[0] * pen - va[0], vb[1] - u[1] * pen - va[1], vb[2] - u[2] * pen - va[2]);
      }
    }
  }

  private static Solid along(Solid a, Solid b, double[] u, double dist) {
    return a.moved(b.pos[0] + u[0] * dist - a.pos[0], b.pos[1] + u[1] * dist - a.pos[1],
        b.pos[2] + u[2] * dist - a.pos[2]);
  }

  private static double[] support(Solid s, double x, double y, double z) {
    double[] best = null;
    double bestDot = Double.NEGATIVE_INFINITY;
    for (double[] p : s.vertices()) {
      double d = p[0] * x + p[1] * y + p[2] * z;
      if (d > bestDot) {
        bestDot = d;
        best = p;
      }
    }
    return best;
  }

  private static boolean anyVertexInside(Solid of, Solid in, double by) {
    for (double[] p : of.vertices()) {
      if (in.planes(p) < -by) {
        return true;
      }
    }
    return false;
  }

  /** Checks every recorded contact of (a, b) against the oracles; returns the deepest contact or null. */
  private Contact check(Solid a, Solid b, double margin, int n, String where) {
    assertEquals(n, rec.size(), where);
    assertTrue(n <= 4, where);
    double tol = 1e-4 * Math.max(a.size(), b.size()) + 1e-9;
    Set<Integer> ids = new HashSet<>();
    double thin = Math.min(a.thickness(), b.thickness());
    Contact deepest = null;
    for (Contact c : rec.list) {
      String at = where + " " + c;
      assertTrue(Double.isFinite(c.px) && Double.isFinite(c.py) && Double.isFinite(c.pz)
          && Double.isFinite(c.depth), at);
      assertEquals(1, GeometryOracleTest.len(c.nx, c.ny, c.nz), 1e-9, at);
      assertTrue(c.feature >= 0 && ids.add(c.feature), "unique non-negative feature " + at);
      assertTrue(c.depth >= -margin - 1e-12, at);
      double[] onA = c.onA();
      double[] onB = c.onB();
      if (c.depth >= thin) {
        continue; // deeper than a body is thick, contact points are a guess: only their sanity is checked
      }
      checkedContacts++;
      if (c.depth > 0) {
        assertEquals(0, a.planes(onA), tol, "A's point on A's surface " + at);
        assertEquals(0, b.planes(onB), tol, "B's point on B's surface " + at);
        // The point of the clipped (incident) surface lies inside the other body, no deeper than the reported
        // depth; which body is incident is the collider's choice, so accept either. Only while the depth is
        // less than the bodies are thick, so that the point cannot have come out on the far side.
        double inB = b.planes(onA);
        double inA = a.planes(onB);
        boolean aInB = inB <= tol && inB >= -c.depth - tol;
        boolean bInA = inA <= tol && inA >= -c.depth - tol;
        assertTrue(aInB || bInA, "a surface point inside the other body " + inB + " " + inA + " " + at);
      } else {
        // Apart: the points are outside the other body and off their own; at least one lies on its own
        // surface (both do for face contacts; an edge pair that does not face each other anchors on B).
        assertTrue(b.planes(onA) >= -tol && a.planes(onB) >= -tol, "separated points outside " + at);
        assertTrue(a.planes(onA) >= -tol && b.planes(onB) >= -tol, "separated points not inside " + at);
        assertTrue(Math.abs(a.planes(onA)) <= tol || Math.abs(b.planes(onB)) <= tol, "on a surface " + at);
      }
    }
    for (Contact c : rec.list) {
      if (deepest == null || c.depth > deepest.depth) {
        deepest = c;
      }
    }
    return deepest;
  }

  private void sweep(long seed, int configs, boolean prismA, boolean prismB) {
    Random rnd = new Random(seed);
    int overlapping = 0;
    for (int i = 0; i < configs; i++) {
      Solid b = randomSolid(rnd, prismB);
      Solid a = placeNear(rnd, randomSolid(rnd, prismA), b);
      double margin = rnd.nextBoolean() ? 0 : 0.02 * rnd.nextDouble();
      String where = "config " + i;
      rec.clear();
      int n = collide(a, b, margin, rec);
      Contact deepest = check(a, b, margin, n, where);
      boolean vertexInside = anyVertexInside(a, b, 1e-9) || anyVertexInside(b, a, 1e-9);
      if (vertexInside) {
        assertTrue(deepest != null && deepest.depth > 0, "overlap must be reported, " + where);
      }
      if (deepest == null || deepest.depth <= 0) {
        continue;
      }
      overlapping++;
      // Moving A out by the deepest reported depth along its normal must leave the pair at most touching.
      Solid out = a.moved(deepest.nx * deepest.depth, deepest.ny * deepest.depth, deepest.nz * deepest.depth);
      rec.clear();
      collide(out, b, 0, rec);
      double after = rec.size() == 0 ? 0 : rec.maxDepth();
      assertTrue(after <= 1e-6 + 1e-3 * deepest.depth,
          where + ": still " + after + " deep after moving out by " + deepest.depth + " " + rec);
    }
    assertTrue(overlapping > configs / 4, "the sweep exercised overlap: " + overlapping);
    assertTrue(checkedContacts > configs / 3, "the sweep exercised shallow contacts: " + checkedContacts);
  }

  @Test
  void boxBoxContactsAgreeWithTheBoxesOwnGeometryOver2000RandomPoses() {
    sweep(20240601L, 2000, false, false);
  }

  @Test
  void cylinderBoxContactsAgreeWithThePrismGeometryOver1000RandomPoses() {
    sweep(7L, 1000, true, false);
  }

  @Test
  void cylinderCylinderContactsAgreeWithThePrismGeometryOver1000RandomPoses() {
    sweep(8L, 1000, true, true);
  }

  @Test
  void provablySeparatedPairsGiveNoContactAndNeverPositiveDepth() {
    Random rnd = new Random(99);
    for (int i = 0; i < 2000; i++) {
      boolean prismA = i % 3 != 0;
      boolean prismB = i % 3 == 2;
      Solid b = randomSolid(rnd, prismB);
      Solid a0 = randomSolid(rnd, prismA);
      double[] u = randomUnit(rnd);
      double gap = Math.pow(10, -6 + 5.5 * rnd.nextDouble());
      // Projections onto u are disjoint by gap: a separating plane exists, so the pair is apart.
      double dist = a0.extent(u) + b.extent(u) + gap;
      Solid a = a0.moved(b.pos[0] + u[0] * dist - a0.pos[0], b.pos[1] + u[1] * dist - a0.pos[1],
          b.pos[2] + u[2] * dist - a0.pos[2]);
      rec.clear();
      assertEquals(0, collide(a, b, 0, rec), "config " + i + " gap " + gap + " " + rec);
      double margin = 0.3 * rnd.nextDouble();
      rec.clear();
      int n = collide(a, b, margin, rec);
      check(a, b, margin, n, "config " + i);
      for (Contact c : rec.list) {
        assertTrue(c.depth <= 1e-12, "config " + i + " " + c);
      }
    }
  }
}
