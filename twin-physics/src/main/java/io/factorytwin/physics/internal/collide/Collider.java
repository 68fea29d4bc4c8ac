package io.factorytwin.physics.internal.collide;

/**
 * Narrow-phase contact generation between posed primitive shapes.
 *
 * <p><b>Units and frames.</b> Lengths in metres, everything in the world frame. A pose is {@code pos}, a
 * {@code double[3]} world position of the shape's centre, and {@code rot}, a {@code double[9]} row-major 3x3
 * rotation matrix from body to world ({@code world = rot * local + pos}); rotations are assumed orthonormal.
 * Boxes are given by their half extents along the body axes; cylinders have their axis along body Z, with a
 * radius and a half height. Planes are static half-spaces {@code dot(n, x) < planeOffset}; the normal need not
 * be unit length (it is normalised, and the offset with it), and the plane is always body B.
 *
 * <p><b>Output.</b> Every method reports at most four points to the {@link ContactSink} and returns how many it
 * reported. The normal points from B towards A; points with {@code -depth > margin} are never reported. Feature
 * ids are unique within a call and stay the same from one step to the next while the same pair of geometric
 * features touches, so the solver can carry impulses over.
 *
 * <p><b>Approximation.</b> {@link #cylinderBox} and {@link #cylinderCylinder} treat each cylinder as a prism
 * with 16 sides whose vertices lie on the true circle, so a cylinder lying on its side there sinks up to
 * {@code 1 - cos(pi/16)} = 1.9 % of its radius deeper than the true one before a contact appears. The pairs
 * with a plane or a sphere are exact.
 *
 * <p><b>Threads.</b> An instance keeps its scratch state in fields so that no call allocates; it is not
 * thread-safe and must be confined to one thread (one instance per world). The sink must not call back into the
 * same instance.
 */
public final class Collider {
  private static final int MAX_CONTACTS = 4;

  /**
   * A candidate axis replaces the preferred face axis only when its separation beats
   * {@code preferred + (1 - FACE_REL) * |preferred| + FACE_ABS * size}: resting stacks then keep one reference
   * face instead of flickering between two near-equal axes, which would change the feature ids every step.
   */
  private static final double FACE_REL = 0.95;
  private static final double FACE_ABS = 1e-4;
  /** Squared sine below which two edge directions count as parallel: their cross product has no direction. */
  private static final double PARALLEL_SIN2 = 1e-12;
  /**
   * Incident vertices this far outside a reference side plane (relative to the reference body's size) are kept
   * rather than clipped, so that a box exactly flush with another keeps its vertex ids under tiny jiggle.
   */
  private static final double CLIP_TOL = 1e-4;
  /** Depths within this fraction of the size of the deepest count as equally deep when picking four points. */
  private static final double DEPTH_TOL = 1e-4;
  /** Relative margin by which a later candidate must win to displace an earlier one (stable tie-breaking). */
  private static final double TIE_REL = 1e-3;
  /**
   * Clipped points closer than this (relative to size) are one point: degenerate input (a zero-size box, an
   * overlap of zero area) otherwise repeats a point under several feature ids.
   */
  private static final double DUPLICATE = 1e-9;
  /** Sideways offset (relative to size) beyond which two edges' closest points count as clamped. */
  private static final double EDGE_TOL = 1e-6;
  /** Sine of the tilt under which a cylinder counts as standing on an end face. */
  private static final double STAND_SIN = 0.01;

  // Feature id layout for polyhedron face contacts: bits 0-9 point tag, 10-14 incident face, 15-19 reference
  // face, 20 set when B holds the reference face. The tag names what made the point: an incident vertex
  // (0..15), an incident edge cut by a reference side plane, two side planes meeting (a reference corner), or
  // the deepest-vertex fallback. Edge-edge contacts set bit 21 and hold the two edge indices.
  private static final int TAG_EDGE = 16;
  private static final int TAG_CORNER = TAG_EDGE + 16 * 16;
  private static final int TAG_VERTEX = TAG_CORNER + 16 * 16;
  private static final int SIDE_LABEL = 64;
  private static final int EDGE_FLAG = 1 << 21;

  private static final int MAX_POLY = 2 * Hull.MAX_FACE_VERTS + 8;

  private final Hull hullA = new Hull();
  private final Hull hullB = new Hull();

  /** Two clip buffers used alternately: position, point tag, label of the edge leaving the point. */
  private final double[][] polyX = new double[2][MAX_POLY];
  private final double[][] polyY = new double[2][MAX_POLY];
  private final double[][] polyZ = new double[2][MAX_POLY];
  private final int[][] polyTag = new int[2][MAX_POLY];
  private final int[][] polyLab = new int[2][MAX_POLY];
  private final double[] dist = new double[MAX_POLY];

  private final double[] refX = new double[Hull.MAX_FACE_VERTS];
  private final double[] refY = new double[Hull.MAX_FACE_VERTS];
  private final double[] refZ = new double[Hull.MAX_FACE_VERTS];

  /** Candidate contacts: midpoint, depth, feature. */
  private final double[] candX = new double[MAX_POLY];
  private final double[] candY = new double[MAX_POLY];
  private final double[] candZ = new double[MAX_POLY];
  private final double[] candD = new double[MAX_POLY];
  private final int[] candF = new int[MAX_POLY];
  private final boolean[] picked = new boolean[MAX_POLY];
  private final int[] sel = new int[MAX_CONTACTS];

  private final double[] cornerD = new double[8];
  private final double[] cornerX = new double[8];
  private final double[] cornerY = new double[8];
  private final double[] cornerZ = new double[8];

  /** Segment closest points (s on the first segment, t on the second), set by {@link #closestSegments}. */
  private double segS;
  private double segT;
  /** Unit plane normal and offset, set by {@link #setPlane}. */
  private double planeNx;
  private double planeNy;
  private double planeNz;
  private double planeD;

  /** Creates a collider with its scratch state; reuse it for every pair of one world. */
  public Collider() {}

  // ------------------------------------------------------------------------------------------------ polyhedra

  /**
   * Box A against box B: separating axes over the 6 + 6 face planes (the 3 + 3 face normals, both senses) and
   * the 9 edge cross products, then reference-face clipping or one edge-edge point.
   *
   * @param halfA half extents of A along its body axes [m]
   * @param halfB half extents of B along its body axes [m]
   * @param margin distance [m] up to which separated points are still reported (with negative depth)
   * @return number of contacts reported, 0..4
   */
  public int boxBox(double[] posA, double[] rotA, double[] halfA, double[] posB, double[] rotB,
      double[] halfB, double margin, ContactSink out) {
    hullA.setBox(posA, rotA, halfA);
    hullB.setBox(posB, rotB, halfB);
    return hullHull(hullA, hullB, margin, out);
  }

  /**
   * Cylinder A against box B. The cylinder is a 16-sided prism here (see the class comment).
   *
   * @param radius cylinder radius [m]; the prism's vertices lie on this circle
   * @param halfHeight half the cylinder length along its body Z [m]
   */
  public int cylinderBox(double[] posC, double[] rotC, double radius, double halfHeight, double[] posB,
      double[] rotB, double[] halfB, double margin, ContactSink out) {
    hullA.setPrism(posC, rotC, radius, halfHeight);
    hullB.setBox(posB, rotB, halfB);
    return hullHull(hullA, hullB, margin, out);
  }

  /** Cylinder A against cylinder B, both as 16-sided prisms (see the class comment). */
  public int cylinderCylinder(double[] posA, double[] rotA, double rA, double hA, double[] posB,
      double[] rotB, double rB, double hB, double margin, ContactSink out) {
    hullA.setPrism(posA, rotA, rA, hA);
    hullB.setPrism(posB, rotB, rB, hB);
    return hullHull(hullA, hullB, margin, out);
  }

  private int hullHull(Hull a, Hull b, double margin, ContactSink out) {
    double bestA = Double.NEGATIVE_INFINITY;
    int faceA = 0;
    for (int f = 0; f < a.nFaces; f++) {
      double nx = a.fnx[f];
      double ny = a.fny[f];
      double nz = a.fnz[f];
      double sep = nx * b.px + ny * b.py + nz * b.pz - b.extent(nx, ny, nz) - a.fd[f];
      if (sep > margin) {
        return 0;
      }
      if (sep > bestA) {
        bestA = sep;
        faceA = f;
      }
    }
    double bestB = Double.NEGATIVE_INFINITY;
    int faceB = 0;
    for (int f = 0; f < b.nFaces; f++) {
      double nx = b.fnx[f];
      double ny = b.fny[f];
      double nz = b.fnz[f];
      double sep = nx * a.px + ny * a.py + nz * a.pz - a.extent(nx, ny, nz) - b.fd[f];
      if (sep > margin) {
        return 0;
      }
      if (sep > bestB) {
        bestB = sep;
        faceB = f;
      }
    }
    double ddx = a.px - b.px;
    double ddy = a.py - b.py;
    double ddz = a.pz - b.pz;
    double bestE = Double.NEGATIVE_INFINITY;
    int dirA = -1;
    int dirB = -1;
    double enx = 0;
    double eny = 0;
    double enz = 0;
    for (int i = 0; i < a.nDirs; i++) {
      double ux = a.dx[i];
      double uy = a.dy[i];
      double uz = a.dz[i];
      for (int j = 0; j < b.nDirs; j++) {
        double vx = b.dx[j];
        double vy = b.dy[j];
        double vz = b.dz[j];
        double cx = uy * vz - uz * vy;
        double cy = uz * vx - ux * vz;
        double cz = ux * vy - uy * vx;
        double l2 = cx * cx + cy * cy + cz * cz;
        if (!(l2 >= PARALLEL_SIN2)) {
          continue;
        }
        double inv = 1 / Math.sqrt(l2);
        cx *= inv;
        cy *= inv;
        cz *= inv;
        double s = cx * ddx + cy * ddy + cz * ddz;
        double sep = Math.abs(s) - a.extent(cx, cy, cz) - b.extent(cx, cy, cz);
        if (sep > margin) {
          return 0;
        }
        if (sep > bestE) {
          bestE = sep;
          dirA = i;
          dirB = j;
          // Orient from B towards A: A lies on the positive side of the axis.
          double sg = s < 0 ? -1 : 1;
          enx = cx * sg;
          eny = cy * sg;
          enz = cz * sg;
        }
      }
    }
    double tolAbs = FACE_ABS * Math.min(a.scale, b.scale);
    // The larger face is the natural reference (the smaller one's vertices then land inside it); preferring it
    // rather than body A also makes the result independent of the order of the two bodies.
    boolean preferA = a.faceArea(faceA) >= b.faceArea(faceB);
    boolean refIsA = preferA ? !beats(bestB, bestA, tolAbs) : beats(bestA, bestB, tolAbs);
    double faceSep = refIsA ? bestA : bestB;
    if (dirA >= 0 && beats(bestE, faceSep, tolAbs)) {
      // When only the edge axis separates, a face fallback would claim overlap: keep the edge point then.
      boolean keep = bestE > 0 && faceSep <= 0;
      if (edgeContact(a, b, dirA, dirB, enx, eny, enz, -bestE, keep, out)) {
        return 1;
      }
    }
    return refIsA ? faceContact(a, faceA, b, false, margin, out) : faceContact(b, faceB, a, true, margin, out);
  }

  /**
   * Whether separation {@code cand} should displace the preferred {@code pref}. A separating axis always beats
   * an overlapping one, so the bias never reports overlap for a pair that is apart.
   */
  private static boolean beats(double cand, double pref, double tolAbs) {
    return cand > pref + (1 - FACE_REL) * Math.abs(pref) + tolAbs || (cand > 0 && pref <= 0);
  }

  /**
   * Reports the point between the two supporting edges, unless they do not actually face each other along the
   * axis (their closest points are clamped at an end, as when a vertex is nearest) and {@code keep} is false:
   * then nothing is reported and false returned, so the caller falls back to the best face.
   */
  private boolean edgeContact(Hull a, Hull b, int dirA, int dirB, double nx, double ny, double nz, double depth,
      boolean keep, ContactSink out) {
    // The supporting edges: A's edge of that direction furthest towards B, and B's furthest towards A.
    int ea = -1;
    double best = Double.POSITIVE_INFINITY;
    for (int e = 0; e < a.nEdges; e++) {
      if (a.edgeDir[e] != dirA) {
        continue;
      }
      double m = a.vertexDot(a.edgeV0[e], nx, ny, nz) + a.vertexDot(a.edgeV1[e], nx, ny, nz);
      if (m < best) {
        best = m;
        ea = e;
      }
    }
    int eb = -1;
    best = Double.NEGATIVE_INFINITY;
    for (int e = 0; e < b.nEdges; e++) {
      if (b.edgeDir[e] != dirB) {
        continue;
      }
      double m = b.vertexDot(b.edgeV0[e], nx, ny, nz) + b.vertexDot(b.edgeV1[e], nx, ny, nz);
      if (m > best) {
        best = m;
        eb = e;
      }
    }
    if (ea < 0 || eb < 0) {
      return false;
    }
    int a0 = a.edgeV0[ea];
    int a1 = a.edgeV1[ea];
    int b0 = b.edgeV0[eb];
    int b1 = b.edgeV1[eb];
    double p0x = a.vx(a0);
    double p0y = a.vy(a0);
    double p0z = a.vz(a0);
    double d1x = a.vx(a1) - p0x;
    double d1y = a.vy(a1) - p0y;
    double d1z = a.vz(a1) - p0z;
    double q0x = b.vx(b0);
    double q0y = b.vy(b0);
    double q0z = b.vz(b0);
    double d2x = b.vx(b1) - q0x;
    double d2y = b.vy(b1) - q0y;
    double d2z = b.vz(b1) - q0z;
    closestSegments(p0x, p0y, p0z, d1x, d1y, d1z, q0x, q0y, q0z, d2x, d2y, d2z);
    double ax = p0x + segS * d1x;
    double ay = p0y + segS * d1y;
    double az = p0z + segS * d1z;
    double bx = q0x + segT * d2x;
    double by = q0y + segT * d2y;
    double bz = q0z + segT * d2z;
    // Between edges that truly face each other the gap is along the axis; any sideways part means clamping.
    double gx = ax - bx;
    double gy = ay - by;
    double gz = az - bz;
    double along = gx * nx + gy * ny + gz * nz;
    gx -= along * nx;
    gy -= along * ny;
    gz -= along * nz;
    double tol = EDGE_TOL * Math.max(a.scale, b.scale);
    double px = 0.5 * (ax + bx);
    double py = 0.5 * (ay + by);
    double pz = 0.5 * (az + bz);
    if (gx * gx + gy * gy + gz * gz > tol * tol) {
      if (!keep) {
        return false;
      }
      // Apart, and the edges do not face each other: anchor the point on B's edge, so that the point
      // -depth further along the normal lies on A's supporting plane; the depth stays the safe axis bound.
      px = bx - 0.5 * depth * nx;
      py = by - 0.5 * depth * ny;
      pz = bz - 0.5 * depth * nz;
    }
    out.contact(px, py, pz, nx, ny, nz, depth, EDGE_FLAG | (ea << 6) | eb);
    return true;
  }

  /**
   * Closest points of segments p0 + s d1 and q0 + t d2, s and t in [0, 1], into segS and segT. Parallel or
   * zero-length segments get a valid (non-unique) answer instead of a division by zero.
   */
  private void closestSegments(double p0x, double p0y, double p0z, double d1x, double d1y, double d1z,
      double q0x, double q0y, double q0z, double d2x, double d2y, double d2z) {
    double rx = p0x - q0x;
    double ry = p0y - q0y;
    double rz = p0z - q0z;
    double aa = d1x * d1x + d1y * d1y + d1z * d1z;
    double ee = d2x * d2x + d2y * d2y + d2z * d2z;
    double ff = d2x * rx + d2y * ry + d2z * rz;
    double s;
    double t;
    if (aa <= 1e-300 && ee <= 1e-300) {
      s = 0;
      t = 0;
    } else if (aa <= 1e-300) {
      s = 0;
      t = clamp01(ff / ee);
    } else {
      double cc = d1x * rx + d1y * ry + d1z * rz;
      if (ee <= 1e-300) {
        t = 0;
        s = clamp01(-cc / aa);
      } else {
        double bb = d1x * d2x + d1y * d2y + d1z * d2z;
        double den = aa * ee - bb * bb;
        // Nearly parallel segments: any s works, take the start and let t follow.
        s = den > 1e-12 * aa * ee ? clamp01((bb * ff - cc * ee) / den) : 0;
        t = (bb * s + ff) / ee;
        if (t < 0) {
          t = 0;
          s = clamp01(-cc / aa);
        } else if (t > 1) {
          t = 1;
          s = clamp01((bb - cc) / aa);
        }
      }
    }
    segS = s;
    segT = t;
  }

  private static double clamp01(double v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }

  /**
   * Clips the face of {@code inc} most opposed to reference face {@code rf} of {@code ref} against the side
   * planes of the reference face and reports the clipped points that are within margin.
   */
  private int faceContact(Hull ref, int rf, Hull inc, boolean refIsB, double margin, ContactSink out) {
    double nx = ref.fnx[rf];
    double ny = ref.fny[rf];
    double nz = ref.fnz[rf];
    double d = ref.fd[rf];
    // The incident face is the most opposed face through the incident body's deepest vertex. For a box that is
    // simply its most opposed face; for a prism the most opposed face overall can lie away from the overlap
    // (a thin disc poking its rim into a cylinder's side), so restricting to the deepest vertex matters.
    int deepV = 0;
    double minProj = Double.POSITIVE_INFINITY;
    for (int v = 0; v < inc.vertexCount(); v++) {
      double p = inc.vertexDot(v, nx, ny, nz);
      if (p < minProj - 1e-12 * inc.scale) {
        minProj = p;
        deepV = v;
      }
    }
    int incF = 0;
    double minDot = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 3; i++) {
      int f = inc.vertexFace(deepV, i);
      double dot = inc.fnx[f] * nx + inc.fny[f] * ny + inc.fnz[f] * nz;
      if (dot < minDot - 1e-12) {
        minDot = dot;
        incF = f;
      }
    }
    int cur = 0;
    int n = inc.faceLen[incF];
    int start = inc.faceStart[incF];
    for (int k = 0; k < n; k++) {
      int v = inc.faceVerts[start + k];
      polyX[cur][k] = inc.vx(v);
      polyY[cur][k] = inc.vy(v);
      polyZ[cur][k] = inc.vz(v);
      polyTag[cur][k] = k;
      polyLab[cur][k] = k;
    }
    int rn = ref.faceLen[rf];
    int rstart = ref.faceStart[rf];
    for (int k = 0; k < rn; k++) {
      int v = ref.faceVerts[rstart + k];
      refX[k] = ref.vx(v);
      refY[k] = ref.vy(v);
      refZ[k] = ref.vz(v);
    }
    double tol = CLIP_TOL * ref.scale;
    for (int s = 0; s < rn && n > 0; s++) {
      int s1 = s + 1 == rn ? 0 : s + 1;
      double ex = refX[s1] - refX[s];
      double ey = refY[s1] - refY[s];
      double ez = refZ[s1] - refZ[s];
      // Outward normal of the side: the edge runs counter-clockwise seen from outside the face.
      double sx = ey * nz - ez * ny;
      double sy = ez * nx - ex * nz;
      double sz = ex * ny - ey * nx;
      double l2 = sx * sx + sy * sy + sz * sz;
      if (!(l2 > 1e-300)) {
        continue; // degenerate (zero-length) side: it bounds nothing
      }
      double inv = 1 / Math.sqrt(l2);
      sx *= inv;
      sy *= inv;
      sz *= inv;
      n = clip(cur, n, sx, sy, sz, sx * refX[s] + sy * refY[s] + sz * refZ[s], s, tol);
      cur = 1 - cur;
    }
    int m = 0;
    int featureBase = (incF << 10) | (rf << 15) | (refIsB ? 1 << 20 : 0);
    double dup = DUPLICATE * Math.max(ref.scale, inc.scale);
    dup *= dup;
    for (int k = 0; k < n; k++) {
      double x = polyX[cur][k];
      double y = polyY[cur][k];
      double z = polyZ[cur][k];
      double depth = d - (nx * x + ny * y + nz * z);
      if (depth >= -margin && !isDuplicate(m, x + nx * 0.5 * depth, y + ny * 0.5 * depth, z + nz * 0.5 * depth,
          dup)) {
        double h = 0.5 * depth;
        candX[m] = x + nx * h;
        candY[m] = y + ny * h;
        candZ[m] = z + nz * h;
        candD[m] = depth;
        candF[m] = featureBase | polyTag[cur][k];
        m++;
      }
    }
    if (n == 0) {
      // Nothing of the incident face lies over the reference face, which happens in deep penetration. Report
      // the deepest vertex alone, but only when it really is inside the reference body, so that a pair that is
      // apart never gets a positive depth from this guess.
      double x = inc.vx(deepV);
      double y = inc.vy(deepV);
      double z = inc.vz(deepV);
      double depth = d - (nx * x + ny * y + nz * z);
      if (ref.contains(x, y, z)) {
        double h = 0.5 * depth;
        candX[0] = x + nx * h;
        candY[0] = y + ny * h;
        candZ[0] = z + nz * h;
        candD[0] = depth;
        candF[0] = featureBase | (TAG_VERTEX + deepV);
        m = 1;
      }
    }
    double sg = refIsB ? 1 : -1;
    return reduceAndEmit(m, nx * sg, ny * sg, nz * sg, nx, ny, nz, Math.max(ref.scale, inc.scale), out);
  }

  /** Whether the point is within sqrt(dist2) of one of the first m candidates. */
  private boolean isDuplicate(int m, double x, double y, double z, double dist2) {
    for (int k = 0; k < m; k++) {
      double ex = candX[k] - x;
      double ey = candY[k] - y;
      double ez = candZ[k] - z;
      if (ex * ex + ey * ey + ez * ez <= dist2) {
        return true;
      }
    }
    return false;
  }

  /**
   * One Sutherland-Hodgman pass against the plane {@code s . x = sd} (inside below), from buffer {@code src}
   * into the other buffer. Points up to {@code tol} outside still count as inside, and crossings inside that
   * band reuse the vertex instead of adding a near-duplicate. Each point keeps a tag naming the features it
   * comes from (incident vertex, incident edge x side plane, or two side planes), which the feature ids reuse.
   */
  private int clip(int src, int n, double snx, double sny, double snz, double sd, int side, double tol) {
    double[] sx = polyX[src];
    double[] sy = polyY[src];
    double[] sz = polyZ[src];
    int[] st = polyTag[src];
    int[] sl = polyLab[src];
    int dst = 1 - src;
    double[] ox = polyX[dst];
    double[] oy = polyY[dst];
    double[] oz = polyZ[dst];
    int[] ot = polyTag[dst];
    int[] ol = polyLab[dst];
    for (int k = 0; k < n; k++) {
      dist[k] = snx * sx[k] + sny * sy[k] + snz * sz[k] - sd;
    }
    int m = 0;
    for (int k = 0; k < n && m < MAX_POLY - 2; k++) {
      int k1 = k + 1 == n ? 0 : k + 1;
      double da = dist[k];
      double db = dist[k1];
      boolean aIn = da <= tol;
      boolean bIn = db <= tol;
      int lab = sl[k];
      if (aIn) {
        ox[m] = sx[k];
        oy[m] = sy[k];
        oz[m] = sz[k];
        ot[m] = st[k];
        ol[m] = lab;
        m++;
      }
      if (aIn && !bIn) {
        if (da < 0) {
          double t = da / (da - db);
          ox[m] = sx[k] + t * (sx[k1] - sx[k]);
          oy[m] = sy[k] + t * (sy[k1] - sy[k]);
          oz[m] = sz[k] + t * (sz[k1] - sz[k]);
          ot[m] = crossTag(lab, side);
          ol[m] = SIDE_LABEL + side;
          m++;
        } else {
          ol[m - 1] = SIDE_LABEL + side; // a itself is where the polygon leaves along the side plane
        }
      } else if (!aIn && bIn && db < 0) {
        double t = da / (da - db);
        ox[m] = sx[k] + t * (sx[k1] - sx[k]);
        oy[m] = sy[k] + t * (sy[k1] - sy[k]);
        oz[m] = sz[k] + t * (sz[k1] - sz[k]);
        ot[m] = crossTag(lab, side);
        ol[m] = lab;
        m++;
      }
    }
    return m;
  }

  private static int crossTag(int label, int side) {
    if (label < SIDE_LABEL) {
      return TAG_EDGE + label * 16 + side;
    }
    int other = label - SIDE_LABEL;
    int lo = Math.min(other, side);
    int hi = Math.max(other, side);
    return TAG_CORNER + lo * 16 + hi;
  }

  /**
   * Reports the candidates, reduced to four when there are more: the deepest, the one furthest from it, then
   * the two that add the most area, so the kept patch spans the contact region. Near-ties go to the earlier
   * candidate so the choice does not flicker from step to step.
   */
  private int reduceAndEmit(int n, double nx, double ny, double nz, double ax, double ay, double az,
      double scale, ContactSink out) {
    if (n <= MAX_CONTACTS) {
      for (int k = 0; k < n; k++) {
        out.contact(candX[k], candY[k], candZ[k], nx, ny, nz, candD[k], candF[k]);
      }
      return n;
    }
    double maxD = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      maxD = Math.max(maxD, candD[k]);
    }
    int i0 = 0;
    double limit = maxD - DEPTH_TOL * scale;
    while (i0 < n - 1 && !(candD[i0] >= limit)) {
      i0++;
    }
    int i1 = -1;
    double best = -1;
    for (int k = 0; k < n; k++) {
      double ex = candX[k] - candX[i0];
      double ey = candY[k] - candY[i0];
      double ez = candZ[k] - candZ[i0];
      double v = ex * ex + ey * ey + ez * ez;
      if (k != i0 && v > best * (1 + TIE_REL)) {
        best = v;
        i1 = k;
      }
    }
    int i2 = -1;
    best = -1;
    for (int k = 0; k < n; k++) {
      if (k == i0 || k == i1) {
        continue;
      }
      double v = Math.abs(area(i0, i1, k, ax, ay, az));
      if (v > best * (1 + TIE_REL)) {
        best = v;
        i2 = k;
      }
    }
    // Orient the triangle counter-clockwise about the reference axis so "outside" has one sign per edge.
    int t0 = i0;
    int t1 = i1;
    int t2 = i2;
    if (area(t0, t1, t2, ax, ay, az) < 0) {
      t1 = i2;
      t2 = i1;
    }
    int i3 = -1;
    best = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      if (k == i0 || k == i1 || k == i2) {
        continue;
      }
      double gain = Math.max(-area(t0, t1, k, ax, ay, az),
          Math.max(-area(t1, t2, k, ax, ay, az), -area(t2, t0, k, ax, ay, az)));
      if (i3 < 0 || gain > best + TIE_REL * Math.abs(best)) {
        best = gain;
        i3 = k;
      }
    }
    sel[0] = i0;
    sel[1] = i1;
    sel[2] = i2;
    sel[3] = i3;
    for (int q = 0; q < MAX_CONTACTS; q++) {
      int k = sel[q];
      out.contact(candX[k], candY[k], candZ[k], nx, ny, nz, candD[k], candF[k]);
    }
    return MAX_CONTACTS;
  }

  /** Twice the signed area of candidate triangle (i, j, k) seen along (ax, ay, az). */
  private double area(int i, int j, int k, double ax, double ay, double az) {
    double ux = candX[j] - candX[i];
    double uy = candY[j] - candY[i];
    double uz = candZ[j] - candZ[i];
    double vx = candX[k] - candX[i];
    double vy = candY[k] - candY[i];
    double vz = candZ[k] - candZ[i];
    return ax * (uy * vz - uz * vy) + ay * (uz * vx - ux * vz) + az * (ux * vy - uy * vx);
  }

  // --------------------------------------------------------------------------------------------------- planes

  /** Normalises the plane into planeNx, planeNy, planeNz, planeD; false when the normal has no direction. */
  private boolean setPlane(double[] normal, double offset) {
    double l = Math.sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
    if (!(l > 1e-300) || l == Double.POSITIVE_INFINITY) {
      return false;
    }
    planeNx = normal[0] / l;
    planeNy = normal[1] / l;
    planeNz = normal[2] / l;
    planeD = offset / l;
    return true;
  }

  /**
   * Box A against the static half-space {@code dot(planeNormal, x) < planeOffset} (body B). Reports the (at
   * most four) deepest corners within margin, each projected halfway onto the plane; feature = corner index
   * 0..7, bit 0/1/2 selecting the + side of body x/y/z.
   */
  public int boxPlane(double[] pos, double[] rot, double[] half, double[] planeNormal, double planeOffset,
      double margin, ContactSink out) {
    if (!setPlane(planeNormal, planeOffset)) {
      return 0;
    }
    double nx = planeNx;
    double ny = planeNy;
    double nz = planeNz;
    for (int v = 0; v < 8; v++) {
      double lx = (v & 1) != 0 ? half[0] : -half[0];
      double ly = (v & 2) != 0 ? half[1] : -half[1];
      double lz = (v & 4) != 0 ? half[2] : -half[2];
      double x = pos[0] + rot[0] * lx + rot[1] * ly + rot[2] * lz;
      double y = pos[1] + rot[3] * lx + rot[4] * ly + rot[5] * lz;
      double z = pos[2] + rot[6] * lx + rot[7] * ly + rot[8] * lz;
      cornerX[v] = x;
      cornerY[v] = y;
      cornerZ[v] = z;
      cornerD[v] = planeD - (nx * x + ny * y + nz * z);
    }
    int count = 0;
    int taken = 0; // bit mask of reported corners
    while (count < MAX_CONTACTS) {
      int bestV = -1;
      double bestD = -margin;
      for (int v = 0; v < 8; v++) {
        if ((taken & (1 << v)) == 0 && cornerD[v] >= bestD && (bestV < 0 || cornerD[v] > bestD)) {
          bestV = v;
          bestD = cornerD[v];
        }
      }
      if (bestV < 0) {
        break;
      }
      taken |= 1 << bestV;
      double h = 0.5 * bestD;
      out.contact(cornerX[bestV] + nx * h, cornerY[bestV] + ny * h, cornerZ[bestV] + nz * h, nx, ny, nz, bestD,
          bestV);
      count++;
    }
    return count;
  }

  /** Sphere A against the static half-space (body B); feature 0. */
  public int spherePlane(double[] pos, double radius, double[] planeNormal, double planeOffset, double margin,
      ContactSink out) {
    if (!setPlane(planeNormal, planeOffset)) {
      return 0;
    }
    double nx = planeNx;
    double ny = planeNy;
    double nz = planeNz;
    double depth = planeD - (nx * pos[0] + ny * pos[1] + nz * pos[2]) + radius;
    if (!(depth >= -margin)) {
      return 0;
    }
    // Deepest point of the sphere, then half the depth back towards the plane.
    double k = 0.5 * depth - radius;
    out.contact(pos[0] + nx * k, pos[1] + ny * k, pos[2] + nz * k, nx, ny, nz, depth, 0);
    return 1;
  }

  /**
   * Cylinder A against the static half-space (body B), on the true cylinder. Tilted (including lying on its
   * side, which gives a line contact from two points), each end circle reports its lowest rim point within
   * margin: feature 0 for the end at body -Z, 1 for +Z. Standing within about 0.6 degrees of upright, the lowest
   * rim reports four points at body +X, +Y, -X, -Y (features 10..13), fixed to the body so they neither spin
   * with a rotation about the axis nor jump with the direction of a tiny tilt.
   */
  public int cylinderPlane(double[] pos, double[] rot, double radius, double halfHeight, double[] planeNormal,
      double planeOffset, double margin, ContactSink out) {
    if (!setPlane(planeNormal, planeOffset)) {
      return 0;
    }
    double nx = planeNx;
    double ny = planeNy;
    double nz = planeNz;
    double ax = rot[2];
    double ay = rot[5];
    double az = rot[8];
    double c = nx * ax + ny * ay + nz * az;
    // Direction within the end planes pointing most against the normal.
    double ux = -(nx - c * ax);
    double uy = -(ny - c * ay);
    double uz = -(nz - c * az);
    double ul = Math.sqrt(ux * ux + uy * uy + uz * uz);
    int count = 0;
    if (ul < STAND_SIN) {
      double end = c > 0 ? -halfHeight : halfHeight;
      double ex = pos[0] + ax * end;
      double ey = pos[1] + ay * end;
      double ez = pos[2] + az * end;
      for (int k = 0; k < 4; k++) {
        double lx = k == 0 ? 1 : k == 2 ? -1 : 0;
        double ly = k == 1 ? 1 : k == 3 ? -1 : 0;
        double x = ex + radius * (rot[0] * lx + rot[1] * ly);
        double y = ey + radius * (rot[3] * lx + rot[4] * ly);
        double z = ez + radius * (rot[6] * lx + rot[7] * ly);
        count += emitPlanePoint(x, y, z, margin, 10 + k, out);
      }
      return count;
    }
    ux /= ul;
    uy /= ul;
    uz /= ul;
    for (int k = 0; k < 2; k++) {
      double end = k == 0 ? -halfHeight : halfHeight;
      double x = pos[0] + ax * end + radius * ux;
      double y = pos[1] + ay * end + radius * uy;
      double z = pos[2] + az * end + radius * uz;
      count += emitPlanePoint(x, y, z, margin, k, out);
    }
    return count;
  }

  private int emitPlanePoint(double x, double y, double z, double margin, int feature, ContactSink out) {
    double depth = planeD - (planeNx * x + planeNy * y + planeNz * z);
    if (!(depth >= -margin)) {
      return 0;
    }
    double h = 0.5 * depth;
    out.contact(x + planeNx * h, y + planeNy * h, z + planeNz * h, planeNx, planeNy, planeNz, depth, feature);
    return 1;
  }

  // -------------------------------------------------------------------------------------------------- spheres

  /** Sphere A against sphere B; coincident centres separate along +Z. Feature 0. */
  public int sphereSphere(double[] posA, double rA, double[] posB, double rB, double margin, ContactSink out) {
    double dx = posA[0] - posB[0];
    double dy = posA[1] - posB[1];
    double dz = posA[2] - posB[2];
    double l = Math.sqrt(dx * dx + dy * dy + dz * dz);
    double depth = rA + rB - l;
    if (!(depth >= -margin)) {
      return 0;
    }
    double nx = 0;
    double ny = 0;
    double nz = 1;
    if (l > 1e-12 * Math.max(1, rA + rB)) {
      nx = dx / l;
      ny = dy / l;
      nz = dz / l;
    }
    // Midway between A's deepest point (centre - rA n) and B's (centre + rB n).
    double k = 0.5 * (rB - rA);
    double mx = 0.5 * (posA[0] + posB[0]);
    double my = 0.5 * (posA[1] + posB[1]);
    double mz = 0.5 * (posA[2] + posB[2]);
    out.contact(mx + nx * k, my + ny * k, mz + nz * k, nx, ny, nz, depth, 0);
    return 1;
  }

  /**
   * Sphere A against box B, on the true box. A centre inside the box leaves through the nearest face. Feature =
   * sum over body axes i of 3^i times 0 (between the faces), 1 (at the + face) or 2 (at the - face), so a face,
   * edge or corner keeps its id whether the centre is inside or outside.
   */
  public int sphereBox(double[] posS, double radius, double[] posB, double[] rotB, double[] halfB,
      double margin, ContactSink out) {
    double wx = posS[0] - posB[0];
    double wy = posS[1] - posB[1];
    double wz = posS[2] - posB[2];
    double qx = rotB[0] * wx + rotB[3] * wy + rotB[6] * wz;
    double qy = rotB[1] * wx + rotB[4] * wy + rotB[7] * wz;
    double qz = rotB[2] * wx + rotB[5] * wy + rotB[8] * wz;
    double hx = Math.abs(halfB[0]);
    double hy = Math.abs(halfB[1]);
    double hz = Math.abs(halfB[2]);
    double cx = clamp(qx, hx);
    double cy = clamp(qy, hy);
    double cz = clamp(qz, hz);
    double ox = qx - cx;
    double oy = qy - cy;
    double oz = qz - cz;
    double l = Math.sqrt(ox * ox + oy * oy + oz * oz);
    double lnx;
    double lny;
    double lnz;
    double depth;
    int feature;
    if (l > 1e-12 * Math.max(1, Math.max(hx, Math.max(hy, hz)))) {
      lnx = ox / l;
      lny = oy / l;
      lnz = oz / l;
      depth = radius - l;
      feature = code(qx, hx) + 3 * code(qy, hy) + 9 * code(qz, hz);
    } else {
      // Centre inside (or on) the box: leave through the face with the least way to go.
      double gx = hx - Math.abs(qx);
      double gy = hy - Math.abs(qy);
      double gz = hz - Math.abs(qz);
      lnx = 0;
      lny = 0;
      lnz = 0;
      double g;
      if (gx <= gy && gx <= gz) {
        g = gx;
        lnx = qx < 0 ? -1 : 1;
        cx = lnx * hx;
        feature = qx < 0 ? 2 : 1;
      } else if (gy <= gz) {
        g = gy;
        lny = qy < 0 ? -1 : 1;
        cy = lny * hy;
        feature = 3 * (qy < 0 ? 2 : 1);
      } else {
        g = gz;
        lnz = qz < 0 ? -1 : 1;
        cz = lnz * hz;
        feature = 9 * (qz < 0 ? 2 : 1);
      }
      depth = radius + g;
    }
    if (!(depth >= -margin)) {
      return 0;
    }
    double nx = rotB[0] * lnx + rotB[1] * lny + rotB[2] * lnz;
    double ny = rotB[3] * lnx + rotB[4] * lny + rotB[5] * lnz;
    double nz = rotB[6] * lnx + rotB[7] * lny + rotB[8] * lnz;
    // Box surface point, then half the depth towards the sphere's deepest point (along -n).
    double bx = posB[0] + rotB[0] * cx + rotB[1] * cy + rotB[2] * cz;
    double by = posB[1] + rotB[3] * cx + rotB[4] * cy + rotB[5] * cz;
    double bz = posB[2] + rotB[6] * cx + rotB[7] * cy + rotB[8] * cz;
    double h = 0.5 * depth;
    out.contact(bx - nx * h, by - ny * h, bz - nz * h, nx, ny, nz, depth, feature);
    return 1;
  }

  private static double clamp(double v, double h) {
    return v < -h ? -h : v > h ? h : v;
  }

  private static int code(double q, double h) {
    return q > h ? 1 : q < -h ? 2 : 0;
  }

  /**
   * Sphere A against cylinder B, on the true solid cylinder. Feature 0 side, 1 cap at body +Z, 2 cap at -Z,
   * 3 rim at +Z, 4 rim at -Z.
   */
  public int sphereCylinder(double[] posS, double radius, double[] posC, double[] rotC, double rC, double hC,
      double margin, ContactSink out) {
    double wx = posS[0] - posC[0];
    double wy = posS[1] - posC[1];
    double wz = posS[2] - posC[2];
    double qx = rotC[0] * wx + rotC[3] * wy + rotC[6] * wz;
    double qy = rotC[1] * wx + rotC[4] * wy + rotC[7] * wz;
    double qz = rotC[2] * wx + rotC[5] * wy + rotC[8] * wz;
    double r = Math.abs(rC);
    double h = Math.abs(hC);
    double rho = Math.sqrt(qx * qx + qy * qy);
    // Unit radial direction; the body X axis stands in when the centre is on the axis.
    double rx = 1;
    double ry = 0;
    if (rho > 1e-12 * Math.max(1, r)) {
      rx = qx / rho;
      ry = qy / rho;
    }
    boolean outR = rho > r;
    boolean outZ = Math.abs(qz) > h;
    double zs = qz < 0 ? -h : h;
    double cx;
    double cy;
    double cz;
    int feature;
    if (outR && outZ) {
      cx = rx * r;
      cy = ry * r;
      cz = zs;
      feature = qz < 0 ? 4 : 3;
    } else if (outR) {
      cx = rx * r;
      cy = ry * r;
      cz = qz;
      feature = 0;
    } else if (outZ) {
      cx = qx;
      cy = qy;
      cz = zs;
      feature = qz < 0 ? 2 : 1;
    } else {
      cx = qx;
      cy = qy;
      cz = qz;
      feature = -1;
    }
    double ox = qx - cx;
    double oy = qy - cy;
    double oz = qz - cz;
    double l = Math.sqrt(ox * ox + oy * oy + oz * oz);
    double lnx;
    double lny;
    double lnz;
    double depth;
    if (feature >= 0 && l > 1e-12 * Math.max(1, Math.max(r, h))) {
      lnx = ox / l;
      lny = oy / l;
      lnz = oz / l;
      depth = radius - l;
    } else {
      // Centre inside (or on) the cylinder: leave through the side or the nearer cap, whichever is closer.
      double toSide = r - rho;
      double toCap = h - Math.abs(qz);
      if (toSide < toCap) {
        lnx = rx;
        lny = ry;
        lnz = 0;
        cx = rx * r;
        cy = ry * r;
        cz = qz;
        depth = radius + Math.max(toSide, 0);
        feature = 0;
      } else {
        lnx = 0;
        lny = 0;
        lnz = qz < 0 ? -1 : 1;
        cx = qx;
        cy = qy;
        cz = zs;
        depth = radius + Math.max(toCap, 0);
        feature = qz < 0 ? 2 : 1;
      }
    }
    if (!(depth >= -margin)) {
      return 0;
    }
    double nx = rotC[0] * lnx + rotC[1] * lny + rotC[2] * lnz;
    double ny = rotC[3] * lnx + rotC[4] * lny + rotC[5] * lnz;
    double nz = rotC[6] * lnx + rotC[7] * lny + rotC[8] * lnz;
    double bx = posC[0] + rotC[0] * cx + rotC[1] * cy + rotC[2] * cz;
    double by = posC[1] + rotC[3] * cx + rotC[4] * cy + rotC[5] * cz;
    double bz = posC[2] + rotC[6] * cx + rotC[7] * cy + rotC[8] * cz;
    double k = 0.5 * depth;
    out.contact(bx - nx * k, by - ny * k, bz - nz * k, nx, ny, nz, depth, feature);
    return 1;
  }
}
