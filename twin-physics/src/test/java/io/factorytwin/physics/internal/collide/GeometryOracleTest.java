package io.factorytwin.physics.internal.collide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Shared fixtures of the collide tests (rotations, a recording sink, independent signed plane functions of the
 * shapes), and tests that those oracles are themselves right, since the random sweeps trust them.
 */
final class GeometryOracleTest {

  /** One reported contact. */
  static final class Contact {
    final double px, py, pz, nx, ny, nz, depth;
    final int feature;

    Contact(double px, double py, double pz, double nx, double ny, double nz, double depth, int feature) {
      this.px = px;
      this.py = py;
      this.pz = pz;
      this.nx = nx;
      this.ny = ny;
      this.nz = nz;
      this.depth = depth;
      this.feature = feature;
    }

    /** Point on A's surface: half the depth against the normal. */
    double[] onA() {
      return new double[] {px - nx * depth / 2, py - ny * depth / 2, pz - nz * depth / 2};
    }

    /** Point on B's surface: half the depth along the normal. */
    double[] onB() {
      return new double[] {px + nx * depth / 2, py + ny * depth / 2, pz + nz * depth / 2};
    }

    @Override
    public String toString() {
      return String.format("p=(%.6f %.6f %.6f) n=(%.4f %.4f %.4f) d=%.6g f=%d", px, py, pz, nx, ny, nz, depth,
          feature);
    }
  }

  /** Records everything it is given. */
  static final class Recorder implements ContactSink {
    final List<Contact> list = new ArrayList<>();

    @Override
    public void contact(double px, double py, double pz, double nx, double ny, double nz, double depth,
        int feature) {
      list.add(new Contact(px, py, pz, nx, ny, nz, depth, feature));
    }

    int size() {
      return list.size();
    }

    Contact get(int i) {
      return list.get(i);
    }

    double maxDepth() {
      double m = Double.NEGATIVE_INFINITY;
      for (Contact c : list) {
        m = Math.max(m, c.depth);
      }
      return m;
    }

    Contact deepest() {
      Contact best = null;
      for (Contact c : list) {
        if (best == null || c.depth > best.depth) {
          best = c;
        }
      }
      return best;
    }

    Set<Integer> features() {
      Set<Integer> s = new HashSet<>();
      for (Contact c : list) {
        s.add(c.feature);
      }
      return s;
    }

    void clear() {
      list.clear();
    }

    @Override
    public String toString() {
      return list.toString();
    }
  }

  static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  static double[] v(double x, double y, double z) {
    return new double[] {x, y, z};
  }

  /** Row-major rotation by {@code angle} radians about the (normalised) axis. */
  static double[] rot(double ax, double ay, double az, double angle) {
    double l = Math.sqrt(ax * ax + ay * ay + az * az);
    ax /= l;
    ay /= l;
    az /= l;
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double t = 1 - c;
    return new double[] {
        t * ax * ax + c, t * ax * ay - s * az, t * ax * az + s * ay,
        t * ax * ay + s * az, t * ay * ay + c, t * ay * az - s * ax,
        t * ax * az - s * ay, t * ay * az + s * ax, t * az * az + c};
  }

  static double[] mul(double[] a, double[] b) {
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
      }
    }
    return r;
  }

  static double[] apply(double[] r, double x, double y, double z) {
    return new double[] {
        r[0] * x + r[1] * y + r[2] * z, r[3] * x + r[4] * y + r[5] * z, r[6] * x + r[7] * y + r[8] * z};
  }

  /** World to body: transpose times (p - pos). */
  static double[] toLocal(double[] pos, double[] r, double[] p) {
    double x = p[0] - pos[0];
    double y = p[1] - pos[1];
    double z = p[2] - pos[2];
    return new double[] {
        r[0] * x + r[3] * y + r[6] * z, r[1] * x + r[4] * y + r[7] * z, r[2] * x + r[5] * y + r[8] * z};
  }

  /** Uniformly distributed rotation from a normalised Gaussian quaternion. */
  static double[] randomRot(Random rnd) {
    double w = rnd.nextGaussian();
    double x = rnd.nextGaussian();
    double y = rnd.nextGaussian();
    double z = rnd.nextGaussian();
    double l = Math.sqrt(w * w + x * x + y * y + z * z);
    w /= l;
    x /= l;
    y /= l;
    z /= l;
    return new double[] {
        1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
        2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
        2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)};
  }

  static double[] randomUnit(Random rnd) {
    double x = rnd.nextGaussian();
    double y = rnd.nextGaussian();
    double z = rnd.nextGaussian();
    double l = Math.sqrt(x * x + y * y + z * z);
    return v(x / l, y / l, z / l);
  }

  /**
   * Largest signed distance from the box's face planes: 0 exactly on the surface, minus the distance to the
   * surface inside, positive (a lower bound of the distance) outside.
   */
  static double boxPlanes(double[] pos, double[] r, double[] half, double[] p) {
    double[] q = toLocal(pos, r, p);
    return Math.max(Math.abs(q[0]) - half[0], Math.max(Math.abs(q[1]) - half[1], Math.abs(q[2]) - half[2]));
  }

  /** The same for the 16-sided prism whose vertices lie on the cylinder's circle. */
  static double prismPlanes(double[] pos, double[] r, double radius, double halfHeight, double[] p) {
    double[] q = toLocal(pos, r, p);
    double m = Math.abs(q[2]) - halfHeight;
    for (int k = 0; k < 16; k++) {
      double a = (2 * k + 1) * Math.PI / 16;
      m = Math.max(m, q[0] * Math.cos(a) + q[1] * Math.sin(a) - radius * Math.cos(Math.PI / 16));
    }
    return m;
  }

  /** Exact signed distance to a solid cylinder along body Z. */
  static double cylinderDistance(double[] pos, double[] r, double radius, double halfHeight, double[] p) {
    double[] q = toLocal(pos, r, p);
    double dr = Math.hypot(q[0], q[1]) - radius;
    double dz = Math.abs(q[2]) - halfHeight;
    double outside = Math.hypot(Math.max(dr, 0), Math.max(dz, 0));
    return outside + Math.min(Math.max(dr, dz), 0);
  }

  static double len(double x, double y, double z) {
    return Math.sqrt(x * x + y * y + z * z);
  }

  @Test
  void rotationHelperIsOrthonormalAndTurnsXToY() {
    double[] r = rot(0, 0, 1, Math.PI / 2);
    double[] x = apply(r, 1, 0, 0);
    assertEquals(0, x[0], 1e-15);
    assertEquals(1, x[1], 1e-15);
    double[] q = randomRot(new Random(3));
    double[] qqt = mul(q, new double[] {q[0], q[3], q[6], q[1], q[4], q[7], q[2], q[5], q[8]});
    for (int i = 0; i < 9; i++) {
      assertEquals(IDENTITY[i], qqt[i], 1e-12);
    }
  }

  @Test
  void boxPlanesIsZeroOnTheSurfaceAndMinusDistanceInside() {
    double[] pos = v(1, 2, 3);
    double[] r = rot(1, 1, 0, 0.7);
    double[] half = v(0.5, 0.25, 1);
    double[] onFace = apply(r, 0.5, 0.1, -0.3);
    assertEquals(0, boxPlanes(pos, r, half, v(pos[0] + onFace[0], pos[1] + onFace[1], pos[2] + onFace[2])),
        1e-12);
    double[] inside = apply(r, 0.1, 0.05, 0.2);
    assertEquals(-0.2, boxPlanes(pos, r, half, v(pos[0] + inside[0], pos[1] + inside[1], pos[2] + inside[2])),
        1e-12);
  }

  @Test
  void prismPlanesPutsVerticesOnTheCircleAndFlatsInside() {
    double[] pos = v(0, 0, 0);
    assertEquals(0, prismPlanes(pos, IDENTITY, 1, 1, v(1, 0, 0)), 1e-12);
    assertEquals(0, prismPlanes(pos, IDENTITY, 1, 1, v(Math.cos(Math.PI / 8), Math.sin(Math.PI / 8), 0.5)),
        1e-12);
    // Mid-flat at the true radius is outside the prism by 1 - cos(pi/16).
    double a = Math.PI / 16;
    assertEquals(1 - Math.cos(a), prismPlanes(pos, IDENTITY, 1, 1, v(Math.cos(a), Math.sin(a), 0)), 1e-12);
  }

  @Test
  void cylinderDistanceMeasuresSideCapAndRim() {
    double[] pos = v(0, 0, 0);
    assertEquals(0.5, cylinderDistance(pos, IDENTITY, 1, 2, v(1.5, 0, 0)), 1e-12);
    assertEquals(-0.5, cylinderDistance(pos, IDENTITY, 1, 2, v(0, 0.5, 0)), 1e-12);
    assertEquals(Math.sqrt(2), cylinderDistance(pos, IDENTITY, 1, 2, v(0, 2, 3)), 1e-12);
  }
}
