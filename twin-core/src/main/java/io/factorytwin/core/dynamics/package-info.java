/**
 * Multibody dynamics in reduced coordinates for articulated equipment (robot arms): inverse and
 * forward dynamics of serial revolute chains. Units SI; world frame Z up.
 */
package io.factorytwin.core.dynamics;
