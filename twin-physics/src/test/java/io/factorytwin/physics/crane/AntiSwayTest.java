package io.factorytwin.physics.crane;

import static io.factorytwin.physics.testing.CraneScenes.TROLLEY_CMD;
import static io.factorytwin.physics.testing.CraneScenes.TROLLEY_MODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.control.InputShaper;
import io.factorytwin.core.control.TrapezoidalMove;
import io.factorytwin.core.equipment.AxisDrive;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.Twin;
import io.factorytwin.physics.testing.CraneScenes;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * ZV and ZVD shapers on a 6 m trolley move of the loaded reference crane: residual sway against the
 * unshaped move, with the right rope length and with a rope 10 % longer than the shaper assumed.
 */
class AntiSwayTest {
  static final double G = 9.81;
  static final TrapezoidalMove MOVE = new TrapezoidalMove(6, 1.0, 0.5);

  /** Residual sway amplitude [rad] after running {@code speed(t)} as trolley speed commands. */
  static double residualSway(double rope, DoubleUnaryOperator speed, double commandEnd) {
    Layout layout = CraneScenes.hangingBlock(rope, 3, b -> {}); // from 3 m to 9 m, clear of the soft limits
    double[] a = new double[layout.actionSchema().size()];
    Twin twin = CraneScenes.grabbed(layout, a);
    int sway = layout.stateSchema().indexOf("crane1.sway.x");
    int trolley = layout.stateSchema().indexOf("crane1.trolley.pos");
    double[] ch = new double[layout.stateSchema().size()];
    double dt = layout.stepSeconds();
    long start = twin.state().tick();
    double period = CraneSpec.reference().loadedPendulum(rope, CraneScenes.BLOCK, CraneScenes.BLOCK_MASS).period(G, 0.05);
    long settle = layout.ticks(commandEnd + 0.5); // the drive's 50 ms lag has long died out by then
    long end = settle + layout.ticks(period + 0.1);
    double amplitude = 0;
    for (long k = 0; k < end; k++) {
      double t = (twin.state().tick() - start) * dt;
      a[TROLLEY_MODE] = AxisDrive.SPEED;
      a[TROLLEY_CMD] = speed.applyAsDouble(t);
      twin.step(a);
      if (k >= settle) {
        layout.readState(twin.state(), ch);
        amplitude = Math.max(amplitude, Math.abs(ch[sway]));
      }
    }
    layout.readState(twin.state(), ch);
    assertEquals(3 + 6, ch[trolley], 2e-3, "the trolley travelled 6 m");
    return amplitude;
  }

  static double omega(double rope) {
    return CraneSpec.reference().loadedPendulum(rope, CraneScenes.BLOCK, CraneScenes.BLOCK_MASS).omega(G);
  }

  @Test
  void shapersDesignedForTheTrueRopeLeaveUnderFivePercent() {
    double rope = 4;
    double unshaped = residualSway(rope, MOVE::speed, MOVE.duration());
    for (InputShaper s : new InputShaper[] {InputShaper.zv(omega(rope)), InputShaper.zvd(omega(rope))}) {
      double shaped = residualSway(rope, t -> s.shape(MOVE::speed, t), MOVE.duration() + s.delay());
      System.out.printf("anti-sway %s, right rope: residual %.4f deg of %.4f deg unshaped (%.2f %%)%n", s.name(),
          Math.toDegrees(shaped), Math.toDegrees(unshaped), 100 * shaped / unshaped);
      assertTrue(shaped < 0.05 * unshaped, s.name() + ": " + shaped + " rad against " + unshaped);
    }
    assertTrue(unshaped > Math.toRadians(0.5), "the unshaped move must sway for the ratio to mean anything");
  }

  @Test
  void withTheRopeTenPercentLongerResidualsFollowShaperTheory() {
    double assumed = 4, rope = 4.4;
    double unshaped = residualSway(rope, MOVE::speed, MOVE.duration());
    double trueOmega = omega(rope);
    for (InputShaper s : new InputShaper[] {InputShaper.zv(omega(assumed)), InputShaper.zvd(omega(assumed))}) {
      double shaped = residualSway(rope, t -> s.shape(MOVE::speed, t), MOVE.duration() + s.delay());
      double ratio = shaped / unshaped;
      double theory = s.residualRatio(trueOmega); // |cos(π ω / 2 ω0)|, squared for ZVD
      System.out.printf("anti-sway %s, rope 10 %% long: residual ratio %.2f %%, theory %.2f %% (ω/ω0 = %.4f)%n",
          s.name(), 100 * ratio, 100 * theory, trueOmega / s.designFrequency());
      assertEquals(theory, ratio, 0.01, s.name() + " residual ratio within 1 percentage point of theory");
    }
  }
}
