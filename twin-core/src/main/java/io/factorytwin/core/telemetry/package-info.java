/**
 * Telemetry logs: frames of named channels with units, in CSV or JSON Lines (docs/telemetry.md),
 * read with frame-by-frame validation against a layout's channels.
 */
package io.factorytwin.core.telemetry;
