package io.factorytwin.benchmarks.jbullet;

import com.bulletphysics.collision.broadphase.DbvtBroadphase;
import com.bulletphysics.collision.dispatch.CollisionDispatcher;
import com.bulletphysics.collision.dispatch.CollisionObject;
import com.bulletphysics.collision.dispatch.DefaultCollisionConfiguration;
import com.bulletphysics.collision.narrowphase.PersistentManifold;
import com.bulletphysics.collision.shapes.BoxShape;
import com.bulletphysics.collision.shapes.CollisionShape;
import com.bulletphysics.collision.shapes.SphereShape;
import com.bulletphysics.collision.shapes.StaticPlaneShape;
import com.bulletphysics.dynamics.DiscreteDynamicsWorld;
import com.bulletphysics.dynamics.RigidBody;
import com.bulletphysics.dynamics.RigidBodyConstructionInfo;
import com.bulletphysics.dynamics.constraintsolver.Point2PointConstraint;
import com.bulletphysics.dynamics.constraintsolver.SequentialImpulseConstraintSolver;
import com.bulletphysics.linearmath.DefaultMotionState;
import com.bulletphysics.linearmath.Transform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.vecmath.Quat4f;
import javax.vecmath.Vector3f;

/**
 * The five anchor scenes of ../shared/anchors/scenes.md in plain JBullet 1.0.3 at engine defaults,
 * built as the native Bullet 3.24 harness (bullet-native/scenes.cpp) builds them: Y-up,
 * {@code DiscreteDynamicsWorld} with a Dbvt broadphase, {@code SequentialImpulseConstraintSolver}
 * and {@code DefaultCollisionConfiguration}, default solver info (10 iterations), static planes for
 * the ground, {@code DefaultMotionState}, damping 0, restitution 0, deactivation disabled except in
 * pile-sleep, friction combined by JBullet's product rule. This is the baseline FactoryTwin's twin
 * is measured against, not FactoryTwin code.
 *
 * <p>Every {@link Scene#step()} is one {@code stepSimulation(1/240, 1, 1/240)}; for conveyor-lite
 * it first applies the belt's friction-limited drive force. Not thread-safe; JBullet keeps some
 * globals per thread ({@code BulletGlobals}), so build and step a scene on one thread.
 */
public final class JBulletScenes {
  private JBulletScenes() {}

  /** Step [s] and gravity [m/s²] of every scene. */
  public static final float DT = 1f / 240f;
  public static final float G = 9.81f;
  /** conveyor-lite: belt speed along +x [m/s], box–belt friction and box mass [kg]. */
  public static final double BELT_SPEED = 0.5, BELT_MU = 0.5, CONVEYOR_BOX_MASS = 1.0;
  /** pendulum: link length [m], mass [kg], ball radius [m] and release angle [rad]. */
  public static final double PENDULUM_LENGTH = 5.0, PENDULUM_MASS = 100.0, PENDULUM_RADIUS = 0.2,
      PENDULUM_RELEASE = Math.toRadians(10);
  /** slide: incline angle [rad]. */
  public static final double SLIDE_ANGLE = Math.toRadians(20);
  /** slide: friction used when the scene is built by name (the box holds: tan 20° = 0.364 < 0.5). */
  public static final double SLIDE_BENCH_MU = 0.5;

  /** Builds a scene by its scenes.md name: pile, pile-sleep, pendulum, slide (μ = 0.5) or conveyor-lite. */
  public static Scene build(String name) {
    return switch (name) {
      case "pile" -> pile(false);
      case "pile-sleep" -> pile(true);
      case "pendulum" -> pendulum();
      case "slide" -> slide(SLIDE_BENCH_MU);
      case "conveyor-lite", "conveyor" -> conveyorLite();
      default -> throw new IllegalArgumentException("scene: " + name
          + ", must be one of pile, pile-sleep, pendulum, slide, conveyor-lite");
    };
  }

  /** Steps the scenes.md protocol runs before timing: 240 for pile, pile-sleep and conveyor-lite, else 0. */
  public static int settleSteps(String name) {
    return switch (name) {
      case "pile", "pile-sleep", "conveyor-lite", "conveyor" -> 240;
      default -> 0;
    };
  }

  /**
   * pile: static plane y = 0 (friction 0.5); 200 boxes of 0.5 m, 1 kg, friction 0.5 on a 10 (x) ×
   * 2 (y) × 10 (z) grid at 0.6 m pitch, centres at x, z = (i − 4.5)·0.6, y = 0.30 + 0.6·j.
   *
   * @param canSleep true for pile-sleep: the boxes keep JBullet's default deactivation
   */
  public static Scene pile(boolean canSleep) {
    Scene s = new Scene(canSleep ? "pile-sleep" : "pile");
    s.ground = s.add(new StaticPlaneShape(new Vector3f(0, 1, 0), 0), 0, transform(0, 0, 0, null), 0.5, false);
    BoxShape box = new BoxShape(new Vector3f(0.25f, 0.25f, 0.25f));
    for (int j = 0; j < 2; j++) {
      for (int i = 0; i < 10; i++) {
        for (int k = 0; k < 10; k++) {
          s.bodies.add(s.add(box, 1.0, transform((i - 4.5) * 0.6, 0.30 + 0.6 * j, (k - 4.5) * 0.6, null), 0.5, canSleep));
        }
      }
    }
    return s;
  }

  /**
   * pendulum: sphere r = 0.2 m, 100 kg, released at rest 10° from the vertical, held by a
   * {@code Point2PointConstraint} whose pivot is 5 m above the centre, at the world origin.
   */
  public static Scene pendulum() {
    double l = PENDULUM_LENGTH, th = PENDULUM_RELEASE;
    Scene s = new Scene("pendulum");
    RigidBody ball = s.add(new SphereShape((float) PENDULUM_RADIUS), PENDULUM_MASS,
        transform(l * Math.sin(th), -l * Math.cos(th), 0, null), 0.5, false);
    s.bodies.add(ball);
    s.pivotInBall = new Vector3f((float) (-l * Math.sin(th)), (float) (l * Math.cos(th)), 0);
    s.joint = new Point2PointConstraint(ball, s.pivotInBall);
    s.world.addConstraint(s.joint);
    return s;
  }

  /**
   * slide: static plane through the origin with normal (sin 20°, cos 20°, 0), friction 1.0; a box of
   * 0.5 m, 1 kg, friction {@code mu}, aligned with the slope, centre 0.25 m above the plane, at rest.
   * Downhill is (cos 20°, −sin 20°, 0).
   */
  public static Scene slide(double mu) {
    double th = SLIDE_ANGLE;
    Scene s = new Scene("slide");
    Vector3f n = new Vector3f((float) Math.sin(th), (float) Math.cos(th), 0);
    s.ground = s.add(new StaticPlaneShape(n, 0), 0, transform(0, 0, 0, null), 1.0, false);
    Vector3f p0 = new Vector3f(n);
    p0.scale(0.25f);
    s.bodies.add(s.add(new BoxShape(new Vector3f(0.25f, 0.25f, 0.25f)), 1.0,
        transform(p0.x, p0.y, p0.z, axisAngle(0, 0, 1, -th)), mu, false));
    return s;
  }

  /**
   * conveyor-lite: static plane y = 0 with friction 0; 50 boxes (0.5 m, 1 kg, friction 0.5), box i
   * at x = (i % 10)·1.2 − 5.4, z = (i / 10)·1.0 − 2.0, y = 0.6 + 0.3·(i % 3), rotated 0.2·(i % 5) rad
   * about (1, 0, 1)/√2. Before each step every box touching the plane is driven towards the belt
   * speed (see {@link Scene#step()}).
   */
  public static Scene conveyorLite() {
    Scene s = new Scene("conveyor-lite");
    s.conveyor = true;
    s.ground = s.add(new StaticPlaneShape(new Vector3f(0, 1, 0), 0), 0, transform(0, 0, 0, null), 0.0, false);
    BoxShape box = new BoxShape(new Vector3f(0.25f, 0.25f, 0.25f));
    double a = 1 / Math.sqrt(2);
    for (int i = 0; i < 50; i++) {
      s.bodies.add(s.add(box, CONVEYOR_BOX_MASS,
          transform((i % 10) * 1.2 - 5.4, 0.6 + 0.3 * (i % 3), (i / 10) * 1.0 - 2.0, axisAngle(a, 0, a, 0.2 * (i % 5))),
          0.5, false));
    }
    return s;
  }

  private static Quat4f axisAngle(double ax, double ay, double az, double angle) {
    double s = Math.sin(angle / 2);
    return new Quat4f((float) (ax * s), (float) (ay * s), (float) (az * s), (float) Math.cos(angle / 2));
  }

  private static Transform transform(double x, double y, double z, Quat4f q) {
    Transform t = new Transform();
    t.setIdentity();
    if (q != null) t.setRotation(q);
    t.origin.set((float) x, (float) y, (float) z);
    return t;
  }

  /** One JBullet world of an anchor scene, with the bodies in the order scenes.md builds them. */
  public static final class Scene {
    private final String name;
    private final CollisionDispatcher dispatcher;
    private final DiscreteDynamicsWorld world;
    private final List<RigidBody> bodies = new ArrayList<>();
    private RigidBody ground;
    private boolean conveyor;
    private Point2PointConstraint joint;
    private Vector3f pivotInBall;
    private long calls, steps;
    private int touching;
    private final Vector3f force = new Vector3f(), velocity = new Vector3f();

    private Scene(String name) {
      this.name = name;
      DefaultCollisionConfiguration config = new DefaultCollisionConfiguration();
      dispatcher = new CollisionDispatcher(config);
      world = new DiscreteDynamicsWorld(dispatcher, new DbvtBroadphase(), new SequentialImpulseConstraintSolver(), config);
      world.setGravity(new Vector3f(0, -G, 0));
    }

    private RigidBody add(CollisionShape shape, double mass, Transform t, double friction, boolean canSleep) {
      Vector3f inertia = new Vector3f();
      if (mass > 0) shape.calculateLocalInertia((float) mass, inertia);
      RigidBodyConstructionInfo ci = new RigidBodyConstructionInfo((float) mass, new DefaultMotionState(t), shape, inertia);
      ci.friction = (float) friction;
      ci.restitution = 0;
      ci.linearDamping = 0;
      ci.angularDamping = 0;
      RigidBody b = new RigidBody(ci);
      if (mass > 0 && !canSleep) b.setActivationState(CollisionObject.DISABLE_DEACTIVATION);
      world.addRigidBody(b);
      return b;
    }

    /**
     * One step: for conveyor-lite the drive forces first, then {@code stepSimulation(1/240, 1, 1/240)}.
     */
    public void step() {
      if (conveyor) drive();
      calls++;
      if (world.stepSimulation(DT, 1, DT) >= 1) steps++;
    }

    /**
     * The belt of conveyor-lite, as scenes.md gives it: every box whose manifold with the plane
     * carried a positive normal impulse in the last step gets F = m·(v_belt − v_h)/dt, horizontal,
     * clamped to |F| ≤ μ_belt·N with N = (sum of the manifold's normal impulses)/dt. JBullet clears
     * applied forces after each step, so boxes off the belt get none.
     */
    private void drive() {
      int touched = 0;
      for (int i = 0, nm = dispatcher.getNumManifolds(); i < nm; i++) {
        PersistentManifold mf = dispatcher.getManifoldByIndexInternal(i);
        Object a = mf.getBody0(), c = mf.getBody1();
        if (a != ground && c != ground) continue;
        RigidBody body = (RigidBody) (a == ground ? c : a);
        double imp = 0;
        for (int j = 0; j < mf.getNumContacts(); j++) imp += mf.getContactPoint(j).appliedImpulse;
        if (imp <= 0) continue;
        touched++;
        double cap = BELT_MU * imp / DT;
        body.getLinearVelocity(velocity);
        double fx = CONVEYOR_BOX_MASS * (BELT_SPEED - velocity.x) / DT, fz = CONVEYOR_BOX_MASS * (0 - velocity.z) / DT;
        double mag = Math.sqrt(fx * fx + fz * fz);
        if (mag > cap) {
          fx *= cap / mag;
          fz *= cap / mag;
        }
        force.set((float) fx, 0, (float) fz);
        body.applyCentralForce(force);
      }
      touching = touched;
    }

    /** The scene's scenes.md name. */
    public String name() {
      return name;
    }

    /** The dynamics world (Y-up). */
    public DiscreteDynamicsWorld world() {
      return world;
    }

    /** The dynamic bodies in build order. */
    public List<RigidBody> bodies() {
      return Collections.unmodifiableList(bodies);
    }

    /** pendulum: the pivot in the ball's frame [m], a copy. */
    public Vector3f pivotInBall() {
      return new Vector3f(pivotInBall);
    }

    /** conveyor-lite: boxes that got a drive force before the last step. */
    public int touching() {
      return touching;
    }

    /**
     * Checks that every {@code stepSimulation} call ran exactly one internal step (JBullet starts its
     * clock at 1/60 s, so a careless first call can run several).
     *
     * @throws IllegalStateException if some call ran none
     */
    public void checkOneStepPerCall() {
      if (steps != calls) {
        throw new IllegalStateException(name + ": " + (calls - steps) + " of " + calls + " stepSimulation calls ran no step");
      }
    }
  }
}
