package io.factorytwin.core.rollout;

import io.factorytwin.core.geom.Quat;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Shape;
import io.factorytwin.core.layout.Workpiece;
import io.factorytwin.core.layout.Zone;
import io.factorytwin.core.sim.Contact;
import java.util.List;
import java.util.Set;

/**
 * The usual guards (docs/predicting.md, "Guards"). Each checks every recorded step of a predicted run;
 * the collision guards also check the contacts of every physics tick in between, so a touch shorter
 * than a step is not missed.
 *
 * <p>Stateless and thread-safe; the guards it makes are immutable.
 */
public final class Guards {
  private Guards() {}

  /**
   * A workpiece must stay out of a zone (a walkway, a machine's envelope). A box fails when one of its
   * eight corners or its centre is inside the zone; a cylinder or sphere when the zone comes within its
   * bounding radius of its centre (conservative: it may fail a little early, never late).
   *
   * @param zone      the zone's id
   * @param workpiece the workpiece's id (a crane's load, an arm's carried part)
   */
  public static Guard zone(String zone, String workpiece) {
    return new Named("zone " + zone, layout -> {
      Zone z = layout.zones().stream().filter(x -> x.id().equals(zone)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("guards.zone." + zone + ": no such zone in layout " + layout.name()));
      int base = bodyChannels(layout, workpiece, "guards.zone");
      Workpiece w = layout.workpieces().get(layout.bodyIndex(workpiece));
      Quat r = z.pose().rotation();
      Quat toZone = new Quat(r.w(), -r.x(), -r.y(), -r.z());
      Vec3 half = z.size().times(0.5);
      return stateless(s -> {
        Vec3 c = new Vec3(s[base], s[base + 1], s[base + 2]);
        if (z.contains(c)) return workpiece;
        if (w.shape() instanceof Shape.Box b) {
          Quat q = new Quat(s[base + 3], s[base + 4], s[base + 5], s[base + 6]);
          for (int i = 0; i < 8; i++) {
            Vec3 corner = new Vec3((i & 1) == 0 ? -b.sx() / 2 : b.sx() / 2, (i & 2) == 0 ? -b.sy() / 2 : b.sy() / 2,
                (i & 4) == 0 ? -b.sz() / 2 : b.sz() / 2);
            if (z.contains(c.plus(q.rotate(corner)))) return workpiece;
          }
          return null;
        }
        // distance from the centre to the zone's box, in the zone's frame
        Vec3 d = toZone.rotate(c.minus(z.pose().position()));
        double dx = Math.max(0, Math.abs(d.x()) - half.x()), dy = Math.max(0, Math.abs(d.y()) - half.y()),
            dz = Math.max(0, Math.abs(d.z()) - half.z());
        return Math.sqrt(dx * dx + dy * dy + dz * dz) <= w.shape().boundingRadius() ? workpiece : null;
      });
    });
  }

  /**
   * Elements {@code a} and {@code b} (workpieces, fixtures or {@code "floor"}) must not touch: fails at
   * the step during which any physics tick reports a contact between them.
   */
  public static Guard collision(String a, String b) {
    return new Named("collision " + a + " / " + b, layout -> {
      checkElement(layout, a, "guards.collision");
      checkElement(layout, b, "guards.collision");
      return new ContactMonitor(c -> (c.elementA().equals(a) && c.elementB().equals(b))
          || (c.elementA().equals(b) && c.elementB().equals(a)) ? b : null);
    });
  }

  /**
   * Element {@code a} must touch nothing but the elements in {@code except} (what it rests on or is
   * held by): fails at the step during which any physics tick reports a contact of {@code a} with
   * anything else; the verdict's element is what it hit.
   */
  public static Guard collisionWithAnything(String a, String... except) {
    Set<String> allowed = Set.of(except);
    return new Named("collision " + a, layout -> {
      checkElement(layout, a, "guards.collision");
      for (String e : allowed) checkElement(layout, e, "guards.collision.except");
      return new ContactMonitor(c -> {
        String other = c.elementA().equals(a) ? c.elementB() : c.elementB().equals(a) ? c.elementA() : null;
        return other != null && !allowed.contains(other) ? other : null;
      });
    });
  }

  /**
   * A crane's rope must stay within {@code maxRadians} of the vertical: fails when
   * hypot(sway.x, sway.y) exceeds it.
   *
   * @param maxRadians > 0
   */
  public static Guard sway(String crane, double maxRadians) {
    positive(maxRadians, "guards.sway." + crane + ".max", "rad");
    return new Named("sway " + crane, layout -> {
      int x = channel(layout, crane + ".sway.x", "guards.sway"), y = channel(layout, crane + ".sway.y", "guards.sway");
      return stateless(s -> !(Math.hypot(s[x], s[y]) <= maxRadians) ? crane : null);
    });
  }

  /**
   * A workpiece must not be dropped: fails when it moves down faster than {@code maxFallSpeed} (a load
   * lowered by a hoist or carried by a belt moves down slowly, a dropped one falls).
   *
   * @param maxFallSpeed > 0 [m/s]
   */
  public static Guard dropped(String workpiece, double maxFallSpeed) {
    positive(maxFallSpeed, "guards.dropped." + workpiece + ".maxFallSpeed", "m/s");
    return new Named("dropped " + workpiece, layout -> {
      int base = bodyChannels(layout, workpiece, "guards.dropped");
      return stateless(s -> !(s[base + 9] >= -maxFallSpeed) ? workpiece : null);
    });
  }

  /**
   * A state channel must stay within {@code [min, max]}: a travel limit ({@code crane1.trolley.pos}), a
   * joint limit ({@code arm1.joint2.pos}), an axis speed ({@code crane1.bridge.vel}). The verdict's
   * element is the channel.
   */
  public static Guard limit(String channel, double min, double max) {
    if (!(min <= max) || Double.isInfinite(min) && Double.isInfinite(max)) {
      throw new IllegalArgumentException("guards.limit." + channel + ": [" + min + ", " + max + "], must be min <= max");
    }
    return new Named("limit " + channel, layout -> {
      int c = channel(layout, channel, "guards.limit");
      return stateless(s -> !(s[c] >= min && s[c] <= max) ? channel : null);
    });
  }

  /**
   * A workpiece's speed (the length of its velocity) must stay at most {@code max}.
   *
   * @param max > 0 [m/s]
   */
  public static Guard speed(String workpiece, double max) {
    positive(max, "guards.speed." + workpiece + ".max", "m/s");
    return new Named("speed " + workpiece, layout -> {
      int v = bodyChannels(layout, workpiece, "guards.speed") + 7;
      return stateless(s -> !(Math.sqrt(s[v] * s[v] + s[v + 1] * s[v + 1] + s[v + 2] * s[v + 2]) <= max)
          ? workpiece : null);
    });
  }

  // ------------------------------------------------------------------ helpers

  /** A guard by name, making its monitors with {@code monitors}. */
  private record Named(String name, java.util.function.Function<Layout, Guard.Monitor> monitors) implements Guard {
    @Override public Monitor monitor(Layout layout) {
      return monitors.apply(layout);
    }
  }

  private static Guard.Monitor stateless(java.util.function.Function<double[], String> check) {
    return new Guard.Monitor() {
      @Override public void reset() {}

      @Override public String check(double[] state) {
        return check.apply(state);
      }
    };
  }

  /** Remembers the first offending contact since the last check. */
  private static final class ContactMonitor implements Guard.Monitor {
    private final java.util.function.Function<Contact, String> offender;
    private String pending;

    ContactMonitor(java.util.function.Function<Contact, String> offender) {
      this.offender = offender;
    }

    @Override public void reset() {
      pending = null;
    }

    @Override public void afterTick(List<Contact> contacts) {
      if (pending != null) return;
      for (Contact c : contacts) {
        String o = offender.apply(c);
        if (o != null) {
          pending = o;
          return;
        }
      }
    }

    @Override public String check(double[] state) {
      String p = pending;
      pending = null;
      return p;
    }
  }

  private static int channel(Layout layout, String name, String what) {
    if (!layout.stateSchema().contains(name)) {
      throw new IllegalArgumentException(what + "." + name + ": no such state channel in layout " + layout.name());
    }
    return layout.stateSchema().indexOf(name);
  }

  /** Index of the workpiece's first state channel ({@code pos.x}); 13 channels follow. */
  private static int bodyChannels(Layout layout, String workpiece, String what) {
    return channel(layout, workpiece + ".pos.x", what);
  }

  private static void checkElement(Layout layout, String e, String what) {
    boolean known = e.equals("floor") && layout.floor().isPresent()
        || layout.workpieces().stream().anyMatch(w -> w.id().equals(e)) || layout.fixtureIndex(e) >= 0;
    if (!known) {
      throw new IllegalArgumentException(what + "." + e + ": no such workpiece, fixture or floor in layout " + layout.name());
    }
  }

  private static void positive(double v, String what, String unit) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + ": " + v + " " + unit + ", must be > 0 and finite");
    }
  }
}
