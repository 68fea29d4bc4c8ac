package io.factorytwin.physics.testing;

import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.LayoutBuilder;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.Twin;
import java.util.function.Consumer;

/**
 * The reference crane with its 2000 kg steel block (1.2 × 1.2 × 0.6 m), in the configurations the
 * crane tests need. Stateless and thread-safe.
 */
public final class CraneScenes {
  private CraneScenes() {}

  /** The reference load: a steel block. */
  public static final Vec3 BLOCK = new Vec3(1.2, 1.2, 0.6);
  /** Its mass [kg]. */
  public static final double BLOCK_MASS = 2000;

  /** Action vector indices of the first crane. */
  public static final int BRIDGE_MODE = 0, BRIDGE_CMD = 1, TROLLEY_MODE = 2, TROLLEY_CMD = 3, HOIST_MODE = 4,
      HOIST_CMD = 5, GRAB = 6;

  /**
   * The reference crane parked at trolley 6 m, bridge 15 m, with the block hanging under the hook
   * (its top against the hook's underside) on a rope of {@code rope} metres; extra elements may be
   * added by {@code more}.
   */
  public static Layout hangingBlock(double rope, Consumer<LayoutBuilder> more) {
    return hangingBlock(rope, 6, more);
  }

  /** As {@link #hangingBlock(double, Consumer)} with the trolley (and block) at {@code trolley} metres. */
  public static Layout hangingBlock(double rope, double trolley, Consumer<LayoutBuilder> more) {
    CraneSpec spec = CraneSpec.reference().toBuilder().start(15, trolley, rope).build();
    double top = spec.ropeTop() - rope - spec.hookSize().z();
    LayoutBuilder b = Layout.builder("crane-" + rope).floor(Material.of(0.6, 0)).crane("crane1", spec)
        .workpiece("block", w -> w.box(BLOCK.x(), BLOCK.y(), BLOCK.z()).mass(BLOCK_MASS).friction(0.6)
            .at(trolley, 15, top - BLOCK.z() / 2));
    more.accept(b);
    return b.build();
  }

  /** A twin of {@code layout} that has grabbed the block (one step with grab on). */
  public static Twin grabbed(Layout layout, double[] actions) {
    Twin twin = Twin.create(layout, new io.factorytwin.physics.JBulletPhysics(), 1L);
    actions[GRAB] = 1;
    twin.step(actions);
    Crane crane = layout.cranes().get(0);
    if (crane.attachedBody(twin.state()) != layout.bodyIndex("block")) {
      throw new AssertionError("grab failed: " + twin.state().health().lastNotice());
    }
    return twin;
  }

  /**
   * Swings everything hanging from the crane's rope out by {@code theta} radians about the rope's
   * upper end, in the XZ plane (positive: towards +X), at rest.
   */
  public static void swingOut(Layout layout, SimState s, double theta) {
    Crane crane = layout.cranes().get(0);
    double[] top = new double[3];
    crane.ropeTop(s, top);
    Quat q = Quat.axisAngle(new Vec3(0, 1, 0), -theta); // rotation about +Y by −θ moves −Z towards +X
    for (int i = 0; i < s.bodyCount(); i++) {
      if (i != crane.hookBody() && i != crane.attachedBody(s)) continue;
      Vec3 d = new Vec3(s.position(i, 0) - top[0], s.position(i, 1) - top[1], s.position(i, 2) - top[2]);
      Vec3 p = q.rotate(d).plus(new Vec3(top[0], top[1], top[2]));
      Quat r = q.times(new Quat(s.rotation(i, 0), s.rotation(i, 1), s.rotation(i, 2), s.rotation(i, 3)));
      s.setPose(i, p.x(), p.y(), p.z(), r.w(), r.x(), r.y(), r.z());
      s.setVelocity(i, 0, 0, 0, 0, 0, 0);
    }
  }
}
