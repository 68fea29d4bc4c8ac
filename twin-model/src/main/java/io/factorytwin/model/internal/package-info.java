/**
 * Helpers of twin-model that are not part of its API and may change without notice: the ND4J
 * float32 training and forward passes, the parameter layout of an MLP, the column standardiser, the
 * member weight file codec and a small JSON reader and writer. Nothing outside
 * {@code io.factorytwin.model} should use them.
 */
package io.factorytwin.model.internal;
