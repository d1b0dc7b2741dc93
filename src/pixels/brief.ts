/**
 * Steered BRIEF binary descriptors, the descriptor half of ORB (Rublee et al. 2011): 256 intensity comparisons
 * between pairs of points of a 31×31 patch, each point the mean of a 5×5 box read from a summed-area table (the
 * smoothing ORB uses), the pattern rotated by the keypoint's orientation in 12° steps (30 precomputed patterns, as
 * in ORB). The pairs are drawn once from an isotropic Gaussian with σ = 31/5 (Calonder, Lepetit, Strecha and Fua
 * 2010, "BRIEF: binary robust independent elementary features", ECCV, sampling G II), from a fixed seed, so every
 * build of the library computes the same bits.
 */
import { summedArea } from './integral';
import { PATCH_RADIUS } from './corners';
import { seededUniform } from './random';

/** Bits per descriptor. */
export const DESCRIPTOR_BITS = 256;
/** 32-bit words per descriptor. */
export const DESCRIPTOR_WORDS = DESCRIPTOR_BITS / 32;
/** Half-size of the smoothing box (5×5). */
const BOX_R = 2;
/** Test points stay this close to the centre so that every rotation keeps the 5×5 box inside the patch. */
const POINT_RADIUS = PATCH_RADIUS - BOX_R;
/** Orientation steps (12°). */
const ANGLE_BINS = 30;
/** Seed of the sampling pattern (any constant; changing it changes every stored descriptor). */
const PATTERN_SEED = 0x0b51ef;

/** The unrotated pattern: 256 pairs (x1, y1, x2, y2), Gaussian σ = 31/5, redrawn until inside POINT_RADIUS. */
function basePattern(): Float64Array {
  const next = seededUniform(PATTERN_SEED);
  const sigma = (2 * PATCH_RADIUS + 1) / 5;
  const gauss = (): number => {
    for (;;) {
      // Box–Muller.
      const v = sigma * Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
      if (Math.abs(v) <= POINT_RADIUS) return v;
    }
  };
  const out = new Float64Array(DESCRIPTOR_BITS * 4);
  for (let i = 0; i < DESCRIPTOR_BITS; i++) {
    for (;;) {
      const x1 = gauss(), y1 = gauss(), x2 = gauss(), y2 = gauss();
      if (x1 * x1 + y1 * y1 > POINT_RADIUS * POINT_RADIUS || x2 * x2 + y2 * y2 > POINT_RADIUS * POINT_RADIUS) continue;
      if (Math.round(x1) === Math.round(x2) && Math.round(y1) === Math.round(y2)) continue;
      out.set([x1, y1, x2, y2], i * 4);
      break;
    }
  }
  return out;
}

/** The pattern rotated to each of the 30 orientation bins, rounded to integer offsets: [bin][pair][x1, y1, x2, y2]. */
const PATTERNS: Int8Array = (() => {
  const base = basePattern();
  const out = new Int8Array(ANGLE_BINS * DESCRIPTOR_BITS * 4);
  for (let b = 0; b < ANGLE_BINS; b++) {
    const t = (2 * Math.PI * b) / ANGLE_BINS;
    const c = Math.cos(t);
    const s = Math.sin(t);
    for (let i = 0; i < DESCRIPTOR_BITS * 2; i++) {
      const x = base[i * 2];
      const y = base[i * 2 + 1];
      out[(b * DESCRIPTOR_BITS * 2 + i) * 2] = Math.round(c * x - s * y);
      out[(b * DESCRIPTOR_BITS * 2 + i) * 2 + 1] = Math.round(s * x + c * y);
    }
  }
  return out;
})();

/**
 * Descriptors of `count` keypoints at integer (x, y) with orientation `angle` (radians) on `grey` (w × h), each
 * `DESCRIPTOR_WORDS` words in the returned array. Bit i is set when the first box of pair i is darker than the second.
 * @throws RangeError when a keypoint lies closer than PATCH_RADIUS pixels to an edge (`detectCorners` never returns one)
 */
export function describe(grey: Uint8Array, w: number, h: number, x: Int32Array, y: Int32Array, angle: Float32Array, count: number): Uint32Array {
  for (let k = 0; k < count; k++) {
    if (x[k] < PATCH_RADIUS || y[k] < PATCH_RADIUS || x[k] >= w - PATCH_RADIUS || y[k] >= h - PATCH_RADIUS) {
      throw new RangeError(`describe: keypoint ${k} at (${x[k]}, ${y[k]}) is closer than ${PATCH_RADIUS} px to the edge of a ${w}×${h} plane`);
    }
  }
  const sat = summedArea(grey, w, h);
  const sw = w + 1;
  const out = new Uint32Array(count * DESCRIPTOR_WORDS);
  for (let k = 0; k < count; k++) {
    let bin = Math.round((angle[k] / (2 * Math.PI)) * ANGLE_BINS) % ANGLE_BINS;
    if (bin < 0) bin += ANGLE_BINS;
    const pat = bin * DESCRIPTOR_BITS * 4;
    const cx = x[k];
    const cy = y[k];
    for (let word = 0; word < DESCRIPTOR_WORDS; word++) {
      let bits = 0;
      for (let j = 0; j < 32; j++) {
        const q = pat + (word * 32 + j) * 4;
        const a = box(sat, sw, cx + PATTERNS[q], cy + PATTERNS[q + 1]);
        const c = box(sat, sw, cx + PATTERNS[q + 2], cy + PATTERNS[q + 3]);
        if (a < c) bits |= 1 << j;
      }
      out[k * DESCRIPTOR_WORDS + word] = bits >>> 0;
    }
  }
  return out;
}

/** Sum of the 5×5 box centred on (x, y) from a summed-area table with row stride `sw` (a mean up to a constant). */
function box(sat: Float64Array, sw: number, x: number, y: number): number {
  const x0 = x - BOX_R;
  const y0 = y - BOX_R;
  const x1 = x + BOX_R + 1;
  const y1 = y + BOX_R + 1;
  return sat[y1 * sw + x1] - sat[y0 * sw + x1] - sat[y1 * sw + x0] + sat[y0 * sw + x0];
}
