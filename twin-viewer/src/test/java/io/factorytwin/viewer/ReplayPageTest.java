package io.factorytwin.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.factorytwin.core.geom.Vec3;
import io.factorytwin.core.layout.Layout;
import io.factorytwin.core.sim.SimState;
import io.factorytwin.model.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReplayPageTest {
  private static final Pattern DATA =
      Pattern.compile("<script type=\"application/json\" id=\"replay-data\">(.*?)</script>", Pattern.DOTALL);

  @SuppressWarnings("unchecked")
  static Map<String, Object> data(String html) throws Json.ParseException {
    Matcher m = DATA.matcher(html);
    assertTrue(m.find(), "the page holds its data in #replay-data");
    return (Map<String, Object>) Json.parse(m.group(1));
  }

  private static double num(Object o) {
    return ((Number) o).doubleValue();
  }

  @Test
  @SuppressWarnings("unchecked")
  void pageCarriesTheLayoutTheFramesTheTracksAndTheEvents() throws Exception {
    Layout layout = TestScenes.layout();
    ReplayRecorder rec = TestScenes.run(layout, 1.0 / 30);
    // 4 s at 240 Hz = 960 ticks, a frame every 8 ticks: ticks 0, 8, ..., 960
    assertEquals(8, rec.periodTicks());
    assertEquals(121, rec.frameCount());
    String html = ReplayPage.builder(layout).title("box <circling> & ball").recording(rec)
        .track(rec.track("box1", "twin")).predicted(TestScenes.prediction())
        .event(new ReplayEvent(3.0, "walkway intrusion", "walkway")).event(ReplayEvent.at(1.0, "plan committed"))
        .build().html();

    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<title>box &lt;circling&gt; &amp; ball · FactoryTwin replay</title>"));
    assertTrue(html.contains("const REVISION = '181'"), "three.js is inlined");
    assertFalse(html.contains("src=\"http"), "nothing is fetched");
    for (String slot : new String[] {"/*@DATA@*/", "/*@THREE@*/", "/*@VIEWER@*/", "@TITLE@"}) {
      assertFalse(html.contains(slot), slot + " is filled");
    }
    // three script elements open and three close: the data, three.js and the viewer did not break out
    assertEquals(3, count(html, "<script"), "script elements");
    assertEquals(3, count(html.toLowerCase(java.util.Locale.ROOT), "</script"), "script end tags");

    Map<String, Object> d = data(html);
    assertEquals("factorytwin-replay", d.get("format"));
    assertEquals(1.0, num(d.get("version")));
    assertEquals("box <circling> & ball", d.get("title"));
    assertEquals(4.0, num(d.get("duration")), 1e-9);
    List<Object> bodies = (List<Object>) d.get("bodies");
    assertEquals(2, bodies.size());
    assertEquals("box1", ((Map<String, Object>) bodies.get(0)).get("id"));
    Map<String, Object> frames = (Map<String, Object>) d.get("frames");
    List<Object> times = (List<Object>) frames.get("times");
    List<Object> poses = (List<Object>) frames.get("poses");
    assertEquals(121, times.size());
    assertEquals(121, poses.size());
    for (int f = 0; f < 121; f += 7) {
      double t = num(times.get(f));
      assertEquals(f * 8 / 240.0, t, 0.5e-4);
      List<Object> p = (List<Object>) poses.get(f);
      assertEquals(14, p.size(), "7 numbers per body");
      Vec3 expected = TestScenes.boxAt(f * 8 / 240.0);
      assertEquals(expected.x(), num(p.get(0)), 0.51e-4, "box x at frame " + f);
      assertEquals(expected.y(), num(p.get(1)), 0.51e-4, "box y at frame " + f);
      assertEquals(Math.cos(Math.PI * t / TestScenes.PERIOD), num(p.get(3)), 1e-4, "box qw at frame " + f);
      assertEquals(-2.0, num(p.get(7)), 0.51e-4, "the ball stays put");
    }
    assertEquals("11", ((List<Object>) frames.get("shown")).get(60));
    List<Object> zones = (List<Object>) d.get("zones");
    assertEquals("walkway", ((Map<String, Object>) zones.get(0)).get("id"));
    Map<String, Object> pred = (Map<String, Object>) ((List<Object>) d.get("predicted")).get(0);
    assertEquals("hybrid", pred.get("label"));
    assertEquals(41 * 3, ((List<Object>) pred.get("halfWidths")).size());
    assertEquals(0.22, num(((List<Object>) pred.get("halfWidths")).get(3 * 40)), 1e-9);
    List<Object> events = (List<Object>) d.get("events");
    assertEquals(2, events.size());
    assertEquals("plan committed", ((Map<String, Object>) events.get(0)).get("label"), "events in time order");
    assertEquals("walkway", ((Map<String, Object>) events.get(1)).get("element"));
    Map<String, Object> extent = (Map<String, Object>) d.get("extent");
    assertTrue(num(((List<Object>) extent.get("max")).get(0)) >= TestScenes.RADIUS * 1.1, "the extent holds the prediction");
  }

  @Test
  void sameRunGivesTheSameBytes() {
    Layout layout = TestScenes.layout();
    String a = ReplayPage.builder(layout).recording(TestScenes.run(layout, 0.1)).build().html();
    String b = ReplayPage.builder(layout).recording(TestScenes.run(layout, 0.1)).build().html();
    assertEquals(a, b);
    String c = ReplayPage.builder(layout).recording(TestScenes.run(layout, 0.2)).build().html();
    assertNotEquals(a, c);
  }

  @Test
  @SuppressWarnings("unchecked")
  void nonFiniteBodyIsHiddenAndReportedAsAnEvent() throws Exception {
    Layout layout = TestScenes.layout();
    ReplayRecorder rec = new ReplayRecorder(layout, 1.0 / 240);
    SimState s = layout.newState(1);
    rec.record(s);
    s.advanceTick();
    s.setPose(layout.bodyIndex("ball"), Double.NaN, 0, 0, 1, 0, 0, 0);
    rec.record(s);
    assertEquals(1, rec.troubleEvents().size());
    assertTrue(rec.troubleEvents().get(0).label().startsWith("ball: non-finite pose"));
    Map<String, Object> d = data(ReplayPage.builder(layout).recording(rec).build().html());
    List<Object> shown = (List<Object>) ((Map<String, Object>) d.get("frames")).get("shown");
    assertEquals(List.of("11", "10"), shown);
    assertEquals(1, ((List<Object>) d.get("events")).size());
  }

  @Test
  void bodyOutsideTheBoundsIsHiddenWhileItLastsAndReportedOnce() {
    Layout layout = TestScenes.layout(); // bounds ±1000 m across, −100..1000 m up
    ReplayRecorder rec = new ReplayRecorder(layout, 1.0 / 240);
    SimState s = layout.newState(1);
    int box = layout.bodyIndex("box1");
    double[] xs = {0, 5000, 6000, 1};
    for (double x : xs) {
      s.setPose(box, x, 0, 0.1, 1, 0, 0, 0);
      rec.record(s);
      s.advanceTick();
    }
    assertEquals(1, rec.troubleEvents().size());
    assertEquals("box1: outside the layout's bounds (numerical trouble), hidden while it lasts",
        rec.troubleEvents().get(0).label());
    Track t = rec.track("box1", "twin");
    double[] p = t.positions();
    assertEquals(List.of(0.0, 0.0, 0.0, 1.0), List.of(p[0], p[3], p[6], p[9]), "x per frame: hidden frames hold the last shown");
  }

  @Test
  void layoutWithoutWorkpiecesRecordsItsFramesToo() {
    Layout empty = Layout.builder("empty").floor().build();
    ReplayRecorder rec = new ReplayRecorder(empty, 1.0 / 240);
    SimState s = empty.newState(1);
    for (int k = 0; k < 1000; k++) {
      rec.record(s);
      s.advanceTick();
    }
    assertEquals(1000, rec.frameCount());
    assertTrue(ReplayPage.builder(empty).recording(rec).build().html().contains("\"shown\":[\"\","));
  }

  @Test
  void recorderKeepsOneFramePerPeriodAndRefusesTimeGoingBack() {
    Layout layout = TestScenes.layout();
    ReplayRecorder rec = new ReplayRecorder(layout, 0.05); // 12 ticks
    SimState s = layout.newState(1);
    int recorded = 0;
    for (int k = 0; k < 48; k++) {
      if (rec.record(s)) recorded++;
      s.advanceTick();
    }
    assertEquals(4, recorded);
    assertEquals(4, rec.frameCount());
    SimState back = layout.newState(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rec.record(back));
    assertTrue(e.getMessage().contains("tick 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ReplayRecorder(layout, Double.NaN));
  }

  @Test
  void badInputIsRefusedNamingTheValueAndTheBound() {
    Layout layout = TestScenes.layout();
    ReplayRecorder rec = TestScenes.run(layout, 0.1);
    var late = assertThrows(IllegalArgumentException.class,
        () -> ReplayPage.builder(layout).recording(rec).event(ReplayEvent.at(9.5, "late")).build());
    assertEquals("event 'late'.time: 9.5 s, must be ≤ the replay's end 4.0 s", late.getMessage());
    var unknown = assertThrows(IllegalArgumentException.class,
        () -> ReplayPage.builder(layout).track(new Track("crane9", "plant", new double[] {0}, new double[3])));
    assertEquals("track: element crane9 is not in layout.viewer-test", unknown.getMessage());
    var nan = assertThrows(IllegalArgumentException.class,
        () -> new Track("box1", "plant", new double[] {0, 1}, new double[] {0, 0, 0, 1, Double.NaN, 0}));
    assertEquals("track box1 (plant).positions[1][y]: NaN m, must be finite", nan.getMessage());
    var order = assertThrows(IllegalArgumentException.class,
        () -> new Track("box1", "plant", new double[] {1, 1}, new double[6]));
    assertEquals("track box1 (plant).times[1]: 1.0 s, must be > the previous 1.0 s", order.getMessage());
    var band = assertThrows(IllegalArgumentException.class,
        () -> new PredictedTrack("box1", "hybrid", new double[] {0}, new double[3], new double[] {0, -0.1, 0}));
    assertEquals("predicted box1 (hybrid).halfWidths[0][y]: -0.1 m, must be ≥ 0", band.getMessage());
    Layout other = TestScenes.layout();
    var wrong = assertThrows(IllegalArgumentException.class, () -> ReplayPage.builder(other).recording(rec));
    assertTrue(wrong.getMessage().contains("use the same Layout object"), wrong.getMessage());
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
    return n;
  }
}
