/** catalog/align and catalog/change-map on small synthetic planes with known answers. */
import { claimToRef, coarseSearch, nccValid, overlapShares, warpRef, type Transform } from '../../../src/detectors/catalog/align';
import { changeMap, DEFAULT_TUNING } from '../../../src/detectors/catalog/change-map';
import { gaussianBlur, type Plane } from '../../../src/pixels/resample';

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
