/**
 * Motion profiles and controllers that hosts run against the twin or the plant: trapezoidal moves
 * and ZV/ZVD input shapers for crane anti-sway.
 */
package io.factorytwin.core.control;
