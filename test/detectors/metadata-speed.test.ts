/**
 * The thumbnail comparison's faster kernels against their former formulation, on real pictures: the EXIF thumbnail
 * and the image of the committed metadata fixtures and (when present) every camera JPEG of ../shared/corpus/camera.
 * The reference implementations below are the kernels as they were before the speed work (main b378cb5); every
 * output must be the same bit for bit, so no decision of the detector can move (docs/performance.md, "metadata").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadImage } from '../../src/loader/image';
import { resizeRgb } from '../../src/pixels/encode';
import { fitInside, lumaPlane, toPlane, type Plane } from '../../src/pixels/resample';
import { renderBox, rowCache, trimmedNcc, ncc, type EdgeBox } from '../../src/detectors/metadata/thumbnail-sample';
import { range3, trimmedFit } from '../../src/detectors/metadata/thumbnail-diff';
import { quantile } from '../../src/pixels/stats';
import { CORPUS_DIR, HAS_CORPUS } from '../helpers/corpus';

/** renderBox as it was: per-sample taps in a JavaScript array, clamped per read, one output sample at a time. */
function renderBoxBefore(p: Plane, b: EdgeBox, ow: number, oh: number): Plane {
  const taps = (a: number, e0: number, m: number) => {
    const step = (e0 - a) / m;
    const first = new Int32Array(m), count = new Int32Array(m), offset = new Int32Array(m);
    const w: number[] = [];
    for (let j = 0; j < m; j++) {
      offset[j] = w.length;
      if (step >= 1) {
        const s = a + j * step, e = s + step, i0 = Math.floor(s), i1 = Math.ceil(e) - 1;
        first[j] = i0;
        count[j] = i1 - i0 + 1;
        for (let i = i0; i <= i1; i++) w.push((Math.min(e, i + 1) - Math.max(s, i)) / step);
      } else {
        const centre = a + (j + 0.5) * step - 0.5, i0 = Math.floor(centre), f = centre - i0;
        first[j] = i0;
        count[j] = 2;
        w.push(1 - f, f);
      }
    }
    return { first, count, offset, weights: Float32Array.from(w) };
  };
  const clamp = (i: number, n: number): number => (i < 0 ? 0 : i >= n ? n - 1 : i);
  const { width: W, height: H, channels: c, data } = p;
  const tx = taps(b.x0, b.x1, ow), ty = taps(b.y0, b.y1, oh);
  let r0 = Infinity, r1 = -Infinity;
  for (let j = 0; j < oh; j++) {
    r0 = Math.min(r0, ty.first[j]);
    r1 = Math.max(r1, ty.first[j] + ty.count[j] - 1);
  }
  const rows = r1 - r0 + 1;
  const tmp = new Float32Array(rows * ow * c);
  for (let r = 0; r < rows; r++) {
    const rowBase = clamp(r0 + r, H) * W;
    for (let j = 0; j < ow; j++) {
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < tx.count[j]; k++) acc += tx.weights[tx.offset[j] + k] * data[(rowBase + clamp(tx.first[j] + k, W)) * c + ch];
        tmp[(r * ow + j) * c + ch] = acc;
      }
    }
  }
  const out = new Float32Array(ow * oh * c);
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < ty.count[i]; k++) acc += ty.weights[ty.offset[i] + k] * tmp[((ty.first[i] - r0 + k) * ow + j) * c + ch];
        out[(i * ow + j) * c + ch] = acc;
      }
    }
  }
  return { data: out, width: ow, height: oh, channels: c };
}

/** range3 as it was: the 3×3 window scanned per pixel and channel. */
function range3Before(p: Float32Array, w: number, h: number): { lo: Float32Array; hi: Float32Array } {
  const lo = new Float32Array(p.length), hi = new Float32Array(p.length);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let ch = 0; ch < 3; ch++) {
    let mn = Infinity, mx = -Infinity;
    for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
      const v = p[(yy * w + xx) * 3 + ch];
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    lo[(y * w + x) * 3 + ch] = mn;
    hi[(y * w + x) * 3 + ch] = mx;
  }
  return { lo, hi };
}

/** trimmedNcc as it was: a fresh residual array per call. */
function trimmedNccBefore(a: Float32Array, b: Float32Array): number {
  const n = a.length;
  let sa = 0, sb = 0, saa = 0, sab = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i];
    sb += b[i];
    saa += a[i] * a[i];
    sab += a[i] * b[i];
  }
  const va = saa - (sa * sa) / n;
  if (va < 1e-9) return 0;
  const k = (sab - (sa * sb) / n) / va;
  const c = (sb - k * sa) / n;
  const res = new Float32Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const r = Math.abs(b[i] - (k * a[i] + c));
    res[i] = r;
    if (r > max) max = r;
  }
  if (max === 0) return ncc(a, b);
  const bins = new Int32Array(256);
  for (let i = 0; i < n; i++) bins[Math.min(255, Math.floor((res[i] / max) * 256))]++;
  let cutBin = 255;
  for (let acc = 0, j = 0; j < 256; j++) {
    acc += bins[j];
    if (acc >= 0.8 * n) {
      cutBin = j;
      break;
    }
  }
  const cut = ((cutBin + 1) / 256) * max;
  let m = 0, ta = 0, tb = 0, taa = 0, tbb = 0, tab = 0;
  for (let i = 0; i < n; i++) {
    if (res[i] > cut) continue;
    m++;
    ta += a[i];
    tb += b[i];
    taa += a[i] * a[i];
    tbb += b[i] * b[i];
    tab += a[i] * b[i];
  }
  const xa = taa - (ta * ta) / m, xb = tbb - (tb * tb) / m;
  return xa > 1e-9 && xb > 1e-9 ? (tab - (ta * tb) / m) / Math.sqrt(xa * xb) : 0;
}

/** The colour fit's solver and trimmed least squares as they were (full normal matrix summed). */
function solveBefore(A: Float64Array, b: Float64Array, m: number): Float64Array | null {
  const a = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r * m + c]) > Math.abs(a[p * m + c])) p = r;
    if (Math.abs(a[p * m + c]) < 1e-12) return null;
    if (p !== c) {
      for (let k = 0; k < m; k++) [a[c * m + k], a[p * m + k]] = [a[p * m + k], a[c * m + k]];
      [x[c], x[p]] = [x[p], x[c]];
    }
    for (let r = c + 1; r < m; r++) {
      const f = a[r * m + c] / a[c * m + c];
      for (let k = c; k < m; k++) a[r * m + k] -= f * a[c * m + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < m; k++) s -= a[c * m + k] * x[k];
    x[c] = s / a[c * m + c];
  }
  return x;
}

function trimmedFitBefore(features: Float32Array, m: number, y: Float32Array, use: Uint8Array, prior: readonly number[]): Float64Array {
  const n = y.length;
  let coef: Float64Array = Float64Array.from(prior);
  const res = new Float32Array(n);
  let cut = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const A = new Float64Array(m * m);
    const b = new Float64Array(m);
    let used = 0;
    for (let i = 0; i < n; i += 3) {
      if (!use[i]) continue;
      let pred = 0;
      for (let k = 0; k < m; k++) pred += coef[k] * features[i * m + k];
      if (Math.abs(y[i] - pred) > cut) continue;
      used++;
      for (let r = 0; r < m; r++) {
        const fr = features[i * m + r];
        b[r] += fr * y[i];
        for (let c = 0; c < m; c++) A[r * m + c] += fr * features[i * m + c];
      }
    }
    if (used < 8 * m) break;
    const ridge = 0.01 * used;
    for (let r = 0; r < m; r++) {
      A[r * m + r] += ridge;
      b[r] += ridge * prior[r];
    }
    const sol = solveBefore(A, b, m);
    if (!sol) break;
    coef = sol;
    let k = 0;
    for (let i = 0; i < n; i += 3) {
      if (!use[i]) continue;
      let pred = 0;
      for (let j = 0; j < m; j++) pred += coef[j] * features[i * m + j];
      res[k++] = Math.abs(y[i] - pred);
    }
    cut = Math.max(1, quantile(res.subarray(0, k), 0.75));
  }
  return coef;
}

/** Real pictures: each file's EXIF thumbnail and a 4×-thumbnail preview of its image (the comparison's inputs). */
async function realPairs(): Promise<{ name: string; thumb: Plane; preview: Plane }[]> {
  const files = [join('fixtures', 'generated', 'metadata', 'thumbnail-pos.jpg'), join('fixtures', 'generated', 'metadata', 'thumbnail-neg.jpg')];
  if (HAS_CORPUS) for (const f of readdirSync(join(CORPUS_DIR, 'camera')).sort()) if (/\.jpe?g$/i.test(f)) files.push(join(CORPUS_DIR, 'camera', f));
  const out: { name: string; thumb: Plane; preview: Plane }[] = [];
  for (const f of files) {
    const img = await loadImage(readFileSync(f));
    const tb = await img.exifThumbnail();
    if (!tb) continue;
    let t;
    try {
      t = await (await loadImage(tb, { maxBytes: 1 << 20, maxPixels: 1_000_000 })).storedPixels();
    } catch {
      continue;
    }
    const px = await img.pixels();
    const s = fitInside(px.width, px.height, 4 * Math.max(t.width, t.height));
    const p = await resizeRgb(px, s.width, s.height);
    out.push({ name: f, thumb: toPlane(t.data, t.width, t.height, 3), preview: toPlane(p.data, p.width, p.height, 3) });
  }
  return out;
}

/** Whether two float arrays hold the same bits (jest's deep equality walks large typed arrays slowly). */
const sameBits = (a: Float32Array, b: Float32Array): boolean => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** A seeded generator of boxes like the alignment's: most of the plane, edges a little outside it at times. */
function boxes(n: number, seed: number): EdgeBox[] {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return Array.from({ length: n }, () => {
    const x0 = -0.02 + 0.2 * rnd(), y0 = -0.02 + 0.2 * rnd();
    return { x0, y0, x1: x0 + 0.55 + 0.47 * rnd(), y1: y0 + 0.55 + 0.47 * rnd() };
  });
}

describe('thumbnail comparison kernels equal their former formulation on real pictures', () => {
  let pairs: { name: string; thumb: Plane; preview: Plane }[] = [];
  beforeAll(async () => {
    pairs = await realPairs();
  }, 120_000);

  test('real pairs were examined (the committed fixtures at least; every corpus camera JPEG with a thumbnail when present)', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(HAS_CORPUS ? 20 : 2);
  });

  test('renderBox, with and without a row cache, shrinking and enlarging, luma and RGB: the same floats', () => {
    let compared = 0;
    for (const [pi, { thumb, preview }] of pairs.entries()) {
      for (const plane of [lumaPlane(preview), preview]) {
        const cache = rowCache(plane);
        for (const [bi, f] of boxes(12, 17 + pi).entries()) {
          const b = { x0: f.x0 * plane.width, y0: f.y0 * plane.height, x1: f.x1 * plane.width, y1: f.y1 * plane.height };
          // Thumbnail-sized renders (shrinking), the coarse grid, and an enlargement of a small corner.
          const corner = { x0: b.x0, y0: b.y0, x1: b.x0 + 24.5, y1: b.y0 + 18.25 };
          const cases: [EdgeBox, number, number][] = [[b, thumb.width, thumb.height], [b, 40, 30], [corner, 64, 48]];
          const [box, ow, oh] = cases[bi % 3];
          const want = renderBoxBefore(plane, box, ow, oh).data;
          expect(sameBits(renderBox(plane, box, ow, oh).data, want)).toBe(true);
          // Boxes sharing an x span reuse the cached horizontal pass: the y edges move, the result must not drift.
          expect(sameBits(renderBox(plane, box, ow, oh, cache).data, want)).toBe(true);
          const moved = { ...box, y0: box.y0 + 1.25, y1: box.y1 - 0.75 };
          expect(sameBits(renderBox(plane, moved, ow, oh, cache).data, renderBoxBefore(plane, moved, ow, oh).data)).toBe(true);
          compared += 3;
        }
        expect(() => renderBox(thumb, { x0: 0, y0: 0, x1: 1, y1: 1 }, 1, 1, cache)).toThrow(/another plane/);
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  test("trimmedFit (upper triangle of the normal matrix, mirrored) gives the same coefficients on the luma tone curve's features", () => {
    for (const { thumb, preview } of pairs) {
      const r = renderBox(preview, { x0: 0, y0: 0, x1: preview.width, y1: preview.height }, thumb.width, thumb.height);
      const n = thumb.width * thumb.height;
      const features = new Float32Array(n * 7);
      const y = new Float32Array(n);
      const use = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const u = thumb.data[i * 3] / 255, cb = (thumb.data[i * 3 + 2] - thumb.data[i * 3 + 1]) / 128, cr = (thumb.data[i * 3] - thumb.data[i * 3 + 1]) / 128;
        features.set([1, u, u * u, u * u * u, cb, cr, Math.sqrt(cb * cb + cr * cr)], i * 7);
        y[i] = r.data[i * 3];
        use[i] = thumb.data[i * 3] > 5 && thumb.data[i * 3] < 250 ? 1 : 0;
      }
      const prior = [0, 255, 0, 0, 0, 0, 0];
      expect(Array.from(trimmedFit(features, 7, y, use, prior))).toEqual(Array.from(trimmedFitBefore(features, 7, y, use, prior)));
    }
  });

  test('range3 (separable 3×3 extremes) and trimmedNcc (reused scratch) give the same values', () => {
    for (const { thumb, preview } of pairs) {
      const got = range3(thumb.data, thumb.width, thumb.height);
      const want = range3Before(thumb.data, thumb.width, thumb.height);
      expect(sameBits(got.lo, want.lo) && sameBits(got.hi, want.hi)).toBe(true);
      const r = renderBox(lumaPlane(preview), { x0: 0, y0: 0, x1: preview.width, y1: preview.height }, thumb.width, thumb.height);
      const t = lumaPlane(thumb).data;
      // A long call first, so the short one runs on a larger scratch than it needs.
      const big = lumaPlane(preview).data;
      expect(trimmedNcc(big, big.slice().reverse())).toBe(trimmedNccBefore(big, big.slice().reverse()));
      expect(trimmedNcc(t, r.data)).toBe(trimmedNccBefore(t, r.data));
    }
  });
});
