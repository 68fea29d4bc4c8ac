package io.factorytwin.core.layout;

/**
 * The geometry of a workpiece or fixture, centred on the element's pose.
 *
 * <p>Immutable and thread-safe. Sizes are validated when the layout is built, so that every bad
 * size is reported with its element path.
 */
public sealed interface Shape permits Shape.Box, Shape.Cylinder, Shape.Sphere {

  /** A box of full edge lengths {@code sx × sy × sz} metres along the body axes. */
  static Box box(double sx, double sy, double sz) {
    return new Box(sx, sy, sz);
  }

  /** A cylinder of {@code radius} and full {@code height} metres, its axis along body Z. */
  static Cylinder cylinder(double radius, double height) {
    return new Cylinder(radius, height);
  }

  /** A sphere of {@code radius} metres. */
  static Sphere sphere(double radius) {
    return new Sphere(radius);
  }

  /** Volume [m³]. */
  double volume();

  /** Principal moments of inertia [kg·m²] about the body axes through the centre, for {@code mass} kg. */
  double[] inertia(double mass);

  /** Radius of the smallest sphere about the centre that holds the shape [m]. */
  double boundingRadius();

  /** Box: full edge lengths in metres, each > 0. */
  record Box(double sx, double sy, double sz) implements Shape {
    @Override public double volume() { return sx * sy * sz; }
    @Override public double[] inertia(double m) {
      return new double[] {m * (sy * sy + sz * sz) / 12, m * (sx * sx + sz * sz) / 12, m * (sx * sx + sy * sy) / 12};
    }
    @Override public double boundingRadius() { return 0.5 * Math.sqrt(sx * sx + sy * sy + sz * sz); }
  }

  /** Cylinder: radius and full height in metres, each > 0; axis along body Z. */
  record Cylinder(double radius, double height) implements Shape {
    @Override public double volume() { return Math.PI * radius * radius * height; }
    @Override public double[] inertia(double m) {
      double side = m * (3 * radius * radius + height * height) / 12;
      return new double[] {side, side, m * radius * radius / 2};
    }
    @Override public double boundingRadius() { return Math.sqrt(radius * radius + height * height / 4); }
  }

  /** Sphere: radius in metres, > 0. */
  record Sphere(double radius) implements Shape {
    @Override public double volume() { return 4.0 / 3.0 * Math.PI * radius * radius * radius; }
    @Override public double[] inertia(double m) {
      double i = 0.4 * m * radius * radius;
      return new double[] {i, i, i};
    }
    @Override public double boundingRadius() { return radius; }
  }
}
