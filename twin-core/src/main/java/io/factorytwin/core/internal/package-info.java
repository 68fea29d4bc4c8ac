/** Helpers of twin-core that are not part of the public API and may change without notice. */
package io.factorytwin.core.internal;
