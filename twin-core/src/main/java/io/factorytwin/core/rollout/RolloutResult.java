package io.factorytwin.core.rollout;

import io.factorytwin.core.schema.ChannelSchema;
import java.util.List;

/**
 * What a rollout predicted: dense trajectories, the guards' verdicts, and which runs went wrong.
 *
 * <p><b>Trajectories.</b> {@link #data()} holds {@code plans × samples × steps × channels} doubles laid out
 * {@code [plan][sample][step][channel]} (row-major: {@link #index}), where the channels are the layout's
 * state schema ({@link #channels()}, each in its own unit) and step k is k engine periods after the
 * start ({@link #time}): step 0 is the start as the engine synced it, steps 1 .. steps−1 are predicted.
 * A run that diverged holds NaN from the step where it did.
 *
 * <p><b>Health per run.</b> {@link #divergedAt} is the step at which a run went non-finite or the physics
 * reported trouble (−1: never); {@link #outOfDistributionAt} the first step at which the residual model's
 * inputs left its training ranges (−1: never, or no ranges given), and {@link #outOfDistributionFeature}
 * which input; {@link #memberSpread} how far the ensemble's members disagreed on the correction.
 *
 * <p>Immutable once returned; {@link #data()} is the live array, not a copy (it can be large): read it,
 * do not change it. Thread-safe for reading.
 */
public final class RolloutResult {
  private final ChannelSchema channels;
  private final int plans, samples, steps;
  private final double period;
  private final double[] data;
  private final int[] divergedAt;
  private final int[] oodAt;
  private final String[] oodFeature;
  private final double[] spread;
  private final int[] spreadStep;
  private final String[] spreadOutput;
  private final List<List<Verdict>> verdicts;

  RolloutResult(ChannelSchema channels, int plans, int samples, int steps, double period, double[] data,
      int[] divergedAt, int[] oodAt, String[] oodFeature, double[] spread, int[] spreadStep, String[] spreadOutput,
      List<List<Verdict>> verdicts) {
    this.spread = spread;
    this.spreadStep = spreadStep;
    this.spreadOutput = spreadOutput;
    this.channels = channels;
    this.plans = plans;
    this.samples = samples;
    this.steps = steps;
    this.period = period;
    this.data = data;
    this.divergedAt = divergedAt;
    this.oodAt = oodAt;
    this.oodFeature = oodFeature;
    this.verdicts = verdicts;
  }

  /** The recorded channels: the layout's state schema. */
  public ChannelSchema channels() {
    return channels;
  }

  /** Number of plans. */
  public int plans() {
    return plans;
  }

  /** Samples per plan. */
  public int samples() {
    return samples;
  }

  /** Recorded steps per run, the start included (horizon / period + 1). */
  public int steps() {
    return steps;
  }

  /** The engine's period: seconds between recorded steps. */
  public double period() {
    return period;
  }

  /** Time of step {@code k} after the start [s]. */
  public double time(int step) {
    return step * period;
  }

  /** The dense trajectories {@code [plan][sample][step][channel]}; live, do not change. */
  public double[] data() {
    return data;
  }

  /** Index of a value in {@link #data()}. */
  public int index(int plan, int sample, int step, int channel) {
    return ((plan * samples + sample) * steps + step) * channels.size() + channel;
  }

  /** One value: channel {@code channel} of plan {@code plan}, sample {@code sample}, at step {@code step}. */
  public double value(int plan, int sample, int step, int channel) {
    return data[index(plan, sample, step, channel)];
  }

  /** One value by channel name. @throws IllegalArgumentException when there is no such channel */
  public double value(int plan, int sample, int step, String channel) {
    return value(plan, sample, step, channel(channel));
  }

  /** Index of a channel by name. @throws IllegalArgumentException when there is no such channel */
  public int channel(String name) {
    if (!channels.contains(name)) throw new IllegalArgumentException("rollout.channel " + name + ": not a state channel");
    return channels.indexOf(name);
  }

  /** The step at which run (plan, sample) diverged, or −1. */
  public int divergedAt(int plan, int sample) {
    return divergedAt[plan * samples + sample];
  }

  /** True when any sample of {@code plan} diverged. */
  public boolean diverged(int plan) {
    for (int s = 0; s < samples; s++) if (divergedAt(plan, s) >= 0) return true;
    return false;
  }

  /** The first step at which run (plan, sample) left the model's training ranges, or −1. */
  public int outOfDistributionAt(int plan, int sample) {
    return oodAt[plan * samples + sample];
  }

  /** The model input that left its training range first in run (plan, sample), or null. */
  public String outOfDistributionFeature(int plan, int sample) {
    return oodFeature[plan * samples + sample];
  }

  /**
   * The ensemble's largest disagreement in run (plan, sample): over its steps and the model's outputs, the
   * largest spread (max − min over the members) of the per-frame correction, in the output's unit; 0 for
   * physics only or a single member, NaN when the members' corrections were not finite.
   */
  public double memberSpread(int plan, int sample) {
    return spread[plan * samples + sample];
  }

  /** The step of {@link #memberSpread}'s largest value, or −1. */
  public int memberSpreadStep(int plan, int sample) {
    return spreadStep[plan * samples + sample];
  }

  /** The model output (as {@code name [unit]}) of {@link #memberSpread}'s largest value, or null. */
  public String memberSpreadOutput(int plan, int sample) {
    return spreadOutput[plan * samples + sample];
  }

  /** The guards' verdicts on {@code plan}, in the request's guard order. */
  public List<Verdict> verdicts(int plan) {
    return verdicts.get(plan);
  }
}
