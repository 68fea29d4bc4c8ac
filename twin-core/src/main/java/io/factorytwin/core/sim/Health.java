package io.factorytwin.core.sim;

import java.util.BitSet;
import java.util.Objects;

/**
 * Numerical health of a simulation, counted in its state: bodies whose pose or velocity became
 * non-finite, bodies whose centre left the layout's bounds, and a description of the first
 * trouble. Trouble is never silently reset: a diverged body keeps its non-finite values, is
 * taken out of collision detection and integration, and stays counted here. What happens on
 * trouble is decided by the run's {@link HealthPolicy}.
 *
 * <p>Confined to the thread that owns the state.
 */
public final class Health {
  private final BitSet diverged = new BitSet();
  private int outOfBounds;
  private long firstTroubleTick = -1;
  private String firstTrouble = "";
  private long notices;
  private String lastNotice = "";

  Health() {}

  /** Number of bodies that became non-finite (each counted once). */
  public int divergedBodies() {
    return diverged.cardinality();
  }

  /** True when body {@code i} has diverged (and was counted). */
  public boolean hasDiverged(int i) {
    return diverged.get(i);
  }

  /** Number of bodies currently outside the world bounds. */
  public int bodiesOutOfBounds() {
    return outOfBounds;
  }

  /** Tick of the first trouble, or −1 if none. */
  public long firstTroubleTick() {
    return firstTroubleTick;
  }

  /** Description of the first trouble (element, channel, value, bound), or empty. */
  public String firstTrouble() {
    return firstTrouble;
  }

  /**
   * Number of notices: commands clamped to an actuator's limits, end stops hit, grabs that found
   * nothing. Notices are not trouble ({@link #ok()} stays true): the command was still carried out
   * as far as the limits allow, and the notice says so.
   */
  public long notices() {
    return notices;
  }

  /** The last notice (element, channel, value, bound), or empty. */
  public String lastNotice() {
    return lastNotice;
  }

  /** Records a notice at {@code tick}; called by equipment. */
  public void recordNotice(long tick, String what) {
    notices++;
    lastNotice = "tick " + tick + ": " + what;
  }

  /** True when nothing has gone wrong. */
  public boolean ok() {
    return diverged.isEmpty() && outOfBounds == 0;
  }

  /**
   * Records that body {@code body} diverged at {@code tick}, described by {@code what} (element,
   * channel, value, bound); called by backends. A body is counted once.
   *
   * @return true when the body had not diverged before
   */
  public boolean recordDiverged(long tick, int body, String what) {
    if (diverged.get(body)) return false;
    diverged.set(body);
    first(tick, what);
    return true;
  }

  /** Sets the number of bodies out of bounds after a step; called by backends. */
  public void setOutOfBounds(long tick, int count, String what) {
    outOfBounds = count;
    if (count > 0) first(tick, what);
  }

  private void first(long tick, String what) {
    if (firstTroubleTick < 0) {
      firstTroubleTick = tick;
      firstTrouble = what;
    }
  }

  Health copy() {
    Health h = new Health();
    h.set(this);
    return h;
  }

  void set(Health o) {
    diverged.clear();
    diverged.or(o.diverged);
    outOfBounds = o.outOfBounds;
    firstTroubleTick = o.firstTroubleTick;
    firstTrouble = o.firstTrouble;
    notices = o.notices;
    lastNotice = o.lastNotice;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Health h && h.diverged.equals(diverged) && h.outOfBounds == outOfBounds
        && h.firstTroubleTick == firstTroubleTick && h.firstTrouble.equals(firstTrouble) && h.notices == notices
        && h.lastNotice.equals(lastNotice);
  }

  @Override
  public int hashCode() {
    return Objects.hash(diverged, outOfBounds, firstTroubleTick, firstTrouble, notices, lastNotice);
  }

  @Override
  public String toString() {
    return ok() ? "healthy" : "diverged " + diverged.cardinality() + ", out of bounds " + outOfBounds + ", first at tick "
        + firstTroubleTick + ": " + firstTrouble;
  }
}
