package io.factorytwin.core.internal;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Fixture;
import io.factorytwin.core.layout.Shape;
import io.factorytwin.core.layout.Workpiece;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds bodies of an initial layout that interpenetrate deeper than a tolerance. Uses separating
 * axes with support functions: exact for boxes; for spheres and cylinders it also tries the
 * centre-to-centre axis, which makes it exact for sphere pairs and close for the rest. A pair is
 * reported only if no tried axis separates it by more than the tolerance.
 *
 * <p>Stateless; not part of the public API.
 */
public final class InitialOverlap {
  private InitialOverlap() {}

  private record Body(String id, Shape shape, Pose pose, Vec3[] axes, boolean dynamic) {}

  /** Adds a problem for each interpenetrating pair that involves at least one workpiece. */
  public static void check(List<String> problems, String root, boolean floor, List<Fixture> fixtures,
      List<Workpiece> workpieces, double tol) {
    List<Body> bodies = new ArrayList<>();
    for (Workpiece w : workpieces) bodies.add(body(w.id(), w.shape(), w.pose(), true));
    for (Fixture f : fixtures) bodies.add(body(f.id(), f.shape(), f.pose(), false));
    for (int i = 0; i < bodies.size(); i++) {
      Body a = bodies.get(i);
      if (!a.dynamic) continue;
      if (floor) {
        Vec3 up = new Vec3(0, 0, 1);
        double depth = support(a, up.times(-1)) - a.pose.position().z();
        if (depth > tol) {
          problems.add(root + "." + a.id + ": penetrates the floor by " + depth + " m, must be <= " + tol + " m");
        }
      }
      for (int j = i + 1; j < bodies.size(); j++) {
        Body b = bodies.get(j);
        double d = depth(a, b);
        if (d > tol) {
          problems.add(root + "." + a.id + ": overlaps " + b.id + " by " + d + " m, must be <= " + tol + " m");
        }
      }
    }
  }

  private static Body body(String id, Shape s, Pose p, boolean dynamic) {
    var q = p.rotation();
    return new Body(id, s, p, new Vec3[] {
        q.rotate(new Vec3(1, 0, 0)), q.rotate(new Vec3(0, 1, 0)), q.rotate(new Vec3(0, 0, 1))}, dynamic);
  }

  /** Extent of the shape from its centre along the unit direction {@code d}. */
  private static double support(Body b, Vec3 d) {
    Vec3[] ax = b.axes;
    if (b.shape instanceof Shape.Box box) {
      return Math.abs(ax[0].dot(d)) * box.sx() / 2 + Math.abs(ax[1].dot(d)) * box.sy() / 2
          + Math.abs(ax[2].dot(d)) * box.sz() / 2;
    } else if (b.shape instanceof Shape.Cylinder c) {
      double a = ax[2].dot(d);
      return c.radius() * Math.sqrt(Math.max(0, 1 - a * a)) + Math.abs(a) * c.height() / 2;
    } else {
      return ((Shape.Sphere) b.shape).radius();
    }
  }

  private static double depth(Body a, Body b) {
    Vec3 ca = a.pose.position(), cb = b.pose.position();
    Vec3 delta = cb.minus(ca);
    double dist = delta.length();
    if (dist > a.shape.boundingRadius() + b.shape.boundingRadius()) return -1;
    List<Vec3> axes = new ArrayList<>(17);
    for (Vec3 v : a.axes) axes.add(v);
    for (Vec3 v : b.axes) axes.add(v);
    for (Vec3 u : a.axes) for (Vec3 v : b.axes) axes.add(u.cross(v));
    if (dist > 1e-12) axes.add(delta);
    double min = Double.POSITIVE_INFINITY;
    for (Vec3 axis : axes) {
      double len = axis.length();
      if (len < 1e-9) continue;
      Vec3 d = axis.times(1 / len);
      double overlap = support(a, d) + support(b, d) - Math.abs(delta.dot(d));
      min = Math.min(min, overlap);
    }
    return min;
  }
}
