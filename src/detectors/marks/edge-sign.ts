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
  /** Each pair's extent: the smaller and larger x and y of its two pixels (to test it against a plane's edges). */
  loX: Int16Array;
  hiX: Int16Array;
  loY: Int16Array;
  hiY: Int16Array;
  /** The pairs' bounding box: x, y from 0 to below `spanX`, `spanY`. */
  spanX: number;
  spanY: number;
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
  const n = ix.length;
  const extent = (a: number[], b: number[], pick: (p: number, q: number) => number): Int16Array => Int16Array.from(a, (v, k) => pick(v, b[k]));
  const hiX = extent(ix, ox, Math.max);
  const hiY = extent(iy, oy, Math.max);
  return {
    ix: Int16Array.from(ix),
    iy: Int16Array.from(iy),
    ox: Int16Array.from(ox),
    oy: Int16Array.from(oy),
    n,
    loX: extent(ix, ox, Math.min),
    hiX,
    loY: extent(iy, oy, Math.min),
    hiY,
    spanX: n ? Math.max(...hiX) + 1 : 0,
    spanY: n ? Math.max(...hiY) + 1 : 0,
  };
}

/**
 * Signed agreement (−1..1: +1 every ink pixel lighter than its neighbour, −1 every one darker) of the pairs with
 * the template's top-left at (px, py) of a `width × height` plane whose rows are `stride` values apart (a plane
 * may be the left part of a wider one). Pairs outside the plane are skipped; NaN when fewer than `minInside` (0..1)
 * of them are inside.
 */
export function edgeSignScore(data: Float32Array, width: number, height: number, pairs: SignPairs, px: number, py: number, minInside: number, stride = width): number {
  const { ix, iy, ox, oy, n } = pairs;
  const base = py * stride + px;
  // Branch-free steps: on texture the sign of a pair is a coin toss, and a mispredicted branch costs more than the
  // whole step. Integer counts, so the order of the steps does not matter.
  let sum = 0;
  if (px >= 0 && py >= 0 && px + pairs.spanX <= width && py + pairs.spanY <= height) {
    for (let k = 0; k < n; k++) {
      const a = data[base + iy[k] * stride + ix[k]];
      const b = data[base + oy[k] * stride + ox[k]];
      sum += +(a > b) - +(a < b);
    }
    return n === 0 ? NaN : sum / n;
  }
  // Partly outside: a pair counts when both its pixels are inside; the others are read at a clamped index and
  // weighted 0.
  const { loX, hiX, loY, hiY } = pairs;
  const cx0 = -px;
  const cx1 = width - px;
  const cy0 = -py;
  const cy1 = height - py;
  const last = data.length - 1;
  let used = 0;
  for (let k = 0; k < n; k++) {
    const inside = +(loX[k] >= cx0) & +(hiX[k] < cx1) & +(loY[k] >= cy0) & +(hiY[k] < cy1);
    const i = base + iy[k] * stride + ix[k];
    const o = base + oy[k] * stride + ox[k];
    const a = data[i < 0 ? 0 : i > last ? last : i];
    const b = data[o < 0 ? 0 : o > last ? last : o];
    sum += inside * (+(a > b) - +(a < b));
    used += inside;
  }
  if (used === 0 || used < minInside * n) return NaN;
  return sum / used;
}
