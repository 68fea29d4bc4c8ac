package io.factorytwin.core.calibration;

import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.geom.Rotations;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Shape;
import io.factorytwin.core.sim.SimState;

/**
 * The {@link PlantEffect}s the reference plants are made of (docs/calibration.md, "The reference plant").
 *
 * <p>Stateless factory; each effect it returns belongs to one plant.
 */
public final class PlantEffects {
  private PlantEffects() {}

  /**
   * A dead time: the named action channels reach the actuators {@code seconds} late (a drive's
   * communication and reaction delay). Before the first commands have travelled through, the
   * actuators get the first commands.
   *
   * @throws IllegalArgumentException naming a channel the layout does not have, or a negative delay
   */
  public static PlantEffect deadTime(Layout layout, double seconds, String... channels) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("plant.deadTime: " + seconds + " s, must be finite and >= 0");
    }
    int[] idx = new int[channels.length];
    for (int k = 0; k < channels.length; k++) {
      if (!layout.actionSchema().contains(channels[k])) {
        throw new IllegalArgumentException("plant.deadTime." + channels[k] + ": not an action channel of " + layout.name());
      }
      idx[k] = layout.actionSchema().indexOf(channels[k]);
    }
    int delay = (int) Math.round(seconds / layout.stepSeconds());
    return new PlantEffect() {
      private final double[][] queue = new double[delay + 1][idx.length];
      private long count;

      @Override
      public void reset() {
        count = 0;
      }

      @Override
      public void beforeStep(Layout l, SimState s, double[] commanded, double[] applied, double dt) {
        int slot = (int) (count % (delay + 1));
        for (int k = 0; k < idx.length; k++) queue[slot][k] = commanded[idx[k]];
        if (count == 0) for (double[] q : queue) System.arraycopy(queue[slot], 0, q, 0, idx.length);
        int out = (int) ((count + 1) % (delay + 1)); // the oldest entry: written delay steps ago
        for (int k = 0; k < idx.length; k++) applied[idx[k]] = delay == 0 ? queue[slot][k] : queue[out][k];
        count++;
      }
    };
  }

  /**
   * Swing damping of a crane's hook (rope damping: its velocity relative to the trolley, across the
   * rope, decays at {@code ropeDamping} per second) and quadratic air drag on a load body:
   * F = −½·ρ·Cd·A·|v|·v with air density 1.2 kg/m³.
   *
   * @param dragArea Cd·A [m²], ≥ 0
   */
  public static PlantEffect swingDrag(Layout layout, String crane, double ropeDamping, String load, double dragArea) {
    Crane c = crane(layout, crane);
    int body = layout.bodyIndex(load);
    double mass = layout.workpieces().get(body).mass();
    if (!(ropeDamping >= 0) || !(dragArea >= 0)) {
      throw new IllegalArgumentException("plant.swingDrag: ropeDamping " + ropeDamping + " 1/s and dragArea " + dragArea
          + " m^2, must be >= 0");
    }
    return (l, s, commanded, applied, dt) -> {
      c.dampSwing(s, c.hookBody(), 1 - Math.exp(-ropeDamping * dt));
      double vx = s.velocity(body, 0), vy = s.velocity(body, 1), vz = s.velocity(body, 2);
      double speed = Math.sqrt(vx * vx + vy * vy + vz * vz);
      double f = 0.5 * 1.2 * dragArea * speed * dt / mass;
      s.setVelocity(body, vx - f * vx, vy - f * vy, vz - f * vz, s.angularVelocity(body, 0), s.angularVelocity(body, 1),
          s.angularVelocity(body, 2));
    };
  }

  /**
   * The load hangs from the hook by an elastic sling instead of being attached rigidly: a spring of
   * {@code stiffness} [N/m] and {@code damping} [N·s/m] between the centre of the hook's underside and
   * the centre of the load's top, slack below {@code length} [m]; the hook and load swing as a double
   * pendulum. The crane's sensors report the load's position and velocity and {@code attached} = 1,
   * as a plant with the load on the hook would.
   */
  public static PlantEffect sling(Layout layout, String crane, String load, double length, double stiffness,
      double damping) {
    Crane c = crane(layout, crane);
    int body = layout.bodyIndex(load);
    int hook = c.hookBody();
    if (!(length > 0) || !(stiffness > 0) || !(damping >= 0)) {
      throw new IllegalArgumentException("plant.sling: length " + length + " m, stiffness " + stiffness
          + " N/m, damping " + damping + " N*s/m; must be > 0, > 0, >= 0");
    }
    double[] hookHalf = halfExtents(layout.workpieces().get(hook).shape());
    double[] loadHalf = halfExtents(layout.workpieces().get(body).shape());
    double[] hookInv = inverseInertia(layout.workpieces().get(hook).shape(), layout.workpieces().get(hook).mass());
    double[] loadInv = inverseInertia(layout.workpieces().get(body).shape(), layout.workpieces().get(body).mass());
    double mh = layout.workpieces().get(hook).mass(), ml = layout.workpieces().get(body).mass();
    int stateOffset = stateOffset(layout, c);
    return new PlantEffect() {
      private final double[] rh = new double[9], rl = new double[9];

      @Override
      public void beforeStep(Layout l, SimState s, double[] commanded, double[] applied, double dt) {
        rotation(s, hook, rh);
        rotation(s, body, rl);
        // attachment points: hook underside centre, load top centre (body z axes)
        double[] ah = {-rh[2] * hookHalf[2], -rh[5] * hookHalf[2], -rh[8] * hookHalf[2]};
        double[] al = {rl[2] * loadHalf[2], rl[5] * loadHalf[2], rl[8] * loadHalf[2]};
        double dx = s.position(hook, 0) + ah[0] - s.position(body, 0) - al[0];
        double dy = s.position(hook, 1) + ah[1] - s.position(body, 1) - al[1];
        double dz = s.position(hook, 2) + ah[2] - s.position(body, 2) - al[2];
        double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (d <= length) return;
        double nx = dx / d, ny = dy / d, nz = dz / d; // from the load up to the hook
        double[] vh = pointVelocity(s, hook, ah), vl = pointVelocity(s, body, al);
        double rate = (vh[0] - vl[0]) * nx + (vh[1] - vl[1]) * ny + (vh[2] - vl[2]) * nz;
        double tension = Math.max(0, stiffness * (d - length) + damping * rate);
        double j = tension * dt;
        applyImpulse(s, body, al, loadInv, rl, 1 / ml, j * nx, j * ny, j * nz);
        applyImpulse(s, hook, ah, hookInv, rh, 1 / mh, -j * nx, -j * ny, -j * nz);
      }

      @Override
      public void observe(Layout l, SimState s, double[] channels) {
        for (int k = 0; k < 3; k++) {
          channels[stateOffset + 6 + k] = s.position(body, k);
          channels[stateOffset + 9 + k] = s.velocity(body, k);
        }
        channels[stateOffset + 15] = 1;
      }
    };
  }

  /**
   * Belt speed ripple: the conveyor's speed command reaches its drive multiplied by
   * 1 + amplitude·sin(2π·frequency·t) (a worn gear, an eccentric drum).
   */
  public static PlantEffect beltRipple(Layout layout, String conveyor, double amplitude, double frequency) {
    String ch = conveyor + ".speed.cmd";
    if (!layout.actionSchema().contains(ch)) {
      throw new IllegalArgumentException("plant.beltRipple." + conveyor + ": no conveyor of that name in " + layout.name());
    }
    int idx = layout.actionSchema().indexOf(ch);
    return (l, s, commanded, applied, dt) ->
        applied[idx] *= 1 + amplitude * Math.sin(2 * Math.PI * frequency * s.tick() * dt);
  }

  // ------------------------------------------------------------------ helpers

  private static Crane crane(Layout layout, String id) {
    return layout.cranes().stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("plant: no crane " + id + " in layout " + layout.name()));
  }

  private static int stateOffset(Layout layout, Crane c) {
    return layout.stateSchema().indexOf(c.id() + ".bridge.pos");
  }

  private static double[] halfExtents(Shape shape) {
    if (shape instanceof Shape.Box b) return new double[] {b.sx() / 2, b.sy() / 2, b.sz() / 2};
    if (shape instanceof Shape.Cylinder cy) return new double[] {cy.radius(), cy.radius(), cy.height() / 2};
    double r = ((Shape.Sphere) shape).radius();
    return new double[] {r, r, r};
  }

  /** Inverse principal moments of inertia [1/(kg·m²)] of a solid shape. */
  private static double[] inverseInertia(Shape shape, double m) {
    double[] h = halfExtents(shape);
    double[] i;
    if (shape instanceof Shape.Box) {
      double x = 2 * h[0], y = 2 * h[1], z = 2 * h[2];
      i = new double[] {m * (y * y + z * z) / 12, m * (x * x + z * z) / 12, m * (x * x + y * y) / 12};
    } else if (shape instanceof Shape.Cylinder) {
      double r = h[0], len = 2 * h[2];
      double side = m * (3 * r * r + len * len) / 12;
      i = new double[] {side, side, m * r * r / 2};
    } else {
      double v = 0.4 * m * h[0] * h[0];
      i = new double[] {v, v, v};
    }
    return new double[] {1 / i[0], 1 / i[1], 1 / i[2]};
  }

  private static void rotation(SimState s, int b, double[] r) {
    Rotations.matrix(s.rotation(b, 0), s.rotation(b, 1), s.rotation(b, 2), s.rotation(b, 3), r, 0);
  }

  private static double[] pointVelocity(SimState s, int b, double[] arm) {
    double wx = s.angularVelocity(b, 0), wy = s.angularVelocity(b, 1), wz = s.angularVelocity(b, 2);
    return new double[] {s.velocity(b, 0) + wy * arm[2] - wz * arm[1], s.velocity(b, 1) + wz * arm[0] - wx * arm[2],
        s.velocity(b, 2) + wx * arm[1] - wy * arm[0]};
  }

  private static void applyImpulse(SimState s, int b, double[] arm, double[] invLocal, double[] r, double invMass,
      double jx, double jy, double jz) {
    // angular impulse arm × j, into the body frame, scaled by the inverse inertia, back to world
    double tx = arm[1] * jz - arm[2] * jy, ty = arm[2] * jx - arm[0] * jz, tz = arm[0] * jy - arm[1] * jx;
    double lx = r[0] * tx + r[3] * ty + r[6] * tz, ly = r[1] * tx + r[4] * ty + r[7] * tz;
    double lz = r[2] * tx + r[5] * ty + r[8] * tz;
    lx *= invLocal[0];
    ly *= invLocal[1];
    lz *= invLocal[2];
    double dwx = r[0] * lx + r[1] * ly + r[2] * lz, dwy = r[3] * lx + r[4] * ly + r[5] * lz;
    double dwz = r[6] * lx + r[7] * ly + r[8] * lz;
    s.setVelocity(b, s.velocity(b, 0) + jx * invMass, s.velocity(b, 1) + jy * invMass, s.velocity(b, 2) + jz * invMass,
        s.angularVelocity(b, 0) + dwx, s.angularVelocity(b, 1) + dwy, s.angularVelocity(b, 2) + dwz);
  }
}
