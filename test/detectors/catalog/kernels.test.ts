/** catalog/align and catalog/change-map on small synthetic planes with known answers. */
import { claimToRef, coarseSearch, nccValid, overlapShares, warpNcc, warpRef, type Transform } from '../../../src/detectors/catalog/align';
import { changeMap, DEFAULT_TUNING } from '../../../src/detectors/catalog/change-map';
import { gaussianBlur, type Plane } from '../../../src/pixels/resample';
import { featureView, fullSizeMap, keypointsOf, matchFeatures } from '../../../src/detectors/catalog/features';
import { compareRegistered } from '../../../src/detectors/catalog/registered';
import { catalogPalette, LINEAR } from '../../../src/detectors/catalog/palette';
import { bhattacharyya, chromaHistogram } from '../../../src/detectors/catalog/chroma';
import { seededUniform } from '../../../src/pixels/random';

/** A textured luma plane: a smooth pattern with enough structure for NCC. */
function texture(w: number, h: number, channels = 1): Plane {
  const data = new Float32Array(w * h * channels);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const v = 128 + 60 * Math.sin(x * 0.7) * Math.cos(y * 0.45) + 30 * Math.sin((x + 2 * y) * 0.23);
    for (let c = 0; c < channels; c++) data[(y * w + x) * channels + c] = v;
  }
  return { data, width: w, height: h, channels };
}

const identity = (w: number, h: number): Transform => ({ scale: 1, rotationDeg: 0, mirror: false, cx: w / 2, cy: h / 2, refWidth: w, refHeight: h });

describe('catalog/align', () => {
  test('claimToRef: identity, mirror, scale', () => {
    const out = new Float64Array(2);
    claimToRef(identity(10, 8), 3, 2, out);
    expect(Array.from(out)).toEqual([3, 2]);
    claimToRef({ ...identity(10, 8), mirror: true }, 3, 2, out);
    expect(Array.from(out)).toEqual([7, 2]);
    // Catalog 10×8 shown at scale 2 centred at (10, 8) of the claim: claim (12, 8) is catalog (6, 4).
    claimToRef({ ...identity(10, 8), scale: 2, cx: 10, cy: 8 }, 12, 8, out);
    expect(Array.from(out)).toEqual([6, 4]);
  });

  test('warpRef with the identity reproduces the plane; outside the catalog is NaN', () => {
    const p = texture(12, 10);
    const w = warpRef(p, identity(12, 10), 12, 10, 12, 10);
    for (let i = 0; i < p.data.length; i++) expect(w.data[i]).toBeCloseTo(p.data[i], 4);
    const shifted = warpRef(p, { ...identity(12, 10), cx: 6 + 20 }, 12, 10, 12, 10);
    expect(Array.from(shifted.data).every(Number.isNaN)).toBe(true);
  });

  test('nccValid: 1 with itself, −1 inverted, 0 for a flat plane, NaN samples skipped', () => {
    const a = texture(8, 8);
    const inv: Plane = { ...a, data: a.data.map((v) => 255 - v) };
    expect(nccValid(a, a).ncc).toBeCloseTo(1, 6);
    expect(nccValid(a, inv).ncc).toBeCloseTo(-1, 6);
    expect(nccValid(a, { ...a, data: new Float32Array(64).fill(9) }).ncc).toBe(0);
    const holes: Plane = { ...a, data: a.data.map((v, i) => (i % 2 ? NaN : v)) };
    expect(nccValid(a, holes)).toEqual({ ncc: expect.closeTo(1, 6) as number, n: 32 });
  });

  test('warpNcc is nccValid of the warped plane, bit for bit (scale, rotation, mirror, partial overlap, NaN samples)', () => {
    // Noise planes: any change in a sample position moves its bilinear value.
    const rand = seededUniform(3);
    const noise = (w: number, h: number): Plane => ({ data: Float32Array.from({ length: w * h }, () => 255 * rand()), width: w, height: h, channels: 1 });
    const ref = noise(37, 29), claim = noise(48, 36);
    claim.data[5] = NaN;
    const transforms: Transform[] = [];
    for (let k = 0; k < 400; k++) {
      const scale = 0.5 + rand(), rotationDeg = 20 * rand() - 10;
      transforms.push({ scale, rotationDeg, mirror: k % 2 === 1, cx: 480 * rand(), cy: 360 * rand(), refWidth: 370, refHeight: 290 });
    }
    let overlapping = 0;
    for (const t of transforms) {
      // The claim level covers a 480×360 claim at a tenth; the catalog level is its 370×290 photo at a tenth.
      const want = nccValid(claim, warpRef(ref, t, 480, 360, claim.width, claim.height));
      const got = warpNcc(ref, t, 480, 360, claim);
      expect(got.n).toBe(want.n);
      expect(Object.is(got.ncc, want.ncc)).toBe(true);
      if (want.n > 100 && want.n < claim.width * claim.height - 1) overlapping++;
    }
    expect(overlapping).toBeGreaterThan(200);
  });

  test('overlapShares: identity covers everything; a half-shifted catalog covers half', () => {
    expect(overlapShares(identity(32, 32), 32, 32)).toEqual({ coverage: 1, visible: 1 });
    const half = overlapShares({ ...identity(32, 32), cx: 32 }, 32, 32);
    expect(half.coverage).toBeCloseTo(0.5, 6);
    expect(half.visible).toBeCloseTo(0.5, 6);
  });

  test('coarseSearch finds a crop of the claim at its place and scale', () => {
    // Seeded noise, blurred like a photo's content (no period for the search to alias on, smooth at the lattice step).
    let seed = 7;
    const noise: Plane = { data: new Float32Array(40 * 30).map(() => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 255), width: 40, height: 30, channels: 1 };
    const claim = gaussianBlur(noise, 1.5);
    // The "catalog thumbnail" is the claim's 24×18 window at (10, 6).
    const thumb: Plane = { data: new Float32Array(24 * 18), width: 24, height: 18, channels: 1 };
    for (let y = 0; y < 18; y++) for (let x = 0; x < 24; x++) thumb.data[y * 24 + x] = claim.data[(y + 6) * 40 + x + 10];
    const [best] = coarseSearch(claim, thumb);
    expect(best.score).toBeGreaterThan(0.95);
    expect(best.mirror).toBe(false);
    expect(Math.abs(best.tw - 24)).toBeLessThanOrEqual(2);
    expect(Math.abs(best.ox + best.tw / 2 - 22)).toBeLessThanOrEqual(2);
    expect(Math.abs(best.oy + best.th / 2 - 15)).toBeLessThanOrEqual(2);
  });

  test('an aborted search throws the abort reason', () => {
    const c = new AbortController();
    c.abort(new Error('stop'));
    expect(() => coarseSearch(texture(40, 30), texture(20, 15), c.signal)).toThrow('stop');
  });
});

describe('catalog/change-map', () => {
  const W = 80;
  const H = 60;

  test('identical pictures: nothing changed, similarity 1, gain 1', () => {
    const a = texture(W, H, 3);
    const m = changeMap(a, a, W, H, DEFAULT_TUNING);
    expect(m.components).toBe(0);
    expect(m.changedFraction).toBe(0);
    expect(m.region).toBeNull();
    expect(m.robustNcc).toBeCloseTo(1, 5);
    expect(m.gain.map((g) => Math.round(g * 1000) / 1000)).toEqual([1, 1, 1]);
    expect(m.compared).toBe(1);
  });

  test('a painted square is one changed component with its region (claim pixels), the rest still exact', () => {
    const cat = texture(W, H, 3);
    const claim: Plane = { ...cat, data: Float32Array.from(cat.data) };
    for (let y = 20; y < 32; y++) for (let x = 40; x < 56; x++) for (let c = 0; c < 3; c++) claim.data[(y * W + x) * 3 + c] = c === 0 ? 250 : 10;
    // Claim pixels are twice the map's: the region comes back scaled.
    const m = changeMap(claim, cat, W * 2, H * 2, DEFAULT_TUNING);
    expect(m.components).toBe(1);
    expect(m.region).not.toBeNull();
    const r = m.region!;
    expect(r.x).toBeGreaterThanOrEqual(70);
    expect(r.x).toBeLessThanOrEqual(82);
    expect(r.y).toBeGreaterThanOrEqual(34);
    expect(r.y).toBeLessThanOrEqual(42);
    expect(r.x + r.width).toBeGreaterThanOrEqual(108);
    expect(r.y + r.height).toBeGreaterThanOrEqual(62);
    expect(m.changedFraction).toBeGreaterThan(0.02);
    expect(m.changedFraction).toBeLessThan(0.2);
    expect(m.robustNcc).toBeGreaterThan(0.99);
  });

  test('mismatched sizes are refused', () => {
    expect(() => changeMap(texture(8, 8), texture(8, 9), 8, 8, DEFAULT_TUNING)).toThrow();
  });
});

/** A print-like grey plane: 16 × 12 blocks of seeded random greys (corners at every junction). */
function print(w: number, h: number, seed: number): Plane {
  const data = new Float32Array(w * h);
  let a = seed;
  const next = (): number => ((a = (a * 1103515245 + 12345) >>> 0) >>> 16) / 65536;
  const cells = new Float32Array(16 * 12);
  for (let i = 0; i < cells.length; i++) cells[i] = 30 + 200 * next();
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = cells[Math.floor((y / h) * 12) * 16 + Math.floor((x / w) * 16)];
  return { data, width: w, height: h, channels: 1 };
}

/** `src` turned by `deg` degrees about its centre and scaled by `s` into a w × h plane (bilinear, grey 128 outside). */
function similarity(src: Plane, w: number, h: number, s: number, deg: number): Plane {
  const data = new Float32Array(w * h).fill(128);
  const c = Math.cos((deg * Math.PI) / 180);
  const n = Math.sin((deg * Math.PI) / 180);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const dx = (x - w / 2) / s;
    const dy = (y - h / 2) / s;
    const u = c * dx + n * dy + src.width / 2;
    const v = -n * dx + c * dy + src.height / 2;
    const x0 = Math.floor(u);
    const y0 = Math.floor(v);
    if (x0 < 0 || y0 < 0 || x0 + 1 >= src.width || y0 + 1 >= src.height) continue;
    const fx = u - x0;
    const fy = v - y0;
    const at = (i: number, j: number): number => src.data[j * src.width + i];
    data[y * w + x] = (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
  }
  return { data, width: w, height: h, channels: 1 };
}

describe('catalog/features', () => {
  const catalogView = featureView(print(320, 240, 5), 320);
  const cat = keypointsOf(catalogView, { max: 256, levels: 5 });

  test('the same print turned 20° and shown at 1.3× is matched, and the verified map says so', () => {
    const claim = keypointsOf(similarity(catalogView, 512, 480, 1.3, 20), { max: 800, levels: 7 });
    const m = matchFeatures(cat, claim);
    expect(cat.count).toBeGreaterThan(50);
    expect(m.inliers).toBeGreaterThanOrEqual(8);
    expect(m.fit?.scale).toBeCloseTo(1.3, 1);
    expect(((m.fit?.rotation ?? 0) * 180) / Math.PI).toBeCloseTo(20, 0);
    // In full-size pixels (catalog photo 640 × 480, claim 1024 × 960): the scale is the same, the centre maps to the centre.
    const full = fullSizeMap((m.fit as { model: Float64Array }).model, cat, 640, 480, claim, 1024, 960);
    expect(full[0] * 320 + full[1] * 240 + full[2]).toBeCloseTo(512, -1);
    expect(full[3] * 320 + full[4] * 240 + full[5]).toBeCloseTo(480, -1);
  });

  test('another print of the same kind has no verified match', () => {
    const other = keypointsOf(similarity(print(320, 240, 99), 512, 480, 1.3, 20), { max: 800, levels: 7 });
    expect(matchFeatures(cat, other).inliers).toBeLessThan(8);
  });
});

describe('catalog/registered', () => {
  // A 64 × 48 catalog thumbnail: a red block with a blue stripe on white; the claim shows it at twice the size.
  const W = 64;
  const H = 48;
  const rgbAt = (x: number, y: number, red: [number, number, number]): [number, number, number] => {
    if (x < 12 || x >= 52 || y < 10 || y >= 38) return [245, 245, 245];
    return y >= 20 && y < 26 ? [30, 60, 200] : red;
  };
  const paint = (w: number, h: number, k: number, red: [number, number, number], gain: [number, number, number]): Plane => {
    const data = new Float32Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const c = rgbAt(Math.floor(x / k), Math.floor(y / k), red);
      // In linear light (IEC 61966-2-1), as a change of illuminant acts.
      for (let i = 0; i < 3; i++) data[(y * w + x) * 3 + i] = Math.round(srgb(LINEAR[c[i]] * gain[i]));
    }
    return { data, width: w, height: h, channels: 3 };
  };
  const srgb = (v: number): number => 255 * (v > 0.0031308 ? 1.055 * v ** (1 / 2.4) - 0.055 : 12.92 * v);
  const catRgb = paint(W, H, 1, [200, 30, 40], [1, 1, 1]);
  const weight = new Float32Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) weight[y * W + x] = x >= 12 && x < 52 && y >= 10 && y < 38 ? 1 : 0;
  const thumb = { rgb: catRgb, weight, palette: catalogPalette(catRgb), width: 640, height: 480 };
  // Catalog 640 × 480 full pixels → claim 1280 × 960: scale 2.
  const map = Float64Array.of(2, 0, 0, 0, 2, 0);

  test('the same colours under a warmer, darker light: the gains are removed, the distance is small', () => {
    const claim = paint(128, 96, 2, [200, 30, 40], [0.7, 0.6, 0.5]);
    const c = compareRegistered(thumb, map, claim, 1280, 960);
    expect(c?.inside).toBe(1);
    expect(c?.balancedDistance).toBeLessThan(3);
    // R/G = 1.17 and B/G = 0.83 are inside the white-balance limit (1.25): the gains come back as painted, within
    // the 8-bit rounding of dark channels (a green of 30 moves its linear value by ±2 %).
    const gains = c?.gains ?? [0, 0, 0];
    [0.7, 0.6, 0.5].forEach((g, i) => expect(Math.abs(gains[i] - g)).toBeLessThan(0.02));
  });

  test('another body colour (red → green) stays far apart: white balance cannot turn one into the other', () => {
    const claim = paint(128, 96, 2, [40, 170, 60], [1, 1, 1]);
    expect(compareRegistered(thumb, map, claim, 1280, 960)?.balancedDistance).toBeGreaterThan(20);
  });

  test('a map that puts the product outside the claim: no comparison', () => {
    expect(compareRegistered(thumb, Float64Array.of(2, 0, 5000, 0, 2, 0), paint(128, 96, 2, [200, 30, 40], [1, 1, 1]), 1280, 960)).toBeNull();
  });
});

describe('catalog/chroma', () => {
  // A 48 × 48 "fruit": a body colour shaded from lit to deep shadow, with a highlight; weights 1 on the body.
  const srgb = (v: number): number => 255 * (v > 0.0031308 ? 1.055 * v ** (1 / 2.4) - 0.055 : 12.92 * v);
  const fruit = (body: [number, number, number], exposure: number): Plane => {
    const n = 48;
    const data = new Float32Array(n * n * 3);
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
      // Shading in linear light: a common factor on R, G and B (what log-chromaticity cancels away from black).
      const shade = exposure * (0.5 + 0.5 * (x / (n - 1)));
      for (let c = 0; c < 3; c++) data[(y * n + x) * 3 + c] = Math.round(srgb(Math.min(1, LINEAR[body[c]] * shade)));
    }
    return { data, width: n, height: n, channels: 3 };
  };
  const all = new Float32Array(48 * 48).fill(1);

  test('a histogram is normalised; an empty region gives an empty histogram and similarity 0', () => {
    const h = chromaHistogram(fruit([220, 120, 30], 1), all);
    expect(h.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const none = chromaHistogram(fruit([220, 120, 30], 1), new Float32Array(48 * 48));
    expect(none.every((v) => v === 0)).toBe(true);
    expect(bhattacharyya(h, none)).toBe(0);
    expect(bhattacharyya(h, h)).toBeCloseTo(1, 5);
  });

  test('the same colour at half the exposure keeps its histogram (shading cancels); another hue does not', () => {
    const orange = chromaHistogram(fruit([220, 120, 30], 1), all);
    const darker = chromaHistogram(fruit([220, 120, 30], 0.5), all);
    const green = chromaHistogram(fruit([120, 200, 40], 1), all);
    process.stdout.write(`chroma similarity: half exposure ${bhattacharyya(orange, darker).toFixed(3)}, another hue ${bhattacharyya(orange, green).toFixed(3)}\n`);
    expect(bhattacharyya(orange, darker)).toBeGreaterThan(0.9);
    expect(bhattacharyya(orange, green)).toBeLessThan(0.2);
  });
});
