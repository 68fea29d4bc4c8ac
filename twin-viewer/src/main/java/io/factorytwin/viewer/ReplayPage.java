package io.factorytwin.viewer;

import io.factorytwin.core.equipment.Crane;
import io.factorytwin.core.equipment.CraneSpec;
import io.factorytwin.core.equipment.Equipment;
import io.factorytwin.core.equipment.PhotoEye;
import io.factorytwin.core.equipment.Sink;
import io.factorytwin.core.geom.Pose;
import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Fixture;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.layout.Link;
import io.factorytwin.core.layout.Shape;
import io.factorytwin.core.layout.Workpiece;
import io.factorytwin.core.layout.Zone;
import io.factorytwin.viewer.internal.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One self-contained HTML file that replays a run in 3D: the layout's floor, fixtures, workpieces,
 * zones and cranes drawn with three.js (inlined from this jar, nothing is fetched when the page
 * opens), a play/pause button, a time slider to scrub, the playback speed, recorded bodies moving,
 * {@link Track}s and {@link PredictedTrack}s (with their bands) overlaid, zones lit while a body's
 * centre is inside, and {@link ReplayEvent}s marked on the timeline. Mouse: drag to orbit, wheel to
 * zoom, shift-drag to pan.
 *
 * <pre>{@code
 * ReplayRecorder rec = new ReplayRecorder(layout, 1.0 / 30);
 * for (...) { twin.step(a); rec.record(twin.state()); }
 * Path html = ReplayPage.builder(layout).title("anti-sway, ZV").recording(rec)
 *     .event(ReplayEvent.at(3.2, "sway limit")).build().write(dir.resolve("replay.html"));
 * }</pre>
 *
 * <p>The run is embedded as JSON in a {@code <script type="application/json" id="replay-data">}
 * element (format "factorytwin-replay", version 1: docs/viewer.md); positions are rounded to
 * 0.1 mm, quaternion components and times to 10⁻⁵ and 10⁻⁴. The same inputs give the same bytes.
 *
 * <p>Immutable and thread-safe once built (the recorder is read when {@link Builder#build} runs).
 */
public final class ReplayPage {
  /** Version of the embedded data format. */
  public static final int FORMAT_VERSION = 1;
  private static final String RESOURCES = "/io/factorytwin/viewer/";

  private final String html;

  private ReplayPage(String html) {
    this.html = html;
  }

  /** A builder for a replay of {@code layout}. */
  public static Builder builder(Layout layout) {
    if (layout == null) throw new IllegalArgumentException("replay page: layout is null");
    return new Builder(layout);
  }

  /** The whole page. */
  public String html() {
    return html;
  }

  /**
   * Writes the page to {@code file} (UTF-8), creating its parent folders.
   *
   * @return {@code file}
   * @throws UncheckedIOException when it cannot be written
   */
  public Path write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(file, html, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("replay page: cannot write " + file, e);
    }
  }

  /** Collects what a replay shows. Confined to one thread. */
  public static final class Builder {
    private final Layout layout;
    private String title;
    private ReplayRecorder recording;
    private final List<Track> tracks = new ArrayList<>();
    private final List<PredictedTrack> predicted = new ArrayList<>();
    private final List<ReplayEvent> events = new ArrayList<>();
    private final Set<String> elements = new HashSet<>();

    private Builder(Layout layout) {
      this.layout = layout;
      this.title = layout.name();
      layout.workpieces().forEach(w -> elements.add(w.id()));
      layout.fixtures().forEach(f -> elements.add(f.id()));
      layout.zones().forEach(z -> elements.add(z.id()));
      layout.equipment().forEach(e -> elements.add(e.id()));
      layout.links().forEach(l -> elements.add(l.id()));
    }

    /** The page's title (default: the layout's name). */
    public Builder title(String title) {
      Track.requireName("replay page", "title", title);
      this.title = title;
      return this;
    }

    /**
     * The recorded run whose bodies move in the replay; without one the layout stands at its
     * initial poses and only tracks move.
     *
     * @throws IllegalArgumentException when it recorded another layout or no frame
     */
    public Builder recording(ReplayRecorder recorder) {
      if (recorder.layout() != layout) {
        throw new IllegalArgumentException("replay page: recording of layout." + recorder.layout().name()
            + ", this page shows layout." + layout.name() + " (use the same Layout object)");
      }
      if (recorder.frameCount() == 0) throw new IllegalArgumentException("replay page: the recording has no frame");
      this.recording = recorder;
      return this;
    }

    /** A trajectory drawn as a solid line. @throws IllegalArgumentException when its element is not in the layout */
    public Builder track(Track t) {
      requireElement("track", t.element());
      tracks.add(t);
      return this;
    }

    /** A prediction drawn dashed with its band. @throws IllegalArgumentException when its element is not in the layout */
    public Builder predicted(PredictedTrack p) {
      requireElement("predicted track", p.element());
      predicted.add(p);
      return this;
    }

    /** An event marked on the timeline. @throws IllegalArgumentException when its element is not in the layout */
    public Builder event(ReplayEvent e) {
      if (!e.element().isEmpty()) requireElement("event '" + e.label() + "'", e.element());
      events.add(e);
      return this;
    }

    /** Events, in order. */
    public Builder events(List<ReplayEvent> list) {
      list.forEach(this::event);
      return this;
    }

    private void requireElement(String what, String id) {
      if (!elements.contains(id)) {
        throw new IllegalArgumentException(what + ": element " + id + " is not in layout." + layout.name());
      }
    }

    /**
     * Builds the page.
     *
     * @throws IllegalArgumentException when an event lies after the end of the replay
     */
    public ReplayPage build() {
      double end = 0;
      if (recording != null) end = recording.rawTimes()[recording.frameCount() - 1];
      for (Track t : tracks) end = Math.max(end, t.times()[t.size() - 1]);
      for (PredictedTrack p : predicted) end = Math.max(end, p.times()[p.size() - 1]);
      List<ReplayEvent> all = new ArrayList<>(events);
      if (recording != null) all.addAll(recording.troubleEvents());
      for (ReplayEvent e : all) {
        if (e.time() > end + 1e-9) {
          throw new IllegalArgumentException("event '" + e.label() + "'.time: " + e.time() + " s, must be ≤ the replay's end "
              + end + " s");
        }
      }
      String data = data(end, all);
      String page = resource("replay.html")
          .replace("@TITLE@", escapeHtml(title))
          .replace("/*@THREE@*/", ThreeJs.source())
          .replace("/*@VIEWER@*/", resource("replay.js"))
          .replace("/*@DATA@*/", data);
      return new ReplayPage(page);
    }

    private String data(double end, List<ReplayEvent> all) {
      int frames = recording == null ? 0 : recording.frameCount();
      int bodies = layout.bodyCount();
      JsonText j = new JsonText(4096 + frames * (bodies * 60 + 40));
      j.raw("{").key("format").string("factorytwin-replay").raw(",").key("version").number(FORMAT_VERSION, 0);
      j.raw(",").key("title").string(title).raw(",").key("layout").string(layout.name());
      j.raw(",").key("step").number(layout.stepSeconds(), 9).raw(",").key("duration").number(end, 4);
      j.raw(",").key("threeRevision").string(ThreeJs.REVISION);
      Extent ext = new Extent();
      j.raw(",").key("floor").raw(layout.floor().isPresent() ? "true" : "false");
      j.raw(",").key("fixtures").raw("[");
      List<Fixture> fixtures = layout.fixtures();
      for (int i = 0; i < fixtures.size(); i++) {
        Fixture f = fixtures.get(i);
        if (i > 0) j.raw(",");
        j.raw("{").key("id").string(f.id()).raw(",").key("kind").string(kind(f.id())).raw(",");
        shape(j, f.shape());
        pose(j, f.pose());
        j.raw("}");
        ext.add(f.pose().position(), f.shape().boundingRadius());
      }
      j.raw("],").key("moving").raw("[");
      if (recording != null) {
        int[] m = recording.movingFixtures();
        for (int i = 0; i < m.length; i++) j.raw(i > 0 ? "," : "").number(m[i], 0);
      }
      j.raw("],").key("bodies").raw("[");
      List<Workpiece> wps = layout.workpieces();
      for (int i = 0; i < wps.size(); i++) {
        Workpiece w = wps.get(i);
        if (i > 0) j.raw(",");
        j.raw("{").key("id").string(w.id()).raw(",").key("hook").raw(layout.isHook(i) ? "true" : "false").raw(",");
        shape(j, w.shape());
        pose(j, w.pose());
        j.raw("}");
        if (layout.parkedSlot(i) < 0) ext.add(w.pose().position(), w.shape().boundingRadius());
      }
      j.raw("],").key("zones").raw("[");
      List<Zone> zones = layout.zones();
      for (int i = 0; i < zones.size(); i++) {
        Zone z = zones.get(i);
        if (i > 0) j.raw(",");
        j.raw("{").key("id").string(z.id()).raw(",");
        pose(j, z.pose());
        j.raw(",").key("size").raw("[").number(z.size().x(), 4).raw(",").number(z.size().y(), 4).raw(",")
            .number(z.size().z(), 4).raw("]}");
        ext.add(z.pose().position(), 0.5 * z.size().length());
      }
      j.raw("],").key("links").raw("[");
      List<Link> links = layout.links();
      for (int i = 0; i < links.size(); i++) {
        Link l = links.get(i);
        if (i > 0) j.raw(",");
        j.raw("{").key("id").string(l.id()).raw(",").key("body").number(layout.bodyIndex(l.body()), 0);
        j.raw(",").key("anchor");
        vec(j, l.anchor());
        j.raw(",").key("pivot");
        vec(j, l.pivot());
        j.raw("}");
      }
      j.raw("],").key("cranes").raw("[");
      List<Crane> cranes = layout.cranes();
      for (int i = 0; i < cranes.size(); i++) {
        CraneSpec s = cranes.get(i).spec();
        if (i > 0) j.raw(",");
        j.raw("{").key("id").string(cranes.get(i).id()).raw(",").key("origin");
        vec(j, s.origin());
        j.raw(",").key("trolley").raw("[").number(s.trolley().hardMin(), 4).raw(",").number(s.trolley().hardMax(), 4).raw("]");
        j.raw(",").key("bridge").raw("[").number(s.bridge().hardMin(), 4).raw(",").number(s.bridge().hardMax(), 4).raw("]");
        j.raw(",").key("ropeTop").number(s.ropeTop(), 4).raw("}");
        ext.add(s.origin().plus(new Vec3(s.trolley().hardMin(), s.bridge().hardMin(), 0)), 0);
        ext.add(s.origin().plus(new Vec3(s.trolley().hardMax(), s.bridge().hardMax(), s.ropeTop() + 0.5)), 0);
      }
      j.raw("],").key("eyes").raw("[");
      List<PhotoEye> eyes = ReplayRecorder.photoEyes(layout);
      for (int i = 0; i < eyes.size(); i++) {
        var spec = eyes.get(i).spec();
        j.raw(i > 0 ? ",{" : "{").key("id").string(eyes.get(i).id()).raw(",").key("from");
        vec(j, spec.from());
        j.raw(",").key("to");
        vec(j, spec.to());
        j.raw("}");
      }
      j.raw("],").key("sinks").raw("[");
      List<Sink> sinks = layout.equipment().stream().filter(Sink.class::isInstance).map(Sink.class::cast).toList();
      for (int i = 0; i < sinks.size(); i++) {
        var spec = sinks.get(i).spec();
        j.raw(i > 0 ? ",{" : "{").key("id").string(sinks.get(i).id()).raw(",");
        pose(j, spec.pose());
        j.raw(",").key("size");
        vec(j, spec.size());
        j.raw("}");
      }
      j.raw("],").key("frames").raw("{");
      if (recording != null) {
        double[] t = recording.rawTimes(), p = recording.rawPoses(), fx = recording.rawFixtures(), r = recording.rawRopes();
        byte[] shown = recording.rawShown();
        int m = recording.movingFixtures().length, c = cranes.size();
        j.key("times").numbers(t, 0, frames, 4);
        j.raw(",").key("poses").raw("[");
        for (int f = 0; f < frames; f++) {
          j.raw(f > 0 ? ",[" : "[");
          for (int b = 0; b < bodies; b++) {
            int o = (f * bodies + b) * 7;
            if (b > 0) j.raw(",");
            for (int k = 0; k < 7; k++) j.raw(k > 0 ? "," : "").number(p[o + k], k < 3 ? 4 : 5);
            if (shown[f * bodies + b] == 1) ext.add(p[o], p[o + 1], p[o + 2]);
          }
          j.raw("]");
        }
        j.raw("],").key("shown").raw("[");
        for (int f = 0; f < frames; f++) {
          StringBuilder s = new StringBuilder(bodies);
          for (int b = 0; b < bodies; b++) s.append(shown[f * bodies + b] == 1 ? '1' : '0');
          j.raw(f > 0 ? "," : "").string(s.toString());
        }
        j.raw("],").key("fixtures").raw("[");
        for (int f = 0; f < frames; f++) {
          j.raw(f > 0 ? ",[" : "[");
          for (int k = 0; k < 8 * m; k++) j.raw(k > 0 ? "," : "").number(fx[8 * m * f + k], k % 8 < 3 ? 4 : 5);
          j.raw("]");
        }
        j.raw("],").key("ropes").raw("[");
        for (int f = 0; f < frames; f++) j.raw(f > 0 ? "," : "").numbers(r, 6 * c * f, 6 * c * (f + 1), 4);
        j.raw("],").key("eyes").raw("[");
        byte[] blocked = recording.rawEyes();
        for (int f = 0; f < frames; f++) {
          StringBuilder b = new StringBuilder(eyes.size());
          for (int e = 0; e < eyes.size(); e++) b.append(blocked[f * eyes.size() + e] == 1 ? '1' : '0');
          j.raw(f > 0 ? "," : "").string(b.toString());
        }
        j.raw("]");
      }
      j.raw("},").key("tracks").raw("[");
      for (int i = 0; i < tracks.size(); i++) {
        Track t = tracks.get(i);
        j.raw(i > 0 ? ",{" : "{").key("element").string(t.element()).raw(",").key("label").string(t.label());
        j.raw(",").key("times").numbers(t.times(), 0, t.size(), 4);
        j.raw(",").key("positions").numbers(t.positions(), 0, 3 * t.size(), 4).raw("}");
        ext.addAll(t.positions(), 0);
      }
      j.raw("],").key("predicted").raw("[");
      for (int i = 0; i < predicted.size(); i++) {
        PredictedTrack t = predicted.get(i);
        j.raw(i > 0 ? ",{" : "{").key("element").string(t.element()).raw(",").key("label").string(t.label());
        j.raw(",").key("times").numbers(t.times(), 0, t.size(), 4);
        j.raw(",").key("mean").numbers(t.mean(), 0, 3 * t.size(), 4);
        j.raw(",").key("halfWidths").numbers(t.halfWidths(), 0, 3 * t.size(), 4).raw("}");
        ext.addAll(t.mean(), 0);
      }
      j.raw("],").key("events").raw("[");
      List<ReplayEvent> sorted = new ArrayList<>(all);
      sorted.sort((a, b) -> Double.compare(a.time(), b.time()));
      for (int i = 0; i < sorted.size(); i++) {
        ReplayEvent e = sorted.get(i);
        j.raw(i > 0 ? ",{" : "{").key("time").number(e.time(), 4).raw(",").key("label").string(e.label());
        j.raw(",").key("element").string(e.element()).raw("}");
      }
      j.raw("],").key("extent").raw("{").key("min").raw("[");
      if (ext.empty()) ext.add(Vec3.ZERO, 1);
      j.number(ext.min[0], 4).raw(",").number(ext.min[1], 4).raw(",").number(Math.min(0, ext.min[2]), 4);
      j.raw("],").key("max").raw("[").number(ext.max[0], 4).raw(",").number(ext.max[1], 4).raw(",").number(ext.max[2], 4);
      j.raw("]}}");
      return j.toString();
    }

    private String kind(String fixtureId) {
      for (Equipment e : layout.equipment()) {
        if (fixtureId.equals(e.id()) || fixtureId.startsWith(e.id() + ".")) {
          return e.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        }
      }
      return "fixture";
    }
  }

  private static void shape(JsonText j, Shape s) {
    j.key("shape").raw("{");
    if (s instanceof Shape.Box b) {
      j.key("type").string("box").raw(",").key("size").raw("[").number(b.sx(), 4).raw(",").number(b.sy(), 4).raw(",")
          .number(b.sz(), 4).raw("]");
    } else if (s instanceof Shape.Cylinder c) {
      j.key("type").string("cylinder").raw(",").key("radius").number(c.radius(), 4).raw(",").key("height").number(c.height(), 4);
    } else {
      j.key("type").string("sphere").raw(",").key("radius").number(((Shape.Sphere) s).radius(), 4);
    }
    j.raw("},");
  }

  private static void pose(JsonText j, Pose p) {
    j.key("pos");
    vec(j, p.position());
    var q = p.rotation();
    j.raw(",").key("rot").raw("[").number(q.w(), 5).raw(",").number(q.x(), 5).raw(",").number(q.y(), 5).raw(",")
        .number(q.z(), 5).raw("]");
  }

  private static void vec(JsonText j, Vec3 v) {
    j.raw("[").number(v.x(), 4).raw(",").number(v.y(), 4).raw(",").number(v.z(), 4).raw("]");
  }

  /** Bounding box of what the replay shows [m]. */
  private static final class Extent {
    final double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    final double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};

    void add(Vec3 c, double r) {
      add(c.x() - r, c.y() - r, c.z() - r);
      add(c.x() + r, c.y() + r, c.z() + r);
    }

    void add(double x, double y, double z) {
      min[0] = Math.min(min[0], x);
      min[1] = Math.min(min[1], y);
      min[2] = Math.min(min[2], z);
      max[0] = Math.max(max[0], x);
      max[1] = Math.max(max[1], y);
      max[2] = Math.max(max[2], z);
    }

    void addAll(double[] xyz, double r) {
      for (int i = 0; i < xyz.length; i += 3) add(new Vec3(xyz[i], xyz[i + 1], xyz[i + 2]), r);
    }

    boolean empty() {
      return !(min[0] <= max[0]);
    }
  }

  static String resource(String name) {
    try (InputStream in = ReplayPage.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) throw new IllegalStateException("replay page: resource " + RESOURCES + name + " missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("replay page: cannot read resource " + name, e);
    }
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
