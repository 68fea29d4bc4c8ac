package io.factorytwin.core.control;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * An input shaper: a train of impulses that, convolved with a command, cancels the residual
 * vibration of a mode of natural frequency ω (here: a crane load's sway). ZV cancels it exactly at
 * ω; ZVD also has zero slope there, so it tolerates a wrong ω better at the cost of half a period
 * more. Undamped designs (ζ = 0).
 *
 * <p>Residual vibration, as a share of the unshaped command's, when the true frequency is ω but
 * the shaper was designed for ω0: |cos(π·ω/(2·ω0))| for ZV, its square for ZVD ({@link #residualRatio}).
 *
 * <p>Immutable and thread-safe.
 */
public final class InputShaper {
  private final String name;
  private final double[] times;
  private final double[] amplitudes;
  private final double designFrequency;

  private InputShaper(String name, double omega, double[] times, double[] amplitudes) {
    if (!(omega > 0) || Double.isInfinite(omega)) {
      throw new IllegalArgumentException("shaper." + name + ".frequency: " + omega + " rad/s, must be > 0 and finite");
    }
    this.name = name;
    this.designFrequency = omega;
    this.times = times;
    this.amplitudes = amplitudes;
  }

  /** Zero-vibration shaper for natural frequency {@code omega} [rad/s]: ½ at 0 and ½ at T/2. */
  public static InputShaper zv(double omega) {
    double half = Math.PI / omega;
    return new InputShaper("ZV", omega, new double[] {0, half}, new double[] {0.5, 0.5});
  }

  /** Zero-vibration-derivative shaper: ¼ at 0, ½ at T/2, ¼ at T. */
  public static InputShaper zvd(double omega) {
    double half = Math.PI / omega;
    return new InputShaper("ZVD", omega, new double[] {0, half, 2 * half}, new double[] {0.25, 0.5, 0.25});
  }

  /** "ZV" or "ZVD". */
  public String name() {
    return name;
  }

  /** The frequency the shaper was designed for [rad/s]. */
  public double designFrequency() {
    return designFrequency;
  }

  /** Impulse times [s] from the first. */
  public double[] times() {
    return times.clone();
  }

  /** Impulse amplitudes (sum 1). */
  public double[] amplitudes() {
    return amplitudes.clone();
  }

  /** How much longer a shaped command lasts than the original [s]. */
  public double delay() {
    return times[times.length - 1];
  }

  /** The shaped command at time {@code t}: Σ Aᵢ·signal(t − tᵢ), with the signal 0 before its start. */
  public double shape(DoubleUnaryOperator signal, double t) {
    double sum = 0;
    for (int i = 0; i < times.length; i++) {
      double u = t - times[i];
      if (u >= 0) sum += amplitudes[i] * signal.applyAsDouble(u);
    }
    return sum;
  }

  /**
   * Residual vibration left by this shaper, as a share of the unshaped command's, when the true
   * undamped frequency is {@code omega} [rad/s] (the magnitude of its transfer function there).
   */
  public double residualRatio(double omega) {
    double re = 0, im = 0;
    for (int i = 0; i < times.length; i++) {
      re += amplitudes[i] * Math.cos(omega * times[i]);
      im += amplitudes[i] * Math.sin(omega * times[i]);
    }
    return Math.hypot(re, im);
  }

  @Override
  public String toString() {
    return name + "[ω0 = " + designFrequency + " rad/s, t = " + Arrays.toString(times) + " s]";
  }
}
