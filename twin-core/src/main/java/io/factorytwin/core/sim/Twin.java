package io.factorytwin.core.sim;

import io.factorytwin.core.layout.Layout;
import java.util.List;
import java.util.Objects;

/**
 * A running twin: one layout, one physics world, one state. Hosts step it with actions, read its
 * state, take snapshots and restore them.
 *
 * <pre>{@code
 * Twin twin = Twin.create(layout, new JBulletPhysics(), 42L);
 * twin.run(layout.ticks(10.0), Plan.IDLE);
 * double x = twin.state().position(layout.bodyIndex("box1"), 0);
 * }</pre>
 *
 * <p><b>Determinism.</b> The same state, actions and seed give bit-identical states, on any thread,
 * whether or not the run was interrupted by a snapshot and restore (docs/reproducibility.md).
 *
 * <p>Confined to one thread. For parallel work, create one twin (or one world and state) per thread
 * over the shared layout.
 */
public final class Twin {
  private final Layout layout;
  private final PhysicsWorld world;
  private final SimState state;
  private final double[] actions;
  private HealthPolicy policy = HealthPolicy.THROW;

  private Twin(Layout layout, PhysicsWorld world, SimState state) {
    this.layout = layout;
    this.world = world;
    this.state = state;
    this.actions = new double[layout.actionSchema().size()];
  }

  /** A twin of {@code layout} at tick 0, its random streams derived from {@code seed}. */
  public static Twin create(Layout layout, PhysicsBackend backend, long seed) {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(backend, "backend");
    return new Twin(layout, backend.createWorld(layout), layout.newState(seed));
  }

  /** The compiled layout. */
  public Layout layout() {
    return layout;
  }

  /** The live state (read it; write it only between steps). */
  public SimState state() {
    return state;
  }

  /** Simulated time [s]: ticks times the layout's step. */
  public double time() {
    return state.tick() * layout.stepSeconds();
  }

  /** The policy applied when a step finds numerical trouble; default {@link HealthPolicy#THROW}. */
  public Twin healthPolicy(HealthPolicy p) {
    this.policy = Objects.requireNonNull(p, "healthPolicy");
    return this;
  }

  /** Steps one tick with no actions (an empty action schema, or all actions held). */
  public boolean step() {
    return step(state.actions());
  }

  /**
   * Steps one tick under {@code actions} (action-schema order).
   *
   * @return true when the step found new numerical trouble (only under FLAG or STOP; THROW throws)
   * @throws IllegalArgumentException naming the channel when an action is NaN or infinite or the length is wrong;
   *     the state is left unchanged
   * @throws NumericalTroubleException under {@link HealthPolicy#THROW} when a body diverges or leaves the bounds
   */
  public boolean step(double[] actions) {
    validateActions(actions);
    if (actions != state.actions()) {
      System.arraycopy(actions, 0, state.actions(), 0, actions.length);
    }
    boolean trouble = world.step(state, state.actions());
    if (trouble && policy == HealthPolicy.THROW) {
      throw new NumericalTroubleException(state.tick(), state.health().toString());
    }
    return trouble;
  }

  /**
   * Runs {@code ticks} steps, asking {@code plan} for each tick's actions.
   *
   * @return how many ticks ran, and whether the run stopped early under {@link HealthPolicy#STOP}
   */
  public RunResult run(long ticks, Plan plan) {
    if (ticks < 0) {
      throw new IllegalArgumentException("ticks: " + ticks + ", must be >= 0");
    }
    System.arraycopy(state.actions(), 0, actions, 0, actions.length);
    for (long k = 0; k < ticks; k++) {
      plan.actions(state.tick(), state, actions);
      boolean trouble = step(actions);
      if (trouble && policy == HealthPolicy.STOP) {
        return new RunResult(k + 1, true, state.health().toString());
      }
    }
    return new RunResult(ticks, false, "");
  }

  /** A deep copy of the state. */
  public SimState snapshot() {
    return state.copy();
  }

  /** Restores a snapshot taken from a twin of the same layout and seed. */
  public void restore(SimState snapshot) {
    state.set(snapshot);
  }

  /** The contacts of the last step. */
  public List<Contact> contacts() {
    return world.contacts();
  }

  private void validateActions(double[] a) {
    var schema = layout.actionSchema();
    if (a.length != schema.size()) {
      throw new IllegalArgumentException("actions: length " + a.length + ", must be " + schema.size()
          + " (the action schema of layout " + layout.name() + ")");
    }
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        throw new IllegalArgumentException("actions." + schema.get(i).name() + ": " + a[i] + " "
            + schema.get(i).unit() + ", must be finite");
      }
    }
    layout.checkActions(a);
  }
}
