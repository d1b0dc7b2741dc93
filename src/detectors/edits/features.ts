/**
 * Window features of the edits model: 32×32-pixel windows (2×2 cells) at native resolution, each described by
 * `FEATURES` absolute statistics and the same statistics relative to the photo's own distribution. Up to
 * `DENSE_MAX_PIXELS` the windows overlap, every 16 pixels; above, they sit on a sparse grid sized for about
 * `SPARSE_WINDOWS` windows, so a 12 MP photo costs what a 2 MP one does and keeps its native noise (docs/edits.md).
 *
 * The relative part is Splicebuster's idea (Cozzolino, Poggi & Verdoliva, WIFS 2015): a camera's traces differ
 * between cameras, ISO settings and delivery chains far more than between the parts of one photo, so "unlike the
 * rest of this photo" generalises across cameras better than any absolute level. Each feature is standardised by
 * the photo's median and MAD over its unclipped windows. The absolute part is kept for whole-frame judgements
 * (`edits.regenerated`) and so the model can tell a flat sky from a smoothed patch.
 *
 * This module is the single implementation of the features: the training pipeline (train/features.ts) dumps the
 * exact arrays computed here, so training and inference cannot drift apart.
 */
import { A, CELL, CELL_RECORD, HIST_BINS, cellStats, type CellGrid } from './cells';
import { workingPlanes, type WorkingPlanes } from './planes';
import { MAD_TO_SD, mad, median, orderStatistic } from '../../pixels/stats';

/** Names of the absolute window features, in order (docs/edits.md explains each). */
export const FEATURE_NAMES = [
  'brightness',
  'clipped',
  'texture',
  ...hist('d1'),
  'd1.level',
  ...hist('d2'),
  'd2.level',
  ...hist('kb'),
  'kb.level',
  ...Array.from({ length: 9 }, (_, i) => `cooc.${i}`),
  ...hist('mid'),
  'mid.level',
  'grid.h',
  'grid.v',
  'chroma.level',
  'chroma.zero',
] as const;

function hist(name: string): string[] {
  return Array.from({ length: HIST_BINS }, (_, i) => `${name}.h${i}`);
}

/** Number of absolute features per window. */
export const FEATURES = FEATURE_NAMES.length;

/**
 * Features also standardised against windows of similar brightness and texture in the same photo: the noise a
 * camera leaves depends on both (signal-dependent sensor noise, tone curves and denoisers flatten bright and smooth
 * areas), so "smoother than the rest of the photo" means little unless the rest is comparable. The photo's
 * windows are split into brightness quartiles and, inside each, texture tertiles (12 groups).
 */
export const CONDITIONED = ['d1.level', 'd2.level', 'kb.level', 'mid.level', 'chroma.level', 'd2.h0', 'kb.h0', 'cooc.8', 'chroma.zero'] as const;

/** Number of conditioned features per window. */
export const CONDITIONED_COUNT = CONDITIONED.length;

const CONDITIONED_INDEX = CONDITIONED.map((n) => (FEATURE_NAMES as readonly string[]).indexOf(n));

/**
 * A window with more than this fraction of clipped pixels carries no camera noise to judge: it does not enter the
 * photo's statistics, the local score or the region. Without this rule the model extrapolated on the white
 * backgrounds of catalog shots (window logits 17–20; bench/edits.ts, corpus products/).
 */
export const MAX_CLIPPED = 0.25;
/**
 * Nor does a window darker than this mean luma (16 levels, as a share of 255): tone curves and black levels crush
 * the noise of deep shadows (a DSLR night photo's shadows scored 13; bench/edits.ts, corpus camera/).
 */
export const MIN_BRIGHTNESS = 16 / 255;

/**
 * Floor of the spread used to standardise each feature (added to 1.4826·MAD): a photo whose windows all agree on
 * a feature must not turn tiny differences into large z-scores. Histogram fractions vary on a smaller scale.
 */
const SPREAD_FLOOR_FRACTION = 0.01;
const SPREAD_FLOOR_OTHER = 0.02;
/** Relative features are clipped to ±8 robust standard deviations. */
const REL_CLIP = 8;

/** Co-occurrence pair (a, b), a, b ∈ −2..2 → one of 9 classes under (a,b) ~ (b,a) ~ (−a,−b): the rich-model symmetrisation. */
const COOC_CLASS = (() => {
  const key = (a: number, b: number): string => `${a},${b}`;
  const classes = new Map<string, number>();
  const out = new Uint8Array(25);
  for (let a = -2; a <= 2; a++) {
    for (let b = -2; b <= 2; b++) {
      const orbit = [[a, b], [b, a], [-a, -b], [-b, -a]].map(([p, q]) => key(p, q)).sort();
      if (!classes.has(orbit[0])) classes.set(orbit[0], classes.size);
      out[(a + 2) * 5 + (b + 2)] = classes.get(orbit[0])!;
    }
  }
  return out;
})();

/** Window features of one photo. */
export interface WindowFeatures {
  /** Windows per row and per column. */
  cols: number;
  rows: number;
  /** Distance between windows, pixels (16 dense; a multiple of 16 sparse). */
  stride: number;
  /** Position of window (0, 0)'s top-left corner, pixels (both axes). */
  origin: number;
  /** Window side, pixels. */
  size: number;
  /** `rows × cols × FEATURES` absolute features, window-major. */
  abs: Float32Array;
  /** Same layout, standardised against the photo: (f − median) / (1.4826·MAD + floor), clipped to ±8. */
  rel: Float32Array;
  /** `rows × cols × CONDITIONED_COUNT`: the `CONDITIONED` features against windows of similar brightness and texture. */
  cond: Float32Array;
  /** Per-feature median over the photo's unclipped windows. */
  median: Float32Array;
  /** Per-feature 1.4826·MAD over the same windows. */
  spread: Float32Array;
  /** 1 for windows with at most `MAX_CLIPPED` clipped pixels and a mean luma of at least `MIN_BRIGHTNESS`. */
  valid: Uint8Array;
  /** Fraction of valid windows. */
  validFraction: number;
}

/** Photos up to this many pixels get dense, overlapping windows (1920×1088 fits). */
export const DENSE_MAX_PIXELS = 2_100_000;
/** At most this many windows on the sparse grid of larger photos (96 px apart on a 12 MP photo): the speed budget (bench/edits.ts). */
export const SPARSE_WINDOWS = 1500;
/** Window side, pixels. */
const SIZE = 2 * CELL;

/**
 * Features of every window of interleaved 8-bit RGB (stored orientation). Returns null when fewer than 2×2
 * windows fit.
 */
export function windowFeatures(rgb: Uint8Array, width: number, height: number): WindowFeatures | null {
  if (width * height <= DENSE_MAX_PIXELS) return denseFeatures(workingPlanes(rgb, width, height));
  return sparseFeatures(rgb, width, height, sparseStride(width, height));
}

/** Sparse grid step: the smallest multiple of 16 (≥ 32) giving at most `SPARSE_WINDOWS` windows. */
export function sparseStride(width: number, height: number): number {
  let s = 2 * CELL;
  while (Math.floor((width - SIZE) / s) * Math.floor((height - SIZE) / s) > SPARSE_WINDOWS) s += CELL;
  return s;
}

/** Overlapping windows (2×2 cells, one cell apart) over the whole planes. */
export function denseFeatures(p: WorkingPlanes): WindowFeatures | null {
  const grid = cellStats(p);
  if (grid.cols < 2 || grid.rows < 2) return null;
  const cols = grid.cols - 1, rows = grid.rows - 1;
  const abs = new Float32Array(cols * rows * FEATURES);
  const s = new Float64Array(CELL_RECORD);
  // Windows overlap by a cell: sum each vertical pair of cells once, then each window is two pairs (integer sums,
  // exact in any order).
  const line = grid.cols * CELL_RECORD, acc = grid.acc;
  const pairs = new Int32Array(line);
  for (let wy = 0; wy < rows; wy++) {
    for (let k = 0, a = wy * line; k < line; k++, a++) pairs[k] = acc[a] + acc[a + line];
    for (let wx = 0; wx < cols; wx++) {
      for (let j = 0, b = wx * CELL_RECORD; j < CELL_RECORD; j++, b++) s[j] = pairs[b] + pairs[b + CELL_RECORD];
      describe(s, abs, (wy * cols + wx) * FEATURES);
    }
  }
  return finish(abs, cols, rows, CELL, 0);
}

/**
 * Windows every `stride` pixels from (16, 16), each analysed on its own 36×36 patch (a 2-pixel margin gives the
 * residuals their support, and keeps the 2×2 means and the JPEG grid phase of the dense analysis).
 */
export function sparseFeatures(rgb: Uint8Array, width: number, height: number, stride: number): WindowFeatures | null {
  const origin = CELL, margin = 2;
  const cols = Math.floor((width - origin - SIZE - margin) / stride) + 1, rows = Math.floor((height - origin - SIZE - margin) / stride) + 1;
  if (cols < 2 || rows < 2) return null;
  const abs = new Float32Array(cols * rows * FEATURES);
  const s = new Float64Array(CELL_RECORD);
  // One patch's planes and cells, rewritten for every window.
  const side = SIZE + 2 * margin;
  const p = workingPlanes(rgb, width, height, { x0: 0, y0: 0, width: side, height: side });
  const grid: CellGrid = { cols: 2, rows: 2, acc: new Int32Array(4 * CELL_RECORD) };
  for (let wy = 0; wy < rows; wy++) {
    for (let wx = 0; wx < cols; wx++) {
      const x0 = origin + wx * stride - margin, y0 = origin + wy * stride - margin;
      workingPlanes(rgb, width, height, { x0, y0, width: side, height: side }, p);
      sumWindow(cellStats(p, { x0: margin, y0: margin, cols: 2, rows: 2, phaseX: x0, phaseY: y0 }, grid), 0, 0, s);
      describe(s, abs, (wy * cols + wx) * FEATURES);
    }
  }
  return finish(abs, cols, rows, stride, origin);
}

/** Validity, the photo's medians and spreads, and the relative and conditioned features. */
function finish(abs: Float32Array, cols: number, rows: number, stride: number, origin: number): WindowFeatures {
  const n = cols * rows;
  const valid = new Uint8Array(n);
  let nValid = 0;
  for (let w = 0; w < n; w++) {
    if (abs[w * FEATURES + 1] <= MAX_CLIPPED && abs[w * FEATURES] >= MIN_BRIGHTNESS) {
      valid[w] = 1;
      nValid++;
    }
  }
  // Too few usable windows to define "the rest of the photo": use them all (the model also sees `clipped`).
  const useAll = nValid < Math.max(16, 0.3 * n);
  const medians = new Float32Array(FEATURES), spread = new Float32Array(FEATURES);
  const col = new Float32Array(useAll ? n : nValid);
  for (let f = 0; f < FEATURES; f++) {
    let k = 0;
    for (let w = 0; w < n; w++) if (useAll || valid[w]) col[k++] = abs[w * FEATURES + f];
    medians[f] = median(col);
    spread[f] = MAD_TO_SD * mad(col, medians[f]);
  }
  const rel = new Float32Array(n * FEATURES);
  for (let f = 0; f < FEATURES; f++) {
    const floor = isFraction(f) ? SPREAD_FLOOR_FRACTION : SPREAD_FLOOR_OTHER;
    const inv = 1 / (spread[f] + floor), med = medians[f];
    for (let w = 0, i = f; w < n; w++, i += FEATURES) {
      const z = (abs[i] - med) * inv;
      rel[i] = z > REL_CLIP ? REL_CLIP : z < -REL_CLIP ? -REL_CLIP : z;
    }
  }
  const cond = conditioned(abs, n, useAll ? null : valid, spread);
  return { cols, rows, stride, origin, size: SIZE, abs, rel, cond, median: medians, spread, valid, validFraction: n ? nValid / n : 0 };
}

/** Brightness quartiles × texture tertiles of the photo's windows (thresholds from `valid` ones). */
const B_GROUPS = 4;
const T_GROUPS = 3;

function conditioned(abs: Float32Array, n: number, valid: Uint8Array | null, spread: Float32Array): Float32Array {
  const bright = FEATURE_NAMES.indexOf('brightness'), tex = FEATURE_NAMES.indexOf('texture');
  const use = (w: number): boolean => valid === null || valid[w] === 1;
  const pool: number[] = [];
  for (let w = 0; w < n; w++) if (use(w)) pool.push(w);
  // Brightness quartile thresholds, then texture tertile thresholds inside each quartile.
  const bq = quantiles(pool.map((w) => abs[w * FEATURES + bright]), B_GROUPS);
  const tq: number[][] = [];
  for (let b = 0; b < B_GROUPS; b++) tq.push(quantiles(pool.filter((w) => groupOf(abs[w * FEATURES + bright], bq) === b).map((w) => abs[w * FEATURES + tex]), T_GROUPS));
  const group = new Uint8Array(n);
  for (let w = 0; w < n; w++) {
    const b = groupOf(abs[w * FEATURES + bright], bq);
    group[w] = b * T_GROUPS + groupOf(abs[w * FEATURES + tex], tq[b]);
  }
  const out = new Float32Array(n * CONDITIONED_COUNT);
  const col = new Float32Array(pool.length);
  // Every window of each group (pool members or not), listed once.
  const G = B_GROUPS * T_GROUPS;
  const start = new Int32Array(G + 1);
  for (let w = 0; w < n; w++) start[group[w] + 1]++;
  for (let g = 0; g < G; g++) start[g + 1] += start[g];
  const byGroup = new Int32Array(n), next = start.slice(0, G);
  for (let w = 0; w < n; w++) byGroup[next[group[w]]++] = w;
  for (let g = 0; g < G; g++) {
    const members = pool.filter((w) => group[w] === g);
    for (let c = 0; c < CONDITIONED_COUNT; c++) {
      const f = CONDITIONED_INDEX[c];
      let k = 0;
      for (const w of members) col[k++] = abs[w * FEATURES + f];
      const med = median(col.subarray(0, k));
      const inv = 1 / (spread[f] + (isFraction(f) ? SPREAD_FLOOR_FRACTION : SPREAD_FLOOR_OTHER));
      for (let m = start[g]; m < start[g + 1]; m++) {
        const w = byGroup[m];
        const z = k ? (abs[w * FEATURES + f] - med) * inv : 0;
        out[w * CONDITIONED_COUNT + c] = z > REL_CLIP ? REL_CLIP : z < -REL_CLIP ? -REL_CLIP : z;
      }
    }
  }
  return out;
}

/** The `parts − 1` inner quantile thresholds of `v`: its ⌊i·n/parts⌋-th smallest values (empty input: one group). */
function quantiles(v: number[], parts: number): number[] {
  if (v.length === 0) return [];
  const out: number[] = [];
  for (let i = 1; i < parts; i++) out.push(orderStatistic(v, Math.floor((i * v.length) / parts)));
  return out;
}

/** Index of the group of x given ascending thresholds (x below the first → 0). */
function groupOf(x: number, thresholds: number[]): number {
  let g = 0;
  while (g < thresholds.length && x >= thresholds[g]) g++;
  return g;
}

/** Whether feature f is a fraction in [0, 1] (histogram bins, co-occurrences, clipped, zero chroma). */
function isFraction(f: number): boolean {
  const name = FEATURE_NAMES[f];
  return name === 'clipped' || name === 'chroma.zero' || /\.h\d$/.test(name) || name.startsWith('cooc.');
}

/** Add the records of the 2×2 cells of window (wx, wy) into `s`. */
function sumWindow(g: CellGrid, wx: number, wy: number, s: Float64Array): void {
  s.fill(0);
  for (let dy = 0; dy < 2; dy++) {
    for (let dx = 0; dx < 2; dx++) {
      const b = ((wy + dy) * g.cols + wx + dx) * CELL_RECORD;
      for (let j = 0; j < CELL_RECORD; j++) s[j] += g.acc[b + j];
    }
  }
}

const log1p = Math.log1p;

/** The absolute features of one window's summed record `s`, written at `out[o…o+FEATURES)`. */
function describe(s: Float64Array, out: Float32Array, o: number): void {
  const px = 4 * CELL * CELL;
  const n = Math.max(1, s[A.nFine]);
  let k = o;
  out[k++] = s[A.sumY] / px / 1020;
  out[k++] = s[A.clip] / px;
  // Texture: mean |difference| of adjacent 4×4 sums (16 pixels, quarter levels) → levels.
  out[k++] = log1p(s[A.tex] / Math.max(1, s[A.nTex]) / 64);
  for (let j = 0; j < HIST_BINS; j++) out[k++] = s[A.hD1 + j] / (2 * n);
  out[k++] = log1p(s[A.sD1] / (2 * n) / 4);
  for (let j = 0; j < HIST_BINS; j++) out[k++] = s[A.hD2 + j] / (2 * n);
  out[k++] = log1p(s[A.sD2] / (2 * n) / 4);
  for (let j = 0; j < HIST_BINS; j++) out[k++] = s[A.hKb + j] / n;
  out[k++] = log1p(s[A.sKb] / n / 4);
  let pairs = 0;
  for (let j = 0; j < 25; j++) pairs += s[A.cooc + j];
  const cooc = k;
  for (let j = 0; j < 9; j++) out[k++] = 0;
  if (pairs > 0) for (let j = 0; j < 25; j++) out[cooc + COOC_CLASS[j]] += s[A.cooc + j] / pairs;
  const nCo = Math.max(1, s[A.nCo]);
  for (let j = 0; j < HIST_BINS; j++) out[k++] = s[A.hCo + j] / nCo;
  out[k++] = log1p(s[A.sCo] / nCo / 4);
  // Grid: mean |d1| across 8×8 boundaries against the mean everywhere, quarter levels, +1 against empty blocks.
  out[k++] = Math.log((s[A.gridHB] / Math.max(1, s[A.gridHN]) + 1) / (s[A.sD1h] / n + 1));
  out[k++] = Math.log((s[A.gridVB] / Math.max(1, s[A.gridVN]) + 1) / (s[A.sD1v] / n + 1));
  const nCh = Math.max(1, s[A.nCh]);
  out[k++] = log1p(s[A.sCh] / nCh / 4);
  out[k] = s[A.zCh] / nCh;
}

