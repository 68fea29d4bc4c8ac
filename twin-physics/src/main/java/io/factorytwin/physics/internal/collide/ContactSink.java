package io.factorytwin.physics.internal.collide;

/**
 * Receives contact points from {@link Collider}.
 *
 * <p>All quantities are in the world frame, lengths in metres. A sink is called synchronously from the
 * thread that runs the {@code Collider}, at most four times per collider call; it must not call back into
 * the same {@code Collider} instance, whose scratch state is live while the sink runs.
 */
public interface ContactSink {
  /**
   * Reports one contact point.
   *
   * @param px world x of the contact point [m], midway between the two surfaces
   * @param py world y of the contact point [m]
   * @param pz world z of the contact point [m]
   * @param nx world x of the unit contact normal, pointing from body B towards body A
   *           (the direction A must move to separate from B)
   * @param ny world y of the unit contact normal
   * @param nz world z of the unit contact normal
   * @param depth penetration depth [m]: {@code > 0} overlapping, {@code <= 0} separated by {@code -depth}
   *              (only emitted when {@code -depth <= margin})
   * @param feature an id ({@code >= 0}) of the pair of geometric features that made this point, stable from
   *                one step to the next while the same features touch (used to warm-start the solver),
   *                unique within one call
   */
  void contact(double px, double py, double pz, double nx, double ny, double nz, double depth, int feature);
}
