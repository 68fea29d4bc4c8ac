package io.factorytwin.core.internal;

import java.util.List;

/**
 * Range checks that collect problems instead of throwing at the first one, so that layout
 * validation can report every problem in one exception. Every check is written so that NaN fails.
 *
 * <p>Not part of the public API. Confined to the thread that validates.
 */
public final class Checks {
  private Checks() {}

  /** Adds "path: value unit, must be > 0" unless {@code value} is finite and strictly positive. */
  public static void positive(List<String> problems, String path, double value, String unit) {
    if (!(value > 0) || Double.isInfinite(value)) {
      problems.add(path + ": " + value + unit(unit) + ", must be > 0 and finite");
    }
  }

  /** Adds "path.x|y|z: ..." problems unless every component of {@code size} is finite and > 0; "missing" if null. */
  public static void positive(List<String> problems, String path, io.factorytwin.core.geom.Vec3 size, String unit) {
    if (size == null) {
      problems.add(path + ": missing");
      return;
    }
    positive(problems, path + ".x", size.x(), unit);
    positive(problems, path + ".y", size.y(), unit);
    positive(problems, path + ".z", size.z(), unit);
  }

  /** Adds a problem unless {@code value} is finite and {@code >= 0}. */
  public static void nonNegative(List<String> problems, String path, double value, String unit) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      problems.add(path + ": " + value + unit(unit) + ", must be >= 0 and finite");
    }
  }

  /** Adds a problem unless {@code lo <= value <= hi}. */
  public static void inRange(List<String> problems, String path, double value, double lo, double hi, String unit) {
    if (!(value >= lo && value <= hi)) {
      problems.add(path + ": " + value + unit(unit) + ", must be in [" + lo + ", " + hi + "]");
    }
  }

  /** Adds a problem unless {@code value} is finite. */
  public static void finite(List<String> problems, String path, double value, String unit) {
    if (!Double.isFinite(value)) {
      problems.add(path + ": " + value + unit(unit) + ", must be finite");
    }
  }

  /** Throws {@link IllegalArgumentException} naming the path, value and bound unless finite. */
  public static double requireFinite(String path, double value, String unit) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(path + ": " + value + unit(unit) + ", must be finite");
    }
    return value;
  }

  /** Throws {@link IllegalArgumentException} unless finite and strictly positive. */
  public static double requirePositive(String path, double value, String unit) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(path + ": " + value + unit(unit) + ", must be > 0 and finite");
    }
    return value;
  }

  private static String unit(String unit) {
    return unit.isEmpty() ? "" : " " + unit;
  }
}
