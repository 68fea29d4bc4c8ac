package io.factorytwin.core.kinematics;

import io.factorytwin.core.geom.Pose;
import java.util.List;

/**
 * The result of forward kinematics: every DH frame of the chain and the tool, in the world frame.
 *
 * <p>Immutable and thread-safe.
 *
 * @param frames world from DH frame k, for k = 0 (the base: frame 0, whose Z is joint 1's axis) to
 *               m (the last frame, the flange), in chain order; m is the number of actuated plus
 *               coupled joints, so for an arm without coupled joints frame k is the frame that
 *               joint k moves
 * @param tool   world from the tool centre point
 */
public record ArmFrames(List<Pose> frames, Pose tool) {

  /** Copies the list. */
  public ArmFrames {
    frames = List.copyOf(frames);
  }

  /** The last DH frame (the flange, before the tool offset). */
  public Pose flange() {
    return frames.get(frames.size() - 1);
  }
}
