package io.factorytwin.core.schema;

/**
 * One named channel of a state or action schema: {@code box3.pos.x [m]}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name  dotted path: element id, quantity, component (e.g. {@code crane1.trolley.x})
 * @param unit  SI unit symbol ({@code m}, {@code m/s}, {@code rad}, {@code rad/s}, {@code 1} for dimensionless)
 * @param index position of the channel in its schema, from 0
 */
public record Channel(String name, String unit, int index) {
  @Override
  public String toString() {
    return name + " [" + unit + "]";
  }
}
