package io.factorytwin.core.rollout;

import io.factorytwin.core.control.InputShaper;
import io.factorytwin.core.control.TrapezoidalMove;
import io.factorytwin.core.equipment.AxisDrive;
import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.Plan;
import java.util.List;

/**
 * Crane trolley moves as plans for rollouts, and the parametrised family the planner searches
 * (docs/predicting.md, "Planner"). Every plan drives the trolley in speed mode, holds the bridge and the
 * hoist still and keeps the grab closed; {@code tick} is counted from the move's start in ticks of the
 * layout's step.
 *
 * <p>Stateless and thread-safe; the plans are pure functions of their arguments.
 */
public final class CraneMoves {
  private CraneMoves() {}

  /** An unshaped trapezoidal trolley move of {@code distance} [m] at up to {@code speed} [m/s] and {@code accel} [m/s²]. */
  public static Plan trapezoid(Layout layout, String crane, double distance, double speed, double accel) {
    TrapezoidalMove move = new TrapezoidalMove(distance, speed, accel);
    return trolley(layout, crane, move::speed);
  }

  /** A trapezoidal trolley move shaped by {@code shaper} (ZV, ZVD). */
  public static Plan shaped(Layout layout, String crane, double distance, double speed, double accel,
      InputShaper shaper) {
    TrapezoidalMove move = new TrapezoidalMove(distance, speed, accel);
    return trolley(layout, crane, t -> shaper.shape(move::speed, t));
  }

  /**
   * A trapezoidal trolley move through a two-impulse shaper with a free delay and split: the command is
   * (1 − share)·v(t) + share·v(t − delay), where v is the trapezoid at {@code speed}. A ZV shaper is
   * share ½ and delay half the sway period; the planner may find other pairs (the sway of the real load
   * is not the pendulum a shaper was designed for).
   */
  public static Plan twoImpulse(Layout layout, String crane, double distance, double speed, double accel, double delay,
      double share) {
    TrapezoidalMove move = new TrapezoidalMove(distance, speed, accel);
    return trolley(layout, crane, t -> (1 - share) * move.speed(t) + share * move.speed(t - delay));
  }

  /**
   * The planner's family for a trolley move of {@code distance} [m] at the trolley's acceleration limit:
   * parameters {@code delay [s]} in [0, maxDelay], {@code share [1]} in [0, 1] and {@code speed [m/s]} in
   * [minSpeed, the trolley's max speed] ({@link #twoImpulse}).
   */
  public static PlanFamily family(Layout layout, String crane, double distance, double maxDelay, double minSpeed) {
    Crane c = crane(layout, crane);
    double vmax = c.spec().trolley().maxSpeed(), accel = c.spec().trolley().maxAccel();
    if (!(maxDelay >= 0) || !(minSpeed > 0 && minSpeed <= vmax)) {
      throw new IllegalArgumentException("craneMoves.family: maxDelay " + maxDelay + " s, minSpeed " + minSpeed
          + " m/s; must be >= 0 and in (0, " + vmax + "]");
    }
    return new PlanFamily() {
      @Override public List<String> parameters() {
        return List.of("delay [s]", "share [1]", "speed [m/s]");
      }

      @Override public double[] lower() {
        return new double[] {0, 0, minSpeed};
      }

      @Override public double[] upper() {
        return new double[] {maxDelay, 1, vmax};
      }

      @Override public Plan plan(double[] x) {
        return twoImpulse(layout, crane, distance, x[2], accel, x[0], x[1]);
      }
    };
  }

  private static Plan trolley(Layout layout, String crane, java.util.function.DoubleUnaryOperator speed) {
    int a = crane(layout, crane).actionOffset();
    double dt = layout.stepSeconds();
    return (tick, s, out) -> {
      out[a] = AxisDrive.SPEED;
      out[a + 1] = 0;
      out[a + 2] = AxisDrive.SPEED;
      out[a + 3] = speed.applyAsDouble(tick * dt);
      out[a + 4] = AxisDrive.SPEED;
      out[a + 5] = 0;
      out[a + 6] = 1;
    };
  }

  private static Crane crane(Layout layout, String id) {
    return layout.cranes().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("craneMoves." + id + ": no such crane in layout " + layout.name()));
  }
}
