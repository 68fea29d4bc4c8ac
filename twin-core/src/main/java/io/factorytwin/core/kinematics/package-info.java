/**
 * Robot-arm kinematics: arm descriptions ({@link io.factorytwin.core.kinematics.ArmSpec}), forward
 * kinematics, the geometric Jacobian and inverse kinematics
 * ({@link io.factorytwin.core.kinematics.Kinematics}), and joint trajectories
 * ({@link io.factorytwin.core.kinematics.Trajectories}).
 *
 * <h2>Units</h2>
 * SI throughout, as in docs/units-and-frames.md: lengths in m, angles in rad, joint speeds in rad/s,
 * joint accelerations in rad/s², masses in kg, inertias in kg·m², times in s. Presets quote degrees
 * in their javadoc only.
 *
 * <h2>Frames</h2>
 * <ul>
 *   <li><b>World</b>: right-handed, Z up, the floor at z = 0. Every pose in and out of this package
 *       (targets, frames, the tool) is in the world frame; rotations are unit quaternions, body to
 *       world.</li>
 *   <li><b>Base</b>: {@link io.factorytwin.core.kinematics.ArmSpec#base()} places DH frame 0 in the
 *       world. Its Z axis is joint 1's axis; for a floor-standing arm it is the identity or a
 *       translation.</li>
 *   <li><b>DH frames</b>, standard (distal) Denavit–Hartenberg: frame r follows frame r − 1 by
 *       {@code Rz(θ_r) · Tz(d_r) · Tx(a_r) · Rx(α_r)}, so row r turns about the Z axis of frame
 *       r − 1 and frame r sits at the far end of link r. For an actuated joint
 *       {@code θ = q + thetaOffset}; for a {@link io.factorytwin.core.kinematics.CoupledJoint}
 *       {@code θ = thetaOffset + Σ gains[k]·q[k]}. Coupled rows take their place in the chain after
 *       the actuated joint they name, so an arm of n actuated and c coupled joints has n + c + 1
 *       frames, numbered 0 (the base) to n + c (the flange).</li>
 *   <li><b>Link frames</b>: the link moved by actuated joint k is described (centre of mass,
 *       principal inertia axes) in the DH frame that follows joint k's row.</li>
 *   <li><b>Tool</b>: {@link io.factorytwin.core.kinematics.ArmSpec#tool()} places the tool centre
 *       point in the last DH frame. By industrial convention the tool's Z axis is its approach
 *       direction.</li>
 * </ul>
 *
 * <h2>Joint vectors</h2>
 * A joint vector {@code q} has one entry per actuated joint, in chain order; {@code q[0]} is called
 * {@code joint1} in paths and messages, as on robot controllers. Forward kinematics and the Jacobian
 * accept any finite angles; inverse kinematics and trajectories stay within the joint limits.
 *
 * <h2>Jacobian</h2>
 * {@link io.factorytwin.core.kinematics.Kinematics#jacobian} is the geometric Jacobian at the tool
 * centre point in the world frame: rows 0–2 the linear velocity [m/s], rows 3–5 the angular velocity
 * [rad/s], per rad/s of each joint.
 *
 * <h2>Threads</h2>
 * Everything public here is immutable and thread-safe, or stateless: any number of threads may plan
 * for one {@code ArmSpec} at once.
 */
package io.factorytwin.core.kinematics;
