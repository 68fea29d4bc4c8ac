package io.factorytwin.core.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for the edge-case store's lines: objects (to maps), arrays (to lists), strings
 * with \" and \\ escapes, numbers (to Double, including NaN and Infinity as Java writes them),
 * true, false, null. Stateless.
 */
final class MiniJson {
  private final String s;
  private final String where;
  private int i;

  private MiniJson(String s, String where) {
    this.s = s;
    this.where = where;
  }

  static Object parse(String text, String where) throws IOException {
    MiniJson p = new MiniJson(text, where);
    Object v = p.value();
    p.space();
    if (p.i != text.length()) throw p.error("text after the value");
    return v;
  }

  private Object value() throws IOException {
    space();
    if (i >= s.length()) throw error("unexpected end");
    char c = s.charAt(i);
    if (c == '{') {
      i++;
      Map<String, Object> m = new LinkedHashMap<>();
      space();
      if (peek('}')) return m;
      do {
        space();
        Object k = value();
        if (!(k instanceof String key)) throw error("a key must be a string");
        space();
        expect(':');
        m.put(key, value());
        space();
      } while (take(','));
      expect('}');
      return m;
    }
    if (c == '[') {
      i++;
      List<Object> l = new ArrayList<>();
      space();
      if (peek(']')) return l;
      do {
        l.add(value());
        space();
      } while (take(','));
      expect(']');
      return l;
    }
    if (c == '"') {
      StringBuilder b = new StringBuilder();
      i++;
      while (i < s.length() && s.charAt(i) != '"') {
        char d = s.charAt(i++);
        if (d == '\\' && i < s.length()) d = s.charAt(i++);
        b.append(d);
      }
      expect('"');
      return b.toString();
    }
    int start = i;
    while (i < s.length() && ",]} ".indexOf(s.charAt(i)) < 0) i++;
    String word = s.substring(start, i);
    switch (word) {
      case "true": return Boolean.TRUE;
      case "false": return Boolean.FALSE;
      case "null": return null;
      default:
        try {
          return Double.parseDouble(word);
        } catch (NumberFormatException e) {
          throw error("not a value: '" + word + "'");
        }
    }
  }

  private void space() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
  }

  private boolean peek(char c) {
    if (i < s.length() && s.charAt(i) == c) {
      i++;
      return true;
    }
    return false;
  }

  private boolean take(char c) {
    return peek(c);
  }

  private void expect(char c) throws IOException {
    if (!peek(c)) throw error("'" + c + "' expected");
  }

  private IOException error(String what) {
    return new IOException(where + ": " + what + " at character " + (i + 1));
  }
}
