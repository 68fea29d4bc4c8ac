package io.factorytwin.core.kinematics;

import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The description of a robot arm: an ordered chain of revolute joints given by a standard
 * Denavit–Hartenberg table with per-joint limits ({@link Joint}), optional passive joints coupled to
 * the actuated ones ({@link CoupledJoint}, for parallelogram linkages), the mass properties of each
 * link ({@link LinkInertia}), where the arm stands ({@code base}, world from DH frame 0) and where
 * its tool centre point is ({@code tool}, in the last DH frame).
 *
 * <p>Immutable and thread-safe, and valid by construction: {@link Builder#build()} checks everything
 * and reports every problem at once in an {@link ArmSpecException}, each under a path such as
 * {@code arm1.joint3.max}. Joints are numbered from 1 in paths and messages ({@code joint1} is the
 * first row, {@code q[0]} its variable) as on industrial controllers.
 *
 * <p>Frames and units: see the package documentation. Two presets, {@link #sixAxis()} and
 * {@link #palletiser()}, give realistic numbers for common arm classes.
 */
public final class ArmSpec {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final double DEG = Math.PI / 180;

  private final String name;
  private final List<Joint> joints;
  private final List<CoupledJoint> coupled;
  private final List<LinkInertia> links;
  private final Pose base, tool;
  private final double payload;
  private final TaskSpace taskSpace;
  final Chain chain;

  private ArmSpec(Builder b) {
    name = b.name;
    joints = List.copyOf(b.joints);
    coupled = List.copyOf(b.coupled);
    links = List.copyOf(b.links);
    base = b.base;
    tool = b.tool;
    payload = b.payload;
    taskSpace = b.taskSpace;
    chain = new Chain(joints, coupled, base, tool);
  }

  /**
   * A 6-axis industrial arm of the small class (5 kg payload, 0.85 m reach to the wrist centre,
   * 0.93 m to the flange), with a spherical wrist. The numbers are of the order published for arms of
   * this class (e.g. 0.85–0.9 m, 5–6 kg arms from the major vendors); it is not a model of any one
   * product. Accelerations are assumptions, as vendors rarely publish them.
   *
   * <pre>
   * joint  a [m]   alpha    d [m]   offset   min     max    speed    accel
   *   1    0.025   −π/2     0.400    0      −170°   +170°   250°/s   1000°/s²  base yaw
   *   2    0.425    0       0       −π/2    −100°   +135°   250°/s   1000°/s²  shoulder
   *   3    0.035   −π/2     0        0      −200°    +70°   250°/s   1000°/s²  elbow
   *   4    0       +π/2     0.395    0      −190°   +190°   320°/s   1500°/s²  forearm roll
   *   5    0       −π/2     0        0      −125°   +125°   320°/s   1500°/s²  wrist pitch
   *   6    0        0       0.080    0      −360°   +360°   420°/s   2000°/s²  flange roll
   * </pre>
   *
   * <p>At {@code q = 0} the upper arm stands vertical, the forearm points along base +X, and the
   * flange is at (0.500, 0, 0.860) m with its Z axis (the approach direction) along base +X. Joints
   * 2 and 3 lean forward for positive angles; joints 4 and 6 are collinear at {@code q5 = 0} (the
   * wrist singularity). Link masses 10, 7, 4, 2.5, 1.2, 0.3 kg (25 kg moving), modelled as
   * cylinders; rated payload 5 kg. Base and tool are the identity: the arm stands at the world
   * origin and the tool centre point is the flange centre (set a gripper's with
   * {@code toBuilder().tool(...)}). Task space {@link TaskSpace#POSE}.
   */
  public static ArmSpec sixAxis() {
    double h = Math.PI / 2;
    return builder("sixAxis")
        .joint(new Joint(0.025, -h, 0.400, 0, -170 * DEG, 170 * DEG, 250 * DEG, 1000 * DEG))
        .joint(new Joint(0.425, 0, 0, -h, -100 * DEG, 135 * DEG, 250 * DEG, 1000 * DEG))
        .joint(new Joint(0.035, -h, 0, 0, -200 * DEG, 70 * DEG, 250 * DEG, 1000 * DEG))
        .joint(new Joint(0, h, 0.395, 0, -190 * DEG, 190 * DEG, 320 * DEG, 1500 * DEG))
        .joint(new Joint(0, -h, 0, 0, -125 * DEG, 125 * DEG, 320 * DEG, 1500 * DEG))
        .joint(new Joint(0, 0, 0.080, 0, -360 * DEG, 360 * DEG, 420 * DEG, 2000 * DEG))
        // turret: a vertical drum below the shoulder (frame 1's Y points down at q = 0)
        .link(LinkInertia.cylinder(10, new Vec3(-0.02, 0.12, 0), 1, 0.30, 0.10))
        // upper arm along frame 2's X, from the shoulder (x = −a2) to the elbow (x = 0)
        .link(LinkInertia.cylinder(7, new Vec3(-0.2125, 0, 0), 0, 0.425, 0.06))
        // elbow housing, reaching forward along frame 3's Z
        .link(LinkInertia.cylinder(4, new Vec3(-0.01, 0, 0.08), 2, 0.20, 0.06))
        // forearm tube behind the wrist centre (frame 4's Y points back along the forearm at q = 0)
        .link(LinkInertia.cylinder(2.5, new Vec3(0, -0.15, 0), 1, 0.25, 0.045))
        .link(LinkInertia.cylinder(1.2, new Vec3(0, 0, 0.02), 2, 0.10, 0.04))
        .link(LinkInertia.cylinder(0.3, new Vec3(0, 0, -0.01), 2, 0.02, 0.04))
        .payload(5)
        .build();
  }

  /**
   * A 4-axis palletising arm (base yaw, shoulder, elbow, wrist yaw) of about 1.85 m horizontal reach
   * (flange centre from the joint-1 axis) and 40 kg payload, in the class of the floor-mounted
   * palletisers with 1.8–2.1 m reach; not a model of any one product, accelerations assumed.
   *
   * <p>The flange stays horizontal, pointing straight down, whatever the joints: real palletisers do
   * it with a parallelogram linkage; here a passive {@link CoupledJoint} after joint 3 turns back by
   * {@code −(q2 + q3)}, so its frame keeps the orientation of frame 1. It makes the tool's tilt
   * constant by construction; inverse kinematics solves position and yaw only
   * ({@link TaskSpace#POSITION_YAW}).
   *
   * <pre>
   * row       a [m]   alpha   d [m]   offset   min     max    speed    accel
   * joint1    0.20    −π/2    0.65     0      −180°   +180°   120°/s   300°/s²   base yaw
   * joint2    0.70     0      0       −π/2     −40°    +95°   110°/s   250°/s²   shoulder
   * joint3    0.80     0      0       +π/2    −120°    +30°   110°/s   250°/s²   elbow (relative to the upper arm)
   * coupled   0.15    −π/2    0        0      θ = −(q2 + q3)                     parallelogram
   * joint4    0        0      0.20     0      −300°   +300°   300°/s   800°/s²   wrist yaw
   * </pre>
   *
   * <p>At {@code q = 0} the upper arm stands vertical, the forearm points along base +X, and the
   * flange is at (1.15, 0, 1.15) m, its Z axis pointing down. Fully stretched forward ({@code q2 =
   * 90°, q3 = −90°}) it is at (1.85, 0, 0.45) m. Joint limits are per joint: the coupled limit that
   * real parallelograms impose on {@code q2 + q3} is not modelled. Link masses 180, 55, 40, 15 kg
   * (the coupled row's own links are lumped into the forearm and wrist); rated payload 40 kg.
   */
  public static ArmSpec palletiser() {
    double h = Math.PI / 2;
    return builder("palletiser")
        .joint(new Joint(0.20, -h, 0.65, 0, -180 * DEG, 180 * DEG, 120 * DEG, 300 * DEG))
        .joint(new Joint(0.70, 0, 0, -h, -40 * DEG, 95 * DEG, 110 * DEG, 250 * DEG))
        .joint(new Joint(0.80, 0, 0, h, -120 * DEG, 30 * DEG, 110 * DEG, 250 * DEG))
        .coupled(new CoupledJoint(3, 0.15, -h, 0, 0, new double[] {0, -1, -1, 0}))
        .joint(new Joint(0, 0, 0.20, 0, -300 * DEG, 300 * DEG, 300 * DEG, 800 * DEG))
        // rotating column: frame 1's Y points down at q = 0, so the column lies along +Y below the shoulder
        .link(LinkInertia.cylinder(180, new Vec3(-0.14, 0.30, 0), 1, 0.70, 0.30))
        .link(LinkInertia.cylinder(55, new Vec3(-0.35, 0, 0), 0, 0.70, 0.10))
        .link(LinkInertia.cylinder(40, new Vec3(-0.40, 0, 0), 0, 0.80, 0.08))
        .link(LinkInertia.cylinder(15, new Vec3(0, 0, -0.10), 2, 0.20, 0.12))
        .payload(40)
        .taskSpace(TaskSpace.POSITION_YAW)
        .build();
  }

  /** A new, empty builder for an arm named {@code name} (the prefix of every problem's path). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** This arm as a builder, to change a few things (a tool, a base pose, a name). */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.joints.addAll(joints);
    b.coupled.addAll(coupled);
    b.links.addAll(links);
    b.base = base;
    b.tool = tool;
    b.payload = payload;
    b.taskSpace = taskSpace;
    return b;
  }

  /** The arm's name, the prefix of paths in messages. */
  public String name() {
    return name;
  }

  /** Number of actuated joints (the length of every joint vector {@code q}). */
  public int dof() {
    return joints.size();
  }

  /** The actuated joints in chain order. */
  public List<Joint> joints() {
    return joints;
  }

  /** Joint {@code i}, numbered from 0 ({@code q[i]}'s joint, called {@code joint(i+1)} in paths). */
  public Joint joint(int i) {
    return joints.get(i);
  }

  /** The passive coupled joints, in declaration order. */
  public List<CoupledJoint> coupledJoints() {
    return coupled;
  }

  /** One link per actuated joint, in chain order. */
  public List<LinkInertia> links() {
    return links;
  }

  /** World from DH frame 0 (the frame of joint 1's axis). */
  public Pose base() {
    return base;
  }

  /** The tool centre point in the last DH frame. */
  public Pose tool() {
    return tool;
  }

  /** Rated payload [kg], ≥ 0. */
  public double payload() {
    return payload;
  }

  /** What inverse kinematics solves for. */
  public TaskSpace taskSpace() {
    return taskSpace;
  }

  /**
   * True when every {@code q[i]} is within joint i's limits (NaN never is).
   *
   * @throws IllegalArgumentException if {@code q} does not have {@link #dof()} entries
   */
  public boolean withinLimits(double[] q) {
    if (q.length != joints.size()) {
      throw new IllegalArgumentException(name + ".q: length " + q.length + ", must be " + joints.size() + " (one per joint)");
    }
    for (int i = 0; i < joints.size(); i++) {
      if (!joints.get(i).within(q[i])) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return "ArmSpec[" + name + ", " + joints.size() + " joints, " + coupled.size() + " coupled, " + taskSpace + "]";
  }

  /**
   * Edits an arm description; confined to one thread. Joints, coupled joints and links are added in
   * chain order; {@link #build()} validates.
   */
  public static final class Builder {
    private String name;
    private final List<Joint> joints = new ArrayList<>();
    private final List<CoupledJoint> coupled = new ArrayList<>();
    private final List<LinkInertia> links = new ArrayList<>();
    private Pose base = Pose.IDENTITY;
    private Pose tool = Pose.IDENTITY;
    private double payload;
    private TaskSpace taskSpace = TaskSpace.POSE;

    private Builder(String name) {
      this.name = name;
    }

    /** Renames the arm. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Appends an actuated joint (the next row of the DH table). */
    public Builder joint(Joint joint) {
      joints.add(joint);
      return this;
    }

    /** Adds a passive coupled joint; its place in the chain is its {@code afterJoint}. */
    public Builder coupled(CoupledJoint joint) {
      coupled.add(joint);
      return this;
    }

    /** Appends the mass properties of the next link (one per actuated joint, in order). */
    public Builder link(LinkInertia link) {
      links.add(link);
      return this;
    }

    /** World from DH frame 0; default identity (the arm stands at the world origin, Z up). */
    public Builder base(Pose pose) {
      this.base = pose;
      return this;
    }

    /** The tool centre point in the last DH frame; default identity (the flange centre). */
    public Builder tool(Pose pose) {
      this.tool = pose;
      return this;
    }

    /** Rated payload [kg], ≥ 0; default 0. */
    public Builder payload(double kg) {
      this.payload = kg;
      return this;
    }

    /** What inverse kinematics solves for; default {@link TaskSpace#POSE}. */
    public Builder taskSpace(TaskSpace taskSpace) {
      this.taskSpace = taskSpace;
      return this;
    }

    /**
     * The validated arm.
     *
     * @throws ArmSpecException listing every problem, each under {@code <name>.<element>}
     */
    public ArmSpec build() {
      List<String> p = new ArrayList<>();
      String n = name == null ? "arm" : name;
      if (name == null || !NAME.matcher(name).matches()) {
        p.add(n + ": name " + name + ", must match " + NAME.pattern());
      }
      if (joints.isEmpty()) p.add(n + ".joints: none, must have at least one joint");
      for (int i = 0; i < joints.size(); i++) {
        Joint j = joints.get(i);
        if (j == null) p.add(n + ".joint" + (i + 1) + ": missing");
        else j.validate(p, n + ".joint" + (i + 1));
      }
      for (int i = 0; i < coupled.size(); i++) {
        CoupledJoint c = coupled.get(i);
        if (c == null) p.add(n + ".coupled" + (i + 1) + ": missing");
        else c.validate(p, n + ".coupled" + (i + 1), joints.size());
      }
      if (links.size() != joints.size()) {
        p.add(n + ".links: " + links.size() + " links, must be " + joints.size() + " (one per joint)");
      }
      for (int i = 0; i < links.size(); i++) {
        LinkInertia l = links.get(i);
        if (l == null) p.add(n + ".link" + (i + 1) + ": missing");
        else l.validate(p, n + ".link" + (i + 1));
      }
      pose(p, n + ".base", base);
      pose(p, n + ".tool", tool);
      Checks.nonNegative(p, n + ".payload", payload, "kg");
      if (taskSpace == null) {
        p.add(n + ".taskSpace: missing");
      } else {
        int need = taskSpace == TaskSpace.POSE ? 6 : 4;
        if (joints.size() < need) {
          p.add(n + ".taskSpace: " + taskSpace + " with " + joints.size() + " joints, needs at least " + need);
        }
      }
      if (!p.isEmpty()) throw new ArmSpecException(n, p);
      return new ArmSpec(this);
    }

    private static void pose(List<String> p, String path, Pose pose) {
      if (pose == null || pose.position() == null || pose.rotation() == null) {
        p.add(path + ": missing");
        return;
      }
      if (!pose.position().isFinite()) p.add(path + ".position: " + pose.position() + " m, must be finite");
      Quat q = pose.rotation();
      if (!q.isUnit(1e-6)) p.add(path + ".rotation: norm " + q.norm() + ", must be 1 within 1e-6 (a unit quaternion)");
    }
  }
}
