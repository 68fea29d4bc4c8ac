package io.factorytwin.viewer.internal;

/**
 * Compact JSON text for the replay data: numbers in fixed decimals without trailing zeros (a
 * replay of thousands of frames stays small and repeats byte for byte), strings escaped so that
 * the text can sit inside an HTML {@code <script>} element ({@code <}, {@code >}, {@code &} and the
 * line separators as \\u escapes).
 *
 * <p>Not part of the public API. Confined to one thread.
 */
public final class JsonText {
  private final StringBuilder b;

  /** An empty text with room for {@code capacity} characters. */
  public JsonText(int capacity) {
    b = new StringBuilder(capacity);
  }

  /** Appends raw JSON punctuation or a literal. */
  public JsonText raw(String s) {
    b.append(s);
    return this;
  }

  /** Appends {@code "key":}. */
  public JsonText key(String k) {
    string(k);
    b.append(':');
    return this;
  }

  /** Appends a JSON string. */
  public JsonText string(String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
    return this;
  }

  /**
   * Appends {@code v} rounded to {@code decimals} (0..9) places, trailing zeros dropped.
   *
   * @throws IllegalArgumentException when {@code v} is not finite (JSON has no NaN) or too large to round
   */
  public JsonText number(double v, int decimals) {
    if (!Double.isFinite(v) || Math.abs(v) > 1e9) {
      throw new IllegalArgumentException("replay data: " + v + ", must be finite and within ±1e9");
    }
    long scale = 1;
    for (int i = 0; i < decimals; i++) scale *= 10;
    long r = Math.round(v * scale);
    if (r < 0) {
      b.append('-');
      r = -r;
    }
    b.append(r / scale);
    long frac = r % scale;
    if (frac != 0) {
      int d = decimals;
      while (frac % 10 == 0) {
        frac /= 10;
        d--;
      }
      b.append('.');
      String digits = Long.toString(frac);
      for (int i = digits.length(); i < d; i++) b.append('0');
      b.append(digits);
    }
    return this;
  }

  /** Appends a JSON array of {@code v[from..to)} rounded as {@link #number}. */
  public JsonText numbers(double[] v, int from, int to, int decimals) {
    b.append('[');
    for (int i = from; i < to; i++) {
      if (i > from) b.append(',');
      number(v[i], decimals);
    }
    b.append(']');
    return this;
  }

  /** Characters written so far. */
  public int length() {
    return b.length();
  }

  @Override
  public String toString() {
    return b.toString();
  }
}
