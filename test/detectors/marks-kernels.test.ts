/**
 * The marks detector's pure helpers on hand-made inputs: the picture-inside-a-screenshot finder (frames.ts) and
 * the font-mean coarse template (font-mean.ts), the reverse alpha-blending check (unblend.ts), the edge-sign
 * agreement (edge-sign.ts), the edge-energy coarse plane (edge-energy.ts), the flank test (flanks.ts), and the fast NCC paths (ncc.ts) against the
 * plain definition, bit for bit.
 */
import { innerPicture } from '../../src/detectors/marks/frames';
import { fontMean, stretchRows } from '../../src/detectors/marks/font-mean';
import { unblendScore } from '../../src/detectors/marks/unblend';
import { edgeSignScore, signPairs } from '../../src/detectors/marks/edge-sign';
import { boxDownscale } from '../../src/detectors/marks/resample';
import { summedArea } from '../../src/pixels/integral';
import { edgeEnergy, edgeEnergySat, edgeTemplate } from '../../src/detectors/marks/edge-energy';
import { flanksOf, textContinues } from '../../src/detectors/marks/flanks';
import { NCC_BLOCK, nccAt, nccRow, prepareTemplate, scanPlane, type PreparedTemplate, type ScanPlane } from '../../src/detectors/marks/ncc';
import type { MarkTemplate } from '../../src/detectors/marks/templates';
import { rng } from '../../fixtures/generate/render';

/** A W×H plane of flat `bg` with a textured rectangle (seeded noise around 128) at (x, y, w, h). */
function screenshotPlane(W: number, H: number, bg: number, rect: { x: number; y: number; w: number; h: number } | null, seed = 1): { data: Uint8Array; width: number; height: number } {
  const data = new Uint8Array(W * H).fill(bg);
  const r = rng(seed);
  if (rect) {
    for (let y = rect.y; y < rect.y + rect.h; y++) for (let x = rect.x; x < rect.x + rect.w; x++) data[y * W + x] = 60 + Math.floor(r() * 140);
  }
  return { data, width: W, height: H };
}

describe('marks: innerPicture (the picture inside a screenshot)', () => {
  test('a full-width picture between flat chrome: its rows, all columns', () => {
    const p = screenshotPlane(200, 400, 237, { x: 0, y: 120, w: 200, h: 150 });
    expect(innerPicture(p)).toEqual({ x: 0, y: 120, width: 200, height: 150 });
  });

  test('an inset picture (chat bubble): its rows and columns', () => {
    const p = screenshotPlane(200, 400, 20, { x: 16, y: 90, w: 168, h: 200 });
    expect(innerPicture(p)).toEqual({ x: 16, y: 90, width: 168, height: 200 });
  });

  test('status-bar text (a short textured run) does not win over the picture', () => {
    const p = screenshotPlane(200, 400, 237, { x: 0, y: 150, w: 200, h: 160 });
    const q = screenshotPlane(200, 400, 237, { x: 20, y: 5, w: 40, h: 12 }, 2);
    for (let i = 0; i < 200 * 20; i++) p.data[i] = q.data[i];
    expect(innerPicture(p)).toEqual({ x: 0, y: 150, width: 200, height: 160 });
  });

  test('a picture with a flat backdrop of its own colour (a product on white) is not cut at its flat rows', () => {
    // Chrome 237 (a light app theme) with a status-bar line of text; the picture: texture in rows 100–179, then a
    // flat white backdrop (255) down to row 299 — flat rows, but not in a chrome colour.
    const p = screenshotPlane(200, 400, 237, { x: 0, y: 100, w: 200, h: 80 });
    for (let y = 180; y < 300; y++) p.data.fill(255, y * 200, (y + 1) * 200);
    const q = screenshotPlane(200, 400, 237, { x: 20, y: 5, w: 40, h: 12 }, 2);
    for (let i = 0; i < 200 * 20; i++) p.data[i] = q.data[i];
    expect(innerPicture(p)).toEqual({ x: 0, y: 100, width: 200, height: 200 });
  });

  test('a photo that fills the frame, a flat plane, or a tiny textured patch: no inner picture', () => {
    expect(innerPicture(screenshotPlane(200, 300, 128, { x: 0, y: 0, w: 200, h: 300 }))).toBeNull();
    expect(innerPicture(screenshotPlane(200, 300, 128, null))).toBeNull();
    expect(innerPicture(screenshotPlane(200, 300, 128, { x: 50, y: 50, w: 20, h: 20 }))).toBeNull();
    expect(innerPicture(screenshotPlane(8, 8, 128, null))).toBeNull();
  });
});

function tpl(id: string, width: number, fill: (x: number, y: number) => number): MarkTemplate {
  const height = 4;
  const coverage = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) coverage[y * width + x] = fill(x, y);
  return { id, service: 'generic', text: 'T', kind: 'phrase', width, height, coverage, source: 'test', made: 'test' };
}

describe('marks: font-mean coarse template', () => {
  test('stretchRows keeps a row mean and area-averages fractional intervals', () => {
    const src = Float32Array.from([0, 1, 0, 1, 1, 1]);
    expect(Array.from(stretchRows(src, 6, 1, 3))).toEqual([0.5, 0.5, 1]);
    expect(Array.from(stretchRows(Float32Array.from([0, 1]), 2, 1, 4))).toEqual([0, 0, 1, 1]);
    const out = stretchRows(Float32Array.from([1, 0, 0, 1, 0]), 5, 1, 2);
    expect(out[0]).toBeCloseTo((1 + 0 + 0 * 0.5) / 2.5, 6);
    expect(out[1]).toBeCloseTo((0 * 0.5 + 1 + 0) / 2.5, 6);
  });

  test('the mean has the median width, averages the stretched members, and is not a member', () => {
    const a = tpl('a', 4, (x) => (x < 2 ? 1 : 0));
    const b = tpl('b', 8, (x) => (x < 4 ? 1 : 0));
    const c = tpl('c', 6, () => 0.5);
    const m = fontMean([a, b, c]);
    expect(m.width).toBe(6);
    expect(m.height).toBe(4);
    expect(m.id).toBe('a~mean');
    // Left half: (1 + 1 + 0.5) / 3; right half: (0 + 0 + 0.5) / 3.
    expect(m.coverage[0]).toBeCloseTo(2.5 / 3, 5);
    expect(m.coverage[5]).toBeCloseTo(0.5 / 3, 5);
    expect([a, b, c]).not.toContain(m);
  });

  test('one member is its own mean; no member or mixed heights throw', () => {
    const a = tpl('a', 4, () => 1);
    expect(fontMean([a])).toBe(a);
    expect(() => fontMean([])).toThrow('at least one');
    expect(() => fontMean([a, { ...a, height: 3, coverage: new Float32Array(12) }])).toThrow('one stored height');
  });
});

describe('marks: reverse alpha-blending check', () => {
  // A 24×24 alpha diamond (peak 1, edges 2 px wide) with a zero margin, on a textured background (a ramp, a
  // wave and grain).
  const N = 24;
  const alpha = new Float32Array(N * N);
  for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) alpha[y * N + x] = Math.min(1, Math.max(0, (8 - Math.abs(x - 11.5) - Math.abs(y - 11.5)) / 2));
  const r = rng(7);
  const bg = Float32Array.from({ length: N * N }, (_, i) => 70 + 2 * (i % N) + 12 * Math.sin(i * 0.37) + r() * 10);

  test('a white mark blended onto texture scores near 1; the bare texture scores ≤ 0', () => {
    const marked = Float32Array.from(bg, (v, i) => v * (1 - 0.5 * alpha[i]) + 255 * 0.5 * alpha[i]);
    expect(unblendScore(marked, alpha, N, N)).toBeGreaterThan(0.6);
    expect(unblendScore(bg, alpha, N, N)).toBeLessThan(0);
  });

  test('a dark copy of the shape (not a white blend) is not taken for the mark', () => {
    const dark = Float32Array.from(bg, (v, i) => v * (1 - 0.5 * alpha[i]));
    expect(unblendScore(dark, alpha, N, N)).toBeLessThan(0.2);
  });

  test('a flat patch or a flat alpha gives NaN (nothing to judge)', () => {
    expect(unblendScore(new Float32Array(N * N).fill(120), alpha, N, N)).toBeNaN();
    expect(unblendScore(bg, new Float32Array(N * N).fill(0.5), N, N)).toBeNaN();
  });
});

describe('marks: edge-sign agreement', () => {
  // A 12×8 template: a vertical bar 2 px wide at x 5–6 (ink 1), background 0.
  const w = 12;
  const h = 8;
  const cov = Float32Array.from({ length: w * h }, (_, i) => (i % w === 5 || i % w === 6 ? 1 : 0));
  const pairs = signPairs(cov, w, h);

  test('pairs straddle the outline: each ink pixel with the background pixel beside it', () => {
    // Two ink columns × 8 rows, one pair each to the side (left of x 5, right of x 6); vertical neighbours are ink.
    expect(pairs.n).toBe(16);
    for (let k = 0; k < pairs.n; k++) expect(Math.abs(pairs.ox[k] - pairs.ix[k])).toBe(1);
  });

  test('+1 for a light bar, −1 for a dark one, on any texture that keeps the order; NaN when off the plane', () => {
    const r = rng(3);
    const texture = Float32Array.from({ length: w * h }, () => 60 + r() * 60);
    const light = Float32Array.from(texture, (v, i) => (cov[i] ? 200 : v));
    const dark = Float32Array.from(texture, (v, i) => (cov[i] ? 20 : v));
    expect(edgeSignScore(light, w, h, pairs, 0, 0, 0.5)).toBe(1);
    expect(edgeSignScore(dark, w, h, pairs, 0, 0, 0.5)).toBe(-1);
    expect(edgeSignScore(light, w, h, pairs, 20, 0, 0.5)).toBeNaN();
  });

  test('random texture scores near 0', () => {
    const r = rng(4);
    const W = 200;
    const noise = Float32Array.from({ length: W * h }, () => r() * 255);
    let sum = 0;
    for (let x = 0; x < W - w; x++) sum += Math.abs(edgeSignScore(noise, W, h, pairs, x, 0, 0.5));
    expect(sum / (W - w)).toBeLessThan(0.35);
  });
});

/** The NCC as first written: every visible template pixel, zero or not, one running sum (the definition). */
function plainNcc(plane: ScanPlane, t: PreparedTemplate, px: number, py: number, minVisible: number, minStd: number): number {
  const ax = Math.max(0, -px);
  const ay = Math.max(0, -py);
  const bx = Math.min(t.width, plane.width - px);
  const by = Math.min(t.height, plane.height - py);
  if (bx <= ax || by <= ay) return NaN;
  const n = (bx - ax) * (by - ay);
  if (n < minVisible * t.width * t.height) return NaN;
  const rect = (sat: Float64Array, sw: number, x0: number, y0: number, x1: number, y1: number): number => sat[y1 * sw + x1] - sat[y0 * sw + x1] - sat[y1 * sw + x0] + sat[y0 * sw + x0];
  const sI = rect(plane.sat, plane.width + 1, px + ax, py + ay, px + bx, py + by);
  const vI = rect(plane.sat2, plane.width + 1, px + ax, py + ay, px + bx, py + by) - (sI * sI) / n;
  if (vI < minStd * minStd * n) return NaN;
  const sT = rect(t.sat, t.width + 1, ax, ay, bx, by);
  const vT = rect(t.sat2, t.width + 1, ax, ay, bx, by) - (sT * sT) / n;
  if (vT <= 1e-6 * n) return NaN;
  let sIT = 0;
  for (let y = ay; y < by; y++) for (let x = ax; x < bx; x++) sIT += plane.data[(py + y) * plane.width + px + x] * t.data[y * t.width + x];
  return (sIT - (sI * sT) / n) / Math.sqrt(vI * vT);
}

/** The edge-sign score as first written: a bounds test per pair (the definition). */
function plainEdgeSign(data: Float32Array, width: number, height: number, pairs: ReturnType<typeof signPairs>, px: number, py: number, minInside: number): number {
  let sum = 0;
  let used = 0;
  for (let k = 0; k < pairs.n; k++) {
    const [ax, ay, bx, by] = [px + pairs.ix[k], py + pairs.iy[k], px + pairs.ox[k], py + pairs.oy[k]];
    if (ax < 0 || ay < 0 || bx < 0 || by < 0 || ax >= width || bx >= width || ay >= height || by >= height) continue;
    const d = data[ay * width + ax] - data[by * width + bx];
    used++;
    if (d > 0) sum++;
    else if (d < 0) sum--;
  }
  return used === 0 || used < minInside * pairs.n ? NaN : sum / used;
}

describe('marks: the fast scan paths give the definition bit for bit', () => {
  // A glyph-like coverage: strokes with soft edges and gaps (zero runs), as the stored templates have.
  const r = rng(11);
  const tw = 60;
  const th = 24;
  const coverage = Float32Array.from({ length: tw * th }, (_, i) => {
    const x = i % tw;
    const y = Math.floor(i / tw);
    return x % 9 < 3 || (y > 10 && y < 13 && x % 20 < 14) ? 0.3 + 0.7 * r() : 0;
  });
  const t = prepareTemplate(coverage, tw, th, 8, 2);
  const W = 90;
  const H = 30;
  // Texture with a flat patch (flat windows are NaN) and exact repeats of values (ties in the edge-sign order).
  const values = Float32Array.from({ length: W * H }, (_, i) => (i % W < 20 && i < W * 12 ? 128 : Math.round(r() * 40) * 6));

  test('nccRow (zero-padded, four sums side by side) and nccAt equal the plain NCC at every position, inside or hanging over', () => {
    const plane = scanPlane(values, W, H, Math.ceil(t.width / 2) + 2 * NCC_BLOCK, Math.ceil(t.height / 2));
    const out = new Float64Array(NCC_BLOCK);
    let compared = 0;
    let finite = 0;
    for (const stride of [1, 2]) {
      for (let py = -t.height; py < H; py++) {
        for (let px = -t.width; px < W; px += stride * NCC_BLOCK) {
          nccRow(plane, t, px, py, stride, NCC_BLOCK, out, 0.5, 2);
          for (let i = 0; i < NCC_BLOCK; i++) {
            const want = plainNcc(plane, t, px + i * stride, py, 0.5, 2);
            expect(Object.is(out[i], want)).toBe(true);
            expect(Object.is(nccAt(plane, t, px + i * stride, py, 0.5, 2), want)).toBe(true);
            compared++;
            if (Number.isFinite(want)) finite++;
          }
        }
      }
    }
    // Proof that the comparison covered real scores, flat windows and windows off the plane alike.
    expect(finite).toBeGreaterThan(2000);
    expect(compared - finite).toBeGreaterThan(2000);
  });

  test('edgeSignScore equals the plain count on a plane and on the left part of a wider one (row stride)', () => {
    const fine = prepareTemplate(coverage, tw, th, 16, 4);
    const pairs = signPairs(fine.data, fine.width, fine.height);
    const wide = W + 17;
    const inWide = new Float32Array(wide * H);
    for (let y = 0; y < H; y++) inWide.set(values.subarray(y * W, (y + 1) * W), y * wide);
    let finite = 0;
    for (let py = -20; py < H; py++) {
      for (let px = -40; px < W; px++) {
        const want = plainEdgeSign(values, W, H, pairs, px, py, 0.5);
        expect(Object.is(edgeSignScore(values, W, H, pairs, px, py, 0.5), want)).toBe(true);
        expect(Object.is(edgeSignScore(inWide, W, H, pairs, px, py, 0.5, wide), want)).toBe(true);
        if (Number.isFinite(want)) finite++;
      }
    }
    expect(finite).toBeGreaterThan(500);
  });
});

describe('marks: boxDownscale', () => {
  test('every factor (the unrolled 2, 3, 4 and the general loop) gives the rounded block means, edge blocks partial', () => {
    const r = rng(12);
    for (const [w, h] of [
      [37, 29],
      [64, 48],
      [101, 77],
    ]) {
      const data = Uint8Array.from({ length: w * h }, () => Math.floor(r() * 256));
      for (const f of [2, 3, 4, 5, 7]) {
        const got = boxDownscale({ data, width: w, height: h }, f);
        expect([got.width, got.height]).toEqual([Math.ceil(w / f), Math.ceil(h / f)]);
        for (let oy = 0; oy < got.height; oy++) {
          for (let ox = 0; ox < got.width; ox++) {
            let sum = 0;
            let n = 0;
            for (let y = oy * f; y < Math.min(h, (oy + 1) * f); y++) for (let x = ox * f; x < Math.min(w, (ox + 1) * f); x++, n++) sum += data[y * w + x];
            expect(got.data[oy * got.width + ox]).toBe(Math.floor(sum / n + 0.5));
          }
        }
      }
    }
  });
});

describe('marks: edge energy (the phrase search coarse plane)', () => {
  test('a step of height d gives d/2 on each side of it and 0 elsewhere, whatever its polarity', () => {
    const w = 9;
    const h = 5;
    const data = Uint8Array.from({ length: w * h }, (_, i) => (i % w >= 4 ? 200 : 100));
    const e = edgeEnergy(data, w, h);
    for (let y = 0; y < h; y++) expect(Array.from(e.subarray(y * w, (y + 1) * w))).toEqual([0, 0, 0, 50, 50, 0, 0, 0, 0]);
    expect(edgeEnergy(data.map((v) => 255 - v), w, h)).toEqual(e);
  });

  test('edgeEnergySat equals the summed-area table of edgeEnergy, entry for entry', () => {
    const r = rng(7);
    let compared = 0;
    for (const [w, h] of [
      [1, 1],
      [2, 9],
      [37, 29],
      [101, 77],
    ]) {
      const data = Uint8Array.from({ length: w * h }, () => (r() < 0.2 ? 255 * Math.round(r()) : Math.floor(r() * 256)));
      const want = summedArea(edgeEnergy(data, w, h), w, h);
      const got = edgeEnergySat(data, w, h);
      expect(got.length).toBe(want.length);
      for (let i = 0; i < want.length; i++, compared++) if (!Object.is(got[i], want[i])) throw new Error(`${w}×${h}: entry ${i} is ${got[i]}, want ${want[i]}`);
    }
    expect(compared).toBeGreaterThan(8000);
  });

  test('the edge template keeps the box, and its rim pixels hold the jump to the background outside it', () => {
    const t = { id: 'bar', service: 'generic', text: 'x', kind: 'phrase' as const, width: 3, height: 2, coverage: new Float32Array(6).fill(1), source: '', made: '' };
    const e = edgeTemplate(t);
    expect([e.id, e.width, e.height]).toEqual(['bar~edges', 3, 2]);
    // Corner pixels: half a jump across and half along; the middle column: half a jump along only.
    expect(Array.from(e.coverage)).toEqual([1, 0.5, 1, 1, 0.5, 1]);
  });
});

describe('marks kernels: flanks of a phrase (flanks.ts)', () => {
  // A 16 px high "phrase" of vertical strokes at x 40..104, y 32..48 of a 200 × 80 edge-energy plane.
  const W = 200;
  const H = 80;
  const strokes = (e: Float32Array, x0: number, x1: number, y0: number, y1: number): void => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) e[y * W + x] = x % 4 < 2 ? 20 : 0;
  };
  const phrase = (): Float32Array => {
    const e = new Float32Array(W * H);
    strokes(e, 40, 104, 32, 48);
    return e;
  };

  test('strokes of the same line past the right end: the text goes on', () => {
    const e = phrase();
    strokes(e, 108, 140, 32, 48);
    const f = flanksOf(e, W, H, 40, 32, 64, 16);
    expect(f.phrase).toBeCloseTo(10, 5);
    expect(f.right!.columns).toBeGreaterThan(5);
    expect(f.right!.off).toBe(0);
    expect(textContinues(f)).toBe(true);
  });

  test('a quiet right flank, texture as busy above and below, or a lone vertical edge (a badge border): it does not', () => {
    expect(textContinues(flanksOf(phrase(), W, H, 40, 32, 64, 16))).toBe(false);
    const busy = phrase();
    strokes(busy, 104, W, 0, H);
    expect(textContinues(flanksOf(busy, W, H, 40, 32, 64, 16))).toBe(false);
    const border = phrase();
    for (let y = 28; y < 52; y++) border[y * W + 112] = 40;
    const f = flanksOf(border, W, H, 40, 32, 64, 16);
    expect(f.right!.rows).toBeGreaterThan(0);
    expect(textContinues(f)).toBe(false);
  });

  test('a phrase at the right border has no right flank (no evidence either way); the left flank is measured', () => {
    // The same plane cut at x = 110, just past the phrase's right end.
    const e = phrase();
    strokes(e, 20, 36, 32, 48);
    const cut = new Float32Array(110 * H);
    for (let y = 0; y < H; y++) cut.set(e.subarray(y * W, y * W + 110), y * 110);
    const f = flanksOf(cut, 110, H, 40, 32, 64, 16);
    expect(f.right).toBeNull();
    expect(f.left!.columns).toBeGreaterThan(5);
    expect(textContinues(f)).toBe(false);
  });
});
