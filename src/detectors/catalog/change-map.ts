/**
 * Local change map between the claim and the aligned catalog photo. Both are blurred a little (σ = 1 px on a
 * ≤ 384-px grid, which removes JPEG/WebP quantisation noise), each channel's global gain and offset is fitted
 * (colour and brightness shifts), and a pixel counts as changed when its residual exceeds a noise floor plus a
 * share of the local gradient (small misregistration shows up only on edges: tolerating it there is the classic
 * fix of gradient-weighted difference maps). Changed pixels are pooled into blocks and connected components so
 * that a few scattered pixels do not count; the region is the bounding box of what remains.
 */
import { labelComponents } from '../../pixels/components';
import { gaussianBlur, lumaPlane, type Plane } from '../../pixels/resample';
import type { Region } from '../../primitives';
import { nccValid } from './align';

/** Tuning of the change map. The values come from the refund fixture set (see docs/catalog.md, bench/catalog.ts). */
export interface ChangeMapTuning {
  /** Residual floor, 8-bit levels. */
  floor: number;
  /** Multiple of the median residual added to the floor (adapts to the claim's recompression noise). */
  noiseFactor: number;
  /** Share of the local catalog gradient tolerated (misregistration on edges). */
  gradientFactor: number;
  /** Share of changed pixels that makes a block changed. */
  blockShare: number;
  /** Smallest component kept, in blocks. */
  minBlocks: number;
}

/** Defaults measured on the refund fixture set (bench/catalog.ts). */
export const DEFAULT_TUNING: ChangeMapTuning = { floor: 14, noiseFactor: 3, gradientFactor: 0.5, blockShare: 0.2, minBlocks: 2 };

/** The change map of one aligned pair. */
export interface ChangeMap {
  /** Grid size of the map (claim resampled). */
  width: number;
  height: number;
  /** Residual per map pixel (8-bit levels), NaN outside the catalog footprint. */
  residual: Float32Array;
  /** Per-pixel threshold used. */
  tolerance: Float32Array;
  /** 1 for map pixels inside a kept changed component. */
  changed: Uint8Array;
  /** Changed share of the compared area (0..1). */
  changedFraction: number;
  /** Bounding box of the kept changes in claim pixels, or null. */
  region: Region | null;
  /** Number of kept components. */
  components: number;
  /** Luma NCC over the compared area outside the changes: how exactly the rest is the catalog photo. */
  robustNcc: number;
  /** Luma NCC over the whole compared area. */
  ncc: number;
  /** Median residual (noise level), 8-bit levels. */
  noise: number;
  /** Fitted per-channel gain and offset (claim ≈ gain·catalog + offset). */
  gain: number[];
  offset: number[];
  /** Compared share of the claim (0..1). */
  compared: number;
}

/**
 * Compare a claim level with the catalog warped onto the same grid (same channels; NaN = outside the catalog).
 * `cw×ch` is the full claim size, for the region.
 */
export function changeMap(claim: Plane, warped: Plane, cw: number, ch: number, tuning: ChangeMapTuning = DEFAULT_TUNING): ChangeMap {
  if (claim.width !== warped.width || claim.height !== warped.height || claim.channels !== warped.channels) {
    throw new Error(`changeMap: planes differ (${claim.width}×${claim.height}×${claim.channels} vs ${warped.width}×${warped.height}×${warped.channels})`);
  }
  const { width: w, height: h, channels: c } = claim;
  const n = w * h;
  const A = gaussianBlur(claim, 1).data;
  const B = gaussianBlur(warped, 1).data;
  // Per-channel least-squares gain/offset, refitted once without the worst 20 % (the edit itself).
  const gain: number[] = [];
  const offset: number[] = [];
  const residual = new Float32Array(n).fill(NaN);
  let excl: Float32Array | null = null;
  for (let pass = 0; pass < 2; pass++) {
    gain.length = 0;
    offset.length = 0;
    for (let k = 0; k < c; k++) {
      let m = 0;
      let sa = 0;
      let sb = 0;
      let sab = 0;
      let sbb = 0;
      for (let i = 0; i < n; i++) {
        const b = B[i * c + k];
        if (Number.isNaN(b) || (excl && residual[i] > excl[0])) continue;
        const a = A[i * c + k];
        m++;
        sa += a;
        sb += b;
        sab += a * b;
        sbb += b * b;
      }
      const vb = sbb - (sb * sb) / Math.max(1, m);
      let g = vb > m * 4 ? (sab - (sa * sb) / m) / vb : 1;
      g = Math.max(0.5, Math.min(2, g));
      gain.push(g);
      offset.push(m > 0 ? (sa - g * sb) / m : 0);
    }
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(B[i * c])) {
        residual[i] = NaN;
        continue;
      }
      let e = 0;
      for (let k = 0; k < c; k++) e = Math.max(e, Math.abs(A[i * c + k] - (gain[k] * B[i * c + k] + offset[k])));
      residual[i] = e;
    }
    if (pass === 0) excl = Float32Array.of(quantileValid(residual, 0.8));
  }
  const valid = countValid(residual);
  const noise = quantileValid(residual, 0.5);
  const base = tuning.floor + tuning.noiseFactor * noise;
  // Local gradient of the warped catalog luma (central differences), for the edge tolerance.
  const lumB = c === 1 ? B : lumaPlane({ data: B, width: w, height: h, channels: c }).data;
  const tolerance = new Float32Array(n);
  const raw = new Uint8Array(n);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (Number.isNaN(residual[i])) continue;
      const l = lumB[y * w + Math.max(0, x - 1)];
      const r = lumB[y * w + Math.min(w - 1, x + 1)];
      const u = lumB[Math.max(0, y - 1) * w + x];
      const d = lumB[Math.min(h - 1, y + 1) * w + x];
      const gx = Number.isNaN(l) || Number.isNaN(r) ? 0 : (r - l) / 2;
      const gy = Number.isNaN(u) || Number.isNaN(d) ? 0 : (d - u) / 2;
      tolerance[i] = base + tuning.gradientFactor * Math.hypot(gx, gy);
      if (residual[i] > tolerance[i]) raw[i] = 1;
    }
  }
  // Blocks ~1/40 of the long side (at least 3 px): fine enough for a scratch, coarse enough to pool noise.
  const bs = Math.max(3, Math.round(Math.max(w, h) / 40));
  const bw = Math.ceil(w / bs);
  const bh = Math.ceil(h / bs);
  const blockOn = new Uint8Array(bw * bh);
  let validBlocks = 0;
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let v = 0;
      let on = 0;
      let tot = 0;
      for (let y = by * bs; y < Math.min(h, (by + 1) * bs); y++) {
        for (let x = bx * bs; x < Math.min(w, (bx + 1) * bs); x++) {
          tot++;
          const i = y * w + x;
          if (Number.isNaN(residual[i])) continue;
          v++;
          on += raw[i];
        }
      }
      if (v >= tot / 2) validBlocks++;
      if (v >= tot / 2 && on >= tuning.blockShare * v) blockOn[by * bw + bx] = 1;
    }
  }
  // 8-connected components of changed blocks; keep those of at least minBlocks.
  const keep = new Uint8Array(bw * bh);
  let components = 0;
  let kept = 0;
  for (const comp of labelComponents(blockOn, bw, bh, 8)) {
    if (comp.members.length < tuning.minBlocks) continue;
    components++;
    kept += comp.members.length;
    for (const m of comp.members) keep[m] = 1;
  }
  const changed = new Uint8Array(n);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!keep[((y / bs) | 0) * bw + ((x / bs) | 0)]) continue;
      const i = y * w + x;
      if (!raw[i]) continue;
      changed[i] = 1;
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
  }
  // The robust NCC leaves out the kept changes grown by one block, so the edit's halo does not count against it.
  const skip = new Uint8Array(n);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const bx = (x / bs) | 0;
      const by = (y / bs) | 0;
      let near = 0;
      for (let dy = -1; dy <= 1 && !near; dy++) for (let dx = -1; dx <= 1 && !near; dx++) {
        const nx = bx + dx;
        const ny = by + dy;
        if (nx >= 0 && ny >= 0 && nx < bw && ny < bh && keep[ny * bw + nx]) near = 1;
      }
      skip[y * w + x] = near;
    }
  }
  const la = lumaPlane({ data: A, width: w, height: h, channels: c });
  const lb = lumaPlane({ data: B, width: w, height: h, channels: c });
  const sx = cw / w;
  const sy = ch / h;
  const region: Region | null =
    x1 >= x0 ? { x: Math.floor(x0 * sx), y: Math.floor(y0 * sy), width: Math.ceil((x1 - x0 + 1) * sx), height: Math.ceil((y1 - y0 + 1) * sy) } : null;
  return {
    width: w,
    height: h,
    residual,
    tolerance,
    changed,
    changedFraction: validBlocks > 0 ? Math.min(1, kept / validBlocks) : 0,
    region,
    components,
    robustNcc: nccValid(la, lb, skip).ncc,
    ncc: nccValid(la, lb).ncc,
    noise,
    gain,
    offset,
    compared: valid / n,
  };
}

function countValid(a: Float32Array): number {
  let v = 0;
  for (const x of a) if (!Number.isNaN(x)) v++;
  return v;
}

/** Quantile of the non-NaN values (0 when there are none), from a 1/8-level histogram of 0..255 (residuals). */
function quantileValid(a: Float32Array, q: number): number {
  const bins = new Uint32Array(2049);
  let n = 0;
  for (const x of a) {
    if (Number.isNaN(x)) continue;
    bins[Math.min(2048, Math.max(0, Math.round(x * 8)))]++;
    n++;
  }
  if (!n) return 0;
  const target = Math.floor(q * n);
  let acc = 0;
  for (let i = 0; i < bins.length; i++) {
    acc += bins[i];
    if (acc > target) return i / 8;
  }
  return 256;
}

/**
 * A reviewer image of the map: the claim in grey, changed pixels in red (brighter = larger residual), the area
 * outside the catalog footprint tinted blue. RGB, 8-bit.
 */
export function renderChangeMap(claimLuma: Plane, map: ChangeMap): { data: Uint8Array; width: number; height: number; channels: 3 } {
  const { width: w, height: h } = map;
  const out = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    const g = Math.round(claimLuma.data[i] * 0.6);
    if (Number.isNaN(map.residual[i])) {
      out[i * 3] = g >> 1;
      out[i * 3 + 1] = g >> 1;
      out[i * 3 + 2] = Math.min(255, g + 60);
    } else if (map.changed[i]) {
      out[i * 3] = Math.min(255, 140 + Math.round((115 * map.residual[i]) / Math.max(1, 3 * map.tolerance[i])));
      out[i * 3 + 1] = g >> 2;
      out[i * 3 + 2] = g >> 2;
    } else {
      out[i * 3] = g;
      out[i * 3 + 1] = g;
      out[i * 3 + 2] = g;
    }
  }
  return { data: out, width: w, height: h, channels: 3 };
}
