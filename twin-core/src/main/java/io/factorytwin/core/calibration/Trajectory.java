package io.factorytwin.core.calibration;

import io.factorytwin.core.schema.Channel;
import io.factorytwin.core.telemetry.Frame;
import io.factorytwin.core.telemetry.TelemetryLog;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of consecutive telemetry frames at a constant period, with every column observed in every
 * frame: what calibration learns from and evaluation predicts. Cut from a log by {@link #split}.
 *
 * <p>Immutable and thread-safe (values are copied in; {@link #frame} returns the stored row, which
 * callers must not change).
 *
 * @param id       a number unique among the trajectories of one calibration (train/validation splits
 *                 are made by it)
 * @param columns  the channels, in column order
 * @param period   seconds between frames
 * @param start    time of the first frame [s]
 * @param rows     frames × columns values
 */
public record Trajectory(int id, List<Channel> columns, double period, double start, double[][] rows) {
  /** Checks and copies. */
  public Trajectory {
    columns = List.copyOf(columns);
    if (!(period > 0)) throw new IllegalArgumentException("trajectory " + id + ".period: " + period + " s, must be > 0");
    double[][] copy = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != columns.size()) {
        throw new IllegalArgumentException("trajectory " + id + " frame " + r + ": " + rows[r].length + " values, must be "
            + columns.size());
      }
      for (int c = 0; c < rows[r].length; c++) {
        if (!Double.isFinite(rows[r][c])) {
          throw new IllegalArgumentException("trajectory " + id + " frame " + r + "." + columns.get(c).name() + ": "
              + rows[r][c] + ", must be finite");
        }
      }
      copy[r] = rows[r].clone();
    }
    rows = copy;
  }

  /** Number of frames. */
  public int length() {
    return rows.length;
  }

  /** Frame {@code r}'s values (the stored array: do not change it). */
  public double[] frame(int r) {
    return rows[r];
  }

  /** Frames {@code from} (inclusive) to {@code to} (exclusive) as a trajectory of its own called {@code newId}. */
  public Trajectory slice(int newId, int from, int to) {
    if (from < 0 || to > rows.length || to - from < 2) {
      throw new IllegalArgumentException("trajectory " + id + ".slice: [" + from + ", " + to + ") of " + rows.length
          + " frames, must hold at least 2 frames inside the trajectory");
    }
    return new Trajectory(newId, columns, period, start + from * period, java.util.Arrays.copyOfRange(rows, from, to));
  }

  /**
   * Cuts a log into trajectories: a new one starts wherever consecutive frames are further apart than
   * 1.5 periods or closer than 0.5 periods (a gap or a jitter the log flagged), or a frame has a
   * value missing; pieces shorter than {@code minFrames} are left out and counted in the returned
   * list's {@link Split#dropped}.
   *
   * @param period    the nominal frame period [s], > 0
   * @param firstId   id of the first trajectory; the next ones count up
   */
  public static Split split(TelemetryLog log, double period, int minFrames, int firstId) {
    if (!(period > 0)) throw new IllegalArgumentException("split.period: " + period + " s, must be > 0");
    List<Trajectory> out = new ArrayList<>();
    List<double[]> run = new ArrayList<>();
    double runStart = 0, last = Double.NaN;
    int dropped = 0;
    int id = firstId;
    for (Frame f : log.frames()) {
      double[] v = f.values();
      boolean complete = true;
      for (double x : v) complete &= Double.isFinite(x);
      double gap = f.time() - last;
      boolean continues = complete && !run.isEmpty() && gap > 0.5 * period && gap < 1.5 * period;
      if (!continues && !run.isEmpty()) {
        if (run.size() >= minFrames) {
          out.add(new Trajectory(id++, log.channels(), period, runStart, run.toArray(new double[0][])));
        } else {
          dropped += run.size();
        }
        run.clear();
      }
      if (!complete) {
        dropped++;
        last = Double.NaN;
        continue;
      }
      if (run.isEmpty()) runStart = f.time();
      run.add(v);
      last = f.time();
    }
    if (run.size() >= minFrames) {
      out.add(new Trajectory(id, log.channels(), period, runStart, run.toArray(new double[0][])));
    } else {
      dropped += run.size();
    }
    return new Split(out, dropped);
  }

  /**
   * Trajectories cut from a log and how many frames were left out (in pieces too short, or incomplete).
   *
   * @param trajectories the pieces, in time order
   * @param dropped      frames not in any piece
   */
  public record Split(List<Trajectory> trajectories, int dropped) {
    /** Copies. */
    public Split {
      trajectories = List.copyOf(trajectories);
    }
  }
}
