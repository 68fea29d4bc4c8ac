package io.factorytwin.core.sim;

/**
 * How a {@link Twin#run} ended.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ticksRun number of ticks stepped
 * @param stopped  true when the run ended early under {@link HealthPolicy#STOP}
 * @param reason   why it stopped, or empty
 */
public record RunResult(long ticksRun, boolean stopped, String reason) {}
