/** Product palettes: CIELAB, CIEDE2000 (Sharma et al. 2005 test data), quantisation, region weights, EMD. */
import { conversion } from 'image-q';
import { coverDistance, deltaE2000, labOf, productDistance, quantise, regionWeights, type PaletteColour } from '../../src/detectors/catalog/palette';
import { toPlane } from '../../src/pixels/resample';

const plane = (rgb: number[], width: number, height: number) => toPlane(Uint8Array.from(rgb), width, height, 3);

describe('labOf', () => {
  test('agrees with image-q rgb2lab (same sRGB matrix and D65 white) to 1e-3', () => {
    const colours = [[0, 0, 0], [255, 255, 255], [255, 0, 0], [0, 128, 0], [30, 60, 200], [250, 200, 10], [128, 128, 128], [9, 9, 9]];
    const lab = labOf(plane(colours.flat(), colours.length, 1));
    colours.forEach(([r, g, b], i) => {
      const ref = conversion.rgb2lab(r, g, b);
      expect(lab[i * 3]).toBeCloseTo(ref.L, 3);
      expect(lab[i * 3 + 1]).toBeCloseTo(ref.a, 3);
      expect(lab[i * 3 + 2]).toBeCloseTo(ref.b, 3);
    });
    // White is L 100 and a, b ≈ 0 (the 4-decimal sRGB matrix leaves ~0.02); black is L 0.
    expect(lab[3]).toBeCloseTo(100, 2);
    expect(Math.abs(lab[4]) + Math.abs(lab[5])).toBeLessThan(0.05);
    expect(lab[0]).toBeCloseTo(0, 5);
  });
});

describe('deltaE2000', () => {
  // Sharma, Wu and Dalal (2005), Table 1: pairs 1, 2, 3, 17 and 33 (L1 a1 b1, L2 a2 b2, ΔE00 to 4 decimals).
  test.each([
    [50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425],
    [50, 3.1571, -77.2803, 50, 0, -82.7485, 2.8615],
    [50, 2.8361, -74.02, 50, 0, -82.7485, 3.4412],
    [50, 2.5, 0, 73, 25, -18, 27.1492],
    [2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082],
  ])('Lab(%p, %p, %p) vs Lab(%p, %p, %p) = %p', (L1, a1, b1, L2, a2, b2, de) => {
    expect(deltaE2000({ L: L1, a: a1, b: b1 }, { L: L2, a: a2, b: b2 })).toBeCloseTo(de, 4);
    // Symmetric.
    expect(deltaE2000({ L: L2, a: a2, b: b2 }, { L: L1, a: a1, b: b1 })).toBeCloseTo(de, 4);
  });
});

describe('quantise', () => {
  test('a two-colour image gives its two colours with their shares', () => {
    // 3 red pixels, 1 blue pixel.
    const lab = labOf(plane([255, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0, 255], 4, 1));
    const p = quantise(lab, new Float32Array(4).fill(1), 8);
    expect(p).toHaveLength(2);
    expect(p[0].share).toBeCloseTo(0.75, 6);
    expect(p[1].share).toBeCloseTo(0.25, 6);
    const red = conversion.rgb2lab(255, 0, 0);
    expect(deltaE2000(p[0], red)).toBeLessThan(0.01);
  });

  test('weights: zero-weight pixels do not count; no weight at all gives an empty palette', () => {
    const lab = labOf(plane([255, 0, 0, 0, 0, 255], 2, 1));
    const p = quantise(lab, Float32Array.from([1, 0]), 8);
    expect(p).toHaveLength(1);
    expect(p[0].share).toBe(1);
    expect(quantise(lab, new Float32Array(2), 8)).toEqual([]);
  });

  test('never more colours than asked for', () => {
    const px: number[] = [];
    for (let i = 0; i < 64; i++) px.push((i * 37) % 256, (i * 91) % 256, (i * 13) % 256);
    const p = quantise(labOf(plane(px, 8, 8)), new Float32Array(64).fill(1), 4);
    expect(p.length).toBeLessThanOrEqual(4);
    expect(p.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 6);
  });
});

describe('regionWeights', () => {
  test("border mode: a product on a plain backdrop keeps the product and drops the backdrop", () => {
    // 10×10 white backdrop with a 4×4 green square in the middle.
    const px: number[] = [];
    for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) px.push(...(x >= 3 && x < 7 && y >= 3 && y < 7 ? [20, 160, 40] : [245, 245, 245]));
    const w = regionWeights(labOf(plane(px, 10, 10)), 10, 10, 'border');
    expect(w[5 * 10 + 5]).toBe(1);
    expect(w[0]).toBe(0);
    expect(w[9 * 10 + 1]).toBe(0);
  });

  test('centre-border mode on a uniform picture (nothing unlike the border) is the centre weight alone', () => {
    const w = regionWeights(new Float32Array(11 * 11 * 3), 11, 11, 'centre-border');
    expect(w[5 * 11 + 5]).toBeCloseTo(1, 6);
    expect(w[0]).toBeLessThan(0.3);
  });
});

describe('palette distances', () => {
  const red: PaletteColour = { ...conversion.rgb2lab(220, 30, 30), share: 1 };
  const blue: PaletteColour = { ...conversion.rgb2lab(30, 30, 220), share: 1 };
  test('identical palettes are 0 apart; one-colour palettes are their ΔE00 apart', () => {
    expect(coverDistance([red], [red])).toBeCloseTo(0, 9);
    expect(coverDistance([red], [blue])).toBeCloseTo(deltaE2000(red, blue), 9);
    expect(productDistance([red], [blue])).toBeCloseTo(deltaE2000(red, blue), 9);
    expect(coverDistance([red], [])).toBe(Infinity);
  });

  test('cover distance is directed; the product distance averages both directions', () => {
    const mixed = [{ ...red, share: 0.5 }, { ...blue, share: 0.5 }];
    // All of [red] is found in the mixed palette, not the other way round.
    expect(coverDistance([red], mixed)).toBeCloseTo(0, 9);
    expect(coverDistance(mixed, [red])).toBeCloseTo(0.5 * deltaE2000(red, blue), 9);
    // Claim first, catalog second: half of each direction.
    expect(productDistance(mixed, [red])).toBeCloseTo(0.25 * deltaE2000(red, blue), 9);
  });
});
