package io.factorytwin.viewer;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.SimState;

/** A small scene and a hand-made run of it: no physics, so every recorded number is known. */
final class TestScenes {
  static final double RADIUS = 1.5;   // the box circles the table at this radius [m]
  static final double PERIOD = 4.0;   // one turn [s]
  static final double SECONDS = 4.0;

  private TestScenes() {}

  static Layout layout() {
    return Layout.builder("viewer-test")
        .floor()
        .fixture("table", f -> f.box(1.0, 1.0, 0.8).at(0, 0, 0.4))
        .workpiece("box1", w -> w.box(0.4, 0.3, 0.2).mass(1).pose(Pose.at(RADIUS, 0, 0.1)))
        .workpiece("ball", w -> w.sphere(0.15).mass(1).pose(Pose.at(-2, 2, 0.15)))
        .zone("walkway", Pose.at(0, RADIUS, 0.5), new Vec3(0.6, 0.6, 1.0))
        .build();
  }

  /** The box's centre at time t [s]: a circle about the table, 0.1 m above the floor. */
  static Vec3 boxAt(double t) {
    double a = 2 * Math.PI * t / PERIOD;
    return new Vec3(RADIUS * Math.cos(a), RADIUS * Math.sin(a), 0.1);
  }

  /** Steps a state by hand through SECONDS, recording after each tick. */
  static ReplayRecorder run(Layout layout, double framePeriod) {
    ReplayRecorder rec = new ReplayRecorder(layout, framePeriod);
    SimState s = layout.newState(1);
    int box = layout.bodyIndex("box1");
    long ticks = layout.ticks(SECONDS);
    for (long k = 0; k <= ticks; k++) {
      double t = s.tick() * layout.stepSeconds();
      Vec3 p = boxAt(t);
      Quat q = Quat.yaw(2 * Math.PI * t / PERIOD);
      s.setPose(box, p.x(), p.y(), p.z(), q.w(), q.x(), q.y(), q.z());
      rec.record(s);
      if (k < ticks) s.advanceTick();
    }
    return rec;
  }

  /** A prediction of the box a little outside its real circle, with a band growing with time. */
  static PredictedTrack prediction() {
    int n = 41;
    double[] t = new double[n], mean = new double[3 * n], band = new double[3 * n];
    for (int i = 0; i < n; i++) {
      t[i] = SECONDS * i / (n - 1);
      Vec3 p = boxAt(t[i]).times(1.1);
      mean[3 * i] = p.x();
      mean[3 * i + 1] = p.y();
      mean[3 * i + 2] = 0.1;
      for (int c = 0; c < 3; c++) band[3 * i + c] = 0.02 + 0.05 * t[i];
    }
    return new PredictedTrack("box1", "hybrid", t, mean, band);
  }
}
