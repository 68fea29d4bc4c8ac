package io.factorytwin.benchmarks;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.physics.PhysicsSettings;
import io.factorytwin.physics.internal.TwinWorld;
import io.factorytwin.physics.testing.AnchorScenes;

/**
 * One anchor scene in FactoryTwin's twin: a {@link TwinWorld} with {@link PhysicsSettings#ACCURATE}
 * over an {@link AnchorScenes} layout (Z-up) and its state. pile-sleep is the pile layout with the
 * twin's opt-in sleeping ({@code ACCURATE.withSleeping(true)}), as the native pile-sleep is pile with
 * Bullet's default deactivation; every other scene runs without sleeping, as ACCURATE has it. slide
 * runs with μ = 0.5 (the box holds, so a long benchmark never slides it off the 40 m incline).
 * Confined to one thread.
 */
public final class TwinScene {
  /** conveyor-lite: belt speed along +x [m/s] and box–belt friction, as scenes.md. */
  public static final double BELT_SPEED = 0.5, BELT_MU = 0.5;
  /** slide: friction used when the scene is built by name. */
  public static final double SLIDE_BENCH_MU = 0.5;

  private static final double[] NO_ACTIONS = new double[0];

  private final String name;
  private final Layout layout;
  private final TwinWorld world;
  private final SimState state;
  private final boolean conveyor;
  private final double dt;
  private final double[] mass;
  private int touching;

  private TwinScene(String name, Layout layout, PhysicsSettings settings, boolean conveyor) {
    this.name = name;
    this.layout = layout;
    this.world = new TwinWorld(layout, settings);
    this.state = layout.newState(1L);
    this.conveyor = conveyor;
    this.dt = layout.stepSeconds();
    this.mass = new double[layout.bodyCount()];
    for (int i = 0; i < mass.length; i++) mass[i] = layout.workpieces().get(i).mass();
  }

  /**
   * Builds a scene by its scenes.md name: pile, pile-sleep (pile with sleeping), pendulum, slide
   * (μ = 0.5), conveyor-lite.
   */
  public static TwinScene build(String name) {
    PhysicsSettings accurate = PhysicsSettings.ACCURATE;
    return switch (name) {
      case "pile" -> new TwinScene(name, AnchorScenes.pile(), accurate, false);
      case "pile-sleep" -> new TwinScene(name, AnchorScenes.pile(), accurate.withSleeping(true), false);
      case "pendulum" -> new TwinScene(name, AnchorScenes.pendulum(), accurate, false);
      case "slide" -> slide(SLIDE_BENCH_MU);
      case "conveyor-lite", "conveyor" -> new TwinScene(name, AnchorScenes.conveyorLite(), accurate, true);
      default -> throw new IllegalArgumentException("scene: " + name
          + ", must be one of pile, pile-sleep, pendulum, slide, conveyor-lite");
    };
  }

  /** slide with friction {@code mu} on the box. */
  public static TwinScene slide(double mu) {
    return new TwinScene("slide", AnchorScenes.slide(mu), PhysicsSettings.ACCURATE, false);
  }

  /**
   * One step: for conveyor-lite the drive forces first (written to {@link TwinWorld#externalForces()},
   * which persist until changed), then {@link TwinWorld#step}.
   */
  public void step() {
    if (conveyor) drive();
    world.step(state, NO_ACTIONS);
  }

  /**
   * The belt of conveyor-lite, as scenes.md: each box with a positive normal impulse from the floor
   * in the last step gets F = m·(v_belt − v_h)/dt, horizontal, clamped to |F| ≤ μ_belt·N with
   * N = impulse/dt; every other box gets zero (forces persist in the twin, unlike in JBullet).
   */
  private void drive() {
    double[] f = world.externalForces();
    double[] v = state.velocities();
    int touched = 0;
    for (int i = 0; i < mass.length; i++) {
      double normal = world.staticNormalImpulse(i) / dt;
      double fx = 0, fy = 0;
      if (normal > 0) {
        touched++;
        fx = mass[i] * (BELT_SPEED - v[3 * i]) / dt;
        fy = mass[i] * (0 - v[3 * i + 1]) / dt;
        double mag = Math.sqrt(fx * fx + fy * fy), cap = BELT_MU * normal;
        if (mag > cap) {
          fx *= cap / mag;
          fy *= cap / mag;
        }
      }
      f[3 * i] = fx;
      f[3 * i + 1] = fy;
      f[3 * i + 2] = 0;
    }
    touching = touched;
  }

  /** The scene's name as it was built. */
  public String name() {
    return name;
  }

  /** The layout (Z-up). */
  public Layout layout() {
    return layout;
  }

  /** The live state the scene steps. */
  public SimState state() {
    return state;
  }

  /** The world. */
  public TwinWorld world() {
    return world;
  }

  /** conveyor-lite: boxes that got a drive force before the last step. */
  public int touching() {
    return touching;
  }

  /**
   * Checks that no body diverged or left the world.
   *
   * @throws IllegalStateException naming the first problem
   */
  public void checkHealthy() {
    if (!state.health().ok()) {
      throw new IllegalStateException(name + ": " + state.health());
    }
  }
}
