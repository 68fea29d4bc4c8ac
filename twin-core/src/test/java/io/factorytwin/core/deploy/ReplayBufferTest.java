package io.factorytwin.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.calibration.Trajectory;
import io.factorytwin.core.schema.Channel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {
  static Trajectory window(int id, double start) {
    return new Trajectory(id, List.of(new Channel("a", "m", 0)), 0.02, start, new double[][] {{0}, {1}});
  }

  static ReplayBuffer fill(long seed, int n) {
    ReplayBuffer b = new ReplayBuffer(seed, 0.2, 100, 20, 10);
    for (int k = 0; k < n; k++) b.add(window(k, k), true);
    return b;
  }

  @Test
  void theReservoirsAreUniformOverEverythingOffered() {
    // 10,000 windows (8,000 of them routed to training) into 100 training slots: every thousand should
    // hold about 10 (the first regime is not forgotten). One seed's count in a thousand has a standard
    // deviation of about 3 (binomial, 100 slots, p = 0.1); the mean over 50 seeds about 0.42: the
    // tolerance 1.7 is 4 of those
    double[] perThousand = new double[10];
    int seeds = 50;
    for (long seed = 0; seed < seeds; seed++) {
      for (Trajectory t : fill(seed, 10_000).trainReservoir()) perThousand[t.id() / 1000] += 1.0 / seeds;
    }
    for (int k = 0; k < 10; k++) assertEquals(10, perThousand[k], 1.7, "windows " + k + "000-" + k + "999");
  }

  @Test
  void aboutAFifthGoesToTheCheckReservoirAndNeverToTraining() {
    ReplayBuffer b = fill(3, 1000);
    assertEquals(20, b.checkReservoir().size());
    assertEquals(100, b.trainReservoir().size());
    for (Trajectory c : b.checkReservoir()) {
      assertTrue(b.trainReservoir().stream().noneMatch(t -> t.id() == c.id()), "window " + c.id() + " in both");
      assertTrue(b.recent().stream().noneMatch(t -> t.id() == c.id()), "window " + c.id() + " recent and checked");
    }
  }

  @Test
  void theSameSeedGivesTheSameBufferAndARegimeStartTrimsTheRecentOnes() {
    assertEquals(fill(5, 500).trainReservoir().stream().map(Trajectory::id).toList(),
        fill(5, 500).trainReservoir().stream().map(Trajectory::id).toList());
    ReplayBuffer b = fill(5, 500);
    assertEquals(10, b.recent().size());
    double cut = b.recent().get(5).start();
    b.regimeStart(cut);
    assertTrue(b.recent().stream().allMatch(t -> t.start() >= cut));
    assertTrue(b.recent().size() <= 5 && !b.recent().isEmpty());
  }
}
