package io.factorytwin.core.layout;

/**
 * A physical parameter of a layout that is not known exactly: the plant may differ from the
 * declared value anywhere in {@code [min, max]}. Calibration fits it from telemetry
 * (docs/calibration.md); rollouts can draw it at random (domain randomisation).
 *
 * <p>Parameter paths name an element and a property:
 * <ul>
 *   <li>{@code <workpiece>.mass} [kg], {@code <workpiece>.friction} [1];</li>
 *   <li>{@code <crane>.ropeOffset} [m], {@code <crane>.swingDamping} [1/s], {@code <crane>.hookMass} [kg],
 *       {@code <crane>.bridge.timeConstant}, {@code <crane>.trolley.timeConstant},
 *       {@code <crane>.hoist.timeConstant} [s];</li>
 *   <li>{@code <conveyor>.friction} [1] (the belt surface).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param path    element and property, as above
 * @param unit    the property's unit
 * @param nominal the value the layout declares
 * @param min     lowest plausible value, ≤ nominal
 * @param max     highest plausible value, ≥ nominal
 */
public record UncertainParameter(String path, String unit, double nominal, double min, double max) {

  /** {@code value} clamped into {@code [min, max]}. */
  public double clamp(double value) {
    return Math.max(min, Math.min(max, value));
  }
}
