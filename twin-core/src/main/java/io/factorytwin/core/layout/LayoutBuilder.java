package io.factorytwin.core.layout;

import io.factorytwin.core.equipment.ConveyorSpec;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.equipment.PhotoEyeSpec;
import io.factorytwin.core.equipment.PusherSpec;
import io.factorytwin.core.equipment.SinkSpec;
import io.factorytwin.core.equipment.SourceSpec;
import io.factorytwin.core.equipment.StopperSpec;
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
  /** Equipment in declaration order: id and spec (a CraneSpec, ConveyorSpec, ...). */
  final List<String> equipmentIds = new ArrayList<>();
  final List<Object> equipmentSpecs = new ArrayList<>();
  /** Workpieces that start parked (source pools): no overlap check. */
  final java.util.Set<String> parkedIds = new HashSet<>();
  /** Parameters marked uncertain: path, min, max (checked at build). */
  final List<String> uncertainPaths = new ArrayList<>();
  final List<double[]> uncertainRanges = new ArrayList<>();

  LayoutBuilder(String name) {
    this.name = name;
  }

  /** A deep copy (the elements are immutable; the lists are copied). */
  LayoutBuilder copy() {
    LayoutBuilder c = new LayoutBuilder(name);
    c.stepSeconds = stepSeconds;
    c.gravity = gravity;
    c.boundsMin = boundsMin;
    c.boundsMax = boundsMax;
    c.penetrationTolerance = penetrationTolerance;
    c.floor = floor;
    c.fixtures.addAll(fixtures);
    c.workpieces.addAll(workpieces);
    c.zones.addAll(zones);
    c.links.addAll(links);
    c.equipmentIds.addAll(equipmentIds);
    c.equipmentSpecs.addAll(equipmentSpecs);
    c.parkedIds.addAll(parkedIds);
    c.rackProblems.addAll(rackProblems);
    c.uncertainPaths.addAll(uncertainPaths);
    for (double[] r : uncertainRanges) c.uncertainRanges.add(r.clone());
    return c;
  }

  /**
   * Marks the parameter at {@code path} uncertain: the plant's value lies somewhere in
   * {@code [min, max]}, which must contain the declared value. Calibration fits these; rollouts may
   * randomise them. The paths are listed in {@link UncertainParameter}; build() rejects a path that
   * names no parameter of this layout, or a range that is empty, not finite or misses the declared value.
   */
  public LayoutBuilder uncertain(String path, double min, double max) {
    uncertainPaths.add(path);
    uncertainRanges.add(new double[] {min, max});
    return this;
  }

  /** Replaces the crane at equipment index {@code c} and its hook workpiece. */
  void replaceCrane(int c, CraneSpec spec) {
    String id = equipmentIds.get(c);
    equipmentSpecs.set(c, spec);
    int hook = Parameters.workpiece(this, id + ".hook");
    var o = spec.origin();
    double z = o.z() + spec.ropeTop() - spec.ropeStart() - spec.ropeOffset() - spec.hookSize().z() / 2;
    Workpiece old = workpieces.get(hook);
    workpieces.set(hook, new Workpiece(old.id(), old.shape(), spec.hookMass(), old.material(),
        Pose.at(o.x() + spec.trolleyStart(), o.y() + spec.bridgeStart(), z), Vec3.ZERO, Vec3.ZERO));
  }

  /** Sets the belt friction of the conveyor at equipment index {@code c} (its spec and its belt fixture). */
  void replaceConveyorFriction(int c, double mu) {
    String id = equipmentIds.get(c);
    ConveyorSpec s = (ConveyorSpec) equipmentSpecs.get(c);
    equipmentSpecs.set(c, new ConveyorSpec(s.start(), s.heading(), s.incline(), s.length(), s.width(), s.maxSpeed(),
        s.accel(), s.guideHeight(), mu, s.encoderNoise()));
    for (int i = 0; i < fixtures.size(); i++) {
      Fixture f = fixtures.get(i);
      if (f.id().equals(id + ".belt")) fixtures.set(i, new Fixture(f.id(), f.shape(), f.pose(), Material.of(mu, 0)));
    }
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
    equipmentIds.add(id);
    equipmentSpecs.add(spec);
    if (spec != null && spec.hookSize() != null && spec.origin() != null) {
      var o = spec.origin();
      double z = o.z() + spec.ropeTop() - spec.ropeStart() - spec.ropeOffset() - spec.hookSize().z() / 2;
      workpieces.add(new Workpiece(id + ".hook", Shape.box(spec.hookSize().x(), spec.hookSize().y(),
          spec.hookSize().z()), spec.hookMass(), Material.DEFAULT,
          Pose.at(o.x() + spec.trolleyStart(), o.y() + spec.bridgeStart(), z), Vec3.ZERO, Vec3.ZERO));
    }
    return this;
  }

  /**
   * Adds a straight belt conveyor (docs/conveyors.md): the fixture {@code <id>.belt} whose surface
   * moves at the belt speed, and side guides {@code <id>.guideL}, {@code <id>.guideR} if it has any.
   */
  public LayoutBuilder conveyor(String id, ConveyorSpec spec) {
    equipmentIds.add(id);
    equipmentSpecs.add(spec);
    if (spec != null && spec.start() != null) {
      Material belt = Material.of(spec.friction(), 0);
      fixtures.add(new Fixture(id + ".belt", Shape.box(spec.length(), spec.width(), ConveyorSpec.THICKNESS),
          spec.beltPose(), belt));
      if (spec.guideHeight() > 0) {
        Quat q = spec.rotation();
        for (int side = -1; side <= 1; side += 2) {
          Vec3 c = spec.start().plus(q.rotate(new Vec3(spec.length() / 2, side * (spec.width() / 2 + 0.01),
              spec.guideHeight() / 2)));
          fixtures.add(new Fixture(id + (side < 0 ? ".guideR" : ".guideL"), Shape.box(spec.length(), 0.02,
              spec.guideHeight()), new Pose(c, q), Material.of(0.2, 0)));
        }
      }
    }
    return this;
  }

  /** Adds a pop-up stopper whose blade is the fixture {@code <id>.blade} (in the physics only while up). */
  public LayoutBuilder stopper(String id, StopperSpec spec) {
    equipmentIds.add(id);
    equipmentSpecs.add(spec);
    if (spec != null && spec.size() != null) {
      fixtures.add(new Fixture(id + ".blade", Shape.box(spec.size().x(), spec.size().y(), spec.size().z()),
          spec.pose(), Material.of(0.3, 0)));
    }
    return this;
  }

  /** Adds a pusher whose paddle is the fixture {@code <id>.paddle}, moved along its stroke. */
  public LayoutBuilder pusher(String id, PusherSpec spec) {
    equipmentIds.add(id);
    equipmentSpecs.add(spec);
    if (spec != null && spec.size() != null) {
      fixtures.add(new Fixture(id + ".paddle", Shape.box(spec.size().x(), spec.size().y(), spec.size().z()),
          spec.retracted(), Material.of(0.3, 0)));
    }
    return this;
  }

  /** Adds a through-beam photo-eye. */
  public LayoutBuilder photoEye(String id, PhotoEyeSpec spec) {
    equipmentIds.add(id);
    equipmentSpecs.add(spec);
    return this;
  }

  /**
   * Adds a source of boxes: its pool becomes workpieces {@code <id>.item0} ... parked below the floor
   * under the spawn point, with sizes and masses drawn from {@code spec.seed()}.
   */
  public LayoutBuilder source(String id, SourceSpec spec) {
    equipmentIds.add(id);
    equipmentSpecs.add(spec);
    if (spec != null && spec.spawn() != null && spec.minSize() != null && spec.maxSize() != null && spec.pool() > 0
        && spec.pool() < 100_000) {
      java.util.Random rnd = new java.util.Random(spec.seed());
      var p = spec.spawn().position();
      double pitch = 2 * spec.maxSize().length() + 0.1;
      for (int k = 0; k < spec.pool(); k++) {
        double sx = draw(rnd, spec.minSize().x(), spec.maxSize().x());
        double sy = draw(rnd, spec.minSize().y(), spec.maxSize().y());
        double sz = draw(rnd, spec.minSize().z(), spec.maxSize().z());
        double m = draw(rnd, spec.minMass(), spec.maxMass());
        String wid = id + ".item" + k;
        parkedIds.add(wid);
        workpieces.add(new Workpiece(wid, Shape.box(sx, sy, sz), m, Material.of(spec.friction(), 0),
            new Pose(new Vec3(p.x() + pitch * (k % 50), p.y() + pitch * (k / 50), -20 - pitch), spec.spawn().rotation()),
            Vec3.ZERO, Vec3.ZERO));
      }
    }
    return this;
  }

  private static double draw(java.util.Random rnd, double lo, double hi) {
    return lo + (hi - lo) * rnd.nextDouble();
  }

  /**
   * Adds a robot arm with a vacuum gripper (docs/robots.md): its links become moving fixtures
   * {@code <id>.link1} ... and {@code <id>.cup}.
   */
  public LayoutBuilder robotArm(String id, io.factorytwin.core.equipment.RobotArmSpec spec) {
    equipmentIds.add(id);
    equipmentSpecs.add(spec);
    if (spec != null && spec.arm() != null && spec.start() != null && spec.start().length == spec.arm().dof()
        && spec.linkRadius() > 0) {
      Object[][] fx = io.factorytwin.core.equipment.RobotArm.fixtures(spec);
      int n = fx.length - 1;
      for (int k = 0; k <= n; k++) {
        if (fx[k] == null) continue;
        String fid = k < n ? id + ".link" + (k + 1) : id + ".cup";
        fixtures.add(new Fixture(fid, (Shape) fx[k][0], (Pose) fx[k][1], Material.of(0.5, 0)));
      }
    }
    return this;
  }

  /** Adds a sink that takes source boxes off the line. */
  public LayoutBuilder sink(String id, SinkSpec spec) {
    equipmentIds.add(id);
    equipmentSpecs.add(spec);
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
    for (int c = 0; c < equipmentIds.size(); c++) {
      String path = checkId(p, root, equipmentIds.get(c), ids);
      Object spec = equipmentSpecs.get(c);
      if (spec == null) {
        p.add(path + ": missing spec");
      } else if (spec instanceof CraneSpec cs) {
        cs.validate(p, path);
      } else if (spec instanceof ConveyorSpec cs) {
        cs.validate(p, path);
      } else if (spec instanceof StopperSpec ss) {
        ss.validate(p, path);
      } else if (spec instanceof PusherSpec ps) {
        ps.validate(p, path);
      } else if (spec instanceof PhotoEyeSpec es) {
        es.validate(p, path);
      } else if (spec instanceof SourceSpec ss) {
        ss.validate(p, path);
      } else if (spec instanceof SinkSpec ss) {
        ss.validate(p, path);
      } else if (spec instanceof io.factorytwin.core.equipment.RobotArmSpec rs) {
        rs.validate(p, path);
      }
    }
    for (int k = 0; k < uncertainPaths.size(); k++) {
      String path = uncertainPaths.get(k);
      double lo = uncertainRanges.get(k)[0], hi = uncertainRanges.get(k)[1];
      String where = root + ".uncertain." + path;
      if (path == null || Parameters.unit(this, path) == null) {
        p.add(where + ": names no parameter of this layout (see UncertainParameter for the paths)");
      } else if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
        p.add(where + ": range [" + lo + ", " + hi + "], must be finite with min <= max");
      } else {
        double v = Parameters.get(this, path);
        if (!(v >= lo && v <= hi)) {
          p.add(where + ": declared value " + v + " " + Parameters.unit(this, path) + " outside its range [" + lo + ", "
              + hi + "]");
        }
      }
    }
    if (p.isEmpty()) {
      List<Workpiece> placed = workpieces.stream().filter(w -> !parkedIds.contains(w.id())).toList();
      InitialOverlap.check(p, root, floor != null, fixtures, placed, penetrationTolerance);
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
