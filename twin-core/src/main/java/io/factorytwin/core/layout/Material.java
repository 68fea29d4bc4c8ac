package io.factorytwin.core.layout;

/**
 * Contact properties of a surface.
 *
 * <p>{@code friction} is the Coulomb coefficient (dimensionless, ≥ 0); {@code restitution} the
 * coefficient of restitution (dimensionless, in [0, 1]). Where two surfaces touch, the twin
 * combines them as Bullet does: friction by product, restitution by product. So a fixture that
 * should not limit friction gets friction 1.0 and the workpiece carries the pair's coefficient.
 *
 * <p>Immutable and thread-safe. Validated when the layout is built.
 */
public record Material(double friction, double restitution) {
  /** Friction 0.5, restitution 0: a dry, dead surface (the default). */
  public static final Material DEFAULT = new Material(0.5, 0.0);

  /** Shorthand for {@code new Material(friction, restitution)}. */
  public static Material of(double friction, double restitution) {
    return new Material(friction, restitution);
  }
}
