package io.factorytwin.core.model;

/**
 * A physical parameter as calibration fitted it.
 *
 * @param path     the parameter's path (see {@code UncertainParameter})
 * @param unit     its unit
 * @param nominal  the value the layout declared
 * @param value    the fitted value
 * @param stdError one standard error of the fit (from the least-squares covariance), ≥ 0; NaN when unknown
 */
public record FittedParameter(String path, String unit, double nominal, double value, double stdError) {}
