package io.factorytwin.examples;

import io.factorytwin.core.equipment.ConveyorSpec;
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

  /** The reference line's belt: 6 m long, 0.6 m wide, top surface at 0.8 m, along +X from x = 0. */
  public static final double LINE_LENGTH = 6.0, LINE_WIDTH = 0.6, LINE_HEIGHT = 0.8;
  /** The reference line's drive: up to 1 m/s, ramping at 1.6 m/s². */
  public static final double LINE_SPEED = 1.0, LINE_ACCEL = 1.6;
  /** Declared friction of the reference line's belt surface and of its tote (they multiply: 0.2). */
  public static final double LINE_FRICTION = 0.4, TOTE_FRICTION = 0.5;
  /** The reference line's tote: a 0.4 × 0.3 × 0.2 m box of 8 kg. */
  public static final Vec3 TOTE = new Vec3(0.4, 0.3, 0.2);

  /**
   * {@code reference-line}: the conveyor that calibration's second example learns (docs/calibration.md):
   * one level belt {@code line1} ({@link #LINE_LENGTH} m, guides 5 cm high, {@link #LINE_SPEED} m/s at
   * {@link #LINE_ACCEL} m/s²) carrying one tote {@code tote} back and forth. With the declared friction
   * (0.4 × 0.5 = 0.2, so the tote sticks up to 1.96 m/s²) the tote rides the belt's ramps without
   * slipping. Uncertain parameter: the belt's friction (0.05–1.0). Step {@link #CRANE_STEP}.
   */
  public static Layout referenceLine() {
    ConveyorSpec belt = new ConveyorSpec(new Vec3(0, 0, LINE_HEIGHT), 0, 0, LINE_LENGTH, LINE_WIDTH, LINE_SPEED,
        LINE_ACCEL, 0.05, LINE_FRICTION);
    return Layout.builder("reference-line")
        .step(CRANE_STEP)
        .uncertain("line1.friction", 0.05, 1.0)
        .floor(Material.of(0.6, 0))
        .conveyor("line1", belt)
        .workpiece("tote", w -> w.box(TOTE.x(), TOTE.y(), TOTE.z()).mass(8).friction(TOTE_FRICTION)
            .at(2.0, 0, LINE_HEIGHT + TOTE.z() / 2))
        .build();
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
      "reference-line", ReferenceLayouts::referenceLine,
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
