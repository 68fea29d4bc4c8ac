package io.factorytwin.examples.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parsed {@code --name value...} options of one command. Confined to one thread. */
final class Args {
  private final Map<String, List<String>> values = new HashMap<>();

  static Args parse(String[] args, int from) {
    Args a = new Args();
    String key = null;
    for (int i = from; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        key = args[i].substring(2);
        if (a.values.containsKey(key)) throw new IllegalArgumentException("--" + key + ": given twice");
        a.values.put(key, new ArrayList<>());
      } else if (key == null) {
        throw new IllegalArgumentException("unexpected argument " + args[i] + ", options start with --");
      } else {
        a.values.get(key).add(args[i]);
      }
    }
    return a;
  }

  String required(String key) {
    String v = one(key, null);
    if (v == null) throw new IllegalArgumentException("--" + key + ": missing");
    return v;
  }

  String one(String key, String fallback) {
    List<String> v = values.get(key);
    if (v == null) return fallback;
    if (v.size() != 1) throw new IllegalArgumentException("--" + key + ": " + v.size() + " values, must be one");
    return v.get(0);
  }

  List<String> many(String key) {
    List<String> v = values.get(key);
    if (v == null || v.isEmpty()) throw new IllegalArgumentException("--" + key + ": missing, must name at least one file");
    return v;
  }

  int integer(String key, int fallback, int min, int max) {
    String v = one(key, null);
    if (v == null) return fallback;
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) throw new IllegalArgumentException("--" + key + ": " + n + ", must be in [" + min + ", " + max + "]");
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + ": " + v + ", must be a whole number");
    }
  }

  double number(String key, double fallback, double min, double max) {
    String v = one(key, null);
    if (v == null) return fallback;
    try {
      double n = Double.parseDouble(v);
      if (!(n >= min && n <= max)) throw new IllegalArgumentException("--" + key + ": " + n + ", must be in [" + min + ", " + max + "]");
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + ": " + v + ", must be a number");
    }
  }

  int[] horizons(String key, int[] fallback) {
    String v = one(key, null);
    if (v == null) return fallback;
    String[] parts = v.split(",");
    int[] h = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        h[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + key + ": " + v + ", must be whole numbers separated by commas");
      }
      if (h[i] < 1 || (i > 0 && h[i] <= h[i - 1])) {
        throw new IllegalArgumentException("--" + key + ": " + v + ", must be ascending and >= 1");
      }
    }
    return h;
  }
}
