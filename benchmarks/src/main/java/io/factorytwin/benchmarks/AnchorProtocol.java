package io.factorytwin.benchmarks;

import com.bulletphysics.dynamics.RigidBody;
import com.bulletphysics.linearmath.Transform;
import io.factorytwin.benchmarks.jbullet.JBulletScenes;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.physics.testing.AnchorScenes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.vecmath.Vector3f;

/**
 * The native harness's own protocol (bullet-native/scenes.cpp) run on the Java engines: per scene,
 * 2 warm-up reps and 5 measured reps, each a fresh world, only the step (and the conveyor's force
 * loop) inside the timer, the median rep reported; then the scene's physical observables, computed
 * as the harness computes them. It prints lines in the harness's format
 * ({@code RESULT engine=… scene=… us_step=…} and {@code OBS …}), so the three engines can be read
 * side by side, and the observables of {@link JBulletScenes} can be checked against the JBullet
 * column of ../shared/anchors/README.md.
 *
 * <p>The JMH benchmark ({@link AnchorSceneBenchmark}) is the timing of record; this is the
 * cross-check. Before an engine's scenes are timed, it runs every scene once untimed
 * ({@code --jit-rounds 1}), so the JIT has compiled what the reps measure. Observables are computed in the harness's Y-up frame (the twin's Z-up state is read
 * as x, z, y).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.factorytwin.benchmarks.AnchorProtocol
 *     [--engine twin|jbulletDefaults|both] [--reps N] [--warm W] [--jit-rounds R] [scene ...]
 * </pre>
 */
public final class AnchorProtocol {
  private AnchorProtocol() {}

  private static final double G = 9.81, DT = 1.0 / 240;

  public static void main(String[] args) {
    int reps = 5, warm = 2, jitRounds = 1;
    List<String> engines = List.of("twin", "jbulletDefaults");
    List<String> scenes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--warm" -> warm = Integer.parseInt(args[++i]);
        case "--jit-rounds" -> jitRounds = Integer.parseInt(args[++i]);
        case "--engine" -> {
          String e = args[++i];
          engines = e.equals("both") ? engines : List.of(e);
        }
        default -> scenes.add(args[i]);
      }
    }
    if (scenes.isEmpty()) scenes = List.of("pile", "pile-sleep", "pendulum", "slide", "conveyor-lite");
    for (String engine : engines) {
      // Untimed rounds over every scene first: the native harness needs no JIT, and without these
      // the first scene's reps would time code the JIT has not finished compiling.
      for (int round = 0; round < jitRounds; round++) {
        for (String scene : scenes) run(engine, scene);
      }
      for (String scene : scenes) {
        double[] us = new double[reps];
        String obs = null;
        for (int k = 0; k < warm + reps; k++) {
          Rep r = run(engine, scene);
          if (k >= warm) us[k - warm] = r.timer.us();
          obs = r.obs;
        }
        double[] sorted = us.clone();
        Arrays.sort(sorted);
        StringBuilder raw = new StringBuilder();
        for (double u : us) raw.append(raw.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", u));
        System.out.printf(Locale.ROOT, "RESULT engine=%s scene=%s us_step=%.3f us_min=%.3f us_max=%.3f reps=%d raw=%s%n",
            engine, scene, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], reps, raw);
        System.out.printf(Locale.ROOT, "OBS engine=%s scene=%s %s%n", engine, scene, obs);
        System.out.flush();
      }
    }
  }

  private record Rep(Timer timer, String obs) {}

  private static Rep run(String engine, String scene) {
    return switch (scene) {
      case "pile" -> pile(engine, "pile");
      case "pile-sleep" -> pile(engine, "pile-sleep");
      case "pendulum" -> pendulum(engine);
      case "slide" -> slide(engine);
      case "conveyor-lite", "conveyor" -> conveyor(engine);
      default -> throw new IllegalArgumentException("scene: " + scene + ", must be one of pile, pile-sleep, pendulum, slide, conveyor-lite");
    };
  }

  private static Probe probe(String engine, String scene) {
    return probe(engine, () -> TwinScene.build(scene), () -> JBulletScenes.build(scene));
  }

  private static Probe probe(String engine, Supplier<TwinScene> twin, Supplier<JBulletScenes.Scene> jbullet) {
    return switch (engine) {
      case "twin" -> new TwinProbe(twin.get());
      case "jbulletDefaults" -> new JBulletProbe(jbullet.get());
      default -> throw new IllegalArgumentException("engine: " + engine + ", must be twin or jbulletDefaults");
    };
  }

  // ---------------------------------------------------------------- scenes

  private static Rep pile(String engine, String scene) {
    Probe w = probe(engine, scene);
    int n = w.bodies();
    double[][] start = new double[n][], settled = new double[n][];
    for (int i = 0; i < n; i++) start[i] = w.position(i);
    for (int k = 0; k < 240; k++) w.step();
    for (int i = 0; i < n; i++) settled[i] = w.position(i);
    Timer t = new Timer();
    for (int k = 0; k < 2400; k++) {
      t.start();
      w.step();
      t.stop();
    }
    w.check();
    double yLow = 0, yTop = 0, vMax = 0, shiftMax = 0, wanderMax = 0;
    int awake = 0;
    for (int i = 0; i < n; i++) {
      double[] p = w.position(i);
      if (i < 100) yLow += p[1] / 100; else yTop += p[1] / 100;
      vMax = Math.max(vMax, norm(w.velocity(i)));
      shiftMax = Math.max(shiftMax, Math.hypot(p[0] - start[i][0], p[2] - start[i][2]));
      wanderMax = Math.max(wanderMax, norm(new double[] {p[0] - settled[i][0], p[1] - settled[i][1], p[2] - settled[i][2]}));
      if (w.awake(i)) awake++;
    }
    return new Rep(t, String.format(Locale.ROOT,
        "y_bottom_mean=%.5f y_top_mean=%.5f v_max=%.3e shift_max_m=%.4f wander_since_settle_max_m=%.4f awake=%d",
        yLow, yTop, vMax, shiftMax, wanderMax, awake));
  }

  private static Rep pendulum(String engine) {
    double l = JBulletScenes.PENDULUM_LENGTH, m = JBulletScenes.PENDULUM_MASS, r = JBulletScenes.PENDULUM_RADIUS;
    double th0 = JBulletScenes.PENDULUM_RELEASE;
    Probe w = probe(engine, "pendulum");
    double is = 0.4 * m * r * r;
    double e0 = m * G * l * (1 - Math.cos(th0));
    double tTheory = 2 * Math.PI * Math.sqrt((m * l * l + is) / (m * G * l)) / agm(1, Math.cos(th0 / 2));
    List<Double> up = new ArrayList<>();
    double prevX = w.position(0)[0], dEmax = 0, jointErr = 0, e = e0, stretch = 0;
    Timer t = new Timer();
    int steps = 60 * 240;
    for (int k = 1; k <= steps; k++) {
      t.start();
      w.step();
      t.stop();
      double[] p = w.position(0), v = w.velocity(0), om = w.angularVelocity(0);
      double time = k * DT, x = p[0], y = p[1];
      if (prevX < 0 && x >= 0) up.add(time - DT * x / (x - prevX));
      prevX = x;
      e = 0.5 * m * dot(v, v) + 0.5 * is * dot(om, om) + m * G * (y + l);
      dEmax = Math.max(dEmax, Math.abs(e - e0));
      jointErr = Math.max(jointErr, w.jointError());
      stretch = Math.max(stretch, Math.abs(norm(p) - l));
    }
    w.check();
    double period = up.size() >= 11 ? (up.get(10) - up.get(0)) / 10 : Double.NaN;
    return new Rep(t, String.format(Locale.ROOT,
        "period_s=%.6f theory_s=%.6f period_err_pct=%.4f energy_drift_pct_60s=%.4f energy_maxdev_pct=%.4f "
            + "joint_err_max_mm=%.4f centre_stretch_max_mm=%.4f",
        period, tTheory, 100 * (period - tTheory) / tTheory, 100 * (e - e0) / e0, 100 * dEmax / e0,
        1000 * jointErr, 1000 * stretch));
  }

  private static double agm(double a, double b) {
    for (int i = 0; i < 40; i++) {
      double mean = 0.5 * (a + b);
      b = Math.sqrt(a * b);
      a = mean;
    }
    return a;
  }

  private record SlideOut(double aFit, double sEnd, double sHalf, double nOff) {}

  private static SlideOut slideRun(String engine, double mu, double seconds, Timer t) {
    Probe w = probe(engine, () -> TwinScene.slide(mu), () -> JBulletScenes.slide(mu));
    double[] n = w.slideNormal(), d = w.slideDownhill();
    double[] p0 = w.position(0);
    int steps = (int) Math.round(seconds * 240);
    double st = 0, sv = 0, stt = 0, stv = 0, sHalf = 0;
    int cnt = 0;
    for (int k = 1; k <= steps; k++) {
      t.start();
      w.step();
      t.stop();
      double time = k * DT, v = dot(w.velocity(0), d);
      if (time >= 0.25 && time <= 3.0) {
        st += time;
        sv += v;
        stt += time * time;
        stv += time * v;
        cnt++;
      }
      if (k == steps / 2) sHalf = dot(minus(w.position(0), p0), d);
    }
    w.check();
    double[] p = w.position(0);
    double aFit = (cnt * stv - st * sv) / (cnt * stt - st * st);
    // offset of the centre from 0.25 m above the incline's surface
    double nOff = dot(minus(p, p0), n);
    return new SlideOut(aFit, dot(minus(p, p0), d), sHalf, nOff);
  }

  private static Rep slide(String engine) {
    double th = JBulletScenes.SLIDE_ANGLE;
    Timer t = new Timer();
    SlideOut s03 = slideRun(engine, 0.3, 3.0, t);
    SlideOut s05 = slideRun(engine, 0.5, 10.0, t);
    double aTh = G * (Math.sin(th) - 0.3 * Math.cos(th));
    return new Rep(t, String.format(Locale.ROOT,
        "mu03_accel=%.5f mu03_theory=%.5f accel_err_pct=%.3f mu03_dist_3s_m=%.4f mu05_creep_10s_mm=%.4f "
            + "mu05_creep_rate_5_10s_mm_per_s=%.4f mu05_normal_offset_mm=%.4f",
        s03.aFit, aTh, 100 * (s03.aFit - aTh) / aTh, s03.sEnd, 1000 * s05.sEnd, 1000 * (s05.sEnd - s05.sHalf) / 5,
        1000 * s05.nOff));
  }

  private static Rep conveyor(String engine) {
    Probe w = probe(engine, "conveyor-lite");
    for (int k = 0; k < 240; k++) w.step();
    Timer t = new Timer();
    for (int k = 0; k < 2400; k++) {
      t.start();
      w.step();
      t.stop();
    }
    w.check();
    double vx = 0, vzAbs = 0;
    int n = w.bodies();
    for (int i = 0; i < n; i++) {
      double[] v = w.velocity(i);
      vx += v[0] / n;
      vzAbs += Math.abs(v[2]) / n;
    }
    return new Rep(t, String.format(Locale.ROOT, "mean_vx=%.5f mean_abs_vz=%.5f touching=%d", vx, vzAbs, w.touching()));
  }

  // ---------------------------------------------------------------- engines, read in Y-up

  /** One scene in one engine, read in the harness's Y-up frame. */
  private interface Probe {
    void step();

    int bodies();

    double[] position(int i);

    double[] velocity(int i);

    double[] angularVelocity(int i);

    boolean awake(int i);

    /** pendulum: distance of the link's anchor on the ball from the pivot [m]. */
    double jointError();

    int touching();

    double[] slideNormal();

    double[] slideDownhill();

    void check();
  }

  private static final class TwinProbe implements Probe {
    private final TwinScene s;
    private final SimState st;

    TwinProbe(TwinScene s) {
      this.s = s;
      this.st = s.state();
    }

    private static double[] yUp(Vec3 v) {
      return new double[] {v.x(), v.z(), v.y()};
    }

    private double[] read(double[] a, int i) {
      return new double[] {a[3 * i], a[3 * i + 2], a[3 * i + 1]};
    }

    @Override public void step() { s.step(); }
    @Override public int bodies() { return st.bodyCount(); }
    @Override public double[] position(int i) { return read(st.positions(), i); }
    @Override public double[] velocity(int i) { return read(st.velocities(), i); }
    @Override public double[] angularVelocity(int i) { return read(st.angularVelocities(), i); }
    @Override public boolean awake(int i) { return !st.asleep()[i]; }
    @Override public int touching() { return s.touching(); }
    @Override public void check() { s.checkHealthy(); }

    @Override
    public double jointError() {
      var link = s.layout().links().get(0);
      Quat q = new Quat(st.rotation(0, 0), st.rotation(0, 1), st.rotation(0, 2), st.rotation(0, 3));
      Vec3 anchor = new Vec3(st.position(0, 0), st.position(0, 1), st.position(0, 2)).plus(q.rotate(link.anchor()));
      return anchor.minus(link.pivot()).length();
    }

    @Override
    public double[] slideNormal() {
      return yUp(Quat.axisAngle(new Vec3(0, 1, 0), -AnchorScenes.SLIDE_ANGLE).rotate(new Vec3(0, 0, 1)));
    }

    @Override
    public double[] slideDownhill() {
      return yUp(AnchorScenes.slideDownhill());
    }
  }

  private static final class JBulletProbe implements Probe {
    private final JBulletScenes.Scene s;
    private final Vector3f tmp = new Vector3f();
    private final Transform tr = new Transform();

    JBulletProbe(JBulletScenes.Scene s) {
      this.s = s;
    }

    private RigidBody body(int i) {
      return s.bodies().get(i);
    }

    private double[] read(Vector3f v) {
      return new double[] {v.x, v.y, v.z};
    }

    @Override public void step() { s.step(); }
    @Override public int bodies() { return s.bodies().size(); }
    @Override public double[] position(int i) { return read(body(i).getCenterOfMassPosition(tmp)); }
    @Override public double[] velocity(int i) { return read(body(i).getLinearVelocity(tmp)); }
    @Override public double[] angularVelocity(int i) { return read(body(i).getAngularVelocity(tmp)); }
    @Override public boolean awake(int i) { return body(i).isActive(); }
    @Override public int touching() { return s.touching(); }
    @Override public void check() { s.checkOneStepPerCall(); }

    @Override
    public double jointError() {
      Vector3f a = s.pivotInBall();
      body(0).getCenterOfMassTransform(tr).transform(a);
      return a.length(); // the pivot is the world origin
    }

    @Override
    public double[] slideNormal() {
      double th = JBulletScenes.SLIDE_ANGLE;
      return new double[] {Math.sin(th), Math.cos(th), 0};
    }

    @Override
    public double[] slideDownhill() {
      double th = JBulletScenes.SLIDE_ANGLE;
      return new double[] {Math.cos(th), -Math.sin(th), 0};
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Sum of nanoseconds over timed steps. */
  private static final class Timer {
    private long ns, steps, t0;

    void start() {
      t0 = System.nanoTime();
    }

    void stop() {
      ns += System.nanoTime() - t0;
      steps++;
    }

    double us() {
      return steps == 0 ? 0 : ns / 1000.0 / steps;
    }
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static double[] minus(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }
}
