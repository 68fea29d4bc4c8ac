package io.factorytwin.core.layout;

import io.factorytwin.core.equipment.AxisSpec;
import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.equipment.CraneSpec;

/** Reads and writes the parameters named in {@link UncertainParameter} on a layout builder. */
final class Parameters {
  private Parameters() {}

  /** The unit of {@code path}'s property, or null when the path names no parameter of {@code b}. */
  static String unit(LayoutBuilder b, String path) {
    int dot = path.lastIndexOf('.');
    if (dot <= 0) return null;
    String prop = path.substring(dot + 1);
    String elem = path.substring(0, dot);
    if (workpiece(b, elem) >= 0 && !b.parkedIds.contains(elem)) {
      return switch (prop) {
        case "mass" -> "kg";
        case "friction" -> "1";
        default -> null;
      };
    }
    int c = equipment(b, elem);
    if (c >= 0 && b.equipmentSpecs.get(c) instanceof CraneSpec) {
      return switch (prop) {
        case "ropeOffset" -> "m";
        case "swingDamping" -> "1/s";
        case "hookMass" -> "kg";
        default -> null;
      };
    }
    if (c >= 0 && b.equipmentSpecs.get(c) instanceof ConveyorSpec) {
      return prop.equals("friction") ? "1" : null;
    }
    int axisDot = elem.lastIndexOf('.');
    if (prop.equals("timeConstant") && axisDot > 0) {
      int crane = equipment(b, elem.substring(0, axisDot));
      String axis = elem.substring(axisDot + 1);
      if (crane >= 0 && b.equipmentSpecs.get(crane) instanceof CraneSpec
          && (axis.equals("bridge") || axis.equals("trolley") || axis.equals("hoist"))) {
        return "s";
      }
    }
    return null;
  }

  /** The current value of {@code path} (which {@link #unit} accepted). */
  static double get(LayoutBuilder b, String path) {
    int dot = path.lastIndexOf('.');
    String prop = path.substring(dot + 1);
    String elem = path.substring(0, dot);
    int w = workpiece(b, elem);
    if (w >= 0) {
      Workpiece wp = b.workpieces.get(w);
      return prop.equals("mass") ? wp.mass() : wp.material().friction();
    }
    int c = equipment(b, elem);
    if (c >= 0 && b.equipmentSpecs.get(c) instanceof CraneSpec cs) {
      return switch (prop) {
        case "ropeOffset" -> cs.ropeOffset();
        case "swingDamping" -> cs.swingDamping();
        default -> cs.hookMass();
      };
    }
    if (c >= 0 && b.equipmentSpecs.get(c) instanceof ConveyorSpec cs) {
      return cs.friction();
    }
    int axisDot = elem.lastIndexOf('.');
    CraneSpec cs = (CraneSpec) b.equipmentSpecs.get(equipment(b, elem.substring(0, axisDot)));
    return axis(cs, elem.substring(axisDot + 1)).timeConstant();
  }

  /** Sets {@code path} (which {@link #unit} accepted) to {@code v} in {@code b}. */
  static void set(LayoutBuilder b, String path, double v) {
    int dot = path.lastIndexOf('.');
    String prop = path.substring(dot + 1);
    String elem = path.substring(0, dot);
    int w = workpiece(b, elem);
    if (w >= 0) {
      Workpiece o = b.workpieces.get(w);
      b.workpieces.set(w, prop.equals("mass")
          ? new Workpiece(o.id(), o.shape(), v, o.material(), o.pose(), o.velocity(), o.angularVelocity())
          : new Workpiece(o.id(), o.shape(), o.mass(), Material.of(v, o.material().restitution()), o.pose(),
              o.velocity(), o.angularVelocity()));
      return;
    }
    int c = equipment(b, elem);
    if (c >= 0 && b.equipmentSpecs.get(c) instanceof CraneSpec cs) {
      CraneSpec.Builder nb = cs.toBuilder();
      switch (prop) {
        case "ropeOffset" -> nb.ropeOffset(v);
        case "swingDamping" -> nb.swingDamping(v);
        default -> nb.hookMass(v);
      }
      b.replaceCrane(c, nb.build());
      return;
    }
    if (c >= 0 && b.equipmentSpecs.get(c) instanceof ConveyorSpec cs) {
      b.replaceConveyorFriction(c, v);
      return;
    }
    int axisDot = elem.lastIndexOf('.');
    int crane = equipment(b, elem.substring(0, axisDot));
    CraneSpec cs = (CraneSpec) b.equipmentSpecs.get(crane);
    String axis = elem.substring(axisDot + 1);
    AxisSpec a = axis(cs, axis);
    AxisSpec na = new AxisSpec(a.maxSpeed(), a.maxAccel(), v, a.softMin(), a.softMax(), a.hardMin(), a.hardMax());
    CraneSpec.Builder nb = cs.toBuilder();
    switch (axis) {
      case "bridge" -> nb.bridge(na);
      case "trolley" -> nb.trolley(na);
      default -> nb.hoist(na);
    }
    b.replaceCrane(crane, nb.build());
  }

  private static AxisSpec axis(CraneSpec cs, String axis) {
    return switch (axis) {
      case "bridge" -> cs.bridge();
      case "trolley" -> cs.trolley();
      default -> cs.hoist();
    };
  }

  static int workpiece(LayoutBuilder b, String id) {
    for (int i = 0; i < b.workpieces.size(); i++) {
      if (b.workpieces.get(i).id().equals(id)) return i;
    }
    return -1;
  }

  static int equipment(LayoutBuilder b, String id) {
    return b.equipmentIds.indexOf(id);
  }
}
