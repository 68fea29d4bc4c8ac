package io.factorytwin.core.kinematics;

import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.internal.Checks;
import java.util.List;

/**
 * The mass properties of one link, for the physics twin and for dynamics: the link moved by joint
 * {@code k} is described in DH frame {@code k} (the frame that follows joint {@code k}'s row of the
 * table; its origin is at the link's distal end).
 *
 * <p>Immutable and thread-safe. Any values are accepted here; {@link ArmSpec.Builder#build()}
 * reports the invalid ones with their paths.
 *
 * @param mass             kg, {@code > 0}
 * @param centreOfMass     position of the centre of mass in the link's DH frame [m], finite
 * @param principalInertia principal moments of inertia about the centre of mass [kg·m²], each
 *                         {@code >= 0}, about axes parallel to the link frame's X, Y, Z, and
 *                         satisfying the triangle inequality ({@code Ixx + Iyy >= Izz} and so on)
 */
public record LinkInertia(double mass, Vec3 centreOfMass, Vec3 principalInertia) {

  /**
   * A solid cylinder of the given mass [kg], length and radius [m] whose axis is parallel to the link
   * frame's X ({@code axis = 0}), Y (1) or Z (2), centred on {@code centreOfMass}.
   */
  public static LinkInertia cylinder(double mass, Vec3 centreOfMass, int axis, double length, double radius) {
    double along = mass * radius * radius / 2;
    double across = mass * (3 * radius * radius + length * length) / 12;
    Vec3 inertia = switch (axis) {
      case 0 -> new Vec3(along, across, across);
      case 1 -> new Vec3(across, along, across);
      case 2 -> new Vec3(across, across, along);
      default -> throw new IllegalArgumentException("axis: " + axis + ", must be 0 (X), 1 (Y) or 2 (Z)");
    };
    return new LinkInertia(mass, centreOfMass, inertia);
  }

  void validate(List<String> p, String path) {
    Checks.positive(p, path + ".mass", mass, "kg");
    if (centreOfMass == null || !centreOfMass.isFinite()) {
      p.add(path + ".centreOfMass: " + centreOfMass + " m, must be finite");
    }
    if (principalInertia == null) {
      p.add(path + ".principalInertia: missing");
      return;
    }
    double ix = principalInertia.x(), iy = principalInertia.y(), iz = principalInertia.z();
    Checks.nonNegative(p, path + ".principalInertia.x", ix, "kg*m^2");
    Checks.nonNegative(p, path + ".principalInertia.y", iy, "kg*m^2");
    Checks.nonNegative(p, path + ".principalInertia.z", iz, "kg*m^2");
    // a rigid body's principal moments obey the triangle inequality (with a little slack for rounding)
    double slack = 1e-9 * (Math.abs(ix) + Math.abs(iy) + Math.abs(iz));
    if (!(ix + iy + slack >= iz && iy + iz + slack >= ix && iz + ix + slack >= iy)) {
      p.add(path + ".principalInertia: " + principalInertia
          + " kg*m^2, must satisfy the triangle inequality (each moment <= the sum of the other two)");
    }
  }
}
