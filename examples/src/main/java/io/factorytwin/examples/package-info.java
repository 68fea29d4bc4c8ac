/**
 * Runnable examples, one per capability, each a class with a {@code main}. Not a library: the
 * examples show how a host uses the API, and their tests check that what they show is true.
 *
 * <p>{@link io.factorytwin.examples.Quickstart} is the first: boxes sliding down a chute into a bin.
 */
package io.factorytwin.examples;
