package io.factorytwin.viewer;

import io.factorytwin.core.internal.Checks;

/**
 * A trajectory of one point over time, drawn as a line with a marker at the replay's current
 * time: the plant's measured load path, a recorded body's centre, any path a host wants to show.
 *
 * <p>Immutable and thread-safe (the arrays are copied in and out).
 *
 * @param element   the layout element it belongs to (a workpiece, fixture, zone or equipment id); it names the line
 * @param label     what it is, shown in the legend ("plant", "twin"...), not blank
 * @param times     seconds from the replay's start, finite, ≥ 0, strictly increasing, length n ≥ 1
 * @param positions world positions [m], shape [n][xyz] flattened (length 3n), finite
 */
public record Track(String element, String label, double[] times, double[] positions) {

  /** Validates and copies. @throws IllegalArgumentException naming the track, the value and the bound */
  public Track {
    String path = "track " + element + " (" + label + ")";
    requireName(path, "element", element);
    requireName(path, "label", label);
    times = times(path, times);
    positions = points(path + ".positions", positions, times.length);
  }

  @Override
  public double[] times() {
    return times.clone();
  }

  @Override
  public double[] positions() {
    return positions.clone();
  }

  /** Number of samples. */
  public int size() {
    return times.length;
  }

  static void requireName(String path, String what, String s) {
    if (s == null || s.isBlank()) throw new IllegalArgumentException(path + ": " + what + " is blank, must name something");
  }

  static double[] times(String path, double[] times) {
    if (times == null || times.length == 0) {
      throw new IllegalArgumentException(path + ".times: " + (times == null ? "null" : "empty") + ", must hold ≥ 1 sample");
    }
    double[] t = times.clone();
    for (int i = 0; i < t.length; i++) {
      if (!(t[i] >= 0) || Double.isInfinite(t[i])) {
        throw new IllegalArgumentException(path + ".times[" + i + "]: " + t[i] + " s, must be ≥ 0 and finite");
      }
      if (i > 0 && !(t[i] > t[i - 1])) {
        throw new IllegalArgumentException(path + ".times[" + i + "]: " + t[i] + " s, must be > the previous " + t[i - 1] + " s");
      }
    }
    return t;
  }

  static double[] points(String path, double[] v, int n) {
    if (v == null || v.length != 3 * n) {
      throw new IllegalArgumentException(path + ": length " + (v == null ? "null" : v.length) + ", must be 3 × " + n + " samples = " + 3 * n);
    }
    double[] c = v.clone();
    for (int i = 0; i < c.length; i++) Checks.requireFinite(path + "[" + i / 3 + "][" + "xyz".charAt(i % 3) + "]", c[i], "m");
    return c;
  }
}
