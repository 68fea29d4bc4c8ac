package io.factorytwin.core.rollout;

import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.Contact;
import io.factorytwin.core.sim.PhysicsBackend;
import io.factorytwin.core.sim.PhysicsWorld;
import io.factorytwin.core.sim.SimState;
import java.util.List;

/**
 * A crane without physics for the engine's tests: the drives advance as the crane's own drive model
 * says, the hook hangs under the trolley on the rope with a decaying swing offset (a tenth of the
 * trolley's acceleration over g, times the rope), and a hook whose underside is below 1 m is reported touching the floor.
 * Deterministic; a world may be told to poison the state with NaN at a tick.
 */
final class ScriptedCrane implements PhysicsWorld {
  static final double STEP = 0.004;

  /** The crane over a floor, a "bay" zone from x = 8.5 to 9.5 m at the hook's height, uncertain trolley lag. */
  static Layout layout() {
    return Layout.builder("scripted-crane")
        .step(STEP)
        .uncertain("crane1.trolley.timeConstant", 0.02, 0.3)
        .floor(Material.of(0.6, 0))
        .crane("crane1", CraneSpec.reference())
        .zone("bay", Pose.at(9, 15, 4), new Vec3(1, 30, 2))
        .build();
  }

  static PhysicsBackend backend(long poisonTick) {
    return l -> new ScriptedCrane(l, poisonTick);
  }

  private final Layout layout;
  private final Crane crane;
  private final long poisonTick;
  private List<Contact> contacts = List.of();
  private final double[] top = new double[3];

  ScriptedCrane(Layout layout, long poisonTick) {
    this.layout = layout;
    this.crane = layout.cranes().get(0);
    this.poisonTick = poisonTick;
  }

  @Override
  public boolean step(SimState s, double[] actions) {
    int h = crane.hookBody();
    crane.ropeTop(s, top);
    double offset = s.position(h, 0) - top[0];
    double v0 = s.equipment()[crane.equipmentOffset() + Crane.TROLLEY + 1];
    layout.beforePhysics(s, actions);
    double v1 = s.equipment()[crane.equipmentOffset() + Crane.TROLLEY + 1];
    crane.ropeTop(s, top);
    double rope = crane.ropeLength(s) + crane.spec().ropeOffset();
    double hz = crane.spec().hookSize().z();
    double accel = (v1 - v0) / STEP;
    double x = top[0] + 0.999 * offset - 0.1 * accel / 9.81 * STEP * rope;
    double z = top[2] - rope - hz / 2;
    double vx = (x - s.position(h, 0)) / STEP, vz = (z - s.position(h, 2)) / STEP;
    s.setPose(h, x, top[1], z, 1, 0, 0, 0);
    s.setVelocity(h, vx, 0, vz, 0, 0, 0);
    contacts = z - hz / 2 < 1.0 ? List.of(new Contact("crane1.hook", "floor", 1, new Vec3(x, top[1], 0), new Vec3(0, 0, 1)))
        : List.of();
    layout.afterPhysics(s);
    s.advanceTick();
    if (s.tick() == poisonTick) {
      s.positions()[3 * h] = Double.NaN;
      s.health().recordDiverged(s.tick(), h, "crane1.hook.pos.x: NaN m, must be finite");
      return true;
    }
    return false;
  }

  @Override
  public List<Contact> contacts() {
    return contacts;
  }
}
