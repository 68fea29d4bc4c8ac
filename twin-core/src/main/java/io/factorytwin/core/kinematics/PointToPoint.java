package io.factorytwin.core.kinematics;

/**
 * A synchronised joint-space move between two joint vectors: every joint follows the same
 * trapezoidal time scaling {@code q(t) = (1 − s(t))·from + s(t)·to}, so the joints start and stop
 * together and the path is a straight line in joint space (which stays within the joint limits,
 * since both ends are). The scaling's peak speed and acceleration are the largest that keep every
 * joint within its own speed and acceleration limits, so the joint with the least margin moves at
 * its limit; the move is the fastest straight joint-space line the limits allow.
 *
 * <p>Trapezoidal (not quintic) because it is time-optimal under speed and acceleration limits and
 * meets them exactly; its jerk is unbounded at the four switching instants.
 *
 * <p>Immutable and thread-safe. Created by {@link Trajectories#pointToPoint(ArmSpec, double[], double[])}.
 */
public final class PointToPoint {
  private final double[] from, to;
  private final TimeScaling scaling;

  PointToPoint(double[] from, double[] to, TimeScaling scaling) {
    this.from = from.clone();
    this.to = to.clone();
    this.scaling = scaling;
  }

  /** Joints in the move. */
  public int dof() {
    return from.length;
  }

  /** Duration of the move [s]; 0 when {@code from} equals {@code to}. */
  public double duration() {
    return scaling.duration();
  }

  /** A copy of the start joints [rad]. */
  public double[] from() {
    return from.clone();
  }

  /** A copy of the end joints [rad]. */
  public double[] to() {
    return to.clone();
  }

  /** Joint positions at {@code t} s into the move [rad] into {@code out}; exactly {@code from} for t ≤ 0, {@code to} for t ≥ duration. */
  public void position(double t, double[] out) {
    double s = scaling.position(t);
    for (int j = 0; j < from.length; j++) out[j] = (1 - s) * from[j] + s * to[j];
  }

  /** Joint velocities at {@code t} [rad/s] into {@code out}. */
  public void velocity(double t, double[] out) {
    double v = scaling.speed(t);
    for (int j = 0; j < from.length; j++) out[j] = v * (to[j] - from[j]);
  }

  /** Joint accelerations at {@code t} [rad/s²] into {@code out}. */
  public void acceleration(double t, double[] out) {
    double a = scaling.acceleration(t);
    for (int j = 0; j < from.length; j++) out[j] = a * (to[j] - from[j]);
  }

  /**
   * The move sampled at equal intervals of at most {@code dt} s (the duration divided into
   * {@code ceil(duration / dt)} intervals, so the last sample is at the end exactly), with exact
   * positions, velocities and accelerations.
   *
   * @throws IllegalArgumentException unless {@code dt} is finite and > 0
   */
  public JointTrajectory sample(double dt) {
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new IllegalArgumentException("dt: " + dt + " s, must be > 0 and finite");
    }
    int n = from.length;
    int intervals = scaling.duration() > 0 ? scaling.intervals(dt) : 0;
    double[] times = new double[intervals + 1];
    double[] p = new double[(intervals + 1) * n], v = new double[p.length], a = new double[p.length];
    double[] buf = new double[n];
    for (int k = 0; k <= intervals; k++) {
      double t = intervals == 0 ? 0 : scaling.sampleTime(k, intervals);
      times[k] = t;
      position(t, buf);
      System.arraycopy(buf, 0, p, k * n, n);
      velocity(t, buf);
      System.arraycopy(buf, 0, v, k * n, n);
      acceleration(t, buf);
      System.arraycopy(buf, 0, a, k * n, n);
    }
    return new JointTrajectory(n, times, p, v, a);
  }

  @Override
  public String toString() {
    return "PointToPoint[" + from.length + " joints, " + duration() + " s]";
  }
}
