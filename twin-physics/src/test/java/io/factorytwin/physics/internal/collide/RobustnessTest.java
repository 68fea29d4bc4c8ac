package io.factorytwin.physics.internal.collide;

import static io.factorytwin.physics.internal.collide.GeometryOracleTest.IDENTITY;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.randomRot;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.randomUnit;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.rot;
import static io.factorytwin.physics.internal.collide.GeometryOracleTest.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Degenerate but finite input, and the no-allocation promise. */
class RobustnessTest {
  private final Collider collider = new Collider();

  /** Fails on the first non-finite value, out-of-range count or repeated feature. */
  private static final class Checking implements ContactSink {
    final Set<Integer> features = new HashSet<>();
    int count;
    String call = "";

    void reset(String call) {
      this.call = call;
      features.clear();
      count = 0;
    }

    @Override
    public void contact(double px, double py, double pz, double nx, double ny, double nz, double depth,
        int feature) {
      count++;
      if (!(Double.isFinite(px) && Double.isFinite(py) && Double.isFinite(pz) && Double.isFinite(depth))) {
        fail(call + ": non-finite point or depth");
      }
      double l = Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (!(Math.abs(l - 1) < 1e-9)) {
        fail(call + ": normal length " + l);
      }
      if (feature < 0 || !features.add(feature)) {
        fail(call + ": feature " + feature);
      }
    }
  }

  /** A size that is often exactly zero, otherwise random. */
  private static double size(Random rnd) {
    return rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble();
  }

  /** A position that is often exactly the other one, or on an axis through it. */
  private static double[] near(Random rnd, double[] other) {
    switch (rnd.nextInt(3)) {
      case 0:
        return other.clone();
      case 1:
        return v(other[0], other[1], other[2] + rnd.nextDouble());
      default:
        return v(other[0] + rnd.nextGaussian(), other[1] + rnd.nextGaussian(), other[2] + rnd.nextGaussian());
    }
  }

  private static double[] rotation(Random rnd) {
    switch (rnd.nextInt(3)) {
      case 0:
        return IDENTITY.clone();
      case 1:
        return rot(0, 0, 1, Math.PI / 2 * rnd.nextInt(4)); // exactly parallel edges with the identity
      default:
        return randomRot(rnd);
    }
  }

  @Test
  void degenerateInputNeverProducesNaNOrRepeatedFeatures() {
    Random rnd = new Random(2024);
    Checking sink = new Checking();
    for (int i = 0; i < 3000; i++) {
      double[] pb = v(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
      double[] pa = near(rnd, pb);
      double[] ra = rotation(rnd);
      double[] rb = rotation(rnd);
      double[] ha = v(size(rnd), size(rnd), size(rnd));
      double[] hb = v(size(rnd), size(rnd), size(rnd));
      double margin = rnd.nextBoolean() ? 0 : 0.1;
      double[] n = rnd.nextBoolean() ? v(0, 0, 1) : randomUnit(rnd);
      double off = n[0] * pa[0] + n[1] * pa[1] + n[2] * pa[2] + (rnd.nextBoolean() ? 0 : rnd.nextGaussian());
      int c;
      sink.reset("boxBox " + i);
      c = collider.boxBox(pa, ra, ha, pb, rb, hb, margin, sink);
      assertTrue(c == sink.count && c <= 4, sink.call);
      sink.reset("cylinderBox " + i);
      c = collider.cylinderBox(pa, ra, ha[0], ha[2], pb, rb, hb, margin, sink);
      assertTrue(c == sink.count && c <= 4, sink.call);
      sink.reset("cylinderCylinder " + i);
      c = collider.cylinderCylinder(pa, ra, ha[0], ha[2], pb, rb, hb[0], hb[2], margin, sink);
      assertTrue(c == sink.count && c <= 4, sink.call);
      sink.reset("boxPlane " + i);
      c = collider.boxPlane(pa, ra, ha, n, off, margin, sink);
      assertTrue(c == sink.count && c <= 4, sink.call);
      sink.reset("cylinderPlane " + i);
      c = collider.cylinderPlane(pa, ra, ha[0], ha[2], n, off, margin, sink);
      assertTrue(c == sink.count && c <= 4, sink.call);
      sink.reset("spherePlane " + i);
      c = collider.spherePlane(pa, ha[0], n, off, margin, sink);
      assertTrue(c == sink.count && c <= 1, sink.call);
      sink.reset("sphereSphere " + i);
      c = collider.sphereSphere(pa, ha[0], pb, hb[0], margin, sink);
      assertTrue(c == sink.count && c <= 1, sink.call);
      sink.reset("sphereBox " + i);
      c = collider.sphereBox(pa, ha[0], pb, rb, hb, margin, sink);
      assertTrue(c == sink.count && c <= 1, sink.call);
      sink.reset("sphereCylinder " + i);
      c = collider.sphereCylinder(pa, ha[0], pb, rb, hb[0], hb[2], margin, sink);
      assertTrue(c == sink.count && c <= 1, sink.call);
    }
  }

  @Test
  void coincidentShapesOverlapWithFiniteContacts() {
    Checking sink = new Checking();
    double[] p = v(1, 2, 3);
    sink.reset("sphereBox at the centre");
    assertEquals(1, collider.sphereBox(p, 0.1, p, IDENTITY, v(0.5, 0.5, 0.5), 0, sink));
    sink.reset("sphereCylinder at the centre");
    assertEquals(1, collider.sphereCylinder(p, 0.1, p, IDENTITY, 0.5, 0.5, 0, sink));
    sink.reset("cylinderCylinder coincident");
    assertTrue(collider.cylinderCylinder(p, IDENTITY, 0.5, 0.5, p, IDENTITY, 0.5, 0.5, 0, sink) > 0);
    sink.reset("cylinderBox coincident");
    assertTrue(collider.cylinderBox(p, IDENTITY, 0.5, 0.5, p, IDENTITY, v(0.5, 0.5, 0.5), 0, sink) > 0);
  }

  @Test
  void collidingAllocatesNothing() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (!(bean instanceof com.sun.management.ThreadMXBean)) {
      return; // allocation counters unavailable on this JVM
    }
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
    ContactSink sink = (px, py, pz, nx, ny, nz, depth, feature) -> { };
    double[] pa = v(0.1, 0.05, 0.99);
    double[] ra = rot(0, 0, 1, 0.3);
    double[] pb = v(0, 0, 0);
    double[] h = v(0.5, 0.5, 0.5);
    double[] up = v(0, 0, 1);
    Runnable work = () -> {
      collider.boxBox(pa, ra, h, pb, IDENTITY, h, 0.01, sink);
      collider.cylinderBox(pa, ra, 0.5, 0.5, pb, IDENTITY, h, 0.01, sink);
      collider.cylinderCylinder(pa, ra, 0.5, 0.5, pb, IDENTITY, 0.5, 0.5, 0.01, sink);
      collider.boxPlane(pa, ra, h, up, 0.5, 0.01, sink);
      collider.cylinderPlane(pa, ra, 0.5, 0.5, up, 0.5, 0.01, sink);
      collider.sphereBox(pa, 0.3, pb, IDENTITY, h, 0.01, sink);
      collider.sphereCylinder(pa, 0.3, pb, IDENTITY, 0.5, 0.5, 0.01, sink);
      collider.sphereSphere(pa, 0.3, pb, 0.5, 0.01, sink);
      collider.spherePlane(pa, 0.3, up, 0.5, 0.01, sink);
    };
    for (int i = 0; i < 20_000; i++) {
      work.run();
    }
    long tid = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 10_000; i++) {
      work.run();
    }
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    // One allocation per call would be 90 000 objects; allow the counter's own few bytes.
    assertTrue(allocated < 10_000, "allocated " + allocated + " bytes");
  }
}
