package io.factorytwin.core.sim;

/**
 * Thrown under {@link HealthPolicy#THROW} when a step leaves a body non-finite or out of bounds.
 * The message names the element, the channel, the value and the bound; the state is left as the
 * step made it, for inspection.
 */
public final class NumericalTroubleException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long tick;

  /** @param tick the tick at which the trouble was found */
  public NumericalTroubleException(long tick, String message) {
    super("tick " + tick + ": " + message);
    this.tick = tick;
  }

  /** The tick at which the trouble was found. */
  public long tick() {
    return tick;
  }
}
