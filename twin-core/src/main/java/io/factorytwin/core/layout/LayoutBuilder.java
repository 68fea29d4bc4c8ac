package io.factorytwin.core.layout;

import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.internal.Checks;
import io.factorytwin.core.internal.InitialOverlap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The editable description of a factory layout, written in Java: floor, fixtures, workpieces,
 * zones and links. {@link #build()} validates everything at once and returns an immutable
 * {@link Layout}.
 *
 * <pre>{@code
 * Layout layout = Layout.builder("cell")
 *     .floor(Material.of(1.0, 0.0))
 *     .chute("chute1", Vec3.of(0, 0, 1.2), 0.0, 3.0, 0.6, Math.toRadians(25), Material.of(1.0, 0))
 *     .workpiece("box1", w -> w.box(0.3, 0.3, 0.3).mass(2.0).friction(0.3).at(0.2, 0, 1.4))
 *     .build();
 * }</pre>
 *
 * <p>Confined to one thread. A builder may be built more than once.
 */
public final class LayoutBuilder {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  final String name;
  double stepSeconds = 1.0 / 240;
  double gravity = -9.81;
  Vec3 boundsMin = new Vec3(-1000, -1000, -100);
  Vec3 boundsMax = new Vec3(1000, 1000, 1000);
  double penetrationTolerance = 1e-3;
  Floor floor;
  final List<Fixture> fixtures = new ArrayList<>();
  final List<Workpiece> workpieces = new ArrayList<>();
  final List<Zone> zones = new ArrayList<>();
  final List<Link> links = new ArrayList<>();
  final List<String> craneIds = new ArrayList<>();
  final List<CraneSpec> cranes = new ArrayList<>();

  LayoutBuilder(String name) {
    this.name = name;
  }

  /** The fixed time step [s], > 0; default 1/240 s. */
  public LayoutBuilder step(double seconds) {
    this.stepSeconds = seconds;
    return this;
  }

  /** Gravity along world Z [m/s²]; default −9.81. */
  public LayoutBuilder gravity(double gz) {
    this.gravity = gz;
    return this;
  }

  /**
   * The world's bounds [m]: a body whose centre leaves this box is reported in the state's health.
   * Default (−1000, −1000, −100) to (1000, 1000, 1000).
   */
  public LayoutBuilder bounds(Vec3 min, Vec3 max) {
    this.boundsMin = min;
    this.boundsMax = max;
    return this;
  }

  /** How deep two bodies may overlap in the initial layout before validation fails [m]; default 1 mm. */
  public LayoutBuilder penetrationTolerance(double metres) {
    this.penetrationTolerance = metres;
    return this;
  }

  /** Adds the floor: the half-space below z = 0. */
  public LayoutBuilder floor(Material material) {
    this.floor = new Floor(material);
    return this;
  }

  /** Adds the floor with {@link Material#DEFAULT}. */
  public LayoutBuilder floor() {
    return floor(Material.DEFAULT);
  }

  /** Adds a static fixture configured by {@code spec} (shape and pose are required). */
  public LayoutBuilder fixture(String id, Consumer<FixtureSpec> spec) {
    FixtureSpec s = new FixtureSpec();
    spec.accept(s);
    fixtures.add(new Fixture(id, s.shape, s.pose, s.material));
    return this;
  }

  /**
   * Adds a straight wall standing on the floor from {@code (x0, y0)} to {@code (x1, y1)} [m], of the
   * given height and thickness [m].
   */
  public LayoutBuilder wall(String id, double x0, double y0, double x1, double y1, double height, double thickness,
      Material material) {
    double dx = x1 - x0, dy = y1 - y0;
    double length = Math.hypot(dx, dy);
    double yaw = Math.atan2(dy, dx);
    Pose pose = new Pose(new Vec3((x0 + x1) / 2, (y0 + y1) / 2, height / 2), Double.isFinite(yaw) ? Quat.yaw(yaw) : Quat.IDENTITY);
    fixtures.add(new Fixture(id, Shape.box(length, thickness, height), pose, material));
    return this;
  }

  /**
   * Adds a shelving rack standing on the floor: four posts per bay corner line and one shelf per
   * level, as fixtures named {@code id.postN} and {@code id.shelfN}. The rack's base centre is at
   * {@code base}; bays run along the base's local X.
   *
   * @param bays        number of bays, ≥ 1
   * @param levels      number of shelves, ≥ 1; shelf k's top is at {@code (k + 1) * levelHeight}
   * @param bayWidth    width of one bay along X [m]
   * @param depth       depth along Y [m]
   * @param levelHeight vertical pitch of the shelves [m]
   */
  public LayoutBuilder rack(String id, Pose base, int bays, int levels, double bayWidth, double depth, double levelHeight,
      Material material) {
    if (bays < 1 || levels < 1) {
      // keep going so build() can report it with the other problems
      fixtures.add(new Fixture(id, Shape.box(Double.NaN, depth, levelHeight), base, material));
      rackProblems.add(id + ".bays/levels: " + bays + "/" + levels + ", must both be >= 1");
      return this;
    }
    double post = 0.08, shelf = 0.04;
    double width = bays * bayWidth;
    double height = levels * levelHeight + shelf;
    int n = 0;
    for (int i = 0; i <= bays; i++) {
      for (int side = -1; side <= 1; side += 2) {
        double x = -width / 2 + i * bayWidth + (i == 0 ? post / 2 : i == bays ? -post / 2 : 0);
        double y = side * (depth / 2 - post / 2);
        fixtures.add(new Fixture(id + ".post" + n++, Shape.box(post, post, height),
            new Pose(base.toWorld(new Vec3(x, y, height / 2)), base.rotation()), material));
      }
    }
    for (int k = 0; k < levels; k++) {
      double z = (k + 1) * levelHeight - shelf / 2;
      fixtures.add(new Fixture(id + ".shelf" + k, Shape.box(width - 2 * post - 0.002, depth - 0.002, shelf),
          new Pose(base.toWorld(new Vec3(0, 0, z)), base.rotation()), material));
    }
    return this;
  }

  private final List<String> rackProblems = new ArrayList<>();

  /**
   * Adds an inclined chute: a plate of the given length and width [m], thickness 2 cm, falling at
   * {@code angle} radians along the horizontal heading {@code yaw} (radians from world X). {@code top}
   * is the centre of the plate's upper surface at its high end [m].
   */
  public LayoutBuilder chute(String id, Vec3 top, double yaw, double length, double width, double angle,
      Material material) {
    double t = 0.02;
    Quat q = Quat.yaw(yaw).times(Quat.axisAngle(new Vec3(0, 1, 0), angle));
    // centre of the plate: half a length down the slope from the top edge, half a thickness below the surface
    Vec3 down = q.rotate(new Vec3(length / 2, 0, -t / 2));
    fixtures.add(new Fixture(id, Shape.box(length, width, t), new Pose(top.plus(down), q), material));
    return this;
  }

  /** Adds a workpiece configured by {@code spec} (shape and mass are required). */
  public LayoutBuilder workpiece(String id, Consumer<WorkpieceSpec> spec) {
    WorkpieceSpec s = new WorkpieceSpec();
    spec.accept(s);
    workpieces.add(new Workpiece(id, s.shape, s.mass, new Material(s.friction, s.restitution), s.pose, s.velocity,
        s.angularVelocity));
    return this;
  }

  /** Adds a zone that must stay clear: an oriented box of full size {@code size} [m] centred on {@code pose}. */
  public LayoutBuilder zone(String id, Pose pose, Vec3 size) {
    zones.add(new Zone(id, pose, size));
    return this;
  }

  /** Adds a point-to-point link holding {@code anchor} (body frame of {@code body}) at the world point {@code pivot}. */
  public LayoutBuilder link(String id, String body, Vec3 anchor, Vec3 pivot) {
    links.add(new Link(id, body, anchor, pivot));
    return this;
  }

  /**
   * Adds an overhead crane (docs/crane.md). Its hook becomes a workpiece {@code <id>.hook} hanging
   * from the rope at the start rope length; its actuators add action and state channels.
   */
  public LayoutBuilder crane(String id, CraneSpec spec) {
    craneIds.add(id);
    cranes.add(spec);
    if (spec != null && spec.hookSize() != null && spec.origin() != null) {
      var o = spec.origin();
      double z = o.z() + spec.ropeTop() - spec.ropeStart() - spec.hookSize().z() / 2;
      workpieces.add(new Workpiece(id + ".hook", Shape.box(spec.hookSize().x(), spec.hookSize().y(),
          spec.hookSize().z()), spec.hookMass(), Material.DEFAULT,
          Pose.at(o.x() + spec.trolleyStart(), o.y() + spec.bridgeStart(), z), Vec3.ZERO, Vec3.ZERO));
    }
    return this;
  }

  /**
   * Validates the whole layout and compiles it.
   *
   * @throws LayoutException listing every problem found, each with element path, value and bound
   */
  public Layout build() {
    List<String> p = new ArrayList<>(rackProblems);
    String root = "layout." + name;
    Checks.positive(p, root + ".step", stepSeconds, "s");
    Checks.finite(p, root + ".gravity", gravity, "m/s^2");
    checkVec(p, root + ".bounds.min", boundsMin);
    checkVec(p, root + ".bounds.max", boundsMax);
    if (boundsMin.isFinite() && boundsMax.isFinite()
        && !(boundsMin.x() < boundsMax.x() && boundsMin.y() < boundsMax.y() && boundsMin.z() < boundsMax.z())) {
      p.add(root + ".bounds: min " + boundsMin + " must be below max " + boundsMax + " on every axis");
    }
    Checks.nonNegative(p, root + ".penetrationTolerance", penetrationTolerance, "m");
    if (floor != null) {
      checkMaterial(p, root + ".floor", floor.material());
    }
    Set<String> ids = new HashSet<>();
    for (Fixture f : fixtures) {
      String path = checkId(p, root, f.id(), ids);
      checkShape(p, path, f.shape());
      checkPose(p, path, f.pose());
      checkMaterial(p, path, f.material());
    }
    Set<String> workpieceIds = new HashSet<>();
    for (Workpiece w : workpieces) {
      String path = checkId(p, root, w.id(), ids);
      workpieceIds.add(w.id());
      checkShape(p, path, w.shape());
      Checks.positive(p, path + ".mass", w.mass(), "kg");
      checkMaterial(p, path, w.material());
      checkPose(p, path, w.pose());
      checkVec(p, path + ".velocity", w.velocity());
      checkVec(p, path + ".angularVelocity", w.angularVelocity());
    }
    for (Zone z : zones) {
      String path = checkId(p, root, z.id(), ids);
      checkPose(p, path, z.pose());
      if (z.size() == null) {
        p.add(path + ".size: missing");
      } else {
        Checks.positive(p, path + ".size.x", z.size().x(), "m");
        Checks.positive(p, path + ".size.y", z.size().y(), "m");
        Checks.positive(p, path + ".size.z", z.size().z(), "m");
      }
    }
    for (Link l : links) {
      String path = checkId(p, root, l.id(), ids);
      if (!workpieceIds.contains(l.body())) {
        p.add(path + ".body: " + l.body() + ", must name a workpiece of this layout");
      }
      checkVec(p, path + ".anchor", l.anchor());
      checkVec(p, path + ".pivot", l.pivot());
    }
    for (int c = 0; c < cranes.size(); c++) {
      String path = checkId(p, root, craneIds.get(c), ids);
      if (cranes.get(c) == null) {
        p.add(path + ": missing crane spec");
      } else {
        cranes.get(c).validate(p, path);
      }
    }
    if (p.isEmpty()) {
      InitialOverlap.check(p, root, floor != null, fixtures, workpieces, penetrationTolerance);
    }
    if (!p.isEmpty()) {
      throw new LayoutException(name, p);
    }
    return new Layout(this);
  }

  private static String checkId(List<String> p, String root, String id, Set<String> ids) {
    if (id == null || !ID.matcher(id).matches()) {
      p.add(root + ".<id>: \"" + id + "\", must be letters, digits, '_' or '-' in dot-separated parts");
      return root + "." + id;
    }
    if (!ids.add(id)) {
      p.add(root + "." + id + ": duplicate id, must be unique in the layout");
    }
    return root + "." + id;
  }

  private static void checkVec(List<String> p, String path, Vec3 v) {
    if (v == null) {
      p.add(path + ": missing");
      return;
    }
    Checks.finite(p, path + ".x", v.x(), "m");
    Checks.finite(p, path + ".y", v.y(), "m");
    Checks.finite(p, path + ".z", v.z(), "m");
  }

  private static void checkPose(List<String> p, String path, Pose pose) {
    if (pose == null) {
      p.add(path + ".pose: missing");
      return;
    }
    checkVec(p, path + ".position", pose.position());
    Quat q = pose.rotation();
    if (q == null) {
      p.add(path + ".rotation: missing");
    } else if (!q.isUnit(1e-6)) {
      p.add(path + ".rotation: norm " + q.norm() + ", must be 1 within 1e-6 (a unit quaternion)");
    }
  }

  private static void checkMaterial(List<String> p, String path, Material m) {
    if (m == null) {
      p.add(path + ".material: missing");
      return;
    }
    Checks.nonNegative(p, path + ".friction", m.friction(), "");
    Checks.inRange(p, path + ".restitution", m.restitution(), 0, 1, "");
  }

  private static void checkShape(List<String> p, String path, Shape s) {
    if (s == null) {
      p.add(path + ".shape: missing");
    } else if (s instanceof Shape.Box b) {
      Checks.positive(p, path + ".size.x", b.sx(), "m");
      Checks.positive(p, path + ".size.y", b.sy(), "m");
      Checks.positive(p, path + ".size.z", b.sz(), "m");
    } else if (s instanceof Shape.Cylinder c) {
      Checks.positive(p, path + ".radius", c.radius(), "m");
      Checks.positive(p, path + ".height", c.height(), "m");
    } else if (s instanceof Shape.Sphere sp) {
      Checks.positive(p, path + ".radius", sp.radius(), "m");
    }
  }

  /** Shape, pose and material of a fixture. Confined to the thread that builds. */
  public static final class FixtureSpec {
    Shape shape;
    Pose pose = Pose.IDENTITY;
    Material material = Material.DEFAULT;

    FixtureSpec() {}

    /** A box of full edge lengths [m]. */
    public FixtureSpec box(double sx, double sy, double sz) {
      shape = Shape.box(sx, sy, sz);
      return this;
    }

    /** Any shape. */
    public FixtureSpec shape(Shape s) {
      shape = s;
      return this;
    }

    /** Centre at {@code (x, y, z)} [m], keeping the rotation. */
    public FixtureSpec at(double x, double y, double z) {
      pose = new Pose(new Vec3(x, y, z), pose.rotation());
      return this;
    }

    /** Full pose. */
    public FixtureSpec pose(Pose p) {
      pose = p;
      return this;
    }

    /** Surface. */
    public FixtureSpec material(Material m) {
      material = m;
      return this;
    }
  }

  /** Shape, mass, surface and initial motion of a workpiece. Confined to the thread that builds. */
  public static final class WorkpieceSpec {
    Shape shape;
    double mass = Double.NaN;
    double friction = Material.DEFAULT.friction();
    double restitution = Material.DEFAULT.restitution();
    Pose pose = Pose.IDENTITY;
    Vec3 velocity = Vec3.ZERO;
    Vec3 angularVelocity = Vec3.ZERO;

    WorkpieceSpec() {}

    /** A box of full edge lengths [m]. */
    public WorkpieceSpec box(double sx, double sy, double sz) {
      shape = Shape.box(sx, sy, sz);
      return this;
    }

    /** A cylinder of {@code radius} and full {@code height} [m], axis along body Z. */
    public WorkpieceSpec cylinder(double radius, double height) {
      shape = Shape.cylinder(radius, height);
      return this;
    }

    /** A sphere of {@code radius} [m]. */
    public WorkpieceSpec sphere(double radius) {
      shape = Shape.sphere(radius);
      return this;
    }

    /** Mass [kg], > 0; required. */
    public WorkpieceSpec mass(double kg) {
      mass = kg;
      return this;
    }

    /** Coulomb friction coefficient, ≥ 0; default 0.5. */
    public WorkpieceSpec friction(double mu) {
      friction = mu;
      return this;
    }

    /** Coefficient of restitution in [0, 1]; default 0. */
    public WorkpieceSpec restitution(double e) {
      restitution = e;
      return this;
    }

    /** Initial centre at {@code (x, y, z)} [m], keeping the rotation. */
    public WorkpieceSpec at(double x, double y, double z) {
      pose = new Pose(new Vec3(x, y, z), pose.rotation());
      return this;
    }

    /** Initial pose. */
    public WorkpieceSpec pose(Pose p) {
      pose = p;
      return this;
    }

    /** Initial rotation, keeping the position. */
    public WorkpieceSpec rotation(Quat q) {
      pose = new Pose(pose.position(), q);
      return this;
    }

    /** Initial linear velocity [m/s]. */
    public WorkpieceSpec velocity(double vx, double vy, double vz) {
      velocity = new Vec3(vx, vy, vz);
      return this;
    }

    /** Initial angular velocity [rad/s], world frame. */
    public WorkpieceSpec angularVelocity(double wx, double wy, double wz) {
      angularVelocity = new Vec3(wx, wy, wz);
      return this;
    }
  }
}
