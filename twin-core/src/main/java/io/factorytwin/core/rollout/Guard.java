package io.factorytwin.core.rollout;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.Contact;
import java.util.List;

/**
 * A safety rule checked on every predicted run of a rollout: a predicate over the run's states, step by
 * step, and over the contacts of every physics tick in between. {@link Guards} makes the usual ones
 * (zone intrusion, collision, sway, dropped workpiece, travel or joint limit, speed); a host may write
 * its own.
 *
 * <p>Implementations are immutable and thread-safe: the rollout engine asks each worker for its own
 * {@link Monitor}.
 */
public interface Guard {
  /** A short name for decisions and logs, e.g. {@code "zone walkway"}. */
  String name();

  /**
   * A monitor for runs of {@code layout}, confined to the worker that asked for it.
   *
   * @throws IllegalArgumentException naming the element or channel when the layout has none of that name
   */
  Monitor monitor(Layout layout);

  /**
   * Watches one predicted run at a time: {@link #reset()} before each run, {@link #afterTick} after every
   * physics tick, {@link #check} after every recorded step (and once for the start).
   *
   * <p>Confined to one thread.
   */
  interface Monitor {
    /** Forgets the previous run. */
    void reset();

    /** The contacts of the physics tick just made (do not keep the list). */
    default void afterTick(List<Contact> contacts) {}

    /**
     * Checks a recorded step.
     *
     * @param state the layout's state channels at this step, in state-schema order (do not keep it)
     * @return the element that breaks the rule at this step (e.g. the body in the zone, the element hit),
     *     or null when the rule holds
     */
    String check(double[] state);
  }
}
