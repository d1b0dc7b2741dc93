/**
 * Reverse alpha-blending check for a mark drawn as a colour blended with a known per-pixel alpha (Gemini's
 * sparkle: out = a·L + (1 − a)·background, L white). If the mark is there, un-blending with the right strength
 * removes its outline from the patch; if it is not, un-blending draws a dark copy of the outline into it. So the
 * edge energy across the mark's outline, after the best un-blending, compared with before, tells a blended mark
 * from a textured background that merely correlates with its shape (which is where plain NCC is weakest).
 */

/**
 * Blend strengths tried by default (peak alpha of the mark after resizing and recompression; Gemini's map peaks at
 * 0.51). A mark whose template is normalised coverage, not the service's alpha, passes its own (`unblendScore`).
 */
export const GEMINI_STRENGTHS: readonly number[] = [0.26, 0.36, 0.46, 0.56, 0.66];
/** Mark colours tried (white, and white after a tone change or on a darkened copy). */
const LEVELS = [255, 228, 200];
/** Outline pixels: where the alpha map's gradient is at least this fraction of its maximum. */
const OUTLINE = 0.2;

interface AlphaGradient {
  gx: Float32Array;
  gy: Float32Array;
  /** |∇alpha| per pixel (0 on the border). */
  g: Float64Array;
  gmax: number;
}
const gradients = new WeakMap<Float32Array, AlphaGradient>();

/**
 * Central-difference gradient of an alpha shape, cached per shape array (the search checks every hit of a template
 * against the same cached alpha patch, up to 125 placements per hit).
 */
function alphaGradient(alpha: Float32Array, w: number, h: number): AlphaGradient {
  const hit = gradients.get(alpha);
  if (hit && hit.g.length === w * h) return hit;
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  const g = new Float64Array(w * h);
  let gmax = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      gx[i] = (alpha[i + 1] - alpha[i - 1]) / 2;
      gy[i] = (alpha[i + w] - alpha[i - w]) / 2;
      g[i] = Math.hypot(gx[i], gy[i]);
      if (g[i] > gmax) gmax = g[i];
    }
  }
  const out = { gx, gy, g, gmax };
  gradients.set(alpha, out);
  return out;
}

/**
 * Score (≤ 1) of a blended mark in `patch` (`w × h`, grey 0..255) given its alpha shape `alpha` (same size, 0..1,
 * peak 1): 1 − (outline edge energy after the best un-blending) / (before). Near 1: the outline is all mark; ≤ 0: no
 * such mark (un-blending adds an outline instead of removing one). NaN when the patch has no edge to speak of.
 * `valid` (optional, 1 = inside the image) limits the outline to pixels whose neighbours are all real (a mark
 * partly cropped off the image is judged on its visible part). `strengths`: the mark's peak alphas to try.
 */
export function unblendScore(patch: Float32Array, alpha: Float32Array, w: number, h: number, valid?: Uint8Array, strengths: readonly number[] = GEMINI_STRENGTHS): number {
  // Outline pixels and their unit normals (direction of increasing alpha, i.e. into the mark).
  const idx: number[] = [];
  const nx: number[] = [];
  const ny: number[] = [];
  const { gx, gy, g, gmax } = alphaGradient(alpha, w, h);
  if (gmax === 0) return NaN;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (g[i] >= OUTLINE * gmax && (!valid || (valid[i - 1] && valid[i + 1] && valid[i - w] && valid[i + w]))) {
        idx.push(i);
        nx.push(gx[i] / g[i]);
        ny.push(gy[i] / g[i]);
      }
    }
  }
  /** Sum of |directional derivative across the outline| of `p` (central differences). */
  const energy = (p: Float32Array): number => {
    let e = 0;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      const d = ((p[i + 1] - p[i - 1]) * nx[k] + (p[i + w] - p[i - w]) * ny[k]) / 2;
      e += d < 0 ? -d : d;
    }
    return e;
  };
  if (idx.length === 0) return NaN;
  const before = energy(patch);
  // Less than 1 grey level of edge per outline pixel: nothing is drawn there.
  if (before < idx.length) return NaN;
  const un = new Float32Array(w * h);
  let best = Infinity;
  for (const k of strengths) {
    for (const level of LEVELS) {
      for (let i = 0; i < un.length; i++) {
        const a = k * alpha[i];
        un[i] = (patch[i] - a * level) / (1 - a);
      }
      const e = energy(un);
      if (e < best) best = e;
    }
  }
  return 1 - best / before;
}
