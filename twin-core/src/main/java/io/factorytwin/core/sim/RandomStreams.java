package io.factorytwin.core.sim;

import java.nio.charset.StandardCharsets;

/**
 * Counter-based random streams: the k-th draw of element {@code id} at {@code tick} under
 * {@code seed} is a pure function of those four values (a SplitMix64-style mix). Nothing is stored,
 * so a fork or a restored state draws exactly what the original drew, and adding an element does
 * not change any other element's draws.
 *
 * <p>Stateless and thread-safe.
 */
public final class RandomStreams {
  private RandomStreams() {}

  /** A 64-bit key for element {@code id} (FNV-1a of its UTF-8 bytes). */
  public static long key(String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  public static double uniform(long seed, long key, long tick, int k) {
    long z = mix(seed + 0x9e3779b97f4a7c15L * (1 + k));
    z = mix(z ^ key);
    z = mix(z ^ tick);
    return (z >>> 11) * 0x1.0p-53;
  }

  /** Standard normal (Box–Muller on draws 2k and 2k+1). */
  public static double gaussian(long seed, long key, long tick, int k) {
    double u1 = uniform(seed, key, tick, 2 * k), u2 = uniform(seed, key, tick, 2 * k + 1);
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
