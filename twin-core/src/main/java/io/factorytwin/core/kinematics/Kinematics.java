package io.factorytwin.core.kinematics;

import io.factorytwin.core.geom.Pose;
import java.util.ArrayList;
import java.util.List;

/**
 * Forward kinematics, the geometric Jacobian and inverse kinematics of an {@link ArmSpec}.
 *
 * <p>Stateless and thread-safe: every call works on its own scratch arrays, so any number of threads
 * may share one arm. Joint vectors are in rad, one entry per actuated joint; poses are in the world
 * frame (see the package documentation).
 */
public final class Kinematics {
  private Kinematics() {}

  /**
   * Every DH frame and the tool pose at joints {@code q} [rad]. Joints outside their limits are
   * accepted: this is geometry, not a command.
   *
   * @throws IllegalArgumentException if {@code q} does not have one finite entry per actuated joint
   */
  public static ArmFrames forward(ArmSpec spec, double[] q) {
    Chain c = spec.chain;
    checkJoints(spec, "q", q);
    double[] frames = new double[12 * (c.m + 1)];
    double[] tool = new double[12];
    c.forward(q, frames, tool);
    List<Pose> poses = new ArrayList<>(c.m + 1);
    for (int f = 0; f <= c.m; f++) poses.add(Chain.toPose(frames, 12 * f));
    return new ArmFrames(poses, Chain.toPose(tool, 0));
  }

  /** The tool pose at joints {@code q} [rad] (world frame); see {@link #forward}. */
  public static Pose toolPose(ArmSpec spec, double[] q) {
    Chain c = spec.chain;
    checkJoints(spec, "q", q);
    double[] tool = new double[12];
    c.forward(q, new double[12 * (c.m + 1)], tool);
    return Chain.toPose(tool, 0);
  }

  /**
   * The geometric Jacobian at the tool centre point, world frame: {@code J[0..2][i]} is the tool
   * point's linear velocity [m/s] and {@code J[3..5][i]} the tool's angular velocity [rad/s] per
   * rad/s of joint i, so that {@code (v, ω) = J · q̇}. Shape 6 × {@link ArmSpec#dof()}. A coupled
   * joint's motion is included through its gains.
   *
   * @throws IllegalArgumentException if {@code q} does not have one finite entry per actuated joint
   */
  public static double[][] jacobian(ArmSpec spec, double[] q) {
    Chain c = spec.chain;
    checkJoints(spec, "q", q);
    double[] frames = new double[12 * (c.m + 1)];
    double[] tool = new double[12];
    double[] flat = new double[6 * c.n];
    c.forward(q, frames, tool);
    c.jacobian(frames, tool, flat);
    double[][] j = new double[6][c.n];
    for (int r = 0; r < 6; r++) System.arraycopy(flat, r * c.n, j[r], 0, c.n);
    return j;
  }

  /** {@link #inverse(ArmSpec, Pose, double[], IkOptions)} with {@link IkOptions#DEFAULT}. */
  public static IkResult inverse(ArmSpec spec, Pose target, double[] seed) {
    return inverse(spec, target, seed, IkOptions.DEFAULT);
  }

  /**
   * Joints that put the tool at {@code target} (world frame), within the joint limits: damped least
   * squares (Levenberg–Marquardt) on the position and orientation error, started from {@code seed}
   * (clamped into the limits) and then, until one start succeeds, from {@code options.restarts()}
   * joint vectors drawn within the limits by a generator seeded with {@code options.seed()}, so the
   * answer is deterministic. For a {@link TaskSpace#POSITION_YAW} arm only the position and the
   * yaw about world Z are solved; the target's tilt is ignored.
   *
   * <p>The solution is the one the first successful start converges to: usually the one nearest the
   * seed, but not always, and a joint with more than a full turn of range may come back one turn away
   * from the seed when a step would have taken it past a limit.
   *
   * <p>An unreachable target is not an error: the result says {@code reachable = false} and gives the
   * closest pose found and how far it is.
   *
   * @throws IllegalArgumentException if the seed is not one finite entry per joint, or the target's
   *                                  position is not finite or its rotation not a unit quaternion
   *                                  (within 1e-6)
   */
  public static IkResult inverse(ArmSpec spec, Pose target, double[] seed, IkOptions options) {
    checkJoints(spec, "seed", seed);
    checkTarget(target);
    IkSolver s = new IkSolver(spec, options);
    s.target(target);
    return s.solve(seed, options.restarts());
  }

  static void checkJoints(ArmSpec spec, String what, double[] q) {
    if (q == null || q.length != spec.dof()) {
      throw new IllegalArgumentException(spec.name() + "." + what + ": length " + (q == null ? "null" : q.length)
          + ", must be " + spec.dof() + " (one per joint)");
    }
    for (int i = 0; i < q.length; i++) {
      if (!Double.isFinite(q[i])) {
        throw new IllegalArgumentException(spec.name() + "." + what + "[" + i + "]: " + q[i] + " rad, must be finite");
      }
    }
  }

  static void checkTarget(Pose target) {
    if (target == null || target.position() == null || target.rotation() == null) {
      throw new IllegalArgumentException("target: " + target + ", must be a pose");
    }
    if (!target.position().isFinite()) {
      throw new IllegalArgumentException("target.position: " + target.position() + " m, must be finite");
    }
    if (!target.rotation().isUnit(1e-6)) {
      throw new IllegalArgumentException("target.rotation: norm " + target.rotation().norm()
          + ", must be 1 within 1e-6 (a unit quaternion)");
    }
  }
}
