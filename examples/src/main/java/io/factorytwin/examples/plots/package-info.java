/**
 * PNG figures for the examples, drawn headless with XChart, and the output folder every example
 * writes its figures and replays to ({@link io.factorytwin.examples.plots.Outputs}). Each plot takes
 * plain arrays, so any program (an example, the CLI, a host's own report) can draw them.
 */
package io.factorytwin.examples.plots;
