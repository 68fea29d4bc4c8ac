package io.factorytwin.physics.internal.collide;

/**
 * A posed, centrally symmetric convex polyhedron: either a box or the 16-sided prism that stands in for a
 * cylinder. Scratch object owned by one {@link Collider}; {@code setBox}/{@code setPrism} overwrite it, so no
 * call allocates.
 *
 * <p>Topology (vertex, face and edge numbering) is fixed per shape kind and kept in static tables, so face and
 * edge indices mean the same thing from one step to the next; the contact feature ids rely on that.
 *
 * <p>Both shapes are symmetric about their centre, which lets the projection of the whole hull onto an axis be
 * written as {@code centre . axis +- extent(axis)} without visiting the vertices.
 */
final class Hull {
  static final int PRISM_SIDES = 16;

  // Box: vertex i has local coordinates (+-hx, +-hy, +-hz) with bit 0, 1, 2 of i selecting + for x, y, z.
  // Faces 0..5 are +x, -x, +y, -y, +z, -z; vertex lists are counter-clockwise seen from outside.
  private static final int[] BOX_FACE_START = {0, 4, 8, 12, 16, 20};
  private static final int[] BOX_FACE_LEN = {4, 4, 4, 4, 4, 4};
  private static final int[] BOX_FACE_VERTS = {
      1, 3, 7, 5, 0, 4, 6, 2, 2, 6, 7, 3, 0, 1, 5, 4, 4, 5, 7, 6, 0, 2, 3, 1};
  private static final int[] BOX_EDGE_V0 = {0, 2, 4, 6, 0, 1, 4, 5, 0, 1, 2, 3};
  private static final int[] BOX_EDGE_V1 = {1, 3, 5, 7, 2, 3, 6, 7, 4, 5, 6, 7};
  private static final int[] BOX_EDGE_DIR = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};

  // Prism: vertex k (0..15) on the bottom ring at angle 2*pi*k/16, vertex 16+k above it on the top ring.
  // Faces 0..15 are the sides (side k between rings k and k+1), 16 the top cap, 17 the bottom cap.
  // Edges 0..15 bottom ring, 16..31 top ring, 32..47 vertical; directions 0..7 ring (edge k and k+8 are
  // antiparallel), 8 the axis.
  private static final int[] PRISM_FACE_START = new int[PRISM_SIDES + 2];
  private static final int[] PRISM_FACE_LEN = new int[PRISM_SIDES + 2];
  private static final int[] PRISM_FACE_VERTS = new int[4 * PRISM_SIDES + 2 * PRISM_SIDES];
  private static final int[] PRISM_EDGE_V0 = new int[3 * PRISM_SIDES];
  private static final int[] PRISM_EDGE_V1 = new int[3 * PRISM_SIDES];
  private static final int[] PRISM_EDGE_DIR = new int[3 * PRISM_SIDES];
  /** Cosine and sine of the vertex angles. */
  static final double[] VCOS = new double[PRISM_SIDES];
  static final double[] VSIN = new double[PRISM_SIDES];
  /** Cosine and sine of the side-face normal angles (half-way between two vertices). */
  private static final double[] FCOS = new double[PRISM_SIDES];
  private static final double[] FSIN = new double[PRISM_SIDES];
  /** Distance from the axis to a flat side, as a fraction of the circumscribed radius. */
  static final double APOTHEM = Math.cos(Math.PI / PRISM_SIDES);

  static {
    int n = PRISM_SIDES;
    for (int k = 0; k < n; k++) {
      double a = 2 * Math.PI * k / n;
      VCOS[k] = Math.cos(a);
      VSIN[k] = Math.sin(a);
      double f = a + Math.PI / n;
      FCOS[k] = Math.cos(f);
      FSIN[k] = Math.sin(f);
    }
    int w = 0;
    for (int k = 0; k < n; k++) {
      int k1 = (k + 1) % n;
      PRISM_FACE_START[k] = w;
      PRISM_FACE_LEN[k] = 4;
      PRISM_FACE_VERTS[w++] = k;
      PRISM_FACE_VERTS[w++] = k1;
      PRISM_FACE_VERTS[w++] = n + k1;
      PRISM_FACE_VERTS[w++] = n + k;
    }
    PRISM_FACE_START[n] = w;
    PRISM_FACE_LEN[n] = n;
    for (int k = 0; k < n; k++) {
      PRISM_FACE_VERTS[w++] = n + k;
    }
    PRISM_FACE_START[n + 1] = w;
    PRISM_FACE_LEN[n + 1] = n;
    for (int k = n - 1; k >= 0; k--) {
      PRISM_FACE_VERTS[w++] = k;
    }
    for (int k = 0; k < n; k++) {
      int k1 = (k + 1) % n;
      PRISM_EDGE_V0[k] = k;
      PRISM_EDGE_V1[k] = k1;
      PRISM_EDGE_DIR[k] = k % (n / 2);
      PRISM_EDGE_V0[n + k] = n + k;
      PRISM_EDGE_V1[n + k] = n + k1;
      PRISM_EDGE_DIR[n + k] = k % (n / 2);
      PRISM_EDGE_V0[2 * n + k] = k;
      PRISM_EDGE_V1[2 * n + k] = n + k;
      PRISM_EDGE_DIR[2 * n + k] = n / 2;
    }
  }

  static final int MAX_VERTS = 2 * PRISM_SIDES;
  static final int MAX_FACES = PRISM_SIDES + 2;
  static final int MAX_DIRS = PRISM_SIDES / 2 + 1;
  static final int MAX_FACE_VERTS = PRISM_SIDES;

  boolean prism;
  int nFaces;
  int nEdges;
  int nDirs;
  int[] faceStart;
  int[] faceLen;
  int[] faceVerts;
  int[] edgeV0;
  int[] edgeV1;
  int[] edgeDir;

  /** Pose: centre and row-major body-to-world rotation. */
  double px, py, pz;
  double r0, r1, r2, r3, r4, r5, r6, r7, r8;
  /** Box half extents, or prism radius in hx and half height in hz. */
  double hx, hy, hz;
  /** Largest half dimension [m]; sets the length scale of the tolerances. */
  double scale;

  /** World face normals and plane offsets (n . x = d on the face). */
  final double[] fnx = new double[MAX_FACES];
  final double[] fny = new double[MAX_FACES];
  final double[] fnz = new double[MAX_FACES];
  final double[] fd = new double[MAX_FACES];
  /** World unit edge directions. */
  final double[] dx = new double[MAX_DIRS];
  final double[] dy = new double[MAX_DIRS];
  final double[] dz = new double[MAX_DIRS];

  void setBox(double[] pos, double[] rot, double[] half) {
    prism = false;
    nFaces = 6;
    nEdges = 12;
    nDirs = 3;
    faceStart = BOX_FACE_START;
    faceLen = BOX_FACE_LEN;
    faceVerts = BOX_FACE_VERTS;
    edgeV0 = BOX_EDGE_V0;
    edgeV1 = BOX_EDGE_V1;
    edgeDir = BOX_EDGE_DIR;
    setPose(pos, rot);
    hx = Math.abs(half[0]);
    hy = Math.abs(half[1]);
    hz = Math.abs(half[2]);
    scale = Math.max(hx, Math.max(hy, hz));
    for (int a = 0; a < 3; a++) {
      // Column a of the rotation is the world image of local axis a.
      double cx = a == 0 ? r0 : a == 1 ? r1 : r2;
      double cy = a == 0 ? r3 : a == 1 ? r4 : r5;
      double cz = a == 0 ? r6 : a == 1 ? r7 : r8;
      double h = a == 0 ? hx : a == 1 ? hy : hz;
      double c = cx * px + cy * py + cz * pz;
      fnx[2 * a] = cx;
      fny[2 * a] = cy;
      fnz[2 * a] = cz;
      fd[2 * a] = c + h;
      fnx[2 * a + 1] = -cx;
      fny[2 * a + 1] = -cy;
      fnz[2 * a + 1] = -cz;
      fd[2 * a + 1] = -c + h;
      dx[a] = cx;
      dy[a] = cy;
      dz[a] = cz;
    }
  }

  void setPrism(double[] pos, double[] rot, double radius, double halfHeight) {
    prism = true;
    nFaces = MAX_FACES;
    nEdges = 3 * PRISM_SIDES;
    nDirs = MAX_DIRS;
    faceStart = PRISM_FACE_START;
    faceLen = PRISM_FACE_LEN;
    faceVerts = PRISM_FACE_VERTS;
    edgeV0 = PRISM_EDGE_V0;
    edgeV1 = PRISM_EDGE_V1;
    edgeDir = PRISM_EDGE_DIR;
    setPose(pos, rot);
    hx = Math.abs(radius);
    hy = hx;
    hz = Math.abs(halfHeight);
    scale = Math.max(hx, hz);
    double side = hx * APOTHEM;
    for (int k = 0; k < PRISM_SIDES; k++) {
      setFace(k, FCOS[k], FSIN[k], 0, side);
    }
    setFace(PRISM_SIDES, 0, 0, 1, hz);
    setFace(PRISM_SIDES + 1, 0, 0, -1, hz);
    for (int k = 0; k < PRISM_SIDES / 2; k++) {
      // Ring edge k runs from vertex k to k+1, i.e. along the tangent at the face-normal angle.
      double lx = -FSIN[k];
      double ly = FCOS[k];
      dx[k] = r0 * lx + r1 * ly;
      dy[k] = r3 * lx + r4 * ly;
      dz[k] = r6 * lx + r7 * ly;
    }
    dx[PRISM_SIDES / 2] = r2;
    dy[PRISM_SIDES / 2] = r5;
    dz[PRISM_SIDES / 2] = r8;
  }

  private void setFace(int f, double lx, double ly, double lz, double offset) {
    double nx = r0 * lx + r1 * ly + r2 * lz;
    double ny = r3 * lx + r4 * ly + r5 * lz;
    double nz = r6 * lx + r7 * ly + r8 * lz;
    fnx[f] = nx;
    fny[f] = ny;
    fnz[f] = nz;
    fd[f] = offset + nx * px + ny * py + nz * pz;
  }

  private void setPose(double[] pos, double[] rot) {
    px = pos[0];
    py = pos[1];
    pz = pos[2];
    r0 = rot[0];
    r1 = rot[1];
    r2 = rot[2];
    r3 = rot[3];
    r4 = rot[4];
    r5 = rot[5];
    r6 = rot[6];
    r7 = rot[7];
    r8 = rot[8];
  }

  /** Half length of the projection of the hull onto the unit world axis (ax, ay, az). */
  double extent(double ax, double ay, double az) {
    double lx = r0 * ax + r3 * ay + r6 * az;
    double ly = r1 * ax + r4 * ay + r7 * az;
    double lz = r2 * ax + r5 * ay + r8 * az;
    if (!prism) {
      return Math.abs(lx) * hx + Math.abs(ly) * hy + Math.abs(lz) * hz;
    }
    double best = 0;
    // Antipodal vertices project to opposite values, so half the ring suffices.
    for (int k = 0; k < PRISM_SIDES / 2; k++) {
      double p = Math.abs(lx * VCOS[k] + ly * VSIN[k]);
      if (p > best) {
        best = p;
      }
    }
    return Math.abs(lz) * hz + best * hx;
  }

  /** Whether the world point is strictly inside every face plane. */
  boolean contains(double x, double y, double z) {
    for (int f = 0; f < nFaces; f++) {
      if (!(fnx[f] * x + fny[f] * y + fnz[f] * z < fd[f])) {
        return false;
      }
    }
    return true;
  }

  /** Number of vertices. */
  int vertexCount() {
    return prism ? 2 * PRISM_SIDES : 8;
  }

  /** The i-th (0..2) of the three faces that meet at vertex v. */
  int vertexFace(int v, int i) {
    if (!prism) {
      return 2 * i + (((v >> i) & 1) != 0 ? 0 : 1);
    }
    int k = v % PRISM_SIDES;
    switch (i) {
      case 0:
        return k;
      case 1:
        return (k + PRISM_SIDES - 1) % PRISM_SIDES;
      default:
        return v >= PRISM_SIDES ? PRISM_SIDES : PRISM_SIDES + 1;
    }
  }

  /** Area of face f [m^2]. */
  double faceArea(int f) {
    if (!prism) {
      int axis = f >> 1;
      return 4 * (axis == 0 ? hy * hz : axis == 1 ? hx * hz : hx * hy);
    }
    if (f < PRISM_SIDES) {
      return 2 * hz * 2 * hx * Math.sin(Math.PI / PRISM_SIDES);
    }
    return 0.5 * PRISM_SIDES * hx * hx * Math.sin(2 * Math.PI / PRISM_SIDES);
  }

  /** Local coordinate of vertex v along axis 0, 1 or 2. */
  private double local(int v, int axis) {
    if (!prism) {
      double h = axis == 0 ? hx : axis == 1 ? hy : hz;
      return ((v >> axis) & 1) != 0 ? h : -h;
    }
    int k = v % PRISM_SIDES;
    switch (axis) {
      case 0:
        return hx * VCOS[k];
      case 1:
        return hx * VSIN[k];
      default:
        return v >= PRISM_SIDES ? hz : -hz;
    }
  }

  double vx(int v) {
    return px + r0 * local(v, 0) + r1 * local(v, 1) + r2 * local(v, 2);
  }

  double vy(int v) {
    return py + r3 * local(v, 0) + r4 * local(v, 1) + r5 * local(v, 2);
  }

  double vz(int v) {
    return pz + r6 * local(v, 0) + r7 * local(v, 1) + r8 * local(v, 2);
  }

  /** Projection onto world vector (ax, ay, az) of vertex v, relative to the centre. */
  double vertexDot(int v, double ax, double ay, double az) {
    double lx = r0 * ax + r3 * ay + r6 * az;
    double ly = r1 * ax + r4 * ay + r7 * az;
    double lz = r2 * ax + r5 * ay + r8 * az;
    return lx * local(v, 0) + ly * local(v, 1) + lz * local(v, 2);
  }
}
