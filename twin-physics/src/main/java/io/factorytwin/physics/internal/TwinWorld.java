package io.factorytwin.physics.internal;

import com.bulletphysics.collision.broadphase.BroadphaseNativeType;
import com.bulletphysics.collision.broadphase.BroadphasePair;
import com.bulletphysics.collision.broadphase.CollisionAlgorithm;
import com.bulletphysics.collision.broadphase.CollisionAlgorithmConstructionInfo;
import com.bulletphysics.collision.broadphase.CollisionFilterGroups;
import com.bulletphysics.collision.broadphase.DbvtBroadphase;
import com.bulletphysics.collision.broadphase.DispatcherInfo;
import com.bulletphysics.collision.dispatch.CollisionAlgorithmCreateFunc;
import com.bulletphysics.collision.dispatch.CollisionDispatcher;
import com.bulletphysics.collision.dispatch.CollisionFlags;
import com.bulletphysics.collision.dispatch.CollisionObject;
import com.bulletphysics.collision.dispatch.CollisionWorld;
import com.bulletphysics.collision.dispatch.DefaultCollisionConfiguration;
import com.bulletphysics.collision.dispatch.ManifoldResult;
import com.bulletphysics.collision.narrowphase.PersistentManifold;
import com.bulletphysics.collision.shapes.BoxShape;
import com.bulletphysics.collision.shapes.CollisionShape;
import com.bulletphysics.collision.shapes.CylinderShapeZ;
import com.bulletphysics.collision.shapes.SphereShape;
import com.bulletphysics.collision.shapes.StaticPlaneShape;
import com.bulletphysics.linearmath.Transform;
import com.bulletphysics.util.ObjectArrayList;
import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.geom.Rotations;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Fixture;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Link;
import io.factorytwin.core.layout.Material;
import io.factorytwin.core.layout.Shape;
import io.factorytwin.core.layout.Workpiece;
import io.factorytwin.core.sim.Contact;
import io.factorytwin.core.sim.PhysicsWorld;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.core.sim.SolverCache;
import io.factorytwin.physics.PhysicsSettings;
import io.factorytwin.physics.internal.collide.Collider;
import io.factorytwin.physics.internal.collide.ContactSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.vecmath.Matrix3f;
import javax.vecmath.Vector3f;

/**
 * One layout's physics world. JBullet does broad-phase pair finding (Dbvt) and dispatches each
 * pair to FactoryTwin's own contact generation ({@link Collider}, registered as JBullet collision
 * algorithms); FactoryTwin's {@link ContactSolver} and integrator do the dynamics in double
 * precision. All simulation state is read from and written to the {@link SimState} each step, so
 * the world itself holds only scratch memory and acceleration structures.
 *
 * <p><b>Slots.</b> Bodies (workpieces) take slots {@code 0..n-1}, fixtures {@code n..n+f-1}, the
 * floor {@code n+f}. Contacts are keyed by (slot A, slot B, feature) and sorted by key before
 * solving, which makes results independent of broadphase pair order.
 *
 * <p>Confined to one thread.
 */
public final class TwinWorld implements PhysicsWorld, ContactSink {
  static final int SPHERE = 0, CYLINDER = 1, BOX = 2, PLANE = 3;
  private static final int FEATURE_BITS = 22, SLOT_BITS = 21;

  private final Layout layout;
  private final PhysicsSettings settings;
  private final double dt;
  private final double gravity;
  private final int n;
  private final int slots;
  private final String[] names;

  // per slot geometry and material
  private final int[] kind;
  private final double[] dims;     // [slot][3]: half extents; radius, half height; radius
  private final double[] pos;      // [slot][3] centre, world (bodies copied from the state each step)
  private final double[] rot;      // [slot][9] row-major rotation, body to world
  private final double[] friction;
  private final double[] restitution;
  private final double[] planeNormal = {0, 0, 1};
  // moving surfaces and switched fixtures: belts, pusher paddles, stoppers
  final double[] slotVel;          // [slot][3] velocity of a static slot's surface [m/s]
  final double[] slotOmega;        // [slot][3] angular velocity of a moving static slot [rad/s]
  final boolean[] slotKinematic;   // the whole slot moves (a paddle), not only its surface (a belt)
  private final boolean[] slotEnabled;
  private final int[] beltSlot, bladeSlot, paddleSlot;
  private final double[] beltUp; // [slot][3] a belt's surface normal (zero for other slots)
  private final int[] armOwner;  // [slot] index of the robot arm whose link or cup it is, or −1
  private final int[][] armSlots; // [arm][link k, cup at n] slot or −1
  private final boolean[] armBaseLink; // [slot] the first link of an arm (turret): touches only workpieces
  // per body dynamics
  final double[] invMass;
  final double[] invInertiaLocal; // [body][3]
  final double[] invInertiaWorld; // [body][9]
  private final boolean[] frozen; // diverged bodies: out of collision and integration, still counted

  // rigid assemblies (a crane hook and what it carries): every body belongs to the assembly named
  // by its root body; a lone body is its own root. Solver quantities are indexed by root.
  final int[] root;
  final boolean[] assembled;   // [root] more than one member
  final double[] sbInvMass;    // [root]
  final double[] sbInvInertia; // [root][9] world frame, about the assembly's centre of mass
  final double[] sbCom;        // [root][3]
  final double[] sbV, sbW;     // [root][3] velocity of the centre of mass, angular velocity
  private final double[] mass;
  private final double[] inertiaLocal; // [body][3] principal moments

  // links: the layout's fixed links, then one rope per crane
  final int linkCount;
  final int[] linkBody;
  final double[] linkAnchor; // body frame, this step's
  final double[] linkPivot;  // world, where the anchor must be at the end of this step
  final int[] linkRope;      // crane index, or −1 for a fixed link
  final double[] linkAxis;   // ropes: unit vector from the hook's top up the rope, this step
  final boolean[] linkActive;
  private final List<Crane> cranes;

  // JBullet collision world
  private final CollisionWorld collisionWorld;
  private final CollisionObject[] objects;
  private final Transform tmpTransform = new Transform();
  private final Matrix3f tmpBasis = new Matrix3f();

  private final Collider collider = new Collider();
  private final double[] reach;       // [body] how far any point of the body may move this step [m]
  // calm items: riding a belt at exactly its surface velocity with nothing else near them
  private final boolean[] calm;
  private final int[] partners, partnerSlot; // [body] broadphase neighbours this step, and the last one
  private final double[] preV;        // [body][3] velocity at the start of the step, before gravity
  private long[] carryKeys = new long[16];
  private double[] carryVals = new double[16 * SolverCache.STRIDE];
  int carryCount;
  private final double[] aabb;        // [body][6] min xyz, max xyz of this step's broadphase box [m]
  private final int[] island;         // [body] union-find parent over touching boxes, this step
  private final boolean[] linked;     // [body] held by a link or rope: never sleeps
  private boolean[] asleep = new boolean[0]; // the state's flags, during a step
  private double[] restTimes = new double[0]; // the state's rest timers, during a step
  private boolean[] carriedNow = new boolean[0]; // the state's carried flags, during a step
  private final double[] boundRadius; // [body] bounding radius about the centre [m]
  private final ContactSolver solver;
  private final double[] externalForce; // [body][3] N, applied each step until changed

  // contact buffer of the current step
  int contactCount;
  int[] cA = new int[64], cB = new int[64];
  long[] cKey = new long[64];
  double[] cPoint = new double[64 * 3], cNormal = new double[64 * 3], cDepth = new double[64];
  private int pairA, pairB;
  private boolean pairSwapped;
  private int[] order = new int[64];
  private long[] sortScratch = new long[64];

  /** Creates the world for {@code layout}. */
  public TwinWorld(Layout layout, PhysicsSettings settings) {
    this.layout = layout;
    this.settings = settings;
    this.dt = layout.stepSeconds();
    this.gravity = layout.gravity();
    List<Workpiece> wps = layout.workpieces();
    List<Fixture> fxs = layout.fixtures();
    this.n = wps.size();
    boolean hasFloor = layout.floor().isPresent();
    this.slots = n + fxs.size() + (hasFloor ? 1 : 0);
    if (slots >= (1 << SLOT_BITS)) {
      throw new IllegalArgumentException("layout." + layout.name() + ": " + slots + " elements, must be < " + (1 << SLOT_BITS));
    }
    names = new String[slots];
    kind = new int[slots];
    dims = new double[slots * 3];
    pos = new double[slots * 3];
    rot = new double[slots * 9];
    friction = new double[slots];
    restitution = new double[slots];
    invMass = new double[n];
    invInertiaLocal = new double[n * 3];
    invInertiaWorld = new double[n * 9];
    root = new int[n];
    assembled = new boolean[n];
    sbInvMass = new double[n];
    sbInvInertia = new double[n * 9];
    sbCom = new double[n * 3];
    sbV = new double[n * 3];
    sbW = new double[n * 3];
    mass = new double[n];
    inertiaLocal = new double[n * 3];
    frozen = new boolean[n];
    externalForce = new double[n * 3];
    reach = new double[n];
    calm = new boolean[n];
    partners = new int[n];
    partnerSlot = new int[n];
    preV = new double[3 * n];
    aabb = new double[6 * n];
    island = new int[n];
    awakeIsland = new boolean[n];
    linked = new boolean[n];
    boundRadius = new double[n];

    DefaultCollisionConfiguration config = new DefaultCollisionConfiguration();
    // every pair the broadphase finds goes to collide(), which knows which fixtures move
    CollisionDispatcher dispatcher = new CollisionDispatcher(config) {
      @Override
      public boolean needsCollision(CollisionObject body0, CollisionObject body1) {
        return body0.checkCollideWith(body1);
      }
    };
    CollisionAlgorithmCreateFunc ours = new PairAlgorithmFactory();
    int[] types = {BroadphaseNativeType.BOX_SHAPE_PROXYTYPE.ordinal(), BroadphaseNativeType.SPHERE_SHAPE_PROXYTYPE.ordinal(),
        BroadphaseNativeType.CYLINDER_SHAPE_PROXYTYPE.ordinal(), BroadphaseNativeType.STATIC_PLANE_PROXYTYPE.ordinal()};
    for (int a : types) {
      for (int b : types) {
        dispatcher.registerCollisionCreateFunc(a, b, ours);
      }
    }
    collisionWorld = new SweptCollisionWorld(dispatcher, new DbvtBroadphase(), config);
    objects = new CollisionObject[slots];
    armOwner = new int[slots];
    java.util.Arrays.fill(armOwner, -1);
    armBaseLink = new boolean[slots];
    var arms = layout.robotArms();
    armSlots = new int[arms.size()][];
    for (int r = 0; r < arms.size(); r++) {
      var arm = arms.get(r);
      int dof = arm.rowCount(); // one fixture per DH row, then the cup
      armSlots[r] = new int[dof + 1];
      for (int k = 0; k <= dof; k++) {
        int fi = layout.fixtureIndex(k < dof ? arm.linkId(k) : arm.cupId());
        armSlots[r][k] = fi < 0 ? -1 : n + fi;
        if (fi >= 0) armOwner[n + fi] = r;
      }
      if (armSlots[r][0] >= 0) armBaseLink[armSlots[r][0]] = true;
    }
    slotVel = new double[3 * slots];
    slotOmega = new double[3 * slots];
    slotKinematic = new boolean[slots];
    slotEnabled = new boolean[slots];
    java.util.Arrays.fill(slotEnabled, true);
    beltSlot = layout.conveyors().stream().mapToInt(c -> n + layout.fixtureIndex(c.beltId())).toArray();
    bladeSlot = layout.stoppers().stream().mapToInt(c -> n + layout.fixtureIndex(c.bladeId())).toArray();
    paddleSlot = layout.pushers().stream().mapToInt(c -> n + layout.fixtureIndex(c.paddleId())).toArray();
    for (int s : paddleSlot) slotKinematic[s] = true;
    beltUp = new double[3 * slots];
    for (int c = 0; c < beltSlot.length; c++) {
      Vec3 up = layout.conveyors().get(c).spec().rotation().rotate(new Vec3(0, 0, 1));
      beltUp[3 * beltSlot[c]] = up.x();
      beltUp[3 * beltSlot[c] + 1] = up.y();
      beltUp[3 * beltSlot[c] + 2] = up.z();
    }

    for (int i = 0; i < n; i++) {
      Workpiece w = wps.get(i);
      names[i] = w.id();
      setShape(i, w.shape(), w.material());
      double[] inertia = w.shape().inertia(w.mass());
      invMass[i] = 1 / w.mass();
      mass[i] = w.mass();
      for (int c = 0; c < 3; c++) inertiaLocal[3 * i + c] = inertia[c];
      boundRadius[i] = w.shape().boundingRadius();
      for (int c = 0; c < 3; c++) invInertiaLocal[3 * i + c] = 1 / inertia[c];
      addObject(i, false);
    }
    for (int j = 0; j < fxs.size(); j++) {
      Fixture f = fxs.get(j);
      int s = n + j;
      names[s] = f.id();
      setShape(s, f.shape(), f.material());
      var p = f.pose().position();
      pos[3 * s] = p.x();
      pos[3 * s + 1] = p.y();
      pos[3 * s + 2] = p.z();
      var q = f.pose().rotation();
      double qn = q.norm();
      Rotations.matrix(q.w() / qn, q.x() / qn, q.y() / qn, q.z() / qn, rot, 9 * s);
      addObject(s, true);
    }
    if (hasFloor) {
      int s = slots - 1;
      names[s] = "floor";
      kind[s] = PLANE;
      Material m = layout.floor().get().material();
      friction[s] = m.friction();
      restitution[s] = m.restitution();
      rot[9 * s] = rot[9 * s + 4] = rot[9 * s + 8] = 1;
      addObject(s, true);
    }

    List<Link> links = layout.links();
    cranes = layout.cranes();
    linkCount = links.size() + cranes.size();
    linkBody = new int[linkCount];
    linkAnchor = new double[linkCount * 3];
    linkPivot = new double[linkCount * 3];
    linkRope = new int[linkCount];
    linkAxis = new double[3 * linkCount];
    linkActive = new boolean[linkCount];
    for (int k = 0; k < links.size(); k++) {
      Link l = links.get(k);
      linkBody[k] = layout.bodyIndex(l.body());
      put(linkAnchor, k, l.anchor());
      put(linkPivot, k, l.pivot());
      linkRope[k] = -1;
      linkActive[k] = true;
    }
    for (int c = 0; c < cranes.size(); c++) {
      int k = links.size() + c;
      linkBody[k] = cranes.get(c).hookBody();
      linkRope[k] = c;
    }
    for (int k = 0; k < linkCount; k++) linked[linkBody[k]] = true;
    solver = new ContactSolver(this, settings, dt);
  }

  private static void put(double[] a, int k, Vec3 v) {
    a[3 * k] = v.x();
    a[3 * k + 1] = v.y();
    a[3 * k + 2] = v.z();
  }

  private void setShape(int s, Shape shape, Material m) {
    friction[s] = m.friction();
    restitution[s] = m.restitution();
    if (shape instanceof Shape.Box b) {
      kind[s] = BOX;
      dims[3 * s] = b.sx() / 2;
      dims[3 * s + 1] = b.sy() / 2;
      dims[3 * s + 2] = b.sz() / 2;
    } else if (shape instanceof Shape.Cylinder c) {
      kind[s] = CYLINDER;
      dims[3 * s] = c.radius();
      dims[3 * s + 1] = c.height() / 2;
    } else {
      kind[s] = SPHERE;
      dims[3 * s] = ((Shape.Sphere) shape).radius();
    }
  }

  private void addObject(int s, boolean fixed) {
    CollisionShape shape = switch (kind[s]) {
      case BOX -> new BoxShape(new Vector3f((float) dims[3 * s], (float) dims[3 * s + 1], (float) dims[3 * s + 2]));
      case CYLINDER -> new CylinderShapeZ(new Vector3f((float) dims[3 * s], (float) dims[3 * s], (float) dims[3 * s + 1]));
      case SPHERE -> new SphereShape((float) dims[3 * s]);
      default -> new StaticPlaneShape(new Vector3f(0, 0, 1), 0f);
    };
    // JBullet pads convex shapes by a collision margin; our contact geometry uses exact sizes, and
    // the margin only makes AABBs a little larger, which is harmless.
    CollisionObject o = new CollisionObject();
    o.setCollisionShape(shape);
    o.setUserPointer(s);
    // JBullet's CollisionObject starts out flagged static; a workpiece must say it is not
    o.setCollisionFlags(fixed ? CollisionFlags.STATIC_OBJECT : 0);
    objects[s] = o;
    syncTransform(s);
    if (fixed && armOwner != null && armOwner[s] >= 0) {
      // a moving fixture that must meet other fixtures too (an arm hitting a rack)
      collisionWorld.addCollisionObject(o, CollisionFilterGroups.KINEMATIC_FILTER, CollisionFilterGroups.ALL_FILTER);
    } else if (fixed) {
      collisionWorld.addCollisionObject(o, CollisionFilterGroups.STATIC_FILTER,
          (short) (CollisionFilterGroups.ALL_FILTER ^ CollisionFilterGroups.STATIC_FILTER));
    } else {
      collisionWorld.addCollisionObject(o, CollisionFilterGroups.DEFAULT_FILTER, CollisionFilterGroups.ALL_FILTER);
    }
  }

  private void syncTransform(int s) {
    CollisionObject o = objects[s];
    o.getWorldTransform(tmpTransform);
    tmpTransform.origin.set((float) pos[3 * s], (float) pos[3 * s + 1], (float) pos[3 * s + 2]);
    int r = 9 * s;
    tmpBasis.setRow(0, (float) rot[r], (float) rot[r + 1], (float) rot[r + 2]);
    tmpBasis.setRow(1, (float) rot[r + 3], (float) rot[r + 4], (float) rot[r + 5]);
    tmpBasis.setRow(2, (float) rot[r + 6], (float) rot[r + 7], (float) rot[r + 8]);
    tmpTransform.basis.set(tmpBasis);
    o.setWorldTransform(tmpTransform);
  }

  /** The layout this world simulates. */
  public Layout layout() {
    return layout;
  }

  /** Number of free bodies. */
  public int bodyCount() {
    return n;
  }

  /**
   * External forces [N] applied to the bodies' centres on every step until changed, {@code [body][xyz]}
   * flat; live. Used by drives that push workpieces (and by benchmarks).
   */
  public double[] externalForces() {
    return externalForce;
  }


  // ------------------------------------------------------------------ step

  @Override
  public boolean step(SimState state, double[] actions) {
    if (state.bodyCount() != n) {
      throw new IllegalArgumentException("state: " + state.bodyCount() + " bodies, layout " + layout.name() + " has " + n);
    }
    double[] sp = state.positions(), sq = state.rotations(), sv = state.velocities(), sw = state.angularVelocities();
    boolean arrivedBad = freezeDiverged(state);
    layout.beforePhysics(state, actions);
    for (int i = 0; i < n; i++) if (layout.isParked(state, i)) frozen[i] = true; // out of the physics, not trouble
    moveEquipment(state);
    asleep = state.asleep();
    restTimes = state.restTimes();
    carriedNow = state.carried();
    wakeDisturbed(state);
    // 1. poses into the slot tables; world inverse inertia
    for (int i = 0; i < n; i++) {
      if (frozen[i]) continue;
      pos[3 * i] = sp[3 * i];
      pos[3 * i + 1] = sp[3 * i + 1];
      pos[3 * i + 2] = sp[3 * i + 2];
      Rotations.matrix(sq[4 * i], sq[4 * i + 1], sq[4 * i + 2], sq[4 * i + 3], rot, 9 * i);
      worldInverseInertia(i);
    }
    // 2. unconstrained velocities: gravity and external forces
    System.arraycopy(sv, 0, preV, 0, 3 * n);
    boolean[] carried = state.carried();
    for (int i = 0; i < n; i++) {
      if (frozen[i] || asleep[i] || carried[i]) continue;
      double im = invMass[i];
      sv[3 * i] += dt * im * externalForce[3 * i];
      sv[3 * i + 1] += dt * im * externalForce[3 * i + 1];
      sv[3 * i + 2] += dt * (gravity + im * externalForce[3 * i + 2]);
    }
    dampSwings(state);
    buildAssemblies(state);
    setRopes(state);
    for (int i = 0; i < n; i++) {
      if (frozen[i] || asleep[i]) continue;
      double v = Math.sqrt(sv[3 * i] * sv[3 * i] + sv[3 * i + 1] * sv[3 * i + 1] + sv[3 * i + 2] * sv[3 * i + 2]);
      double om = Math.sqrt(sw[3 * i] * sw[3 * i] + sw[3 * i + 1] * sw[3 * i + 1] + sw[3 * i + 2] * sw[3 * i + 2]);
      reach[i] = dt * (v + om * boundRadius[i]);
    }
    // 3. contacts: JBullet's broadphase finds pairs, its dispatcher calls our algorithms
    contactCount = 0;
    currentState = state;
    collisionWorld.performDiscreteCollisionDetection();
    sortContacts();
    carryCalmCache(state.solverCache());
    // 4. solve velocities (and split-impulse position corrections)
    solver.solve(state, order);
    snapToBelts();
    // 5. integrate poses
    solver.integrate(state, frozen, asleep, state.carried());
    layout.afterPhysics(state);
    for (int i = 0; i < n; i++) if (layout.isParked(state, i)) frozen[i] = true;
    if (settings.sleeping()) settle(state);
    for (int c = 0; c < cranes.size(); c++) {
      int k = linkCount - cranes.size() + c;
      double ix = solver.linkImpulse(k, 0), iy = solver.linkImpulse(k, 1), iz = solver.linkImpulse(k, 2);
      cranes.get(c).setRope(state, Math.sqrt(ix * ix + iy * iy + iz * iz) / dt, !linkActive[k] || iz == 0);
    }
    state.advanceTick();
    return checkHealth(state) | arrivedBad;
  }

  private final double[] tmp3 = new double[3];
  private io.factorytwin.core.geom.Pose[] armPoses = new io.factorytwin.core.geom.Pose[0];
  private double[][] armVel = new double[0][];

  /** How far slot {@code s} may move this step [m]: a body's reach, a paddle's travel, else 0. */
  private double slotReach(int s) {
    if (s < n) return reach[s];
    if (!slotKinematic[s]) return 0;
    double x = slotVel[3 * s], y = slotVel[3 * s + 1], z = slotVel[3 * s + 2];
    return dt * Math.sqrt(x * x + y * y + z * z);
  }

  /** Belt surface speeds, stopper blades up or down, pusher paddles where this step starts them. */
  private void moveEquipment(SimState state) {
    var conveyors = layout.conveyors();
    for (int c = 0; c < beltSlot.length; c++) {
      conveyors.get(c).surfaceVelocity(state, tmp3);
      System.arraycopy(tmp3, 0, slotVel, 3 * beltSlot[c], 3);
    }
    var stoppers = layout.stoppers();
    for (int c = 0; c < bladeSlot.length; c++) slotEnabled[bladeSlot[c]] = stoppers.get(c).isUp(state);
    var arms = layout.robotArms();
    for (int r = 0; r < arms.size(); r++) {
      int[] sl = armSlots[r];
      if (armPoses.length < sl.length) {
        armPoses = new io.factorytwin.core.geom.Pose[sl.length];
        armVel = new double[sl.length][6];
      }
      arms.get(r).linkMotion(state, armPoses, armVel);
      for (int k = 0; k < sl.length; k++) {
        int s = sl[k];
        if (s < 0 || armPoses[k] == null) continue;
        var p = armPoses[k].position();
        var q = armPoses[k].rotation();
        pos[3 * s] = p.x();
        pos[3 * s + 1] = p.y();
        pos[3 * s + 2] = p.z();
        Rotations.matrix(q.w(), q.x(), q.y(), q.z(), rot, 9 * s);
        System.arraycopy(armVel[k], 0, slotVel, 3 * s, 3);
        System.arraycopy(armVel[k], 3, slotOmega, 3 * s, 3);
        slotKinematic[s] = true;
        syncTransform(s);
        collisionWorld.updateSingleAabb(objects[s]);
      }
    }
    var pushers = layout.pushers();
    for (int c = 0; c < paddleSlot.length; c++) {
      var pusher = pushers.get(c);
      int s = paddleSlot[c];
      Vec3 d = pusher.spec().unitDirection();
      var r = pusher.spec().retracted().position();
      double v = pusher.velocity(state), start = pusher.position(state) - v * dt;
      pos[3 * s] = r.x() + start * d.x();
      pos[3 * s + 1] = r.y() + start * d.y();
      pos[3 * s + 2] = r.z() + start * d.z();
      slotVel[3 * s] = v * d.x();
      slotVel[3 * s + 1] = v * d.y();
      slotVel[3 * s + 2] = v * d.z();
      syncTransform(s);
      collisionWorld.updateSingleAabb(objects[s]);
    }
  }

  /**
   * Groups bodies into rigid assemblies (a crane hook with its load) and computes each assembly's
   * mass, centre of mass, world inverse inertia and velocities. Velocities come from the members'
   * momentum and angular momentum, so an attachment made this step is a perfectly inelastic catch.
   */
  private void buildAssemblies(SimState state) {
    for (int i = 0; i < n; i++) {
      root[i] = i;
      assembled[i] = false;
    }
    for (Crane c : cranes) {
      int hook = c.hookBody(), load = c.attachedBody(state);
      if (load >= 0 && !frozen[hook] && !frozen[load]) {
        int r = Math.min(hook, load);
        root[hook] = r;
        root[load] = r;
        assembled[r] = true;
      }
    }
    double[] sv = state.velocities(), sw = state.angularVelocities();
    for (int i = 0; i < n; i++) {
      if (frozen[i] || root[i] != i) continue;
      if (state.carried()[i]) {
        // moved by equipment: nothing the contacts do changes its motion
        sbInvMass[i] = 0;
        java.util.Arrays.fill(sbInvInertia, 9 * i, 9 * i + 9, 0);
        System.arraycopy(pos, 3 * i, sbCom, 3 * i, 3);
        System.arraycopy(sv, 3 * i, sbV, 3 * i, 3);
        System.arraycopy(sw, 3 * i, sbW, 3 * i, 3);
      } else if (!assembled[i]) {
        sbInvMass[i] = invMass[i];
        System.arraycopy(invInertiaWorld, 9 * i, sbInvInertia, 9 * i, 9);
        System.arraycopy(pos, 3 * i, sbCom, 3 * i, 3);
        System.arraycopy(sv, 3 * i, sbV, 3 * i, 3);
        System.arraycopy(sw, 3 * i, sbW, 3 * i, 3);
      } else {
        assemble(i, sv, sw);
      }
    }
  }

  private final double[] inertiaSum = new double[9];
  private final double[] memberOffset = new double[3];
  private final double[] memberInertia = new double[9];
  private final double[] angularMomentum = new double[3];

  private void assemble(int r, double[] sv, double[] sw) {
    double m = 0, cx = 0, cy = 0, cz = 0, px = 0, py = 0, pz = 0;
    for (int i = r; i < n; i++) {
      if (root[i] != r) continue;
      m += mass[i];
      cx += mass[i] * pos[3 * i];
      cy += mass[i] * pos[3 * i + 1];
      cz += mass[i] * pos[3 * i + 2];
      px += mass[i] * sv[3 * i];
      py += mass[i] * sv[3 * i + 1];
      pz += mass[i] * sv[3 * i + 2];
    }
    cx /= m;
    cy /= m;
    cz /= m;
    double vx = px / m, vy = py / m, vz = pz / m;
    java.util.Arrays.fill(inertiaSum, 0);
    java.util.Arrays.fill(angularMomentum, 0);
    for (int i = r; i < n; i++) {
      if (root[i] != r) continue;
      int q = 9 * i;
      double a = inertiaLocal[3 * i], b = inertiaLocal[3 * i + 1], c = inertiaLocal[3 * i + 2];
      double dx = pos[3 * i] - cx, dy = pos[3 * i + 1] - cy, dz = pos[3 * i + 2] - cz;
      double d2 = dx * dx + dy * dy + dz * dz;
      double[] d = memberOffset;
      d[0] = dx;
      d[1] = dy;
      d[2] = dz;
      double[] body = memberInertia;
      for (int row = 0; row < 3; row++) {
        for (int col = 0; col < 3; col++) {
          // R diag(a, b, c) R^T + m (|d|² E − d dᵀ): the member's inertia about the assembly's centre
          double v = rot[q + 3 * row] * a * rot[q + 3 * col] + rot[q + 3 * row + 1] * b * rot[q + 3 * col + 1]
              + rot[q + 3 * row + 2] * c * rot[q + 3 * col + 2];
          v += mass[i] * ((row == col ? d2 : 0) - d[row] * d[col]);
          inertiaSum[3 * row + col] += v;
          body[3 * row + col] = v - mass[i] * ((row == col ? d2 : 0) - d[row] * d[col]);
        }
      }
      // angular momentum about the centre: I_i ω_i + d × m (v_i − v)
      double wx = sw[3 * i], wy = sw[3 * i + 1], wz = sw[3 * i + 2];
      double ux = sv[3 * i] - vx, uy = sv[3 * i + 1] - vy, uz = sv[3 * i + 2] - vz;
      angularMomentum[0] += body[0] * wx + body[1] * wy + body[2] * wz + mass[i] * (dy * uz - dz * uy);
      angularMomentum[1] += body[3] * wx + body[4] * wy + body[5] * wz + mass[i] * (dz * ux - dx * uz);
      angularMomentum[2] += body[6] * wx + body[7] * wy + body[8] * wz + mass[i] * (dx * uy - dy * ux);
    }
    ContactSolver.invert3(inertiaSum, sbInvInertia, 9 * r);
    sbInvMass[r] = 1 / m;
    sbCom[3 * r] = cx;
    sbCom[3 * r + 1] = cy;
    sbCom[3 * r + 2] = cz;
    sbV[3 * r] = vx;
    sbV[3 * r + 1] = vy;
    sbV[3 * r + 2] = vz;
    int q = 9 * r;
    double[] ii = sbInvInertia;
    sbW[3 * r] = ii[q] * angularMomentum[0] + ii[q + 1] * angularMomentum[1] + ii[q + 2] * angularMomentum[2];
    sbW[3 * r + 1] = ii[q + 3] * angularMomentum[0] + ii[q + 4] * angularMomentum[1] + ii[q + 5] * angularMomentum[2];
    sbW[3 * r + 2] = ii[q + 6] * angularMomentum[0] + ii[q + 7] * angularMomentum[1] + ii[q + 8] * angularMomentum[2];
  }

  private final double[] ropeTop = new double[3];

  /**
   * Each crane's swing damping: the hook's and its load's velocity relative to the trolley loses its
   * part across the rope at the rate {@code swingDamping} (exactly exp(−γ·dt) per step).
   */
  private void dampSwings(SimState state) {
    for (Crane crane : cranes) {
      double gamma = crane.spec().swingDamping();
      if (gamma == 0) continue;
      int hook = crane.hookBody();
      if (frozen[hook] || asleep[hook]) continue;
      double fraction = 1 - Math.exp(-gamma * dt);
      crane.dampSwing(state, hook, fraction);
      int load = crane.attachedBody(state);
      if (load >= 0 && !frozen[load]) crane.dampSwing(state, load, fraction);
    }
  }


  /**
   * Sets each crane rope's link for this step: the anchor on the hook's top face at the new rope
   * length along the hook's axis, held at the rope's upper end where the trolley will be at the end
   * of the step. A rope is slack (inactive) while its upper end is closer to the hook than its length.
   */
  private void setRopes(SimState state) {
    int first = linkCount - cranes.size();
    for (int c = 0; c < cranes.size(); c++) {
      Crane crane = cranes.get(c);
      int k = first + c;
      int hook = crane.hookBody();
      double half = crane.spec().hookSize().z() / 2;
      double length = crane.ropeLength(state) + crane.spec().ropeOffset();
      crane.ropeTop(state, ropeTop);
      linkAnchor[3 * k] = 0;
      linkAnchor[3 * k + 1] = 0;
      linkAnchor[3 * k + 2] = half + length;
      System.arraycopy(ropeTop, 0, linkPivot, 3 * k, 3);
      int q = 9 * hook;
      double tx = pos[3 * hook] + rot[q + 2] * half, ty = pos[3 * hook + 1] + rot[q + 5] * half;
      double tz = pos[3 * hook + 2] + rot[q + 8] * half;
      double dx = ropeTop[0] - tx, dy = ropeTop[1] - ty, dz = ropeTop[2] - tz;
      double reach = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (reach > 0) {
        linkAxis[3 * k] = dx / reach;
        linkAxis[3 * k + 1] = dy / reach;
        linkAxis[3 * k + 2] = dz / reach;
      }
      // slack or taut is judged at the start of the step: the hook's top against where the rope's upper
      // end was and how long the rope was before the drives moved this step (judging it against the
      // end-of-step trolley and length calls a swinging rope slack whenever the trolley runs towards
      // the load or the hoist pays out)
      double[] e = state.equipment();
      int eo = crane.equipmentOffset();
      double ox = dx - e[eo + Crane.TROLLEY + 1] * dt, oy = dy - e[eo + Crane.BRIDGE + 1] * dt;
      double reachBefore = Math.sqrt(ox * ox + oy * oy + dz * dz);
      double lengthBefore = length - e[eo + Crane.ROPE + 1] * dt;
      linkActive[k] = !frozen[hook] && reachBefore >= lengthBefore - SLACK_TOLERANCE;
    }
  }

  /** How much shorter than the rope the hook may hang before the rope counts as slack [m]. */
  static final double SLACK_TOLERANCE = 1e-3;

  private void worldInverseInertia(int i) {
    int r = 9 * i;
    double a = invInertiaLocal[3 * i], b = invInertiaLocal[3 * i + 1], c = invInertiaLocal[3 * i + 2];
    // R diag(a, b, c) R^T
    for (int row = 0; row < 3; row++) {
      for (int col = row; col < 3; col++) {
        double v = rot[r + 3 * row] * a * rot[r + 3 * col] + rot[r + 3 * row + 1] * b * rot[r + 3 * col + 1]
            + rot[r + 3 * row + 2] * c * rot[r + 3 * col + 2];
        invInertiaWorld[r + 3 * row + col] = v;
        invInertiaWorld[r + 3 * col + row] = v;
      }
    }
  }

  private boolean checkHealth(SimState state) {
    boolean trouble = false;
    double[] sp = state.positions();
    Vec3 lo = layout.boundsMin(), hi = layout.boundsMax();
    int out = 0;
    String firstOut = null;
    for (int i = 0; i < n; i++) {
      if (frozen[i]) continue;
      String bad = nonFiniteBody(state, i);
      if (bad != null) {
        frozen[i] = true;
        state.health().recordDiverged(state.tick(), i, names[i] + bad + ", must be finite");
        trouble = true;
        continue;
      }
      double x = sp[3 * i], y = sp[3 * i + 1], z = sp[3 * i + 2];
      if (x < lo.x() || y < lo.y() || z < lo.z() || x > hi.x() || y > hi.y() || z > hi.z()) {
        out++;
        if (firstOut == null) {
          firstOut = names[i] + ".pos: (" + x + ", " + y + ", " + z + ") m, must stay within the world bounds "
              + lo + " to " + hi;
        }
      }
    }
    int before = state.health().bodiesOutOfBounds();
    state.health().setOutOfBounds(state.tick(), out, firstOut);
    return trouble || out > before;
  }

  private static final String[] AXES = {".x", ".y", ".z"};
  private static final String[] QAXES = {".w", ".x", ".y", ".z"};

  private static String nonFinite(double[] a, int off, int len, String what, String unit) {
    for (int c = 0; c < len; c++) {
      if (!Double.isFinite(a[off + c])) {
        return what + (len == 4 ? QAXES[c] : AXES[c]) + ": " + a[off + c] + (unit.isEmpty() ? "" : " " + unit);
      }
    }
    return null;
  }

  /**
   * Marks the bodies that are already non-finite in {@code state} as frozen: they diverged in an
   * earlier step (and were counted then). Recomputed from the state on every step, so a world can
   * step any state, forks and restores included.
   */
  private boolean freezeDiverged(SimState state) {
    boolean news = false;
    for (int i = 0; i < n; i++) {
      String bad = nonFiniteBody(state, i);
      frozen[i] = bad != null;
      // non-finite values that arrived with the state (written between steps) are counted here
      if (bad != null && state.health().recordDiverged(state.tick(), i, names[i] + bad + ", must be finite")) {
        news = true;
      }
    }
    return news;
  }

  private static String nonFiniteBody(SimState state, int i) {
    String bad = nonFinite(state.positions(), 3 * i, 3, ".pos", "m");
    if (bad == null) bad = nonFinite(state.rotations(), 4 * i, 4, ".rot", "");
    if (bad == null) bad = nonFinite(state.velocities(), 3 * i, 3, ".vel", "m/s");
    if (bad == null) bad = nonFinite(state.angularVelocities(), 3 * i, 3, ".angvel", "rad/s");
    return bad;
  }

  // ------------------------------------------------------------------ contacts

  /** Called by the pair algorithm for every overlapping broadphase pair. */
  void collide(int s0, int s1) {
    if (s0 < n && frozen[s0] || s1 < n && frozen[s1]) return;
    if (s0 < n && s1 < n && root[s0] == root[s1]) return; // welded together: no contact
    if (!slotEnabled[s0] || !slotEnabled[s1]) return; // a stopper that is down
    if (s0 < n && calm[s0] || s1 < n && calm[s1]) return; // rides its belt as it did: nothing new to find
    if (s0 >= n && s1 >= n) {
      // two fixtures meet only if one is an arm's link or cup: never its own, never the floor, and
      // the arm's first link (its turret, standing on the base) touches workpieces only
      int o0 = armOwner[s0], o1 = armOwner[s1];
      if (o0 == o1 || kind[s0] == PLANE || kind[s1] == PLANE || armBaseLink[s0] || armBaseLink[s1]) return;
    } else if ((s0 < n && carriedNow[s0] && s1 >= n && armOwner[s1] >= 0)
        || (s1 < n && carriedNow[s1] && s0 >= n && armOwner[s0] >= 0)) {
      return; // what a gripper holds does not collide with the arm holding it
    }
    boolean moving0 = s0 < n ? !asleep[s0] : slotKinematic[s0], moving1 = s1 < n ? !asleep[s1] : slotKinematic[s1];
    if (!moving0 && !moving1) return; // nothing here moves
    int k0 = kind[s0], k1 = kind[s1];
    int a, b;
    if (k0 < k1 || (k0 == k1 && s0 < s1)) {
      a = s0;
      b = s1;
    } else {
      a = s1;
      b = s0;
    }
    pairA = a;
    pairB = b;
    pairSwapped = false;
    int ka = kind[a], kb = kind[b];
    // speculative margin: the base margin plus how far the two may close this step, so a fast
    // body meets the surface in the step it would reach it, never after passing into it
    double m = settings.contactMargin() + slotReach(a) + slotReach(b);
    double[] pa = tmpPosA, pb = tmpPosB, ra = tmpRotA, rb = tmpRotB, ha = tmpHalfA, hb = tmpHalfB;
    load(a, pa, ra, ha);
    load(b, pb, rb, hb);
    switch (ka * 4 + kb) {
      case SPHERE * 4 + SPHERE -> collider.sphereSphere(pa, ha[0], pb, hb[0], m, this);
      case SPHERE * 4 + CYLINDER -> collider.sphereCylinder(pa, ha[0], pb, rb, hb[0], hb[1], m, this);
      case SPHERE * 4 + BOX -> collider.sphereBox(pa, ha[0], pb, rb, hb, m, this);
      case SPHERE * 4 + PLANE -> collider.spherePlane(pa, ha[0], planeNormal, 0, m, this);
      case CYLINDER * 4 + CYLINDER -> collider.cylinderCylinder(pa, ra, ha[0], ha[1], pb, rb, hb[0], hb[1], m, this);
      case CYLINDER * 4 + BOX -> collider.cylinderBox(pa, ra, ha[0], ha[1], pb, rb, hb, m, this);
      case CYLINDER * 4 + PLANE -> collider.cylinderPlane(pa, ra, ha[0], ha[1], planeNormal, 0, m, this);
      case BOX * 4 + BOX -> {
        if (isBelt(b)) {
          // a box on a belt: its corners against the belt's top plane (kept to the belt's footprint
          // in contact()), the contact every belt contact becomes anyway, at a fraction of the cost
          int q = 9 * b;
          double off = beltUp[3 * b] * (pb[0] + rb[2] * hb[2]) + beltUp[3 * b + 1] * (pb[1] + rb[5] * hb[2])
              + beltUp[3 * b + 2] * (pb[2] + rb[8] * hb[2]);
          beltTopPlane[0] = beltUp[3 * b];
          beltTopPlane[1] = beltUp[3 * b + 1];
          beltTopPlane[2] = beltUp[3 * b + 2];
          collider.boxPlane(pa, ra, ha, beltTopPlane, off, m, this);
        } else {
          collider.boxBox(pa, ra, ha, pb, rb, hb, m, this);
        }
      }
      case BOX * 4 + PLANE -> collider.boxPlane(pa, ra, ha, planeNormal, 0, m, this);
      default -> { } // plane–plane: both static, never paired
    }
  }

  private final double[] tmpPosA = new double[3], tmpPosB = new double[3];
  private final double[] beltTopPlane = new double[3];

  private boolean isBelt(int slot) {
    return beltUp[3 * slot] != 0 || beltUp[3 * slot + 1] != 0 || beltUp[3 * slot + 2] != 0;
  }
  private final double[] tmpRotA = new double[9], tmpRotB = new double[9];
  private final double[] tmpHalfA = new double[3], tmpHalfB = new double[3];

  private void load(int s, double[] p, double[] r, double[] h) {
    System.arraycopy(pos, 3 * s, p, 0, 3);
    System.arraycopy(rot, 9 * s, r, 0, 9);
    System.arraycopy(dims, 3 * s, h, 0, 3);
  }

  @Override
  public void contact(double px, double py, double pz, double nx, double ny, double nz, double depth, int feature) {
    if (feature < 0 || feature >= (1 << FEATURE_BITS)) {
      throw new IllegalStateException("contact feature id " + feature + " outside [0, 2^" + FEATURE_BITS + ")");
    }
    if (!(Double.isFinite(px) && Double.isFinite(py) && Double.isFinite(pz) && Double.isFinite(nx)
        && Double.isFinite(ny) && Double.isFinite(nz) && Double.isFinite(depth))) {
      return; // cannot happen for finite poses; a non-finite body is frozen before it gets here
    }
    int b = pairB;
    double ux = beltUp[3 * b], uy = beltUp[3 * b + 1], uz = beltUp[3 * b + 2];
    if (ux != 0 || uy != 0 || uz != 0) {
      // A belt carries from its top only. Its ends and sides must not catch an item crossing a
      // transfer (the classic internal-edge snag), so every belt contact pushes along the belt's
      // surface normal, as deep as the item sits below the surface; side contacts are dropped.
      double c = nx * ux + ny * uy + nz * uz;
      if (c < 0.3) return;
      depth = depth / c;
      nx = ux;
      ny = uy;
      nz = uz;
      // only over the belt, and only what sits on it: not a corner past its end or its sides, nor
      // something under it
      int q = 9 * b;
      double dx = px - pos[3 * b], dy = py - pos[3 * b + 1], dz = pz - pos[3 * b + 2];
      double lx = rot[q] * dx + rot[q + 3] * dy + rot[q + 6] * dz, ly = rot[q + 1] * dx + rot[q + 4] * dy + rot[q + 7] * dz;
      if (Math.abs(lx) > dims[3 * b] || Math.abs(ly) > dims[3 * b + 1] || depth > 2 * dims[3 * b + 2]) return;
    }
    int k = contactCount;
    if (k == cA.length) growContacts();
    cA[k] = pairA;
    cB[k] = pairB;
    cKey[k] = ((long) pairA << (SLOT_BITS + FEATURE_BITS)) | ((long) pairB << FEATURE_BITS) | feature;
    cPoint[3 * k] = px;
    cPoint[3 * k + 1] = py;
    cPoint[3 * k + 2] = pz;
    cNormal[3 * k] = nx;
    cNormal[3 * k + 1] = ny;
    cNormal[3 * k + 2] = nz;
    cDepth[k] = depth;
    contactCount = k + 1;
  }

  private void growContacts() {
    int cap = cA.length * 2;
    cA = Arrays.copyOf(cA, cap);
    cB = Arrays.copyOf(cB, cap);
    cKey = Arrays.copyOf(cKey, cap);
    cPoint = Arrays.copyOf(cPoint, cap * 3);
    cNormal = Arrays.copyOf(cNormal, cap * 3);
    cDepth = Arrays.copyOf(cDepth, cap);
  }

  /** Fills {@code order} with contact indices in ascending key order (keys are unique). */
  private void sortContacts() {
    int c = contactCount;
    if (order.length < c) {
      order = new int[cA.length];
      sortScratch = new long[cA.length];
    }
    // keys are unique and < 2^64 / 2, so sort (key) and recover indices by binary search of a sorted copy
    long[] keys = sortScratch;
    System.arraycopy(cKey, 0, keys, 0, c);
    Arrays.sort(keys, 0, c);
    for (int i = 0; i < c; i++) {
      int at = Arrays.binarySearch(keys, 0, c, cKey[i]);
      order[at] = i;
    }
  }

  double slotFriction(int s) {
    return friction[s];
  }

  double slotRestitution(int s) {
    return restitution[s];
  }

  double[] slotPositions() {
    return pos;
  }

  // ------------------------------------------------------------------ reporting

  @Override
  public List<Contact> contacts() {
    List<Contact> out = new ArrayList<>();
    double[] impulse = solver.normalImpulses();
    int i = 0;
    while (i < contactCount) {
      int first = order[i];
      int a = cA[first], b = cB[first];
      double sum = 0, px = 0, py = 0, pz = 0, deepest = Double.NEGATIVE_INFINITY, dx = 0, dy = 0, dz = 0;
      int j = i;
      while (j < contactCount && cA[order[j]] == a && cB[order[j]] == b) {
        int k = order[j];
        double l = impulse[j];
        if (cDepth[k] > deepest) {
          deepest = cDepth[k];
          dx = cPoint[3 * k];
          dy = cPoint[3 * k + 1];
          dz = cPoint[3 * k + 2];
        }
        sum += l;
        px += l * cPoint[3 * k];
        py += l * cPoint[3 * k + 1];
        pz += l * cPoint[3 * k + 2];
        j++;
      }
      if (!(sum > 0) && deepest > 0) {
        // touching without an impulse: a moving fixture against a fixture or a carried part
        sum = 0;
        px = dx;
        py = dy;
        pz = dz;
        boolean flip = a > b;
        int sa = flip ? b : a, sb = flip ? a : b;
        double sign = flip ? -1 : 1;
        out.add(new Contact(names[sa], names[sb], 0, new Vec3(px, py, pz),
            new Vec3(sign * cNormal[3 * first], sign * cNormal[3 * first + 1], sign * cNormal[3 * first + 2])));
      } else if (sum > 0) {
        // report with the workpiece (lower slot) first
        boolean flip = a > b;
        int sa = flip ? b : a, sb = flip ? a : b;
        double sign = flip ? -1 : 1;
        out.add(new Contact(names[sa], names[sb], sum, new Vec3(px / sum, py / sum, pz / sum),
            new Vec3(sign * cNormal[3 * first], sign * cNormal[3 * first + 1], sign * cNormal[3 * first + 2])));
      }
      i = j;
    }
    // calm items touch their belts without rows this step: report them from their kept impulses
    for (int c = 0; c < carryCount; c++) {
      long key = carryKeys[c];
      int a = (int) (key >>> (SLOT_BITS + FEATURE_BITS));
      int b = (int) ((key >>> FEATURE_BITS) & ((1L << SLOT_BITS) - 1));
      double sum = 0;
      int e = c;
      for (; e < carryCount && (carryKeys[e] >>> FEATURE_BITS) == (key >>> FEATURE_BITS); e++) {
        sum += carryVals[e * SolverCache.STRIDE];
      }
      if (a < n && calm[a] && sum > 0) {
        out.add(new Contact(names[a], names[b], sum, new Vec3(pos[3 * a], pos[3 * a + 1], pos[3 * a + 2]),
            new Vec3(beltUp[3 * b], beltUp[3 * b + 1], beltUp[3 * b + 2])));
      }
      c = e - 1;
    }
    return out;
  }

  /** Sum of last step's normal impulses [N·s] on body {@code i} from fixtures and the floor. */
  public double staticNormalImpulse(int i) {
    double[] impulse = solver.normalImpulses();
    double sum = 0;
    for (int j = 0; j < contactCount; j++) {
      int k = order[j];
      if ((cA[k] == i && cB[k] >= n) || (cB[k] == i && cA[k] >= n)) sum += impulse[j];
    }
    return sum;
  }

  // ------------------------------------------------------------------ JBullet glue

  private final Vector3f aabbMin = new Vector3f(), aabbMax = new Vector3f();

  /**
   * JBullet's collision world with the AABB update replaced: bodies get tight boxes from the exact
   * double-precision geometry, grown by the contact margin and by how far they can move this step
   * (so a fast body's pairs exist before it arrives). Fixtures keep the boxes JBullet gave them
   * when they were added.
   */
  private final class SweptCollisionWorld extends CollisionWorld {
    SweptCollisionWorld(CollisionDispatcher d, DbvtBroadphase b, DefaultCollisionConfiguration c) {
      super(d, b, c);
    }

    @Override
    public void performDiscreteCollisionDetection() {
      updateAabbs();
      getBroadphase().calculateOverlappingPairs(getDispatcher());
      findCalm(getPairCache().getOverlappingPairArray());
      if (settings.sleeping()) islands(getPairCache().getOverlappingPairArray());
      getDispatcher().dispatchAllCollisionPairs(getPairCache(), getDispatchInfo(), getDispatcher());
    }

    @Override
    public void updateAabbs() {
      for (int i = 0; i < n; i++) {
        if (frozen[i]) continue;
        double grow = settings.contactMargin() + (asleep[i] ? 0 : reach[i]);
        for (int c = 0; c < 3; c++) {
          double e = extent(i, c) + grow;
          double p = pos[3 * i + c];
          aabb[6 * i + c] = p - e;
          aabb[6 * i + 3 + c] = p + e;
          float lo = (float) (p - e), hi = (float) (p + e);
          // round outwards so the float box still holds the double geometry
          lo = Math.nextDown(lo);
          hi = Math.nextUp(hi);
          if (c == 0) { aabbMin.x = lo; aabbMax.x = hi; }
          else if (c == 1) { aabbMin.y = lo; aabbMax.y = hi; }
          else { aabbMin.z = lo; aabbMax.z = hi; }
        }
        // a sleeping body's box does not change: leave it, so the broadphase can file it as fixed
        if (!asleep[i]) getBroadphase().setAabb(objects[i].getBroadphaseHandle(), aabbMin, aabbMax, getDispatcher());
      }
    }
  }

  // ------------------------------------------------------------------ calm items on belts

  private SimState currentState;

  /**
   * Finds calm items: a body whose only broadphase neighbour is a belt, which moves at exactly the
   * belt's surface velocity without turning, and which touched that belt last step (its contacts are
   * in the cache). It rides on kinematically this step: no gravity (the belt carries it), no contact
   * generation, no solver rows; its cached contacts are kept for when it rejoins. Everything here is
   * a function of the state and the geometry, so a restored state finds the same calm items.
   */
  private void findCalm(ObjectArrayList<BroadphasePair> pairs) {
    java.util.Arrays.fill(partners, 0);
    for (int p = 0; p < pairs.size(); p++) {
      BroadphasePair pair = pairs.getQuick(p);
      int a = (Integer) ((CollisionObject) pair.pProxy0.clientObject).getUserPointer();
      int b = (Integer) ((CollisionObject) pair.pProxy1.clientObject).getUserPointer();
      if (a < n && b < n && !boxesOverlap(a, b)) continue;
      // the floor's box is unbounded: it is a neighbour only of what reaches down to it
      if (a < n && b >= n && kind[b] == PLANE && aabb[6 * a + 2] > 0) continue;
      if (b < n && a >= n && kind[a] == PLANE && aabb[6 * b + 2] > 0) continue;
      if (a < n) {
        partners[a]++;
        partnerSlot[a] = b;
      }
      if (b < n) {
        partners[b]++;
        partnerSlot[b] = a;
      }
    }
    SimState state = currentState;
    double[] sv = state.velocities(), sw = state.angularVelocities();
    SolverCache cache = state.solverCache();
    boolean[] carried = state.carried();
    for (int i = 0; i < n; i++) {
      calm[i] = false;
      if (partners[i] != 1 || frozen[i] || asleep[i] || carried[i] || linked[i] || assembled[root[i]] || root[i] != i) continue;
      int b = partnerSlot[i];
      if (b < n || !isBelt(b)) continue;
      // wholly over the belt: an item reaching past the belt's end or edge must tip and fall as
      // physics says, not glide on
      int q = 9 * b;
      double dx = pos[3 * i] - pos[3 * b], dy = pos[3 * i + 1] - pos[3 * b + 1], dz = pos[3 * i + 2] - pos[3 * b + 2];
      double lx = rot[q] * dx + rot[q + 3] * dy + rot[q + 6] * dz, ly = rot[q + 1] * dx + rot[q + 4] * dy + rot[q + 7] * dz;
      double ex = extentAlong(i, rot[q], rot[q + 3], rot[q + 6]), ey = extentAlong(i, rot[q + 1], rot[q + 4], rot[q + 7]);
      if (Math.abs(lx) > dims[3 * b] - ex || Math.abs(ly) > dims[3 * b + 1] - ey) continue;
      if (externalForce[3 * i] != 0 || externalForce[3 * i + 1] != 0 || externalForce[3 * i + 2] != 0) continue;
      if (sw[3 * i] != 0 || sw[3 * i + 1] != 0 || sw[3 * i + 2] != 0) continue;
      if (preV[3 * i] != slotVel[3 * b] || preV[3 * i + 1] != slotVel[3 * b + 1] || preV[3 * i + 2] != slotVel[3 * b + 2]) continue;
      long prefix = ((long) i << (SLOT_BITS + FEATURE_BITS)) | ((long) b << FEATURE_BITS);
      int at = cache.find(prefix);
      int next = at >= 0 ? at : -at - 1;
      if (next >= cache.size() || (cache.keys()[next] >>> FEATURE_BITS) != (prefix >>> FEATURE_BITS)) continue;
      calm[i] = true;
      System.arraycopy(preV, 3 * i, sv, 3 * i, 3); // the belt carries it: no gravity
      System.arraycopy(preV, 3 * i, sbV, 3 * i, 3);
    }
  }

  /** Number of bodies that rode their belt calmly (kinematically) in the last step. */
  public int calmBodies() {
    int c = 0;
    for (boolean b : calm) if (b) c++;
    return c;
  }

  /** Half-width of body {@code i}'s shape along the unit world direction (x, y, z) [m]. */
  private double extentAlong(int i, double x, double y, double z) {
    if (kind[i] != BOX) return boundRadius[i];
    int r = 9 * i;
    // body axis k in world = column k of the rotation
    return Math.abs(rot[r] * x + rot[r + 3] * y + rot[r + 6] * z) * dims[3 * i]
        + Math.abs(rot[r + 1] * x + rot[r + 4] * y + rot[r + 7] * z) * dims[3 * i + 1]
        + Math.abs(rot[r + 2] * x + rot[r + 5] * y + rot[r + 8] * z) * dims[3 * i + 2];
  }

  /** Keeps the cached contacts of calm items, which make no rows this step. */
  private void carryCalmCache(SolverCache cache) {
    carryCount = 0;
    long[] keys = cache.keys();
    double[] vals = cache.values();
    for (int e = 0; e < cache.size(); e++) {
      long key = keys[e];
      int a = (int) (key >>> (SLOT_BITS + FEATURE_BITS));
      int b = (int) ((key >>> FEATURE_BITS) & ((1L << SLOT_BITS) - 1));
      if (!(a < n && calm[a]) && !(b < n && calm[b])) continue;
      if (carryCount == carryKeys.length) {
        carryKeys = java.util.Arrays.copyOf(carryKeys, carryCount * 2);
        carryVals = java.util.Arrays.copyOf(carryVals, carryCount * 2 * SolverCache.STRIDE);
      }
      carryKeys[carryCount] = key;
      System.arraycopy(vals, e * SolverCache.STRIDE, carryVals, carryCount * SolverCache.STRIDE, SolverCache.STRIDE);
      carryCount++;
    }
  }

  long[] carryKeys() {
    return carryKeys;
  }

  double[] carryValues() {
    return carryVals;
  }

  private boolean[] otherContact = new boolean[0];
  private int[] beltContact = new int[0];

  /**
   * An item that this step touched only its belt, and whose solved velocity is within 1e-5 m/s of the
   * belt surface's without turning faster than 1e-5 rad/s, is set to exactly the belt's velocity: from
   * the next step on it rides calm. The snap changes its speed by at most 1e-5 m/s.
   */
  private void snapToBelts() {
    if (beltSlot.length == 0) return;
    if (otherContact.length < n) {
      otherContact = new boolean[n];
      beltContact = new int[n];
    }
    java.util.Arrays.fill(otherContact, 0, n, false);
    java.util.Arrays.fill(beltContact, 0, n, -1);
    for (int j = 0; j < contactCount; j++) {
      int a = cA[j], b = cB[j];
      if (a < n) {
        if (b >= n && isBelt(b) && (beltContact[a] < 0 || beltContact[a] == b)) beltContact[a] = b;
        else otherContact[a] = true;
      }
      if (b < n) otherContact[b] = true;
    }
    boolean[] carried = currentState.carried();
    for (int i = 0; i < n; i++) {
      int b = beltContact[i];
      if (b < 0 || otherContact[i] || calm[i] || partners[i] != 1 || frozen[i] || asleep[i] || carried[i] || linked[i]
          || root[i] != i || assembled[i]) continue;
      double tol = 1e-5;
      if (Math.abs(sbV[3 * i] - slotVel[3 * b]) < tol && Math.abs(sbV[3 * i + 1] - slotVel[3 * b + 1]) < tol
          && Math.abs(sbV[3 * i + 2] - slotVel[3 * b + 2]) < tol && Math.abs(sbW[3 * i]) < tol
          && Math.abs(sbW[3 * i + 1]) < tol && Math.abs(sbW[3 * i + 2]) < tol) {
        System.arraycopy(slotVel, 3 * b, sbV, 3 * i, 3);
        sbW[3 * i] = sbW[3 * i + 1] = sbW[3 * i + 2] = 0;
      }
    }
  }

  // ------------------------------------------------------------------ sleeping

  /** Wakes sleeping bodies that something disturbed: a velocity or force written by a host, a link. */
  private void wakeDisturbed(SimState state) {
    double[] sv = state.velocities(), sw = state.angularVelocities(), rest = state.restTimes();
    for (int i = 0; i < n; i++) {
      if (!asleep[i]) continue;
      boolean moved = sv[3 * i] != 0 || sv[3 * i + 1] != 0 || sv[3 * i + 2] != 0 || sw[3 * i] != 0 || sw[3 * i + 1] != 0
          || sw[3 * i + 2] != 0 || externalForce[3 * i] != 0 || externalForce[3 * i + 1] != 0
          || externalForce[3 * i + 2] != 0 || linked[i] || !settings.sleeping() || frozen[i];
      if (moved) {
        asleep[i] = false;
        rest[i] = 0;
      }
    }
  }

  private int find(int i) {
    while (island[i] != i) {
      island[i] = island[island[i]];
      i = island[i];
    }
    return i;
  }

  /**
   * Groups bodies whose broadphase boxes overlap into islands (only boxes that overlap in this step's
   * exact geometry count, so pairs the broadphase has not yet cleaned out never join islands), and
   * wakes every island that has an awake member, before any contact is made. Islands are sets, so
   * the result does not depend on the order of the broadphase's pairs.
   */
  private void islands(ObjectArrayList<BroadphasePair> pairs) {
    for (int i = 0; i < n; i++) island[i] = i;
    for (int i = 0; i < n; i++) if (root[i] != i) island[find(i)] = find(root[i]);
    for (int p = 0; p < pairs.size(); p++) {
      BroadphasePair pair = pairs.getQuick(p);
      int a = (Integer) ((CollisionObject) pair.pProxy0.clientObject).getUserPointer();
      int b = (Integer) ((CollisionObject) pair.pProxy1.clientObject).getUserPointer();
      if (a >= n || b >= n || frozen[a] || frozen[b] || !boxesOverlap(a, b)) continue;
      int ra = find(a), rb = find(b);
      if (ra != rb) island[Math.max(ra, rb)] = Math.min(ra, rb);
    }
    // an island with an awake member wakes whole; rest timers restart for the woken
    java.util.Arrays.fill(awakeIsland, false);
    for (int i = 0; i < n; i++) {
      if (!frozen[i] && !asleep[i]) awakeIsland[find(i)] = true;
    }
    for (int i = 0; i < n; i++) {
      int r = find(i);
      if (asleep[i] && awakeIsland[r]) {
        asleep[i] = false;
        restTimes[i] = 0;
      }
    }
  }

  private boolean[] awakeIsland = new boolean[0];

  private boolean boxesOverlap(int a, int b) {
    for (int c = 0; c < 3; c++) {
      if (aabb[6 * a + 3 + c] < aabb[6 * b + c] || aabb[6 * b + 3 + c] < aabb[6 * a + c]) return false;
    }
    return true;
  }

  /**
   * After the step: bodies slower than the thresholds accumulate rest time; an island whose members
   * have all rested {@link PhysicsSettings#SLEEP_TIME} and none of which hangs on a link falls asleep
   * with its velocities zeroed.
   */
  private void settle(SimState state) {
    double[] sv = state.velocities(), sw = state.angularVelocities(), rest = state.restTimes();
    double lin2 = PhysicsSettings.SLEEP_LINEAR * PhysicsSettings.SLEEP_LINEAR;
    double ang2 = PhysicsSettings.SLEEP_ANGULAR * PhysicsSettings.SLEEP_ANGULAR;
    for (int i = 0; i < n; i++) {
      if (frozen[i] || asleep[i]) continue;
      double v2 = sv[3 * i] * sv[3 * i] + sv[3 * i + 1] * sv[3 * i + 1] + sv[3 * i + 2] * sv[3 * i + 2];
      double w2 = sw[3 * i] * sw[3 * i] + sw[3 * i + 1] * sw[3 * i + 1] + sw[3 * i + 2] * sw[3 * i + 2];
      rest[i] = v2 < lin2 && w2 < ang2 && !linked[i] ? rest[i] + dt : 0;
    }
    // an island may sleep only if every member is ready (frozen members never hold it up)
    java.util.Arrays.fill(awakeIsland, false); // reused here as "not ready"
    for (int i = 0; i < n; i++) {
      if (!frozen[i] && !asleep[i] && rest[i] < PhysicsSettings.SLEEP_TIME) awakeIsland[find(i)] = true;
    }
    for (int i = 0; i < n; i++) {
      if (frozen[i] || asleep[i] || awakeIsland[find(i)]) continue;
      asleep[i] = true;
      for (int c = 0; c < 3; c++) {
        sv[3 * i + c] = 0;
        sw[3 * i + c] = 0;
      }
    }
  }

  /** Half-width of body {@code i}'s shape along world axis {@code c} [m]. */
  private double extent(int i, int c) {
    int r = 9 * i + 3 * c; // row c of the rotation: world axis c in body coordinates
    switch (kind[i]) {
      case BOX:
        return Math.abs(rot[r]) * dims[3 * i] + Math.abs(rot[r + 1]) * dims[3 * i + 1]
            + Math.abs(rot[r + 2]) * dims[3 * i + 2];
      case CYLINDER: {
        double a = rot[r + 2]; // component of the body's Z axis along world axis c
        return dims[3 * i] * Math.sqrt(Math.max(0, 1 - a * a)) + Math.abs(a) * dims[3 * i + 1];
      }
      default:
        return dims[3 * i];
    }
  }

  /** Creates our pair algorithm for every shape pair JBullet's dispatcher asks about. */
  private final class PairAlgorithmFactory extends CollisionAlgorithmCreateFunc {
    @Override
    public CollisionAlgorithm createCollisionAlgorithm(CollisionAlgorithmConstructionInfo ci, CollisionObject body0,
        CollisionObject body1) {
      PairAlgorithm a = new PairAlgorithm();
      a.init(ci);
      return a;
    }

    @Override
    public void releaseCollisionAlgorithm(CollisionAlgorithm algo) {}
  }

  /**
   * The JBullet collision algorithm of one broadphase pair: hands the pair to {@link #collide}.
   * Stateless, so results never depend on how long a pair has existed.
   */
  private final class PairAlgorithm extends CollisionAlgorithm {
    @Override
    public void destroy() {}

    @Override
    public void processCollision(CollisionObject body0, CollisionObject body1, DispatcherInfo dispatchInfo,
        ManifoldResult resultOut) {
      collide((Integer) body0.getUserPointer(), (Integer) body1.getUserPointer());
    }

    @Override
    public float calculateTimeOfImpact(CollisionObject body0, CollisionObject body1, DispatcherInfo dispatchInfo,
        ManifoldResult resultOut) {
      return 1f;
    }

    @Override
    public void getAllContactManifolds(ObjectArrayList<PersistentManifold> manifoldArray) {}
  }

  double[] slotRotations() {
    return rot;
  }

  /** Writes the keys of this step's contacts in ascending order (the solver's row order). */
  void fillSortedKeys(long[] keys) {
    System.arraycopy(sortScratch, 0, keys, 0, contactCount);
  }
}
