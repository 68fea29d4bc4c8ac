package io.factorytwin.core.deploy;

import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.sim.RandomStreams;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployed twin's memory of clean training windows (docs/deployment.md, "Online updates"): each
 * window goes, by a seeded draw, either to the <em>check</em> reservoir (a share {@code checkShare},
 * never trained on: it measures whether an update forgets the old regimes) or to training, where it
 * enters both the FIFO of recent windows and the training reservoir. Both reservoirs are uniform
 * samples of every window they were offered (Vitter's algorithm R), so old regimes stay in them in
 * proportion to the time they lasted. Every draw is a pure function of (seed, window index), so the
 * same windows give the same buffer.
 *
 * <p>Confined to the monitor thread; {@link #recent()} and the reservoirs return copies (the windows
 * themselves are immutable).
 */
final class ReplayBuffer {
  private static final long ROUTE = RandomStreams.key("deploy.replay.route");
  private static final long TRAIN = RandomStreams.key("deploy.replay.train");
  private static final long CHECK = RandomStreams.key("deploy.replay.check");

  private final long seed;
  private final double checkShare;
  private final int recentCapacity;
  private final Trajectory[] train;
  private final Trajectory[] check;
  private final ArrayDeque<Trajectory> recent = new ArrayDeque<>();
  private long offered;
  private long trainSeen;
  private long checkSeen;

  ReplayBuffer(long seed, double checkShare, int trainCapacity, int checkCapacity, int recentCapacity) {
    this.seed = seed;
    this.checkShare = checkShare;
    this.recentCapacity = recentCapacity;
    this.train = new Trajectory[trainCapacity];
    this.check = new Trajectory[checkCapacity];
  }

  /** Adds a window. @param live false for the baseline's windows (they go to the reservoirs only) */
  void add(Trajectory w, boolean live) {
    long i = offered++;
    if (RandomStreams.uniform(seed, ROUTE, i, 0) < checkShare) {
      reservoir(check, checkSeen++, w, CHECK);
      return;
    }
    reservoir(train, trainSeen++, w, TRAIN);
    if (live) {
      recent.addLast(w);
      while (recent.size() > recentCapacity) recent.removeFirst();
    }
  }

  private void reservoir(Trajectory[] slots, long n, Trajectory w, long key) {
    if (n < slots.length) {
      slots[(int) n] = w;
      return;
    }
    long j = (long) (RandomStreams.uniform(seed, key, n, 0) * (n + 1));
    if (j < slots.length) slots[(int) j] = w;
  }

  /** Forgets the recent windows that started before {@code time} [s] (a new regime began then). */
  void regimeStart(double time) {
    recent.removeIf(w -> w.start() < time);
  }

  /** Windows offered so far. */
  long offered() {
    return offered;
  }

  /** The recent training windows, oldest first. */
  List<Trajectory> recent() {
    return new ArrayList<>(recent);
  }

  /** The training reservoir's windows, in slot order. */
  List<Trajectory> trainReservoir() {
    return filled(train);
  }

  /** The check reservoir's windows, in slot order. */
  List<Trajectory> checkReservoir() {
    return filled(check);
  }

  private static List<Trajectory> filled(Trajectory[] slots) {
    List<Trajectory> l = new ArrayList<>();
    for (Trajectory t : slots) if (t != null) l.add(t);
    return l;
  }
}
