package io.factorytwin.physics;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.PhysicsWorld;
import io.factorytwin.physics.internal.TwinWorld;
import java.util.Objects;

/**
 * The physics backend on JBullet: a JBullet collision world (Dbvt broadphase, collision dispatcher)
 * with FactoryTwin's own contact algorithms registered in its dispatcher, and FactoryTwin's own
 * double-precision constraint solver and integrator. See docs/physics-fidelity.md for why and
 * what it buys.
 *
 * <pre>{@code
 * Twin twin = Twin.create(layout, new JBulletPhysics(), 42L);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each world it creates is confined to one thread.
 */
public final class JBulletPhysics implements PhysicsBackend {
  private final PhysicsSettings settings;

  /** A backend with {@link PhysicsSettings#ACCURATE}. */
  public JBulletPhysics() {
    this(PhysicsSettings.ACCURATE);
  }

  /** A backend with the given settings. */
  public JBulletPhysics(PhysicsSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings of the worlds this backend creates. */
  public PhysicsSettings settings() {
    return settings;
  }

  @Override
  public PhysicsWorld createWorld(Layout layout) {
    return new TwinWorld(Objects.requireNonNull(layout, "layout"), settings);
  }
}
