package io.factorytwin.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void doublesReadBackBitExact() throws Exception {
    SplittableRandom rng = new SplittableRandom(1);
    List<Object> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.5, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.MIN_NORMAL, 0.1, 1e-300, 123456789012345678.0, Math.PI));
    for (int i = 0; i < 2000; i++) values.add(Double.longBitsToDouble(rng.nextLong()));
    values.removeIf(v -> !Double.isFinite((Double) v));
    @SuppressWarnings("unchecked")
    List<Object> back = (List<Object>) Json.parse(Json.write(values));
    assertEquals(values.size(), back.size());
    for (int i = 0; i < values.size(); i++) {
      assertEquals(Double.doubleToRawLongBits((Double) values.get(i)), Double.doubleToRawLongBits((Double) back.get(i)),
          "value " + i + ": " + values.get(i));
    }
  }

  @Test
  void nestedValuesAndEscapesRoundTrip() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "crane1.load.x [m] \"quoted\" \\ tab\t newline\n bell\u0007 µ°");
    m.put("list", List.of(1.0, "two", true, false));
    m.put("empty", List.of());
    m.put("nothing", null);
    m.put("nested", List.of(Map.of("k", 2.5), Map.of()));
    assertEquals(m, Json.parse(Json.write(m)));
    assertEquals(List.of(1.0, 2.0), Json.parse(Json.write(List.of(1, 2L))));
    assertEquals("Infinity", Json.number(Double.POSITIVE_INFINITY));
    assertEquals("NaN", Json.number(Double.NaN));
    assertEquals(0.5, Json.number(0.5));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
    assertEquals("a\u00e9\uD83D\uDE00/", Json.parse("\"a\\u00e9\\ud83d\\ude00\\/\""));
  }

  @Test
  void malformedTextIsRefusedWithTheOffset() {
    String[][] cases = {
        {"{\"a\": 1,}", "at offset 8: expected a key string, found '}'"},
        {"[1, 2", "at offset 5: expected ',' or ']', found end of text"},
        {"{\"a\": 1} x", "at offset 9: expected end of text, found 'x'"},
        {"{\"a\": 1, \"a\": 2}", "at offset 9: duplicate key \"a\""},
        {"01", "at offset 1: expected end of text, found '1'"},
        {"-", "at offset 1: expected a digit, found end of text"},
        {"1.", "at offset 2: expected a digit, found end of text"},
        {"\"abc", "at offset 4: expected '\"', found end of text"},
        {"NaN", "at offset 0: expected a value, found 'N'"},
        {"tru", "at offset 0: expected 'true', found 't'"},
        {"\"a\nb\"", "at offset 2: expected an escaped control character, found '\n'"},
        {"", "at offset 0: expected a value, found end of text"},
    };
    for (String[] c : cases) {
      Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(c[0]), c[0]);
      assertEquals(c[1], e.getMessage(), c[0]);
    }
    Json.ParseException deep = assertThrows(Json.ParseException.class, () -> Json.parse("[".repeat(100)));
    assertTrue(deep.getMessage().contains("nested deeper than 64"), deep.getMessage());
  }
}
