package io.factorytwin.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.layout.Layout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state and the twin against a scripted world (no physics). */
class TwinContractTest {

  /** Moves every body up by 1 mm per step; reports trouble when asked. */
  static final class ScriptedWorld implements PhysicsWorld {
    boolean troubleNext;

    @Override
    public boolean step(SimState s, double[] actions) {
      for (int i = 0; i < s.bodyCount(); i++) s.positions()[3 * i + 2] += 1e-3;
      s.advanceTick();
      if (troubleNext) {
        s.health().recordDiverged(s.tick(), 0, "b.pos.z: NaN m, must be finite");
        troubleNext = false;
        return true;
      }
      return false;
    }

    @Override
    public List<Contact> contacts() {
      return List.of();
    }
  }

  static Layout layout() {
    return Layout.builder("t").workpiece("b", w -> w.box(1, 1, 1).mass(1).at(0, 0, 5)).build();
  }

  @Test
  void copyIsIndependentAndSetRestoresBitForBit() {
    SimState s = layout().newState(3);
    SimState c = s.copy();
    s.positions()[0] = 1;
    s.solverCache().resize(1);
    assertFalse(s.bitwiseEquals(c));
    s.set(c);
    assertTrue(s.bitwiseEquals(c));
  }

  @Test
  void restoreRefusesAStateOfAnotherSeed() {
    SimState s = layout().newState(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.set(layout().newState(4)));
    assertEquals("state: snapshot seed 4, this state's seed is 3", e.getMessage());
  }

  @Test
  void throwPolicyThrowsAndStopPolicyStops() {
    ScriptedWorld w = new ScriptedWorld();
    Twin t = Twin.create(layout(), l -> w, 1);
    w.troubleNext = true;
    assertThrows(NumericalTroubleException.class, t::step);
    t.healthPolicy(HealthPolicy.STOP);
    t.run(3, Plan.IDLE);
    w.troubleNext = true;
    RunResult r = t.run(10, Plan.IDLE);
    assertEquals(new RunResult(1, true, t.state().health().toString()), r);
    assertEquals(5, t.state().tick());
  }

  @Test
  void timeIsTicksTimesStep() {
    Twin t = Twin.create(layout(), l -> new ScriptedWorld(), 1);
    t.run(480, Plan.IDLE);
    assertEquals(2.0, t.time(), 1e-12);
    assertEquals(480, t.layout().ticks(2.0));
  }
}
