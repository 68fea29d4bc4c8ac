package io.factorytwin.core.sim;

import java.util.Arrays;

/**
 * Everything about a simulation that changes over time, in flat arrays (MuJoCo's {@code mjData}).
 * A fork is {@link #copy()}; a restore is {@link #set(SimState)}.
 *
 * <p><b>What a snapshot holds</b>, all of it copied by {@link #copy()} and compared by
 * {@link #bitwiseEquals(SimState)}:
 * <ul>
 *   <li>the clock: {@link #tick()} (integer ticks of the layout's step) and the {@link #seed()};</li>
 *   <li>per body {@code i} (the layout's workpieces, in order): position [m], rotation as a unit
 *       quaternion {@code (w, x, y, z)} body to world, linear velocity [m/s] and angular velocity
 *       [rad/s], both in the world frame;</li>
 *   <li>the last actions applied, in action-schema order;</li>
 *   <li>the equipment array: actuator positions and speeds, rope tension, attachments, latches;</li>
 *   <li>per body, its time at rest and whether it sleeps (when the backend lets bodies sleep), and
 *       whether equipment carries it;</li>
 *   <li>the solver's warm-start cache ({@link SolverCache}): the contact impulses of the last step,
 *       keyed by body pair and contact feature, so that a restored state continues bit for bit as
 *       the uninterrupted one would;</li>
 *   <li>health counters ({@link Health}).</li>
 * </ul>
 * What it does not hold: the backend's broadphase, contact manifolds and other acceleration
 * structures. Those are rebuilt from the poses on every step and do not affect results.
 *
 * <p>Confined to one thread: one state per worker, over a shared immutable layout.
 */
public final class SimState {
  private long tick;
  private final long seed;
  private final int bodies;
  private final double[] pos;
  private final double[] rot;
  private final double[] vel;
  private final double[] angVel;
  private final double[] actions;
  private final double[] equipment;
  private final double[] restTime;
  private final boolean[] asleep;
  private final boolean[] carried;
  private final SolverCache solverCache;
  private final Health health;

  /**
   * A zeroed state for {@code bodies} bodies (identity rotations), {@code actions} action channels and
   * {@code equipment} equipment slots. Normally made by {@code Layout.newState(seed)}.
   */
  public SimState(int bodies, int actions, int equipment, long seed) {
    this.bodies = bodies;
    this.seed = seed;
    this.pos = new double[3 * bodies];
    this.rot = new double[4 * bodies];
    this.vel = new double[3 * bodies];
    this.angVel = new double[3 * bodies];
    this.actions = new double[actions];
    this.equipment = new double[equipment];
    this.restTime = new double[bodies];
    this.asleep = new boolean[bodies];
    this.carried = new boolean[bodies];
    for (int i = 0; i < bodies; i++) rot[4 * i] = 1;
    this.solverCache = new SolverCache();
    this.health = new Health();
  }

  private SimState(SimState o) {
    this.tick = o.tick;
    this.seed = o.seed;
    this.bodies = o.bodies;
    this.pos = o.pos.clone();
    this.rot = o.rot.clone();
    this.vel = o.vel.clone();
    this.angVel = o.angVel.clone();
    this.actions = o.actions.clone();
    this.equipment = o.equipment.clone();
    this.restTime = o.restTime.clone();
    this.asleep = o.asleep.clone();
    this.carried = o.carried.clone();
    this.solverCache = o.solverCache.copy();
    this.health = o.health.copy();
  }

  /** A deep copy: a fork that evolves independently. */
  public SimState copy() {
    return new SimState(this);
  }

  /**
   * Makes this state equal to {@code o} (restore from a snapshot).
   *
   * @throws IllegalArgumentException if {@code o} has another number of bodies or actions
   */
  public void set(SimState o) {
    if (o.bodies != bodies || o.actions.length != actions.length || o.equipment.length != equipment.length) {
      throw new IllegalArgumentException("state: snapshot has " + o.bodies + " bodies and " + o.actions.length
          + " actions, this state " + bodies + " and " + actions.length);
    }
    if (o.seed != seed) {
      throw new IllegalArgumentException("state: snapshot seed " + o.seed + ", this state's seed is " + seed);
    }
    tick = o.tick;
    System.arraycopy(o.pos, 0, pos, 0, pos.length);
    System.arraycopy(o.rot, 0, rot, 0, rot.length);
    System.arraycopy(o.vel, 0, vel, 0, vel.length);
    System.arraycopy(o.angVel, 0, angVel, 0, angVel.length);
    System.arraycopy(o.actions, 0, actions, 0, actions.length);
    System.arraycopy(o.equipment, 0, equipment, 0, equipment.length);
    System.arraycopy(o.restTime, 0, restTime, 0, restTime.length);
    System.arraycopy(o.asleep, 0, asleep, 0, asleep.length);
    System.arraycopy(o.carried, 0, carried, 0, carried.length);
    solverCache.set(o.solverCache);
    health.set(o.health);
  }

  /** Ticks elapsed since the start. */
  public long tick() {
    return tick;
  }

  /** Advances the clock by one tick; called by the stepper. */
  public void advanceTick() {
    tick++;
  }

  /** The seed that the state's random streams derive from. */
  public long seed() {
    return seed;
  }

  /** Number of bodies. */
  public int bodyCount() {
    return bodies;
  }

  /** Component {@code c} (0..2) of body {@code i}'s position [m]. */
  public double position(int i, int c) {
    return pos[3 * i + c];
  }

  /** Component {@code c} (0 = w, 1..3 = x, y, z) of body {@code i}'s rotation quaternion. */
  public double rotation(int i, int c) {
    return rot[4 * i + c];
  }

  /** Component {@code c} of body {@code i}'s linear velocity [m/s]. */
  public double velocity(int i, int c) {
    return vel[3 * i + c];
  }

  /** Component {@code c} of body {@code i}'s angular velocity [rad/s]. */
  public double angularVelocity(int i, int c) {
    return angVel[3 * i + c];
  }

  /** Sets body {@code i}'s pose: position [m] and unit quaternion. */
  public void setPose(int i, double x, double y, double z, double qw, double qx, double qy, double qz) {
    pos[3 * i] = x;
    pos[3 * i + 1] = y;
    pos[3 * i + 2] = z;
    rot[4 * i] = qw;
    rot[4 * i + 1] = qx;
    rot[4 * i + 2] = qy;
    rot[4 * i + 3] = qz;
  }

  /** Sets body {@code i}'s linear [m/s] and angular [rad/s] velocity. */
  public void setVelocity(int i, double vx, double vy, double vz, double wx, double wy, double wz) {
    vel[3 * i] = vx;
    vel[3 * i + 1] = vy;
    vel[3 * i + 2] = vz;
    angVel[3 * i] = wx;
    angVel[3 * i + 1] = wy;
    angVel[3 * i + 2] = wz;
  }

  /** The position array {@code [body][xyz]}, flat, length 3·bodies; live, for backends. */
  public double[] positions() {
    return pos;
  }

  /** The rotation array {@code [body][wxyz]}, flat, length 4·bodies; live, for backends. */
  public double[] rotations() {
    return rot;
  }

  /** The linear velocity array {@code [body][xyz]}, flat; live, for backends. */
  public double[] velocities() {
    return vel;
  }

  /** The angular velocity array {@code [body][xyz]}, flat; live, for backends. */
  public double[] angularVelocities() {
    return angVel;
  }

  /** The last actions applied, in action-schema order; live. */
  public double[] actions() {
    return actions;
  }

  /**
   * Actuator and equipment state (axis positions and speeds, rope tension, attachments, latches), laid
   * out by the layout's equipment (e.g. {@code io.factorytwin.core.equipment.Crane}); live.
   */
  public double[] equipment() {
    return equipment;
  }

  /**
   * Per body: how long it has been at rest [s] (below the backend's sleep thresholds), used when the
   * backend lets resting bodies sleep; live.
   */
  public double[] restTimes() {
    return restTime;
  }

  /**
   * Per body: asleep (not integrated, not solved, velocities zero) until something wakes it; live. A
   * host that writes a velocity into a sleeping body wakes it.
   */
  public boolean[] asleep() {
    return asleep;
  }

  /**
   * Per body: carried by equipment (a gripper holds it): its pose and velocity are written by the
   * equipment each step, and the physics treats it as infinitely heavy, moving as told; live.
   */
  public boolean[] carried() {
    return carried;
  }

  /** The solver's warm-start cache (written by the physics backend). */
  public SolverCache solverCache() {
    return solverCache;
  }

  /** Health counters. */
  public Health health() {
    return health;
  }

  /** True when every field of the two states is bit for bit the same (NaN payloads included). */
  public boolean bitwiseEquals(SimState o) {
    return tick == o.tick && seed == o.seed && bodies == o.bodies && bits(pos, o.pos) && bits(rot, o.rot)
        && bits(vel, o.vel) && bits(angVel, o.angVel) && bits(actions, o.actions) && bits(equipment, o.equipment)
        && bits(restTime, o.restTime) && Arrays.equals(asleep, o.asleep) && Arrays.equals(carried, o.carried)
        && solverCache.bitwiseEquals(o.solverCache) && health.equals(o.health);
  }

  private static boolean bits(double[] a, double[] b) {
    if (a.length != b.length) return false;
    for (int i = 0; i < a.length; i++) {
      if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return "SimState[tick " + tick + ", " + bodies + " bodies, " + solverCache.size() + " cached contacts, "
        + health + "]";
  }
}
