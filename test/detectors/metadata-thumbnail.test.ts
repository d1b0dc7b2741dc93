/**
 * The thumbnail comparison's pure parts on tiny inline planes with hand-computed answers: orientation, area render,
 * correlation, components, opening, letterbox, the JPEG noise model, alignment over rotation/mirror/letterbox/crop,
 * the local difference (an edit found, a one-pixel shift and a tone change ignored) and the detail-loss test (a
 * blurred patch found; aliasing of a fine mesh and a thumbnail's JPEG noise ignored).
 */
import type { Plane } from '../../src/pixels/resample';
import { alignThumbnail, findLetterbox } from '../../src/detectors/metadata/thumbnail-align';
import { changedAreas, gradientEnergy, openMask, residualMap, thumbnailDifference } from '../../src/detectors/metadata/thumbnail-diff';
import { lostDetail } from '../../src/detectors/metadata/thumbnail-detail';
import { quantisationNoise } from '../../src/detectors/metadata/thumbnail-noise';
import { compareThumbnail } from '../../src/detectors/metadata/thumbnail-compare';
import { cropPlane, ncc, renderBox } from '../../src/detectors/metadata/thumbnail-sample';
import { orientPlane } from '../../src/pixels/orient';
import { resizePlane } from '../../src/pixels/resample';

const plane = (w: number, h: number, c: number, f: (x: number, y: number, ch: number) => number): Plane => {
  const data = new Float32Array(w * h * c);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++) data[(y * w + x) * c + ch] = f(x, y, ch);
  return { data, width: w, height: h, channels: c };
};

/** A seeded pseudo-random texture (a smooth blob field plus detail), values 20–235, RGB. */
function scene(w: number, h: number, seed = 1): Plane {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const blobs = Array.from({ length: 12 }, () => ({ x: rnd() * w, y: rnd() * h, r: (0.08 + rnd() * 0.2) * w, c: [rnd(), rnd(), rnd()] }));
  return plane(w, h, 3, (x, y, ch) => {
    let v = 60 + 40 * Math.sin(x * 0.21 + seed) * Math.cos(y * 0.17);
    for (const b of blobs) if ((x - b.x) ** 2 + (y - b.y) ** 2 < b.r * b.r) v += 90 * b.c[ch] - 30;
    return Math.max(20, Math.min(235, v + 20 * ch));
  });
}

describe('thumbnail-sample kernels', () => {
  test('orientPlane (src/pixels/orient.ts) follows the EXIF table (6: rotate 90° clockwise to display; 2: mirror)', () => {
    // 3×2 stored: [1 2 3 / 4 5 6]
    const p = plane(3, 2, 1, (x, y) => y * 3 + x + 1);
    expect(Array.from(orientPlane(p, 6).data)).toEqual([4, 1, 5, 2, 6, 3]);
    expect(orientPlane(p, 6).width).toBe(2);
    expect(Array.from(orientPlane(p, 2).data)).toEqual([3, 2, 1, 6, 5, 4]);
    expect(Array.from(orientPlane(p, 3).data)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(Array.from(orientPlane(p, 8).data)).toEqual([3, 6, 2, 5, 1, 4]);
    expect(orientPlane(p, 1)).toBe(p);
  });

  test('renderBox averages exact areas, fractional boxes included, and interpolates when enlarging', () => {
    // 4×1 row 0, 10, 20, 30.
    const p = plane(4, 1, 1, (x) => x * 10);
    expect(Array.from(renderBox(p, { x0: 0, y0: 0, x1: 4, y1: 1 }, 2, 1).data)).toEqual([5, 25]);
    // [0.5, 2.5): half of 0, all of 10, half of 20 → 10.
    expect(renderBox(p, { x0: 0.5, y0: 0, x1: 2.5, y1: 1 }, 1, 1).data[0]).toBeCloseTo(10, 5);
    // Enlarging [1, 3) to 4 samples: centres at 1.25, 1.75, 2.25, 2.75 in source → 7.5, 12.5, 17.5, 22.5.
    const up = renderBox(p, { x0: 1, y0: 0, x1: 3, y1: 1 }, 4, 1);
    expect(Array.from(up.data).map((v) => Math.round(v * 10) / 10)).toEqual([7.5, 12.5, 17.5, 22.5]);
  });

  test('ncc is 1 for an affine copy, −1 for a negative, 0 for a flat input', () => {
    const a = Float32Array.from([1, 5, 2, 8, 3]);
    expect(ncc(a, Float32Array.from(a, (v) => 3 * v + 7))).toBeCloseTo(1, 6);
    expect(ncc(a, Float32Array.from(a, (v) => -v))).toBeCloseTo(-1, 6);
    expect(ncc(a, new Float32Array(5).fill(4))).toBe(0);
    expect(() => ncc(a, new Float32Array(4))).toThrow(/lengths differ/);
  });

  test('openMask drops lines thinner than the window and keeps areas (also at the border)', () => {
    const w = 12, h = 10;
    const mask = new Uint8Array(w * h);
    for (let x = 0; x < w; x++) mask[1 * w + x] = 1; // a 1-px line
    for (let y = 4; y < 10; y++) for (let x = 6; x < 12; x++) mask[y * w + x] = 1; // a 6×6 area in the corner
    const opened = openMask(mask, w, h, 1);
    expect(opened.reduce((a, b) => a + b, 0)).toBe(36);
    expect(opened[1 * w + 3]).toBe(0);
    expect(opened[9 * w + 11]).toBe(1);
  });

  test('cropPlane copies a rectangle', () => {
    const p = plane(4, 3, 1, (x, y) => y * 4 + x);
    expect(Array.from(cropPlane(p, 1, 1, 2, 2).data)).toEqual([5, 6, 9, 10]);
  });
});

describe('letterbox and JPEG noise', () => {
  test('findLetterbox finds centred black bars and ignores a dark picture without them', () => {
    const w = 32, h = 24;
    const boxed = plane(w, h, 1, (x, y) => (y < 3 || y >= h - 3 ? 4 : 100 + ((x * 7 + y * 13) % 50)));
    expect(findLetterbox(boxed)).toEqual({ x: 0, y: 3, width: 32, height: 18 });
    const plain = plane(w, h, 1, (x, y) => 100 + ((x * 7 + y * 13) % 50));
    expect(findLetterbox(plain)).toBeNull();
    // Bars on one side only are not a letterbox (a dark sky at the top is content).
    const oneSided = plane(w, h, 1, (x, y) => (y < 3 ? 4 : 100 + ((x * 7 + y * 13) % 50)));
    expect(findLetterbox(oneSided)).toBeNull();
  });

  test('quantisationNoise: a flat block carries only the DC rounding error, Q²/12/64', () => {
    const flat = plane(8, 8, 1, () => 128);
    const table = new Array<number>(64).fill(16);
    const v = quantisationNoise(flat, table);
    expect(v[0]).toBeCloseTo(256 / 12 / 64, 6);
    // A block with a strong horizontal ramp keeps AC coefficients: more expected noise.
    const ramp = plane(8, 8, 1, (x) => 60 + x * 20);
    expect(quantisationNoise(ramp, table)[0]).toBeGreaterThan(v[0] * 2);
    expect(() => quantisationNoise(flat, [1, 2, 3])).toThrow(/64-entry/);
  });
});

describe('alignment over rotation, mirror, letterbox and crop', () => {
  const main = scene(160, 120, 7);
  const thumbOf = (p: Plane, w: number, h: number): Plane => resizePlane(p, w, h);

  test.each([
    [1, 'as stored'],
    [6, 'thumbnail stored sideways (main upright)'],
    [8, 'thumbnail stored sideways the other way'],
    [2, 'main mirrored, thumbnail not'],
    [3, 'upside down'],
  ])('orientation %i (%s) is recovered', (o, _what) => {
    // The thumbnail shows the main picture through the inverse of o: aligning must find o.
    const inverse: Record<number, number> = { 1: 1, 2: 2, 3: 3, 6: 8, 8: 6 };
    const stored = orientPlane(thumbOf(main, 40, 30), inverse[o]);
    const pose = alignThumbnail(stored, main, 1);
    expect(pose?.orientation).toBe(o);
    expect(pose?.ncc).toBeGreaterThan(0.97);
  });

  test('a letterboxed thumbnail of a 3:2 picture is trimmed and mapped to the full frame', () => {
    const wide = scene(150, 100, 3);
    const pic = thumbOf(wide, 40, 27);
    const boxed = plane(40, 30, 3, (x, y, ch) => (y >= 1 && y < 28 ? pic.data[((y - 1) * 40 + x) * 3 + ch] : 0));
    const pose = alignThumbnail(boxed, wide, 1);
    expect(pose?.trimmed).toBe(true);
    expect(pose?.ncc).toBeGreaterThan(0.97);
    expect(pose?.box.x0).toBeLessThan(0.03);
    expect(pose?.box.x1).toBeGreaterThan(0.97);
  });

  test('a thumbnail of a slightly smaller field is placed on that field', () => {
    // The thumbnail shows [10 %, 100 %) × [5 %, 95 %) of the image.
    const field = renderBox(main, { x0: 16, y0: 6, x1: 160, y1: 114 }, 48, 36);
    const pose = alignThumbnail(field, main, 1);
    expect(pose?.box.x0).toBeCloseTo(0.1, 1);
    expect(pose?.box.y1).toBeCloseTo(0.95, 1);
    expect(pose?.ncc).toBeGreaterThan(0.97);
  });

  test('a flat thumbnail has nothing to align', () => {
    expect(alignThumbnail(plane(20, 15, 3, () => 80), main, 1)).toBeNull();
  });
});

describe('local difference', () => {
  const t = scene(64, 48, 11);

  test('an unchanged picture with a tone change and a one-pixel shift shows no changed area', () => {
    // The image: the same picture, brighter and higher in contrast, shifted by one pixel.
    const r = plane(64, 48, 3, (x, y, ch) => Math.min(255, 1.1 * t.data[(y * 64 + Math.max(0, x - 1)) * 3 + ch] + 6));
    const d = thumbnailDifference(t, r);
    expect(d.largestShare).toBeLessThan(0.01);
  });

  test('a painted patch of 6 % of the frame is found where it is', () => {
    // A dark brown 13×14 patch at (30, 20).
    const r = plane(64, 48, 3, (x, y, ch) => (x >= 30 && x < 43 && y >= 20 && y < 34 ? [70, 45, 25][ch] : t.data[(y * 64 + x) * 3 + ch]));
    const d = thumbnailDifference(t, r);
    expect(d.largestShare).toBeGreaterThan(0.04);
    const b = d.blobs[0];
    expect(b.meanRatio).toBeGreaterThan(6);
    expect(b.x0).toBeLessThanOrEqual(31);
    expect(b.x1).toBeGreaterThanOrEqual(42);
    expect(b.y0).toBeLessThanOrEqual(21);
    expect(b.y1).toBeGreaterThanOrEqual(33);
  });

  test('the residual map keeps the expected level at least 1 and the JPEG noise as a floor', () => {
    const noise = new Float32Array(64 * 48).fill(400);
    const m = residualMap(t, t, noise, 2);
    expect(Math.min(...m.expected)).toBeGreaterThanOrEqual(399);
    expect(changedAreas(m, 6, 8).largestShare).toBe(0);
    expect(() => residualMap(t, scene(32, 24), undefined, 2)).toThrow(/expected two 64×48 RGB planes/);
  });

  test('compareThumbnail: a rotated thumbnail of an edited image reports the edit in image fractions', () => {
    const image = scene(192, 144, 5);
    const thumb = orientPlane(resizePlane(image, 64, 48), 8);
    const edited = plane(192, 144, 3, (x, y, ch) => (x >= 120 && x < 160 && y >= 30 && y < 70 ? [200, 30, 30][ch] : image.data[(y * 192 + x) * 3 + ch]));
    const cmp = compareThumbnail(thumb, edited, 1);
    expect(cmp?.pose.orientation).toBe(6);
    const region = cmp?.regions[0];
    expect(region?.x0).toBeGreaterThan(0.55);
    expect(region?.x1).toBeLessThan(0.9);
    expect(region?.y0).toBeGreaterThan(0.12);
    expect(region?.y1).toBeLessThan(0.55);
  });
});

describe('lost detail', () => {
  // The full-resolution image is 384×288 (4 pixels per grid pixel); the comparison grid 96×72. Texture: a checker of
  // 16-pixel cells (4 grid pixels) of ±30 over a smooth scene, so it survives the area average onto the grid and
  // the half-scale check (a checker of 1-pixel cells has no central-difference gradient at all).
  const W = 384, H = 288, w = 96, h = 72;
  const base = scene(W, H, 3);
  const checker = (x: number, y: number): number => (((x >> 4) + (y >> 4)) % 2 ? 30 : -30);
  const inPatch = (x: number, y: number): boolean => x >= 200 && x < 280 && y >= 120 && y < 200;
  /** Full-resolution RGB image with the patch given by `patch` (a value per pixel added to the scene). */
  const full = (patch: (x: number, y: number) => number): Plane => plane(W, H, 3, (x, y, ch) => base.data[(y * W + x) * 3 + ch] + (inPatch(x, y) ? patch(x, y) : checker(x, y)));
  const grid = (p: Plane): Plane => renderBox(p, { x0: 0, y0: 0, x1: W, y1: H }, w, h);
  const thumb = grid(full(checker));
  const box = { x0: 0, y0: 0, x1: 1, y1: 1 };

  test('gradientEnergy: central differences inside, one-sided at the borders, on one channel of three', () => {
    // Channel 1 of 3 along one row: 0, 10, 40 → gx = 10, 20, 30; no vertical change.
    const row = Float32Array.from([9, 0, 9, 9, 10, 9, 9, 40, 9]);
    expect(Array.from(gradientEnergy(row, 3, 1, 3, 1))).toEqual([100, 400, 900]);
  });

  test('an unchanged picture loses no detail', () => {
    const image = full(checker);
    expect(lostDetail(thumb, grid(image), undefined, image, box, 0.006)).toEqual([]);
  });

  test('a smudged patch (detail gone at every scale) is found where it is', () => {
    const image = full(() => 0);
    const lost = lostDetail(thumb, grid(image), undefined, image, box, 0.006);
    expect(lost.length).toBe(1);
    expect(lost[0].area).toBeGreaterThan(0.5 * 20 * 20);
    expect(lost[0].meanRatio).toBeGreaterThan(2);
    // The patch is grid [50, 70) × [30, 50).
    expect(lost[0].x0).toBeGreaterThanOrEqual(46);
    expect(lost[0].x1).toBeLessThanOrEqual(74);
    expect(lost[0].y0).toBeGreaterThanOrEqual(26);
    expect(lost[0].y1).toBeLessThanOrEqual(54);
    // Below the rule's minimum share nothing is read at full resolution, and nothing is reported.
    expect(lostDetail(thumb, grid(image), undefined, image, box, 0.5)).toEqual([]);
  });

  test('aliasing: a fine mesh the grid averages away but the full resolution keeps is not lost detail', () => {
    // A checker of 2-pixel cells of ±60 (a mesh of period 4): flat on the grid (each grid pixel averages one period),
    // while the (point-sampled) thumbnail shows texture there.
    const image = full((x, y) => (((x >> 1) + (y >> 1)) % 2 ? 60 : -60));
    const r = grid(image);
    const smudged = grid(full(() => 0));
    expect(Math.abs(r.data[(40 * w + 60) * 3] - smudged.data[(40 * w + 60) * 3])).toBeLessThan(1);
    expect(lostDetail(thumb, r, undefined, image, box, 0.006)).toEqual([]);
  });

  test("detail within the thumbnail's own JPEG noise is not lost detail", () => {
    const image = full(() => 0);
    const noise = new Float32Array(w * h).fill(1000);
    expect(lostDetail(thumb, grid(image), noise, image, box, 0.006)).toEqual([]);
    expect(() => lostDetail(thumb, scene(32, 24), undefined, image, box, 0.006)).toThrow(/expected 96×72 inputs/);
  });
});
