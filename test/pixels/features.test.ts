/**
 * The local-feature kernels (FAST corners, steered BRIEF, Hamming matching, RANSAC, the seeded generator) on tiny
 * synthetic planes whose answers follow by hand from the definitions.
 */
import { detectCorners, PATCH_RADIUS } from '../../src/pixels/corners';
import { describe as describeKeypoints, DESCRIPTOR_WORDS } from '../../src/pixels/brief';
import { hammingAt, matchDescriptors } from '../../src/pixels/hamming';
import { seededUniform } from '../../src/pixels/random';
import { verifyGeometry, type Correspondences, type RansacOptions } from '../../src/pixels/ransac';

/** A w × h 8-bit plane from a function of (x, y). */
function plane(w: number, h: number, f: (x: number, y: number) => number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = f(x, y);
  return out;
}

describe('pixels/random', () => {
  test('mulberry32: the first outputs for seeds 1 and 0 (computed independently from the published algorithm, +0.5 / 2^32)', () => {
    const a = seededUniform(1);
    expect([a(), a(), a()].map((x) => x.toFixed(12))).toEqual(['0.627073940705', '0.002735721297', '0.527447040076']);
    const b = seededUniform(0);
    expect(b().toFixed(12)).toBe('0.266429208801');
  });
});

describe('pixels/corners', () => {
  test('a flat plane and a straight edge have no FAST-9 corner (an edge leaves 7 circle pixels on either side)', () => {
    expect(detectCorners(new Uint8Array(40 * 40).fill(90), 40, 40, 10, 0, 10).count).toBe(0);
    expect(detectCorners(plane(40, 40, (x) => (x >= 20 ? 200 : 0)), 40, 40, 10, 0, 10).count).toBe(0);
  });

  test('the corner of a bright quadrant: one keypoint at the corner, oriented towards the bright side (45°)', () => {
    // Bright where x ≥ 20 and y ≥ 20. FAST-9 corners: (20, 20) (11 contiguous dark circle pixels) and (21, 21)
    // (exactly 9: the three at dy = −3, the three at dx = −3 and the diagonals (±2, −2), (−2, 2)); (22, 22) has two
    // separate dark runs of 3. Both 7×7 Harris windows hold every non-zero gradient (x, y = 19 and 20), so their
    // responses tie and the suppression keeps the later one in raster order, (21, 21). Its disc is bright where
    // dx ≥ −1 and dy ≥ −1, symmetric in x and y: atan2(m01, m10) = π/4.
    const c = detectCorners(plane(40, 40, (x, y) => (x >= 20 && y >= 20 ? 200 : 0)), 40, 40, 10, 0, 10);
    expect(c.count).toBe(1);
    expect([c.x[0], c.y[0]]).toEqual([21, 21]);
    expect(c.angle[0]).toBeCloseTo(Math.PI / 4, 6);
    expect(c.score[0]).toBeGreaterThan(0);
  });

  test('keypoints stay a patch radius from every edge', () => {
    // The same corner at (8, 8) is too close to the edge for the 31-px patch.
    expect(detectCorners(plane(40, 40, (x, y) => (x >= 8 && y >= 8 ? 200 : 0)), 40, 40, 10, 0, 10).count).toBe(0);
  });
});

describe('pixels/brief', () => {
  const W = 64;
  const at = (x: number, y: number, angle: number): [Int32Array, Int32Array, Float32Array] => [Int32Array.of(x), Int32Array.of(y), Float32Array.of(angle)];

  test('a constant plane: every box pair is equal, no bit is set', () => {
    const d = describeKeypoints(new Uint8Array(W * W).fill(77), W, W, ...at(32, 32, 0), 1);
    expect(d.length).toBe(DESCRIPTOR_WORDS);
    expect(Array.from(d)).toEqual(new Array(DESCRIPTOR_WORDS).fill(0));
  });

  test('steering: a ramp rising in x at angle 0 gives the same bits as a ramp falling in x at angle π', () => {
    // On v = x the bit of pair i is [x1 < x2]; turned by π the points are (−x1, −y1) and (−x2, −y2), and on v = c − x
    // the bit is [c − (cx − x1) < c − (cx − x2)] = [x1 < x2] again.
    const up = describeKeypoints(plane(W, W, (x) => 2 * x), W, W, ...at(32, 32, 0), 1);
    const down = describeKeypoints(plane(W, W, (x) => 200 - 2 * x), W, W, ...at(32, 32, Math.PI), 1);
    expect(Array.from(down)).toEqual(Array.from(up));
    // About half the pairs point each way along x: neither all 0 nor all 1.
    const ones = hammingAt(up, 0, new Uint32Array(DESCRIPTOR_WORDS), 0, DESCRIPTOR_WORDS);
    expect(ones).toBeGreaterThan(64);
    expect(ones).toBeLessThan(192);
  });

  test('translation: the same pattern moved by (5, 3) describes the same at the moved keypoint', () => {
    const tex = (x: number, y: number): number => Math.round(128 + 60 * Math.sin(x * 0.7) * Math.cos(y * 0.45) + 30 * Math.sin((x + 2 * y) * 0.23));
    const a = describeKeypoints(plane(W, W, tex), W, W, ...at(30, 30, 0.4), 1);
    const b = describeKeypoints(plane(W, W, (x, y) => tex(x - 5, y - 3)), W, W, ...at(35, 33, 0.4), 1);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  test('a keypoint closer than the patch radius to an edge is a RangeError', () => {
    expect(() => describeKeypoints(new Uint8Array(W * W), W, W, ...at(PATCH_RADIUS - 1, 32, 0), 1)).toThrow(RangeError);
  });
});

describe('pixels/hamming', () => {
  test('distances: popcount of the XOR, word by word', () => {
    const a = Uint32Array.of(0xffffffff, 0b1011, 0, 0x80000001);
    const b = Uint32Array.of(0, 0b0001, 0, 0x00000001);
    expect(hammingAt(a, 0, b, 0, 4)).toBe(32 + 2 + 0 + 1);
    expect(hammingAt(a, 0, a, 0, 4)).toBe(0);
    // Descriptor 1 of a two-descriptor array of 2 words.
    expect(hammingAt(Uint32Array.of(0, 0, 0xf, 0xf0), 1, Uint32Array.of(0, 0), 0, 2)).toBe(8);
  });

  test('matching: ratio test, distance limit and mutual check', () => {
    // One word each. a0 = 0x0 is 1 bit from b0 and 9 from b1 → kept (1 < 0.8 × 9).
    // a1 = 0xff00 is 4 bits from b1 = 0xf000 and 4 from b2 = 0x0f00 → ambiguous, dropped by the ratio test.
    // a2 = 0xffff0000 is at least 16 bits from every b: beyond maxDistance 12.
    const a = Uint32Array.of(0x0, 0xff00, 0xffff0000);
    const b = Uint32Array.of(0x1, 0xf000 | 0x1f, 0x0f00);
    const m = matchDescriptors(a, 3, b, 3, 1, 0.8, 12);
    expect(m.count).toBe(1);
    expect([m.a[0], m.b[0], m.distance[0]]).toEqual([0, 0, 1]);
    // Mutual check: a0 = 0x0 and a1 = 0x1 both find b0 = 0x3 (2 and 1 bits), b0's nearest is a1: only a1 is kept.
    const mutual = matchDescriptors(Uint32Array.of(0x0, 0x1), 2, Uint32Array.of(0x3), 1, 1, 0.8, 12);
    expect([mutual.count, mutual.a[0], mutual.b[0], mutual.distance[0]]).toEqual([1, 1, 0, 1]);
  });
});

describe('pixels/ransac', () => {
  const opts: RansacOptions = { threshold: 0.5, iterations: 500, seed: 1, minScale: 0.2, maxScale: 5, turnTolerance: 0.3, maxAnisotropy: 2, minSeparation: 1 };
  // x2 = 2·R(30°)·x1 + (5, −3).
  const s = 2;
  const t = Math.PI / 6;
  const map = (x: number, y: number): [number, number] => [s * (Math.cos(t) * x - Math.sin(t) * y) + 5, s * (Math.sin(t) * x + Math.cos(t) * y) - 3];

  function correspondences(inliers: number, outliers: number): Correspondences {
    const next = seededUniform(7);
    const n = inliers + outliers;
    const c: Correspondences = { x1: new Float64Array(n), y1: new Float64Array(n), x2: new Float64Array(n), y2: new Float64Array(n), turn: new Float64Array(n), count: n };
    for (let i = 0; i < n; i++) {
      c.x1[i] = next() * 100;
      c.y1[i] = next() * 100;
      const [X, Y] = i < inliers ? map(c.x1[i], c.y1[i]) : [next() * 300, next() * 300];
      c.x2[i] = X;
      c.y2[i] = Y;
      (c.turn as Float64Array)[i] = t;
    }
    return c;
  }

  test('recovers the similarity from 20 exact matches among 15 outliers; refits exactly on the inliers', () => {
    const fit = verifyGeometry(correspondences(20, 15), opts);
    expect(fit).not.toBeNull();
    if (!fit) return;
    expect(fit.count).toBe(20);
    expect(Array.from(fit.inliers.subarray(0, 20))).toEqual(new Array(20).fill(1));
    expect(fit.scale).toBeCloseTo(2, 6);
    expect(fit.rotation).toBeCloseTo(Math.PI / 6, 6);
    const [ex, ey] = map(10, 20);
    expect(fit.model[0] * 10 + fit.model[1] * 20 + fit.model[2]).toBeCloseTo(ex, 5);
    expect(fit.model[3] * 10 + fit.model[4] * 20 + fit.model[5]).toBeCloseTo(ey, 5);
  });

  test('an orientation change that disagrees with the rotation is not an inlier; out-of-range scales are refused', () => {
    const c = correspondences(20, 0);
    (c.turn as Float64Array)[3] = t + 1;
    const fit = verifyGeometry(c, opts);
    expect(fit?.count).toBe(19);
    expect(fit?.inliers[3]).toBe(0);
    expect(verifyGeometry(correspondences(20, 0), { ...opts, maxScale: 1.5 })?.count ?? 0).toBeLessThan(3);
  });

  test('fewer than two correspondences: no fit', () => {
    expect(verifyGeometry({ x1: Float64Array.of(1), y1: Float64Array.of(1), x2: Float64Array.of(2), y2: Float64Array.of(2), count: 1 }, opts)).toBeNull();
  });
});
