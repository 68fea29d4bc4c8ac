package io.factorytwin.core.sim;

/**
 * What a {@link Twin} does when a step reports numerical trouble (a non-finite body, a body out of
 * bounds). In every case the trouble is counted in the state's {@link Health}.
 */
public enum HealthPolicy {
  /** Throw {@link NumericalTroubleException} from the step that found it (the default). */
  THROW,
  /** Keep going; the trouble is only counted. */
  FLAG,
  /** End {@link Twin#run} at the step that found it; the result says why. */
  STOP
}
