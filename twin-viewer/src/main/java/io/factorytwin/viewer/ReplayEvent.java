package io.factorytwin.viewer;

/**
 * Something that happened at one instant of a replay, marked on the timeline (a guard verdict, a
 * plan committed or rejected, a drift alarm): clicking the mark jumps there, and while the replay is
 * within half a second of it the label is shown and the element, if any, is outlined.
 *
 * <p>Immutable and thread-safe.
 *
 * @param time    seconds from the replay's start, finite, ≥ 0
 * @param label   what happened ("walkway intrusion", "plan 3 rejected: sway 4.1° > 3°"), not blank
 * @param element the element concerned (a workpiece, fixture, zone or equipment id), or "" for none
 */
public record ReplayEvent(double time, String label, String element) {

  /** Validates. @throws IllegalArgumentException naming the event, the value and the bound */
  public ReplayEvent {
    Track.requireName("event at " + time + " s", "label", label);
    if (!(time >= 0) || Double.isInfinite(time)) {
      throw new IllegalArgumentException("event '" + label + "'.time: " + time + " s, must be ≥ 0 and finite");
    }
    if (element == null) throw new IllegalArgumentException("event '" + label + "'.element: null, use \"\" for none");
  }

  /** An event concerning no element in particular. */
  public static ReplayEvent at(double time, String label) {
    return new ReplayEvent(time, label, "");
  }
}
