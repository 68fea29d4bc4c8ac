package io.factorytwin.core.kinematics;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;

/**
 * Motion planning for an {@link ArmSpec}: synchronised point-to-point moves in joint space and
 * straight-line moves of the tool turned into joint trajectories.
 *
 * <p>Stateless and thread-safe.
 */
public final class Trajectories {
  /** Relative slack on the sampled speed and acceleration checks: rounding only, never a real overshoot. */
  private static final double SLACK = 1e-9;
  /**
   * IK tolerances at each sample of a straight-line move. Far tighter than a robot needs, because the
   * joint accelerations are second differences of the samples: an error of 1e-10 rad over a 4 ms
   * step makes 1e-5 rad/s², harmless, where 1e-6 would make a false 0.1 rad/s².
   */
  private static final IkOptions PATH_IK = new IkOptions(1e-10, 1e-10, 0.2, 50, 0, 0);

  private Trajectories() {}

  /**
   * The fastest synchronised straight joint-space move from {@code from} to {@code to} [rad] within
   * every joint's speed and acceleration limits (see {@link PointToPoint}).
   *
   * @throws IllegalArgumentException if either vector does not have one finite entry per joint or is
   *                                  outside the joint limits
   */
  public static PointToPoint pointToPoint(ArmSpec spec, double[] from, double[] to) {
    checkWithinLimits(spec, "from", from);
    checkWithinLimits(spec, "to", to);
    double v = Double.POSITIVE_INFINITY, a = Double.POSITIVE_INFINITY;
    for (int j = 0; j < spec.dof(); j++) {
      double dist = Math.abs(to[j] - from[j]);
      if (dist > 0) {
        v = Math.min(v, spec.joint(j).maxSpeed() / dist);
        a = Math.min(a, spec.joint(j).maxAccel() / dist);
      }
    }
    return new PointToPoint(from, to, new TimeScaling(v, a));
  }

  /**
   * A straight-line move of the tool from where joints {@code from} put it to {@code target} (world
   * frame): the tool point moves along the segment and the orientation turns by spherical linear
   * interpolation, both following one trapezoidal time scaling whose peak speed and acceleration are
   * the largest that keep the tool within {@code limits}. For a {@link TaskSpace#POSITION_YAW} arm
   * only the target's yaw is used.
   *
   * <p>The move is sampled at equal intervals of at most {@code dt} s; each sample is solved by
   * inverse kinematics started from the previous sample's joints (one start, so the arm never jumps
   * to another branch). The plan fails, without an exception, at the first sample that is not
   * reached within the joint limits, or whose joint speed (difference over the interval) or
   * acceleration (second difference; at rest before and after the move) exceeds a joint's limit.
   * Velocities in the trajectory are central differences, accelerations second differences, so the
   * limits are checked on the samples, not between them.
   *
   * @throws IllegalArgumentException if {@code from} is not one finite entry per joint within the
   *                                  limits, the target is not a valid pose, or {@code dt} is not > 0
   */
  public static CartesianMove linear(ArmSpec spec, double[] from, Pose target, CartesianLimits limits, double dt) {
    checkWithinLimits(spec, "from", from);
    Kinematics.checkTarget(target);
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new IllegalArgumentException("dt: " + dt + " s, must be > 0 and finite");
    }
    int n = spec.dof();
    Pose start = Kinematics.toolPose(spec, from);
    Vec3 p0 = start.position(), p1 = target.position();
    Quat r0 = start.rotation();
    Quat r1 = unit(target.rotation());
    if (spec.taskSpace() == TaskSpace.POSITION_YAW) {
      // keep the start's tilt, turn by the difference of headings (TaskSpace.POSITION_YAW)
      Vec3 x0 = r0.rotate(new Vec3(1, 0, 0)), x1 = r1.rotate(new Vec3(1, 0, 0));
      double turn = IkSolver.heading(x1.x(), x1.y()) - IkSolver.heading(x0.x(), x0.y());
      r1 = Quat.yaw(Math.IEEEremainder(turn, 2 * Math.PI)).times(r0);
    }
    r1 = Slerp.near(r0, r1);
    double length = p1.minus(p0).length(), angle = Slerp.angle(r0, r1);
    double v = Double.POSITIVE_INFINITY, a = Double.POSITIVE_INFINITY;
    if (length > 0) {
      v = limits.maxSpeed() / length;
      a = limits.maxAccel() / length;
    }
    if (angle > 0) {
      v = Math.min(v, limits.maxAngularSpeed() / angle);
      a = Math.min(a, limits.maxAngularAccel() / angle);
    }
    TimeScaling scaling = new TimeScaling(v, a);
    int intervals = scaling.duration() > 0 ? scaling.intervals(dt) : 0;
    double h = intervals > 0 ? scaling.duration() / intervals : 0;
    double[] times = new double[intervals + 1];
    double[] p = new double[(intervals + 1) * n];
    System.arraycopy(from, 0, p, 0, n);
    IkSolver solver = new IkSolver(spec, PATH_IK);
    double[] prev = from.clone();
    for (int k = 1; k <= intervals; k++) {
      double t = scaling.sampleTime(k, intervals);
      times[k] = t;
      double s = scaling.position(t);
      Pose pose = s == 1 ? new Pose(p1, r1)
          : new Pose(p0.times(1 - s).plus(p1.times(s)), Slerp.interpolate(r0, r1, s));
      solver.target(pose);
      IkResult r = solver.solve(prev, 0);
      if (!r.reachable()) {
        return failed(spec, times, p, k, t, spec.name() + ": sample " + k + " at " + t + " s not reached from the previous"
            + " sample (position error " + r.positionError() + " m, orientation error " + r.orientationError()
            + " rad)" + atLimit(spec, r.joints()));
      }
      double[] q = r.joints();
      for (int j = 0; j < n; j++) {
        double speed = Math.abs(q[j] - prev[j]) / h;
        double max = spec.joint(j).maxSpeed();
        if (!(speed <= max * (1 + SLACK))) {
          return failed(spec, times, p, k, t, spec.name() + ".joint" + (j + 1) + ": " + speed + " rad/s between "
              + times[k - 1] + " and " + t + " s, exceeds maxSpeed " + max + " rad/s");
        }
      }
      System.arraycopy(q, 0, p, k * n, n);
      // the acceleration at sample k − 1 is known now (rest before the start)
      String accel = checkAccel(spec, p, k - 1, k - 1 > 0 ? k - 2 : 0, k, h, times[k - 1]);
      if (accel != null) return failed(spec, times, p, k - 1, times[k - 1], accel);
      prev = q;
    }
    if (intervals > 0) {
      String accel = checkAccel(spec, p, intervals, intervals - 1, intervals, h, times[intervals]); // rest after the end
      if (accel != null) return failed(spec, times, p, intervals, times[intervals], accel);
    }
    return new CartesianMove(true, differentiate(n, times, p, h), "", Double.NaN);
  }

  /** Second difference at sample {@code k} from samples {@code before} and {@code after}; a message if over a limit. */
  private static String checkAccel(ArmSpec spec, double[] p, int k, int before, int after, double h, double t) {
    int n = spec.dof();
    for (int j = 0; j < n; j++) {
      double acc = Math.abs(p[after * n + j] - 2 * p[k * n + j] + p[before * n + j]) / (h * h);
      double max = spec.joint(j).maxAccel();
      if (!(acc <= max * (1 + SLACK))) {
        return spec.name() + ".joint" + (j + 1) + ": " + acc + " rad/s^2 at " + t + " s, exceeds maxAccel " + max
            + " rad/s^2";
      }
    }
    return null;
  }

  private static String atLimit(ArmSpec spec, double[] q) {
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < q.length; j++) {
      Joint jt = spec.joint(j);
      if (q[j] <= jt.min() || q[j] >= jt.max()) {
        b.append(", joint").append(j + 1).append(" at its limit ").append(q[j]).append(" rad");
      }
    }
    return b.toString();
  }

  /** The first {@code good} samples (at least the start) as a trajectory, and the failure. */
  private static CartesianMove failed(ArmSpec spec, double[] times, double[] p, int good, double failedAt,
      String problem) {
    int n = spec.dof();
    good = Math.max(good, 1);
    double[] t = java.util.Arrays.copyOf(times, good);
    double[] q = java.util.Arrays.copyOf(p, good * n);
    double h = good > 1 ? times[1] : 0;
    return new CartesianMove(false, differentiate(n, t, q, h), problem, failedAt);
  }

  /** Central-difference velocities and second-difference accelerations, at rest before and after. */
  private static JointTrajectory differentiate(int n, double[] times, double[] p, double h) {
    int size = times.length;
    double[] v = new double[p.length], a = new double[p.length];
    for (int k = 0; k < size && size > 1; k++) {
      int before = Math.max(k - 1, 0), after = Math.min(k + 1, size - 1);
      for (int j = 0; j < n; j++) {
        if (k > 0 && k < size - 1) v[k * n + j] = (p[after * n + j] - p[before * n + j]) / (2 * h);
        a[k * n + j] = (p[after * n + j] - 2 * p[k * n + j] + p[before * n + j]) / (h * h);
      }
    }
    return new JointTrajectory(n, times, p, v, a);
  }

  private static Quat unit(Quat q) {
    double s = 1 / q.norm();
    return new Quat(q.w() * s, q.x() * s, q.y() * s, q.z() * s);
  }

  static void checkWithinLimits(ArmSpec spec, String what, double[] q) {
    Kinematics.checkJoints(spec, what, q);
    for (int j = 0; j < q.length; j++) {
      Joint jt = spec.joint(j);
      if (!jt.within(q[j])) {
        throw new IllegalArgumentException(spec.name() + "." + what + "[" + j + "]: " + q[j] + " rad, must be in ["
            + jt.min() + ", " + jt.max() + "] (joint" + (j + 1) + " limits)");
      }
    }
  }
}
