package io.factorytwin.physics.testing;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.LayoutBuilder;
import io.factorytwin.core.layout.Material;

/**
 * The five reference scenes of ../shared/anchors/scenes.md, turned to Z-up, as FactoryTwin layouts.
 * Parameters are the scenes' own; where the native harness uses a static plane, the twin uses its
 * floor, and the incline of "slide" is a large static box whose top face is the plane.
 *
 * <p>Stateless and thread-safe. Shared with benchmarks through the test jar.
 */
public final class AnchorScenes {
  private AnchorScenes() {}

  /** Incline angle of the slide scene [rad]. */
  public static final double SLIDE_ANGLE = Math.toRadians(20);
  /** Pendulum: link length from pivot to the ball's centre [m]. */
  public static final double PENDULUM_LENGTH = 5.0;
  /** Pendulum: release angle [rad]. */
  public static final double PENDULUM_RELEASE = Math.toRadians(10);
  /** Pendulum: ball mass [kg] and radius [m]. */
  public static final double PENDULUM_MASS = 100, PENDULUM_RADIUS = 0.2;

  /** pile: 200 boxes of 0.5 m, 1 kg, friction 0.5 on a floor of friction 0.5, grid 10 × 10 × 2 at a 0.6 m pitch. */
  public static Layout pile() {
    LayoutBuilder b = Layout.builder("pile").floor(Material.of(0.5, 0));
    for (int layer = 0; layer < 2; layer++) {
      for (int i = 0; i < 10; i++) {
        for (int k = 0; k < 10; k++) {
          double x = (i - 4.5) * 0.6, y = (k - 4.5) * 0.6, z = 0.30 + 0.6 * layer;
          b.workpiece("box" + layer + "_" + i + "_" + k, w -> w.box(0.5, 0.5, 0.5).mass(1).friction(0.5).at(x, y, z));
        }
      }
    }
    return b.build();
  }

  /**
   * slide: a 0.5 m, 1 kg box at rest on a 20° incline; friction {@code mu} on the box, 1.0 on the incline.
   * The incline is a 40 × 10 × 2 m static box rotated about Y so that its top face passes through the
   * origin; the box sits 0.25 m above that face, aligned with it. Downhill is −X.
   */
  public static Layout slide(double mu) {
    Quat q = Quat.axisAngle(new Vec3(0, 1, 0), -SLIDE_ANGLE);
    Vec3 up = q.rotate(new Vec3(0, 0, 1));
    Vec3 inclineCentre = up.times(-1.0);
    return Layout.builder("slide-" + mu)
        .fixture("incline", f -> f.box(40, 10, 2).pose(new Pose(inclineCentre, q)).material(Material.of(1.0, 0)))
        .workpiece("box", w -> w.box(0.5, 0.5, 0.5).mass(1).friction(mu).pose(new Pose(up.times(0.25), q)))
        .build();
  }

  /** Unit vector down the slide's incline (world frame). */
  public static Vec3 slideDownhill() {
    return Quat.axisAngle(new Vec3(0, 1, 0), -SLIDE_ANGLE).rotate(new Vec3(-1, 0, 0));
  }

  /** pendulum: a 0.2 m, 100 kg sphere on a 5 m point-to-point link to the origin, released at rest at 10°. */
  public static Layout pendulum() {
    double th = PENDULUM_RELEASE, l = PENDULUM_LENGTH;
    return Layout.builder("pendulum")
        .workpiece("ball", w -> w.sphere(PENDULUM_RADIUS).mass(PENDULUM_MASS).at(l * Math.sin(th), 0, -l * Math.cos(th))
            .rotation(Quat.axisAngle(new Vec3(0, 1, 0), -th)))
        .link("link", "ball", new Vec3(0, 0, l), Vec3.ZERO)
        .build();
  }

  /**
   * conveyor-lite: 50 boxes (0.5 m, 1 kg, friction 0.5) on a frictionless floor, dropped from
   * staggered heights and rotated; a drive force per step (see the benchmark) moves them at 0.5 m/s.
   */
  public static Layout conveyorLite() {
    LayoutBuilder b = Layout.builder("conveyor-lite").floor(Material.of(0, 0));
    for (int i = 0; i < 50; i++) {
      double x = (i % 10) * 1.2 - 5.4, y = (i / 10) * 1.0 - 2.0, z = 0.6 + 0.3 * (i % 3);
      Quat q = Quat.axisAngle(new Vec3(1, 1, 0), 0.2 * (i % 5));
      b.workpiece("box" + i, w -> w.box(0.5, 0.5, 0.5).mass(1).friction(0.5).pose(new Pose(new Vec3(x, y, z), q)));
    }
    return b.build();
  }
}
