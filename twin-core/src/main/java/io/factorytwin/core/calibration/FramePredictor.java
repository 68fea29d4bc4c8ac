package io.factorytwin.core.calibration;

import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.model.ResidualPredictor;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.PhysicsWorld;
import io.factorytwin.core.sim.SimState;
import java.util.Objects;

/**
 * Predicts telemetry frames ahead of a trajectory's frame, under the trajectory's recorded actions,
 * with one of three predictors (docs/calibration.md):
 * <ul>
 *   <li>{@link Kind#PHYSICS}: sync to the frame, then the layout's physics alone, frame after frame;</li>
 *   <li>{@link Kind#HYBRID}: each frame, the physics steps one frame period, then the residual model
 *       corrects the output columns and the corrected values are synced back into the state (the
 *       hybrid step);</li>
 *   <li>{@link Kind#LEARNED}: no physics: the model predicts each output column's change over a frame
 *       (the pure-learned baseline of the same size and inputs).</li>
 * </ul>
 * The frame period must be a whole number of the layout's steps. Besides rolling out under a
 * trajectory's recorded actions ({@link #rollout}), a physics kind can be driven frame by frame by a
 * host's actions ({@link #begin}, {@link #advance}): what the rollout engine
 * ({@code io.factorytwin.core.rollout.Rollouts}) does for each candidate plan.
 *
 * <p>Confined to one thread (it owns a physics world and a state); make one per worker over the
 * shared layout and model. Deterministic: the same inputs give bit-identical predictions.
 */
public final class FramePredictor {
  /** Which predictor. */
  public enum Kind {
    /** Physics only. */
    PHYSICS,
    /** Physics, then the residual correction. */
    HYBRID,
    /** The model alone. */
    LEARNED
  }

  private final Layout layout;
  private final PhysicsWorld world;
  private final StateSync sync;
  private final FeatureSpec spec;
  private final Kind kind;
  private final ResidualPredictor model;
  private final int ticksPerFrame;
  private final double period;
  private final double[] scratch;
  private final double[] features;
  private final double[] residual;
  private final double[] sum;
  private final boolean physicsOutputs;
  private final SimState fresh;
  private final SimState scratchState;
  private final int[] actionIndex;
  private SimState state;

  /**
   * @param layout  the layout whose physics predicts (the identified one, for identified physics)
   * @param columns the telemetry's columns (the spec's)
   * @param model   the residual (HYBRID) or the dynamics model (LEARNED); null for PHYSICS (and, for
   *                building datasets, for the others: no correction)
   * @param period  the frame period [s]: a whole number of {@code layout.stepSeconds()}
   * @throws IllegalArgumentException when the model's features or outputs do not match the spec, or the
   *     period is not a whole number of steps
   */
  public FramePredictor(Layout layout, PhysicsBackend backend, FeatureSpec spec, Kind kind, ResidualPredictor model,
      double period, long seed) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.sync = new StateSync(layout, spec.columns());
    this.world = kind == Kind.LEARNED ? null : backend.createWorld(layout);
    this.ticksPerFrame = ticksPerFrame(layout, period, "predictor.period");
    this.period = period;
    if (kind != Kind.PHYSICS && model != null) {
      boolean physics = kind == Kind.HYBRID;
      if (!model.featureNames().equals(spec.featureNames(physics))) {
        throw new IllegalArgumentException("predictor.model: features " + model.featureNames().size()
            + " do not match the spec's " + spec.featureCount(physics) + " (" + spec.featureNames(physics) + ")");
      }
      if (!model.outputNames().equals(spec.outputNames(physics))) {
        throw new IllegalArgumentException("predictor.model: outputs " + model.outputNames() + ", must be "
            + spec.outputNames(physics));
      }
    }
    this.model = model;
    this.scratch = new double[layout.stateSchema().size()];
    this.features = new double[spec.featureCount(kind == Kind.HYBRID)];
    this.physicsOutputs = kind != Kind.LEARNED;
    this.residual = new double[spec.outputCount(physicsOutputs)];
    this.sum = new double[spec.outputCount(physicsOutputs)];
    this.fresh = kind == Kind.LEARNED ? null : layout.newState(seed);
    this.scratchState = kind == Kind.LEARNED ? null : fresh.copy();
    this.actionIndex = new int[spec.columns().size()];
    for (int c = 0; c < actionIndex.length; c++) {
      actionIndex[c] = sync.isAction(c) ? layout.actionSchema().indexOf(spec.columns().get(c).name()) : -1;
    }
  }

  /** Which predictor this is. */
  public Kind kind() {
    return kind;
  }

  /**
   * Layout steps per frame period.
   *
   * @throws IllegalArgumentException naming {@code what} when the period is not a whole number (≥ 1) of steps
   */
  static int ticksPerFrame(Layout layout, double period, String what) {
    double ticks = period / layout.stepSeconds();
    int n = (int) Math.round(ticks);
    if (!(period > 0) || n < 1 || Math.abs(ticks - n) > 1e-6) {
      throw new IllegalArgumentException(what + ": " + period + " s, must be a whole number of the layout's "
          + layout.stepSeconds() + " s steps");
    }
    return n;
  }

  /** Frames of history the features need before a start. */
  public int history() {
    return spec.history();
  }

  /** Physics steps per frame. */
  public int ticksPerFrame() {
    return ticksPerFrame;
  }

  /** The state after the last frame predicted (physics kinds), for inspection; do not keep it. */
  public SimState state() {
    return state;
  }

  /**
   * Predicts frames {@code start+1 .. start+horizon} of {@code t} from frame {@code start} (and the
   * {@code history} frames before it) under the recorded actions.
   *
   * @param member ensemble member whose residual is used throughout, or −1 for the members' mean
   * @param out    horizon rows of columns().size() values, written; after a diverged step the rest are NaN
   * @return true when every step stayed finite and the physics reported no trouble
   * @throws IllegalArgumentException when the window does not fit in the trajectory
   */
  public boolean rollout(Trajectory t, int start, int horizon, int member, double[][] out) {
    return rollout(t, start, horizon, member, out, null);
  }

  /** Feature rows and targets collected along rollouts (for datasets). */
  static final class Recorder {
    final java.util.List<double[]> features = new java.util.ArrayList<>();
    final java.util.List<double[]> targets = new java.util.ArrayList<>();
    final java.util.List<Integer> trajectory = new java.util.ArrayList<>();
    /** Whether the rows carry the physics block (every kind but LEARNED). */
    boolean physics;
  }

  /**
   * As {@link #rollout(Trajectory, int, int, int, double[][])}; with a recorder, also records at every
   * step the feature row the model saw (or would see) and the target that would have made the step
   * exact: the observed next frame minus the physics' prediction (HYBRID, PHYSICS) or minus the
   * current predicted frame (LEARNED).
   */
  boolean rollout(Trajectory t, int start, int horizon, int member, double[][] out, Recorder rec) {
    int h = spec.history();
    if (start < h || start + horizon >= t.length() + 1 || horizon < 1) {
      throw new IllegalArgumentException("rollout: frames " + start + " + " + horizon + " with " + h
          + " frames of history, must fit in trajectory " + t.id() + " of " + t.length() + " frames");
    }
    checkMember(member);
    int cols = spec.columns().size();
    double[][] orig = new double[Math.min(h + 2, start + 1)][];
    for (int j = 0; j < orig.length; j++) orig[j] = t.frame(start - j);
    double[][] past = start(orig);
    for (int j = 0; j < horizon; j++) {
      double[] next = new double[cols];
      boolean ok = frame(past, t.frame(start + j), null, member, next, rec, t.frame(start + j + 1), t.id(), null);
      if (!ok) {
        for (int r = j; r < horizon; r++) java.util.Arrays.fill(out[r], Double.NaN);
        return false;
      }
      System.arraycopy(next, 0, out[j], 0, cols);
      for (int q = h; q > 0; q--) past[q] = past[q - 1];
      past[0] = next;
    }
    return true;
  }

  private void checkMember(int member) {
    if (model != null && (member < -1 || member >= model.members())) {
      throw new IllegalArgumentException("rollout.member: " + member + ", must be -1 or in [0, " + model.members() + ")");
    }
  }

  /**
   * The frames {@code orig[0..history]} as the twin sees them once synced (orig[j + 1], when present, is
   * frame j's previous frame), with the state synced to orig[0] (physics kinds).
   */
  private double[][] start(double[][] orig) {
    int h = spec.history();
    int cols = spec.columns().size();
    double[][] past = new double[h + 1][];
    for (int j = 0; j <= h; j++) past[j] = orig[j].clone();
    if (kind != Kind.LEARNED) {
      // the features read the frames as the twin sees them once synced to them (its view of the
      // observed state: the load on the rigid pendulum's line, the sway that follows), in training
      // as in rollouts, where the frames are the twin's own
      for (int j = h; j >= 1; j--) twinView(past[j], j + 1 < orig.length ? orig[j + 1] : null);
      if (state == null) state = fresh.copy(); else state.set(fresh);
      sync.sync(state, past[0], orig.length > 1 ? orig[1] : null, period);
      double[] seen = new double[cols];
      sync.observe(state, scratch, seen);
      for (int c = 0; c < cols; c++) if (!sync.isAction(c)) past[0][c] = seen[c];
    }
    return past;
  }

  /**
   * One frame from past[0]: the actions are {@code act}'s action columns, or, when {@code full} is given,
   * {@code full} (action-schema order); the physics steps the frame (telling {@code observer} after each
   * tick), the residual corrects it, the predicted frame goes into {@code next}.
   *
   * @return false when a value went non-finite or the physics found trouble
   */
  private boolean frame(double[][] past, double[] act, double[] full, int member, double[] next, Recorder rec,
      double[] observed, int id, TickObserver observer) {
    int cols = spec.columns().size();
    for (int c = 0; c < cols; c++) if (sync.isAction(c)) past[0][c] = act[c];
    boolean ok = true;
    if (kind != Kind.LEARNED) {
      double[] a;
      if (full != null) {
        a = state.actions();
        System.arraycopy(full, 0, a, 0, a.length);
      } else {
        a = state.actions().clone();
        sync.actions(act, a);
      }
      for (int k = 0; k < ticksPerFrame && ok; k++) {
        ok = !world.step(state, a);
        if (observer != null) observer.afterTick(state, world.contacts());
      }
      sync.observe(state, scratch, next);
    } else {
      System.arraycopy(past[0], 0, next, 0, cols);
    }
    if (ok && rec != null) {
      boolean phys = kind != Kind.LEARNED;
      double[] f = new double[spec.featureCount(phys)];
      spec.features(past, phys ? next : null, f, 0);
      double[] y = new double[spec.outputCount(phys)];
      spec.targets(phys, observed, phys ? next : past[0], y);
      rec.features.add(f);
      rec.targets.add(y);
      rec.trajectory.add(id);
    }
    if (ok && kind != Kind.PHYSICS && model != null) {
      spec.features(past, kind == Kind.HYBRID ? next : null, features, 0);
      predictResidual(member);
      spec.correct(physicsOutputs, residual, next);
      for (double v : next) ok &= Double.isFinite(v);
      if (ok && kind == Kind.HYBRID) {
        // the corrected frame goes back into the state, and the prediction is what the state then
        // shows: a correction the twin cannot represent (the sway of a rigid rope, say) is dropped
        // rather than carried in the frame while the physics goes on without it
        sync.sync(state, next, past[0], period);
        sync.observe(state, scratch, next);
      }
    }
    for (double v : next) ok &= Double.isFinite(v);
    return ok;
  }

  /**
   * Told after every physics tick of a plan-driven run ({@link #advance}), on the predictor's thread,
   * with the state and the contacts of that tick (do not keep either).
   */
  @FunctionalInterface
  public interface TickObserver {
    /** After a physics tick. */
    void afterTick(SimState state, java.util.List<io.factorytwin.core.sim.Contact> contacts);
  }

  private double[][] runPast;
  private double[] runAct;

  /**
   * Starts a run driven by a host's actions instead of recorded ones (rollouts, docs/predicting.md),
   * from telemetry frames exactly as {@link #rollout} starts from a trajectory's frame: the state is
   * synced to {@code frames[0]} (its unobserved velocities from {@code frames[1]} when given) and the
   * history frames are read as the twin sees them.
   *
   * @param frames frames[0] the latest frame, frames[j] the one j periods before it, in column order;
   *               at least {@code history() + 1} (one more gives the latest frame's velocity estimate)
   * @throws IllegalArgumentException when there are too few frames or one has the wrong length
   * @throws IllegalStateException for {@link Kind#LEARNED}, which has no state to drive
   */
  public void begin(double[][] frames) {
    if (kind == Kind.LEARNED) throw new IllegalStateException("predictor: a LEARNED predictor cannot be driven by actions");
    int h = spec.history(), cols = spec.columns().size();
    if (frames.length < h + 1) {
      throw new IllegalArgumentException("begin.frames: " + frames.length + ", must be >= " + (h + 1)
          + " (the latest frame and " + h + " of history)");
    }
    for (int j = 0; j < frames.length; j++) {
      if (frames[j].length != cols) {
        throw new IllegalArgumentException("begin.frames[" + j + "]: " + frames[j].length + " values, must be " + cols
            + " (one per column)");
      }
    }
    runPast = start(java.util.Arrays.copyOf(frames, Math.min(frames.length, h + 2)));
    runAct = new double[cols];
  }

  /**
   * Predicts the next frame of a run started by {@link #begin}, under {@code actions} held through the
   * frame (as a PLC holds its outputs for a cycle): the physics steps one frame period, telling
   * {@code observer} (may be null) after every tick; a HYBRID predictor then adds member {@code member}'s
   * residual and syncs the corrected frame back into {@link #state()}. The state's last actions become
   * {@code actions}.
   *
   * @param actions action-schema order, already validated (finite, commands)
   * @param member  ensemble member, or −1 for the members' mean
   * @param out     the predicted frame in column order, written
   * @return false when a value went non-finite or the physics reported trouble: the run must stop
   * @throws IllegalStateException when no run was begun
   */
  public boolean advance(double[] actions, int member, double[] out, TickObserver observer) {
    if (runPast == null) throw new IllegalStateException("predictor: advance before begin");
    checkMember(member);
    for (int c = 0; c < runAct.length; c++) runAct[c] = sync.isAction(c) ? actions[actionIndex[c]] : Double.NaN;
    double[] next = new double[runAct.length];
    boolean ok = frame(runPast, runAct, actions, member, next, null, null, 0, observer);
    System.arraycopy(next, 0, out, 0, next.length);
    int h = spec.history();
    for (int q = h; q > 0; q--) runPast[q] = runPast[q - 1];
    runPast[0] = next;
    return ok;
  }

  /**
   * How much the ensemble's members disagree on the last HYBRID frame's correction: for each output, the
   * largest minus the smallest member's residual, in the output's unit, written into {@code out}
   * (one per output of the model). The epistemic uncertainty of the correction on this input.
   *
   * @throws IllegalStateException without a residual model
   */
  public void memberSpread(double[] out) {
    if (model == null || kind != Kind.HYBRID) throw new IllegalStateException("predictor: no residual ensemble");
    java.util.Arrays.fill(out, 0, residual.length, Double.NaN);
    double[] lo = new double[residual.length], hi = new double[residual.length];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    double[] one = new double[residual.length];
    for (int m = 0; m < model.members(); m++) {
      model.predict(m, features, 1, one);
      for (int o = 0; o < one.length; o++) {
        lo[o] = Math.min(lo[o], one[o]);
        hi[o] = Math.max(hi[o], one[o]);
      }
    }
    for (int o = 0; o < one.length; o++) out[o] = hi[o] - lo[o];
  }

  /** The feature row the residual read in the last HYBRID frame (featureCount(true) values), written into {@code out}. */
  public void lastFeatures(double[] out) {
    System.arraycopy(features, 0, out, 0, features.length);
  }

  /** Replaces the state columns of {@code frame} by what the twin shows when synced to it. */
  private void twinView(double[] frame, double[] previous) {
    SimState s = scratchState;
    s.set(fresh);
    sync.sync(s, frame, previous, period);
    double[] seen = new double[frame.length];
    sync.observe(s, scratch, seen);
    for (int c = 0; c < frame.length; c++) if (!sync.isAction(c)) frame[c] = seen[c];
  }

  private void predictResidual(int member) {
    if (member >= 0) {
      model.predict(member, features, 1, residual);
      return;
    }
    java.util.Arrays.fill(sum, 0);
    for (int m = 0; m < model.members(); m++) {
      model.predict(m, features, 1, residual);
      for (int o = 0; o < sum.length; o++) sum[o] += residual[o];
    }
    for (int o = 0; o < sum.length; o++) residual[o] = sum[o] / model.members();
  }
}
