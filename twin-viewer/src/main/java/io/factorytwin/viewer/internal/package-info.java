/** Helpers of the viewer (compact JSON text); not part of the public API. */
package io.factorytwin.viewer.internal;
