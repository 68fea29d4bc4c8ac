package com.example.hostapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void replayFromTheLibraryJarCarriesThreeJsAndTheDrop(@TempDir Path dir) throws Exception {
    Path html = DropBox.writeReplay(1.0, dir.resolve("replay.html"));
    String page = Files.readString(html);
    assertTrue(page.contains("const REVISION = '181'"), "three.js comes inside twin-viewer's jar");
    assertTrue(page.contains("\"format\":\"factorytwin-replay\""), "the run is embedded");
    // 1 s at 240 Hz, a frame every 8 ticks: 31 frames, the first at the drop height
    assertTrue(page.contains("\"poses\":[[0,0,1,1,0,0,0],"), "the first frame holds the box at 1 m");
    assertEquals(31, page.split("\"shown\":\\[")[1].split("\\]")[0].split(",").length, "frames");
  }
}
