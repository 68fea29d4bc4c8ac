package io.factorytwin.viewer;

/**
 * A predicted trajectory of one point with its uncertainty: the mean path, drawn dashed, and at the
 * replay's current time a translucent ellipsoid whose half-axes are the band's half-widths. A
 * rollout's ensemble mean and spread of a body's position map onto it directly.
 *
 * <p>Immutable and thread-safe (the arrays are copied in and out).
 *
 * @param element    the layout element predicted (a workpiece, fixture, zone or equipment id)
 * @param label      what predicted it ("hybrid", "physics", "plan B"...), not blank
 * @param times      seconds from the replay's start, finite, ≥ 0, strictly increasing, length n ≥ 1
 * @param mean       predicted positions [m], shape [n][xyz] flattened (length 3n), finite
 * @param halfWidths half-widths of the band along world x, y, z [m], shape [n][xyz] flattened, finite, ≥ 0
 *                   (for a Gaussian ensemble, 1.96 σ is a 95 % band)
 */
public record PredictedTrack(String element, String label, double[] times, double[] mean, double[] halfWidths) {

  /** Validates and copies. @throws IllegalArgumentException naming the track, the value and the bound */
  public PredictedTrack {
    String path = "predicted " + element + " (" + label + ")";
    Track.requireName(path, "element", element);
    Track.requireName(path, "label", label);
    times = Track.times(path, times);
    mean = Track.points(path + ".mean", mean, times.length);
    halfWidths = Track.points(path + ".halfWidths", halfWidths, times.length);
    for (int i = 0; i < halfWidths.length; i++) {
      if (!(halfWidths[i] >= 0)) {
        throw new IllegalArgumentException(path + ".halfWidths[" + i / 3 + "][" + "xyz".charAt(i % 3) + "]: "
            + halfWidths[i] + " m, must be ≥ 0");
      }
    }
  }

  @Override
  public double[] times() {
    return times.clone();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] halfWidths() {
    return halfWidths.clone();
  }

  /** Number of samples. */
  public int size() {
    return times.length;
  }
}
