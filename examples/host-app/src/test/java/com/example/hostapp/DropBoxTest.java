package com.example.hostapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import org.junit.jupiter.api.Test;

class DropBoxTest {

  @Test
  void boxComesToRestOnTheFloorAtHalfItsHeight() {
    Twin twin = DropBox.drop(2.0);
    SimState s = twin.state();
    int box = twin.layout().bodyIndex("box");
    double z = s.position(box, 2);
    assertEquals(DropBox.EDGE / 2, z, 0.002, "resting height of the box centre [m]");
    double speed = Math.sqrt(s.velocity(box, 0) * s.velocity(box, 0) + s.velocity(box, 1) * s.velocity(box, 1)
        + s.velocity(box, 2) * s.velocity(box, 2));
    assertTrue(speed < 0.01, "box still moving at " + speed + " m/s after 2 s");
  }
}
