package io.factorytwin.core.calibration;

import io.factorytwin.core.schema.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * What a residual model reads and what it corrects, in terms of telemetry columns
 * (docs/calibration.md, "Features"). A feature row for the step from frame k to frame k+1 is:
 * <ol>
 *   <li>state inputs at frame k, each either a column's value or its difference from a reference
 *       column (e.g. the load's x relative to the trolley, so that the model does not learn where on
 *       the runway things happen);</li>
 *   <li>action inputs at frame k (the commands held until frame k+1);</li>
 *   <li>history, for j = 1..h: each history column at frame k−j minus its value at frame k (state
 *       columns) or its value at k−j (action columns): what the drives' delays need;</li>
 *   <li>for the hybrid model only, the physics' prediction of each output column at k+1 minus its
 *       value at frame k.</li>
 * </ol>
 * The outputs are residuals of output columns: the observed frame k+1 minus the physics' prediction
 * (hybrid), or minus frame k (a pure-learned model). A pure-learned model has no physics to move
 * the other columns it reads, so it predicts them too: its outputs are the output columns followed by
 * every other state column its features read.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeatureSpec {
  private final List<Channel> columns;
  private final int[] state;
  private final int[] reference;
  private final int[] actions;
  private final int history;
  private final int[] historyColumns;
  private final boolean[] historyIsAction;
  private final int[] outputs;
  private final int[] carrier; // per hybrid output: the output whose correction carries it along, or −1
  private final int[] learnedOutputs;

  private FeatureSpec(Builder b) {
    columns = b.sync.columns();
    state = b.state.stream().mapToInt(Integer::intValue).toArray();
    reference = b.reference.stream().mapToInt(Integer::intValue).toArray();
    actions = b.actions.stream().mapToInt(Integer::intValue).toArray();
    history = b.history;
    historyColumns = b.historyColumns.stream().mapToInt(Integer::intValue).toArray();
    historyIsAction = new boolean[historyColumns.length];
    for (int j = 0; j < historyColumns.length; j++) historyIsAction[j] = b.sync.isAction(historyColumns[j]);
    outputs = b.outputs.stream().mapToInt(Integer::intValue).toArray();
    carrier = new int[outputs.length];
    for (int k = 0; k < outputs.length; k++) {
      Integer ref = b.carriers.get(outputs[k]);
      carrier[k] = ref == null ? -1 : b.outputs.indexOf(ref);
    }
    java.util.LinkedHashSet<Integer> all = new java.util.LinkedHashSet<>(b.outputs);
    for (int i = 0; i < state.length; i++) {
      all.add(state[i]);
      if (reference[i] >= 0) all.add(reference[i]);
    }
    for (int h = 0; h < historyColumns.length; h++) if (!historyIsAction[h]) all.add(historyColumns[h]);
    learnedOutputs = all.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A builder over the columns of {@code sync}. */
  public static Builder builder(StateSync sync) {
    return new Builder(sync);
  }

  /**
   * The default features for crane {@code crane} (docs/calibration.md): load position relative to the
   * trolley and bridge, load velocity, axis speeds, rope length and speed, sway; all actions of the
   * crane but the grab; {@code history} frames of the axis speeds, load velocity and speed commands;
   * outputs: trolley and bridge position and speed, the load's horizontal position and its velocity.
   * The sway and the load's height are read but not corrected: the nominal twin's rope and hook swing
   * as one rigid pendulum, so they follow from the load's horizontal position and the rope length,
   * and a correction of them could not be kept. The hoist is not corrected either: its drive has no
   * effect the physics lacks in the reference plants, and a learned correction of a well-modelled
   * channel only adds the noise it was fitted to.
   */
  public static FeatureSpec crane(StateSync sync, String crane, int history) {
    String c = crane + ".";
    Builder b = builder(sync)
        .relative(c + "load.pos.x", c + "trolley.pos").relative(c + "load.pos.y", c + "bridge.pos").state(c + "load.pos.z")
        .state(c + "load.vel.x").state(c + "load.vel.y").state(c + "load.vel.z")
        .state(c + "trolley.vel").state(c + "bridge.vel").state(c + "hoist.length").state(c + "hoist.vel")
        .state(c + "sway.x").state(c + "sway.y");
    for (String a : new String[] {"bridge.mode", "bridge.cmd", "trolley.mode", "trolley.cmd", "hoist.mode", "hoist.cmd"}) {
      b.action(c + a);
    }
    b.history(history, c + "trolley.vel", c + "bridge.vel", c + "hoist.vel", c + "load.vel.x", c + "load.vel.y",
        c + "trolley.cmd", c + "bridge.cmd", c + "hoist.cmd");
    b.outputs(c + "trolley.pos", c + "trolley.vel", c + "bridge.pos", c + "bridge.vel", c + "load.pos.x",
        c + "load.pos.y", c + "load.vel.x", c + "load.vel.y", c + "load.vel.z");
    return b.build();
  }

  /**
   * The default features for a workpiece riding belt {@code conveyor} (docs/calibration.md): the
   * workpiece's position and velocity along the belt's X, the belt speed and its command;
   * {@code history} frames of the belt speed, the workpiece's velocity and the command (a belt's
   * speed ripple is a wave that its recent history continues); outputs: the belt speed and travel,
   * and the workpiece's position and velocity along X. The belt must run along world X.
   */
  public static FeatureSpec conveyor(StateSync sync, String conveyor, String workpiece, int history) {
    String c = conveyor + ".", w = workpiece + ".";
    Builder b = builder(sync).state(w + "pos.x").state(w + "vel.x").state(c + "speed").action(c + "speed.cmd");
    b.history(history, c + "speed", w + "vel.x", c + "speed.cmd");
    b.outputs(c + "speed", c + "encoder", w + "pos.x", w + "vel.x");
    return b.build();
  }

  /** The columns. */
  public List<Channel> columns() {
    return columns;
  }

  /**
   * Index of the column called {@code name}.
   *
   * @throws IllegalArgumentException when there is none
   */
  public int column(String name) {
    for (int c = 0; c < columns.size(); c++) if (columns.get(c).name().equals(name)) return c;
    throw new IllegalArgumentException("telemetry column " + name + ": not among the columns "
        + columns.stream().map(Channel::name).toList());
  }

  /** Frames of history, ≥ 0. */
  public int history() {
    return history;
  }

  /** Column index of each output of the hybrid model ({@code physics}) or the pure-learned one. */
  public int[] outputs(boolean physics) {
    return (physics ? outputs : learnedOutputs).clone();
  }

  int outputCount(boolean physics) {
    return physics ? outputs.length : learnedOutputs.length;
  }

  /** Number of features, with or without the physics block. */
  public int featureCount(boolean physics) {
    return state.length + actions.length + history * historyColumns.length + (physics ? outputs.length : 0);
  }

  /** Names of the features, in order. */
  public List<String> featureNames(boolean physics) {
    List<String> n = new ArrayList<>();
    for (int i = 0; i < state.length; i++) {
      n.add(columns.get(state[i]).name() + (reference[i] >= 0 ? " - " + columns.get(reference[i]).name() : ""));
    }
    for (int a : actions) n.add(columns.get(a).name());
    for (int j = 1; j <= history; j++) {
      for (int h = 0; h < historyColumns.length; h++) {
        n.add("history" + j + "." + columns.get(historyColumns[h]).name() + (historyIsAction[h] ? "" : " - now"));
      }
    }
    if (physics) for (int o : outputs) n.add("physics." + columns.get(o).name() + " - now");
    return n;
  }

  /**
   * Names of the outputs of the hybrid model ({@code physics}) or the pure-learned one, as
   * {@code name [unit]}, or {@code name - carrier [unit]} for a hybrid output carried by another
   * ({@link Builder#carriedBy}).
   */
  public List<String> outputNames(boolean physics) {
    List<String> n = new ArrayList<>();
    int[] outs = physics ? outputs : learnedOutputs;
    for (int k = 0; k < outs.length; k++) {
      int o = outs[k];
      String rel = physics && carrier[k] >= 0 ? " - " + columns.get(outputs[carrier[k]]).name() : "";
      n.add(columns.get(o).name() + rel + " [" + columns.get(o).unit() + "]");
    }
    return n;
  }

  /**
   * Adds a model's corrections to a predicted frame: {@code next[output k] += residual[k]}, plus, for a
   * hybrid output carried by another, that one's correction (a corrected trolley takes its load along).
   */
  void correct(boolean physics, double[] residual, double[] next) {
    int[] outs = physics ? outputs : learnedOutputs;
    for (int k = 0; k < outs.length; k++) {
      next[outs[k]] += residual[k] + (physics && carrier[k] >= 0 ? residual[carrier[k]] : 0);
    }
  }

  /**
   * The corrections that would turn {@code predicted} into {@code observed} ({@link #correct}'s inverse):
   * {@code observed − predicted} per output, minus the carrier's for a carried output.
   */
  void targets(boolean physics, double[] observed, double[] predicted, double[] y) {
    int[] outs = physics ? outputs : learnedOutputs;
    for (int k = 0; k < outs.length; k++) y[k] = observed[outs[k]] - predicted[outs[k]];
    if (physics) {
      for (int k = 0; k < outs.length; k++) {
        if (carrier[k] >= 0) y[k] -= observed[outs[carrier[k]]] - predicted[outs[carrier[k]]];
      }
    }
  }

  /**
   * One feature row.
   *
   * @param past    past[0] is frame k, past[j] frame k−j (j ≤ history), each in column order
   * @param physics the physics' prediction of frame k+1 in column order, or null for a pure-learned model
   * @param out     featureCount(physics != null) values, written from {@code off}
   */
  public void features(double[][] past, double[] physics, double[] out, int off) {
    double[] now = past[0];
    int k = off;
    for (int i = 0; i < state.length; i++) out[k++] = now[state[i]] - (reference[i] >= 0 ? now[reference[i]] : 0);
    for (int a : actions) out[k++] = now[a];
    for (int j = 1; j <= history; j++) {
      for (int h = 0; h < historyColumns.length; h++) {
        int c = historyColumns[h];
        out[k++] = historyIsAction[h] ? past[j][c] : past[j][c] - now[c];
      }
    }
    if (physics != null) for (int o : outputs) out[k++] = physics[o] - now[o];
  }

  /** Builds a feature spec; confined to one thread. */
  public static final class Builder {
    private final StateSync sync;
    private final List<Integer> state = new ArrayList<>();
    private final List<Integer> reference = new ArrayList<>();
    private final List<Integer> actions = new ArrayList<>();
    private int history;
    private final List<Integer> historyColumns = new ArrayList<>();
    private final List<Integer> outputs = new ArrayList<>();
    private final java.util.Map<Integer, Integer> carriers = new java.util.HashMap<>();

    Builder(StateSync sync) {
      this.sync = sync;
    }

    /** A state column's value. @throws IllegalArgumentException when there is no such column */
    public Builder state(String column) {
      state.add(sync.column(column));
      reference.add(-1);
      return this;
    }

    /** A state column's value minus a reference column's. */
    public Builder relative(String column, String ref) {
      state.add(sync.column(column));
      reference.add(sync.column(ref));
      return this;
    }

    /** An action column's value. */
    public Builder action(String column) {
      int c = sync.column(column);
      if (!sync.isAction(c)) throw new IllegalArgumentException("features.action " + column + ": not an action channel");
      actions.add(c);
      return this;
    }

    /** {@code frames} of history of the given columns. */
    public Builder history(int frames, String... cols) {
      if (frames < 0 || frames > 100) {
        throw new IllegalArgumentException("features.history: " + frames + " frames, must be in [0, 100]");
      }
      history = frames;
      historyColumns.clear();
      for (String c : cols) historyColumns.add(sync.column(c));
      return this;
    }

    /** The corrected (or, for a pure-learned model, predicted) columns: state channels. */
    public Builder outputs(String... cols) {
      outputs.clear();
      for (String c : cols) {
        int i = sync.column(c);
        if (sync.isAction(i)) throw new IllegalArgumentException("features.output " + c + ": an action channel, must be a state channel");
        outputs.add(i);
      }
      return this;
    }

    /**
     * Makes the hybrid model's correction of output {@code column} relative to output {@code carrier}'s:
     * the model learns {@code column}'s correction minus {@code carrier}'s, and the hybrid step adds
     * both, so a correction of the carrier moves {@code column} with it (a crane's load with its
     * trolley) unless the model says otherwise. Both must be outputs; a carrier carries nothing itself.
     */
    public Builder carriedBy(String column, String carrier) {
      carriers.put(sync.column(column), sync.column(carrier));
      return this;
    }

    /** The spec. @throws IllegalArgumentException when there are no outputs, or a carrier is not an output */
    public FeatureSpec build() {
      if (outputs.isEmpty()) throw new IllegalArgumentException("features.outputs: none, must name at least one state column");
      for (var e : carriers.entrySet()) {
        String name = sync.columns().get(e.getKey()).name(), by = sync.columns().get(e.getValue()).name();
        if (!outputs.contains(e.getKey()) || !outputs.contains(e.getValue())) {
          throw new IllegalArgumentException("features.carriedBy " + name + " by " + by + ": both must be outputs");
        }
        if (carriers.containsKey(e.getValue())) {
          throw new IllegalArgumentException("features.carriedBy " + name + " by " + by + ": " + by + " is carried itself");
        }
      }
      return new FeatureSpec(this);
    }
  }
}
