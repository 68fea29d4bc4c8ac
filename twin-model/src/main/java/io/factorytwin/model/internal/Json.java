package io.factorytwin.model.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer and reader for model manifests (RFC 8259).
 *
 * <p>Values map to Java as: object ↔ {@code Map<String, Object>} (insertion order kept, duplicate
 * keys refused), array ↔ {@code List<Object>}, string ↔ {@link String}, number ↔ {@link Double}
 * (written with {@link Double#toString(double)}, which {@link Double#parseDouble(String)} reads back
 * bit-exact; {@link Integer} and {@link Long} are written as integers and read back as Double),
 * {@code true}/{@code false} ↔ {@link Boolean}, {@code null} ↔ {@code null}. JSON has no NaN or
 * infinity: writing a non-finite double is refused (the caller encodes it, see
 * {@link #number(double)}).
 *
 * <p>Stateless and thread-safe.
 */
public final class Json {
  /** Nesting limit of the reader (manifests nest 3 deep). */
  static final int MAX_DEPTH = 64;

  private Json() {}

  /** A finite double as itself, a non-finite one as the string "NaN", "Infinity" or "-Infinity". */
  public static Object number(double v) {
    return Double.isFinite(v) ? (Object) v : Double.toString(v);
  }

  /**
   * {@code v} as JSON text: objects and arrays of containers one member per line indented by two
   * spaces, arrays of scalars on one line; ends without a newline.
   *
   * @throws IllegalArgumentException for a non-finite number or a value of another type
   */
  public static String write(Object v) {
    StringBuilder b = new StringBuilder();
    write(b, v, 0);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v, int indent) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(b, s);
    } else if (v instanceof Boolean x) {
      b.append(x);
    } else if (v instanceof Integer || v instanceof Long) {
      b.append(v);
    } else if (v instanceof Double d) {
      if (!Double.isFinite(d)) throw new IllegalArgumentException("json: " + d + " is not a JSON number");
      b.append(Double.toString(d));
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append("  ".repeat(indent + 1));
        string(b, (String) e.getKey());
        b.append(": ");
        write(b, e.getValue(), indent + 1);
        b.append(++i < m.size() ? ",\n" : "\n");
      }
      b.append("  ".repeat(indent)).append('}');
    } else if (v instanceof List<?> l) {
      boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
      if (flat) {
        b.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) b.append(", ");
          write(b, l.get(i), indent);
        }
        b.append(']');
        return;
      }
      b.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        b.append("  ".repeat(indent + 1));
        write(b, l.get(i), indent + 1);
        b.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      b.append("  ".repeat(indent)).append(']');
    } else {
      throw new IllegalArgumentException("json: cannot write a " + v.getClass().getName());
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    b.append('"');
  }

  /** A syntax error: its message names the character offset and what was expected. */
  public static final class ParseException extends Exception {
    ParseException(String message) {
      super(message);
    }
  }

  /**
   * Parses one JSON value (surrounding whitespace allowed, nothing else after it).
   *
   * @throws ParseException naming the offset of the first error
   */
  public static Object parse(String text) throws ParseException {
    Reader r = new Reader(text);
    r.space();
    Object v = r.value(0);
    r.space();
    if (r.pos < text.length()) throw r.error("end of text");
    return v;
  }

  private static final class Reader {
    final String s;
    int pos;

    Reader(String s) {
      this.s = s;
    }

    ParseException error(String expected) {
      String found = pos < s.length() ? "'" + s.charAt(pos) + "'" : "end of text";
      return new ParseException("at offset " + pos + ": expected " + expected + ", found " + found);
    }

    void space() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') pos++;
        else break;
      }
    }

    Object value(int depth) throws ParseException {
      if (depth > MAX_DEPTH) throw new ParseException("at offset " + pos + ": nested deeper than " + MAX_DEPTH);
      if (pos >= s.length()) throw error("a value");
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return object(depth);
        case '[':
          return array(depth);
        case '"':
          return string();
        case 't':
          literal("true");
          return Boolean.TRUE;
        case 'f':
          literal("false");
          return Boolean.FALSE;
        case 'n':
          literal("null");
          return null;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) return number();
          throw error("a value");
      }
    }

    void literal(String word) throws ParseException {
      if (!s.startsWith(word, pos)) throw error("'" + word + "'");
      pos += word.length();
    }

    Map<String, Object> object(int depth) throws ParseException {
      pos++; // {
      Map<String, Object> m = new LinkedHashMap<>();
      space();
      if (pos < s.length() && s.charAt(pos) == '}') {
        pos++;
        return Collections.unmodifiableMap(m);
      }
      while (true) {
        space();
        if (pos >= s.length() || s.charAt(pos) != '"') throw error("a key string");
        int keyAt = pos;
        String key = string();
        space();
        if (pos >= s.length() || s.charAt(pos) != ':') throw error("':'");
        pos++;
        space();
        Object v = value(depth + 1);
        if (m.containsKey(key)) throw new ParseException("at offset " + keyAt + ": duplicate key \"" + key + "\"");
        m.put(key, v);
        space();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        } else if (pos < s.length() && s.charAt(pos) == '}') {
          pos++;
          return Collections.unmodifiableMap(m);
        } else {
          throw error("',' or '}'");
        }
      }
    }

    List<Object> array(int depth) throws ParseException {
      pos++; // [
      List<Object> l = new ArrayList<>();
      space();
      if (pos < s.length() && s.charAt(pos) == ']') {
        pos++;
        return Collections.unmodifiableList(l);
      }
      while (true) {
        space();
        l.add(value(depth + 1));
        space();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        } else if (pos < s.length() && s.charAt(pos) == ']') {
          pos++;
          return Collections.unmodifiableList(l);
        } else {
          throw error("',' or ']'");
        }
      }
    }

    String string() throws ParseException {
      pos++; // "
      StringBuilder b = new StringBuilder();
      while (true) {
        if (pos >= s.length()) throw error("'\"'");
        char c = s.charAt(pos++);
        if (c == '"') return b.toString();
        if (c < 0x20) {
          pos--;
          throw error("an escaped control character");
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        if (pos >= s.length()) throw error("an escape");
        char e = s.charAt(pos++);
        switch (e) {
          case '"' -> b.append('"');
          case '\\' -> b.append('\\');
          case '/' -> b.append('/');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length()) throw error("4 hex digits");
            int code = 0;
            for (int i = 0; i < 4; i++) {
              int d = Character.digit(s.charAt(pos), 16);
              if (d < 0) throw error("a hex digit");
              code = code * 16 + d;
              pos++;
            }
            b.append((char) code);
          }
          default -> {
            pos--;
            throw error("an escape character");
          }
        }
      }
    }

    Double number() throws ParseException {
      int start = pos;
      if (s.charAt(pos) == '-') pos++;
      if (pos < s.length() && s.charAt(pos) == '0') {
        pos++;
      } else if (pos < s.length() && s.charAt(pos) >= '1' && s.charAt(pos) <= '9') {
        while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
      } else {
        throw error("a digit");
      }
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        if (!(pos < s.length() && isDigit(s.charAt(pos)))) throw error("a digit");
        while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
        if (!(pos < s.length() && isDigit(s.charAt(pos)))) throw error("a digit");
        while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
      }
      return Double.parseDouble(s.substring(start, pos));
    }

    static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
