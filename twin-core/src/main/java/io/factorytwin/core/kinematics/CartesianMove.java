package io.factorytwin.core.kinematics;

/**
 * The outcome of planning a straight-line tool move
 * ({@link Trajectories#linear(ArmSpec, double[], io.factorytwin.core.geom.Pose, CartesianLimits, double)}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param feasible   true when every sample was reached within the joint, speed and acceleration limits
 * @param trajectory the joint trajectory: the whole move when feasible, otherwise the samples up to
 *                   the last good one
 * @param problem    why the move is not feasible, naming the sample, time and joint; empty when feasible
 * @param failedAt   time of the first failing sample from the start [s]; NaN when feasible
 */
public record CartesianMove(boolean feasible, JointTrajectory trajectory, String problem, double failedAt) {}
