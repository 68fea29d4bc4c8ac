/**
 * Vectors, quaternions and poses: SI units (metres, radians), right-handed world frame with Z up.
 * See docs/units-and-frames.md.
 */
package io.factorytwin.core.geom;
