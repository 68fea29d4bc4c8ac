package io.factorytwin.core.sim;

import java.util.Arrays;

/**
 * The contact impulses of the last step, kept so the next step's solver can start from them
 * (warm starting). Part of the state so that a restored snapshot continues exactly. Entries are
 * sorted by key; a key packs the two body slots and a contact feature id (the backend defines the
 * packing). Each entry has {@value #STRIDE} values: the normal impulse [N·s] and the friction
 * impulse vector in the world frame [N·s].
 *
 * <p>Hosts have no reason to touch it. Confined to the thread that owns the state.
 */
public final class SolverCache {
  /** Values per entry: normal impulse, then friction impulse x, y, z. */
  public static final int STRIDE = 4;

  private long[] keys = new long[16];
  private double[] values = new double[16 * STRIDE];
  private int size;

  SolverCache() {}

  /** Number of entries. */
  public int size() {
    return size;
  }

  /** Key array (first {@link #size()} valid, ascending); live. */
  public long[] keys() {
    return keys;
  }

  /** Value array ({@link #STRIDE} per entry); live. */
  public double[] values() {
    return values;
  }

  /** Empties the cache, keeping its capacity. */
  public void clear() {
    size = 0;
  }

  /** Makes room for {@code n} entries and sets the size to {@code n}; contents past the old size are undefined. */
  public void resize(int n) {
    if (n > keys.length) {
      int cap = Math.max(n, keys.length * 2);
      keys = Arrays.copyOf(keys, cap);
      values = Arrays.copyOf(values, cap * STRIDE);
    }
    size = n;
  }

  /** Index of {@code key}, or a negative number when absent (binary search; keys must be ascending). */
  public int find(long key) {
    return Arrays.binarySearch(keys, 0, size, key);
  }

  SolverCache copy() {
    SolverCache c = new SolverCache();
    c.set(this);
    return c;
  }

  void set(SolverCache o) {
    resize(o.size);
    System.arraycopy(o.keys, 0, keys, 0, o.size);
    System.arraycopy(o.values, 0, values, 0, o.size * STRIDE);
  }

  boolean bitwiseEquals(SolverCache o) {
    if (size != o.size) return false;
    for (int i = 0; i < size; i++) if (keys[i] != o.keys[i]) return false;
    for (int i = 0; i < size * STRIDE; i++) {
      if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(o.values[i])) return false;
    }
    return true;
  }
}
