package io.factorytwin.viewer;

import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.equipment.PhotoEye;
import io.factorytwin.core.equipment.Pusher;
import io.factorytwin.core.equipment.RobotArm;
import io.factorytwin.core.equipment.Stopper;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.internal.Checks;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.SimState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records a run for a {@link ReplayPage}: the host calls {@link #record} after each step, and the
 * recorder keeps one frame every frame period. A frame holds every workpiece's pose, whether it is
 * shown (a source's parked box is not; neither is a body with a non-finite pose or outside the
 * layout's bounds, which is reported as an event instead of being drawn somewhere arbitrary), the
 * poses of the fixtures that move (robot links and cups, pusher paddles, stopper blades up or
 * down), each crane's rope and whether each photo-eye is blocked.
 *
 * <p>Memory: 8 bytes × (7 per workpiece + 8 per moving fixture + 6 per crane + 1) per frame, plus
 * one byte per workpiece; a 60 s run of 20 bodies at 30 frames per second is about 2 MB.
 *
 * <p>Confined to one thread (the one stepping the twin); read only after recording ends.
 */
public final class ReplayRecorder {
  private final Layout layout;
  private final long periodTicks;
  private final int bodies;
  private final int[] movingFixture;   // fixture index of each moving fixture
  private final int[][] armSlots;      // per arm: moving-fixture slot of each DH row and the cup (−1: none)
  private final int[] paddleSlot, bladeSlot;
  private final Pose[] armPose;
  private final double[][] armVel;
  private long nextTick = Long.MIN_VALUE;
  private int frames;
  private int capacity;                        // frames the arrays hold
  private double[] times = new double[0];
  private double[] poses = new double[0];      // [frame][body][7]
  private byte[] shown = new byte[0];          // [frame][body]: 1 shown
  private double[] fixtures = new double[0];   // [frame][moving fixture][7 + shown]
  private double[] ropes = new double[0];      // [frame][crane][rope top xyz, hook top xyz]
  private byte[] eyes = new byte[0];           // [frame][photo-eye]: 1 blocked
  private final List<PhotoEye> photoEyes;
  private final List<ReplayEvent> trouble = new ArrayList<>();
  private final boolean[] troubled;
  private final double[] tmp = new double[3];
  private final double[] lo, hi;               // the layout's bounds [m]

  /**
   * A recorder for runs of {@code layout} keeping one frame every {@code framePeriod} seconds,
   * rounded to a whole number of the layout's steps (at least one).
   *
   * @param framePeriod seconds, > 0 and finite; 1/30 s gives smooth playback
   * @throws IllegalArgumentException naming the value and the bound
   */
  public ReplayRecorder(Layout layout, double framePeriod) {
    if (layout == null) throw new IllegalArgumentException("replay recorder: layout is null");
    Checks.requirePositive("replay recorder.framePeriod", framePeriod, "s");
    this.layout = layout;
    this.periodTicks = Math.max(1, Math.round(framePeriod / layout.stepSeconds()));
    this.bodies = layout.bodyCount();
    this.troubled = new boolean[bodies];
    this.lo = new double[] {layout.boundsMin().x(), layout.boundsMin().y(), layout.boundsMin().z()};
    this.hi = new double[] {layout.boundsMax().x(), layout.boundsMax().y(), layout.boundsMax().z()};
    List<Integer> moving = new ArrayList<>();
    List<RobotArm> arms = layout.robotArms();
    armSlots = new int[arms.size()][];
    int maxRows = 0;
    for (int r = 0; r < arms.size(); r++) {
      RobotArm arm = arms.get(r);
      int rows = arm.rowCount();
      maxRows = Math.max(maxRows, rows + 1);
      armSlots[r] = new int[rows + 1];
      for (int k = 0; k <= rows; k++) {
        int f = layout.fixtureIndex(k < rows ? arm.linkId(k) : arm.cupId());
        armSlots[r][k] = f < 0 ? -1 : moving.size();
        if (f >= 0) moving.add(f);
      }
    }
    armPose = new Pose[maxRows];
    armVel = new double[maxRows][6];
    List<Pusher> pushers = layout.pushers();
    paddleSlot = new int[pushers.size()];
    for (int p = 0; p < paddleSlot.length; p++) {
      paddleSlot[p] = moving.size();
      moving.add(layout.fixtureIndex(pushers.get(p).paddleId()));
    }
    List<Stopper> stoppers = layout.stoppers();
    bladeSlot = new int[stoppers.size()];
    for (int s = 0; s < bladeSlot.length; s++) {
      bladeSlot[s] = moving.size();
      moving.add(layout.fixtureIndex(stoppers.get(s).bladeId()));
    }
    movingFixture = moving.stream().mapToInt(Integer::intValue).toArray();
    photoEyes = photoEyes(layout);
  }

  /** The layout's photo-eyes, in declaration order. */
  static List<PhotoEye> photoEyes(Layout layout) {
    return layout.equipment().stream().filter(PhotoEye.class::isInstance).map(PhotoEye.class::cast).toList();
  }

  /**
   * Records {@code state} as a frame if a frame is due: the first call always records, later ones
   * when at least one frame period has passed since the last recorded tick.
   *
   * @return true when a frame was recorded
   * @throws IllegalArgumentException when the state is not of this recorder's layout, or goes back in time
   */
  public boolean record(SimState state) {
    if (state.bodyCount() != bodies || state.equipment().length != layout.equipmentSize()) {
      throw new IllegalArgumentException("replay recorder: state of " + state.bodyCount()
          + " bodies, layout." + layout.name() + " has " + bodies);
    }
    long tick = state.tick();
    if (frames > 0 && tick < nextTick - periodTicks) {
      throw new IllegalArgumentException("replay recorder: tick " + tick + ", must not be before the last recorded tick "
          + (nextTick - periodTicks) + " (restore a snapshot into a new recorder)");
    }
    if (tick < nextTick) return false;
    nextTick = tick + periodTicks;
    grow();
    double t = tick * layout.stepSeconds();
    times[frames] = t;
    int pb = frames * 7 * bodies;
    for (int i = 0; i < bodies; i++) {
      boolean finite = true, inside = true;
      for (int c = 0; c < 3; c++) {
        double v = poses[pb + 7 * i + c] = state.position(i, c);
        finite &= Double.isFinite(v);
        inside &= v >= lo[c] && v <= hi[c];
      }
      for (int c = 0; c < 4; c++) finite &= Double.isFinite(poses[pb + 7 * i + 3 + c] = state.rotation(i, c));
      boolean ok = finite && inside;
      if (!ok && !troubled[i]) {
        troubled[i] = true;
        String id = layout.workpieces().get(i).id();
        trouble.add(new ReplayEvent(t, id + (finite ? ": outside the layout's bounds" : ": non-finite pose")
            + " (numerical trouble), hidden while it lasts", id));
      }
      if (!ok) Arrays.fill(poses, pb + 7 * i, pb + 7 * i + 7, 0);
      shown[frames * bodies + i] = (byte) (ok && !layout.isParked(state, i) ? 1 : 0);
    }
    int stride = 8 * movingFixture.length;
    int pf = frames * stride;
    List<RobotArm> arms = layout.robotArms();
    for (int r = 0; r < arms.size(); r++) {
      arms.get(r).linkMotion(state, armPose, armVel);
      for (int k = 0; k < armSlots[r].length; k++) {
        if (armSlots[r][k] >= 0 && armPose[k] != null) put(fixtures, pf + 8 * armSlots[r][k], armPose[k], true);
      }
    }
    List<Pusher> pushers = layout.pushers();
    for (int p = 0; p < paddleSlot.length; p++) {
      Pusher pusher = pushers.get(p);
      Pose home = pusher.spec().retracted();
      Vec3 at = home.position().plus(pusher.spec().unitDirection().times(pusher.position(state)));
      put(fixtures, pf + 8 * paddleSlot[p], new Pose(at, home.rotation()), true);
    }
    List<Stopper> stoppers = layout.stoppers();
    for (int s = 0; s < bladeSlot.length; s++) {
      put(fixtures, pf + 8 * bladeSlot[s], stoppers.get(s).spec().pose(), stoppers.get(s).isUp(state));
    }
    List<Crane> cranes = layout.cranes();
    for (int c = 0; c < cranes.size(); c++) {
      int o = (frames * cranes.size() + c) * 6;
      cranes.get(c).ropeTop(state, tmp);
      System.arraycopy(tmp, 0, ropes, o, 3);
      System.arraycopy(cranes.get(c).hookTop(state), 0, ropes, o + 3, 3);
    }
    for (int e = 0; e < photoEyes.size(); e++) eyes[frames * photoEyes.size() + e] = (byte) (photoEyes.get(e).blocked(state) ? 1 : 0);
    frames++;
    return true;
  }

  private static void put(double[] a, int o, Pose p, boolean shown) {
    a[o] = p.position().x();
    a[o + 1] = p.position().y();
    a[o + 2] = p.position().z();
    a[o + 3] = p.rotation().w();
    a[o + 4] = p.rotation().x();
    a[o + 5] = p.rotation().y();
    a[o + 6] = p.rotation().z();
    a[o + 7] = shown ? 1 : 0;
  }

  private void grow() {
    if (frames < capacity) return;
    int cap = Math.max(2 * capacity, 64);
    capacity = cap;
    times = Arrays.copyOf(times, cap);
    poses = Arrays.copyOf(poses, cap * 7 * bodies);
    shown = Arrays.copyOf(shown, cap * bodies);
    fixtures = Arrays.copyOf(fixtures, cap * 8 * movingFixture.length);
    ropes = Arrays.copyOf(ropes, cap * 6 * layout.cranes().size());
    eyes = Arrays.copyOf(eyes, cap * photoEyes.size());
  }

  /** The layout recorded. */
  public Layout layout() {
    return layout;
  }

  /** Frames recorded so far. */
  public int frameCount() {
    return frames;
  }

  /** Ticks between frames (the frame period rounded to whole steps, ≥ 1). */
  public long periodTicks() {
    return periodTicks;
  }

  /** Seconds of the recorded frames from tick 0, length {@link #frameCount()}. */
  public double[] times() {
    return Arrays.copyOf(times, frames);
  }

  /**
   * The recorded centre of workpiece {@code id} as a {@link Track} (frames where it was hidden
   * hold its last shown position), for plots or to overlay on another replay.
   *
   * @throws IllegalArgumentException when nothing was recorded or no workpiece has that id
   */
  public Track track(String id, String label) {
    int i = layout.bodyIndex(id);
    if (frames == 0) throw new IllegalArgumentException("replay recorder: no frame recorded yet, cannot make a track of " + id);
    double[] p = new double[3 * frames];
    for (int f = 0; f < frames; f++) {
      int o = (f * bodies + i) * 7;
      boolean hold = f > 0 && shown[f * bodies + i] == 0;
      for (int c = 0; c < 3; c++) p[3 * f + c] = hold ? p[3 * (f - 1) + c] : poses[o + c];
    }
    return new Track(id, label, times(), p);
  }

  /** Events the recorder raised itself: each body's first non-finite pose or first exit from the layout's bounds. */
  public List<ReplayEvent> troubleEvents() {
    return List.copyOf(trouble);
  }

  // package-private views for ReplayPage (no copies)
  double[] rawPoses() { return poses; }
  byte[] rawShown() { return shown; }
  double[] rawFixtures() { return fixtures; }
  double[] rawRopes() { return ropes; }
  byte[] rawEyes() { return eyes; }
  double[] rawTimes() { return times; }
  int[] movingFixtures() { return movingFixture.clone(); }
}
