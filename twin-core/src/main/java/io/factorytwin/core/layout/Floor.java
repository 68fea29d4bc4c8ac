package io.factorytwin.core.layout;

/**
 * The factory floor: a static half-space below the plane z = 0.
 *
 * <p>Immutable and thread-safe.
 *
 * @param material the floor's surface
 */
public record Floor(Material material) {}
