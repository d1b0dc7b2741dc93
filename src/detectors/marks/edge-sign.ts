/**
 * Edge-sign agreement of a text template with an image window: for pairs of pixels straddling the template's
 * glyph outlines (one on ink, one just beside it), the fraction whose brightness order matches one polarity
 * (ink lighter, or ink darker, than beside it), as a signed score −1..1. Only the order of two nearby pixels
 * counts, not their difference, so a busy texture under a semi-transparent label lowers the score far less than
 * it lowers NCC (whose denominator the texture's variance swells); a random window scores about 0, ordinary text
 * in other characters also near 0 (its outlines are elsewhere).
 */

/** Pixel pairs across a template's outlines: ink pixel (ix, iy), background pixel (ox, oy), template coordinates. */
export interface SignPairs {
  ix: Int16Array;
  iy: Int16Array;
  ox: Int16Array;
  oy: Int16Array;
  n: number;
}

/** Coverage at or above which a pixel is ink, and at or below which it is background. */
const INK = 0.6;
const BACKGROUND = 0.15;

/**
 * The pairs of a `w × h` coverage template (0..1): each ink pixel paired with the nearest background pixel at 1 or
 * 2 px in each of the four directions (strokes of a 16 px high label are 1.5–3 px wide).
 */
export function signPairs(coverage: Float32Array, w: number, h: number): SignPairs {
  const ix: number[] = [];
  const iy: number[] = [];
  const ox: number[] = [];
  const oy: number[] = [];
  const dirs = [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
  ];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (coverage[y * w + x] < INK) continue;
      for (const [dx, dy] of dirs) {
        for (let k = 1; k <= 2; k++) {
          const qx = x + dx * k;
          const qy = y + dy * k;
          if (qx < 0 || qy < 0 || qx >= w || qy >= h) break;
          const c = coverage[qy * w + qx];
          if (c <= BACKGROUND) {
            ix.push(x);
            iy.push(y);
            ox.push(qx);
            oy.push(qy);
            break;
          }
          if (c >= INK) break;
        }
      }
    }
  }
  return { ix: Int16Array.from(ix), iy: Int16Array.from(iy), ox: Int16Array.from(ox), oy: Int16Array.from(oy), n: ix.length };
}

/**
 * Signed agreement (−1..1: +1 every ink pixel lighter than its neighbour, −1 every one darker) of the pairs with
 * the template's top-left at (px, py) of a `width × height` plane. Pairs outside the plane are skipped; NaN when
 * fewer than `minInside` (0..1) of them are inside.
 */
export function edgeSignScore(data: Float32Array, width: number, height: number, pairs: SignPairs, px: number, py: number, minInside: number): number {
  let sum = 0;
  let used = 0;
  for (let k = 0; k < pairs.n; k++) {
    const ax = px + pairs.ix[k];
    const ay = py + pairs.iy[k];
    const bx = px + pairs.ox[k];
    const by = py + pairs.oy[k];
    if (ax < 0 || ay < 0 || bx < 0 || by < 0 || ax >= width || bx >= width || ay >= height || by >= height) continue;
    const d = data[ay * width + ax] - data[by * width + bx];
    used++;
    if (d > 0) sum++;
    else if (d < 0) sum--;
  }
  if (used === 0 || used < minInside * pairs.n) return NaN;
  return sum / used;
}
