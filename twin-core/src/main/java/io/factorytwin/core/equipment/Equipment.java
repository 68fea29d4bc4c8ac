package io.factorytwin.core.equipment;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.schema.ChannelSchema;
import io.factorytwin.core.sim.SimState;

/**
 * A compiled piece of equipment of a {@link Layout}: its slots in the state's equipment array, its
 * action and state channels, and what it does each step. The physics backend calls
 * {@link #beforePhysics} at the start of every step (drives advance, grabs happen, sources spawn)
 * and {@link #afterPhysics} at the end (sensors read the new poses, sinks take what arrived).
 *
 * <p>Implementations are immutable and thread-safe; they write only to the state passed in.
 */
public interface Equipment {
  /** Element path. */
  String id();

  /** Offset of this equipment's slots in {@link SimState#equipment()}. */
  int equipmentOffset();

  /** Offset of this equipment's channels in the action vector. */
  int actionOffset();

  /** Number of equipment slots. */
  int equipmentSlots();

  /** Number of action channels. */
  int actionCount();

  /** Number of state channels. */
  int stateChannelCount();

  /** Appends the action channels. */
  void addActionChannels(ChannelSchema.Builder b);

  /** Appends the state channels. */
  void addStateChannels(ChannelSchema.Builder b);

  /** Writes the initial equipment slots (and parks bodies, poses them) into a fresh state. */
  void initialise(Layout layout, SimState s);

  /**
   * Rejects action values that are not commands (finiteness is checked by the caller).
   *
   * @throws IllegalArgumentException naming the channel, the value and the bound
   */
  void checkActions(double[] a);

  /** Start of a step, before the bodies move. */
  void beforePhysics(Layout layout, SimState s, double[] a, double dt);

  /** End of a step, after the bodies moved. */
  default void afterPhysics(Layout layout, SimState s, double dt) {}

  /** Writes the state channels into {@code out[off..]}. */
  void readChannels(SimState s, double[] out, int off);

  /**
   * Sets the state from observed values of this equipment's state channels (the inverse of
   * {@link #readChannels}, for syncing a twin to telemetry): {@code values[off..]} in channel order,
   * NaN where a channel was not observed. What a channel cannot set (a sensor's reading, which the
   * physics produces) is ignored; each equipment's javadoc says what it sets and how it estimates
   * what is not observed. The default sets nothing.
   *
   * @param previous the previous frame's values in the same layout (NaN where not observed), or null
   * @param dt       seconds between the previous frame and this one, > 0
   */
  default void writeChannels(Layout layout, SimState s, double[] values, int off, double[] previous, double dt) {}
}
