package io.factorytwin.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
  /** n rows over trajectories 0, 1, 2 in turn; feature row r = (r, 2r), target row r = 10r. */
  static Dataset rows(int n) {
    double[] f = new double[2 * n], t = new double[n];
    int[] tr = new int[n];
    for (int r = 0; r < n; r++) {
      f[2 * r] = r;
      f[2 * r + 1] = 2 * r;
      t[r] = 10 * r;
      tr[r] = r * 3 / n;
    }
    return new Dataset(List.of("a", "b"), List.of("y"), f, t, tr);
  }

  @Test
  void thinKeepsEvenlySpreadRowsInOrderWithTheirTargetsAndTrajectories() {
    Dataset d = rows(1000).thin(300);
    assertEquals(300, d.rows());
    for (int k = 0; k < 300; k++) {
      int r = k * 1000 / 300;
      assertEquals(r, d.feature(k, 0));
      assertEquals(2 * r, d.feature(k, 1));
      assertEquals(10 * r, d.target(k, 0));
      assertEquals(r * 3 / 1000, d.trajectories()[k]);
    }
    assertArrayEquals(new int[] {0, 1, 2}, d.trajectoryIds(), "every trajectory keeps rows");
    assertEquals(996, d.feature(299, 0), "the last kept row: 299·1000/300");
  }

  @Test
  void thinToMoreRowsThanThereAreIsTheSameDataset() {
    Dataset d = rows(50);
    assertSame(d, d.thin(50));
    assertSame(d, d.thin(1000));
  }

  @Test
  void thinRefusesLessThanOneRow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rows(10).thin(0));
    assertTrue(e.getMessage().contains("dataset.thin: 0 rows"), e.getMessage());
  }

  @Test
  void selectAndConcatKeepRowsAligned() {
    Dataset d = rows(9);
    Dataset mid = d.select(new int[] {1});
    assertEquals(3, mid.rows());
    assertEquals(3, mid.feature(0, 0));
    assertEquals(50, mid.target(2, 0));
    Dataset both = mid.concat(d.select(new int[] {0}));
    assertEquals(6, both.rows());
    assertEquals(0, both.feature(3, 0));
    assertEquals(1, both.trajectories()[0]);
    assertEquals(0, both.trajectories()[5]);
  }
}
