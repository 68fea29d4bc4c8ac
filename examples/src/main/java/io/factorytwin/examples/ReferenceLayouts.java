package io.factorytwin.examples;

import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The reference layouts that examples, tests, docs and the command-line tool refer to by name.
 *
 * <p>Stateless and thread-safe; each call builds a new (immutable) layout.
 */
public final class ReferenceLayouts {
  private ReferenceLayouts() {}

  /** Pick and place points of the reference crane's block: trolley positions [m] (8 m apart). */
  public static final double PICK_X = 2.0, PLACE_X = 10.0;
  /** Bridge position of the reference crane [m]. */
  public static final double BRIDGE_Y = 15.0;
  /** The reference block: a 1.2 × 1.2 × 0.6 m steel block of 2000 kg. */
  public static final Vec3 BLOCK = new Vec3(1.2, 1.2, 0.6);
  /** The block's mass [kg]. */
  public static final double BLOCK_MASS = 2000;

  /** Step of the reference crane [s]: 1/250 s, so that 50 Hz telemetry frames are 5 steps apart. */
  public static final double CRANE_STEP = 1.0 / 250;

  /**
   * {@code reference-crane}: the reference crane of docs/crane.md over a floor, the reference block
   * standing on the floor under the hook at the pick point, the hook lowered to just above it (rope
   * 7 m), and a walkway 1.6 m wide along the runway beyond the place point (from x = 11.3 m), 2.2 m
   * high, which a load swinging out past its place point enters. Step {@link #CRANE_STEP}.
   */
  public static Layout referenceCrane() {
    return crane("reference-crane", 7.0, PICK_X);
  }

  /**
   * {@code reference-crane-carrying}: the reference crane as calibration sees it (docs/calibration.md):
   * the same crane, block and walkway, the hook parked at rope 4 m over the middle of the span. Its
   * telemetry comes from the crane carrying the block around; syncing to a frame hangs the block on
   * the hook. Uncertain parameters (what calibration fits): the trolley's and bridge's drive time
   * constants (0.01–0.4 s), the rope length offset (−0.5 to 1.5 m), the swing damping (0–0.5 1/s) and
   * the block's mass (1500–3000 kg).
   */
  public static Layout referenceCraneCarrying() {
    return crane("reference-crane-carrying", 4.0, 6.0);
  }

  private static Layout crane(String name, double rope, double trolley) {
    CraneSpec spec = CraneSpec.reference().toBuilder().start(BRIDGE_Y, trolley, rope).build();
    return Layout.builder(name)
        .step(CRANE_STEP)
        .uncertain("crane1.trolley.timeConstant", 0.01, 0.4)
        .uncertain("crane1.bridge.timeConstant", 0.01, 0.4)
        .uncertain("crane1.ropeOffset", -0.5, 1.5)
        .uncertain("crane1.swingDamping", 0, 0.5)
        .uncertain("block.mass", 1500, 3000)
        .floor(Material.of(0.6, 0))
        .crane("crane1", spec)
        .workpiece("block", w -> w.box(BLOCK.x(), BLOCK.y(), BLOCK.z()).mass(BLOCK_MASS).friction(0.6)
            .at(PICK_X, BRIDGE_Y, BLOCK.z() / 2))
        .zone("walkway", Pose.at(12.1, 15, 1.1), new Vec3(1.6, 30, 2.2))
        .build();
  }

  private static final Map<String, Supplier<Layout>> BY_NAME = Map.of(
      "reference-crane", ReferenceLayouts::referenceCrane,
      "reference-crane-carrying", ReferenceLayouts::referenceCraneCarrying,
      "quickstart", Quickstart::layout);

  /** Names accepted by {@link #byName}. */
  public static List<String> names() {
    return BY_NAME.keySet().stream().sorted().toList();
  }

  /**
   * The reference layout called {@code name}.
   *
   * @throws IllegalArgumentException listing the known names when there is no such layout
   */
  public static Layout byName(String name) {
    Supplier<Layout> s = BY_NAME.get(name);
    if (s == null) {
      throw new IllegalArgumentException("layout " + name + ": unknown, must be one of " + names());
    }
    return s.get();
  }
}
