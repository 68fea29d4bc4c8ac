/**
 * Equipment with actuators: axis drives ({@link io.factorytwin.core.equipment.AxisDrive}) and
 * overhead cranes ({@link io.factorytwin.core.equipment.CraneSpec}, {@link io.factorytwin.core.equipment.Crane}).
 * docs/crane.md documents the crane's parameters and channels.
 */
package io.factorytwin.core.equipment;
