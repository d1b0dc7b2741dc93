import { orderStatistic, roundTo } from '../../../pixels/stats';
import { ruleWeight, type MetadataSpec } from '../descriptor';
import type { RawImage } from '../../../pixels/types';
import type { Region } from '../../../primitives';

/** Grid columns for the comparison; rows follow the image aspect. Cells are ~10×10 pixels of a 160×120 thumbnail. */
const GRID_X = 16;

/**
 * A cell "clearly differs" when one channel's mean is off by more than this many levels (0–255) after a per-channel
 * linear fit (gain + offset) of the thumbnail to the image, which absorbs the tone curve and JPEG quality differences
 * between a camera's thumbnail and its main image.
 */
export const CELL_THRESHOLD = 24;

/** Ghiro's rule of thumb (and issue 4): at least 15 % of the cells different → the thumbnail shows other content. */
export const MISMATCH_FRACTION = 0.15;

/** A region covering more than this share of the image is reported without a region (the change is global). */
const MAX_REGION_SHARE = 0.6;

/** Result of the thumbnail comparison. */
export interface ThumbnailComparison {
  cols: number;
  rows: number;
  /** Share of cells that clearly differ, 0–1. */
  fraction: number;
  /** Aspect ratio of the (letterbox-trimmed) thumbnail over the image's, 1 when equal. */
  aspectRatio: number;
  /** Bounding box of the differing cells in image pixels, when any. */
  region?: Region;
  /** Whether black letterbox bars were trimmed off the thumbnail. */
  trimmed: boolean;
  /** Size of the compared main image (oriented). */
  imageWidth: number;
  imageHeight: number;
}

/** Luma (BT.601) of pixel i of an RGB buffer. */
function luma(d: Uint8Array, i: number): number {
  return 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
}

/**
 * Trim the black bars some cameras add when the thumbnail's 4:3 frame does not fit the sensor's aspect
 * (e.g. 160×120 thumbnails of 3:2 images). A bar is an edge row/column that is uniformly black (every pixel's luma
 * < 40); at most 25 % per side, on both opposite sides, and only kept when it brings the thumbnail's aspect closer
 * to the image's (a dark photo's dark edges are content, not bars).
 */
export function trimLetterbox(img: RawImage, targetAspect: number): { x: number; y: number; width: number; height: number } {
  const { width: w, height: h, data } = img;
  const full = { x: 0, y: 0, width: w, height: h };
  const dark = (x0: number, y0: number, dx: number, dy: number, n: number): boolean => {
    for (let k = 0; k < n; k++) if (luma(data, ((y0 + k * dy) * w + (x0 + k * dx)) * 3) >= 40) return false;
    return true;
  };
  let top = 0;
  let bottom = h;
  while (top < h / 4 && dark(0, top, 1, 0, w)) top++;
  while (bottom > h - h / 4 && dark(0, bottom - 1, 1, 0, w)) bottom--;
  if (top === 0 || bottom === h) {
    top = 0;
    bottom = h;
  }
  let left = 0;
  let right = w;
  while (left < w / 4 && dark(left, top, 0, 1, bottom - top)) left++;
  while (right > w - w / 4 && dark(right - 1, top, 0, 1, bottom - top)) right--;
  if (left === 0 || right === w) {
    left = 0;
    right = w;
  }
  const box = { x: left, y: top, width: right - left, height: bottom - top };
  const err = (b: { width: number; height: number }): number => Math.abs(Math.log(b.width / b.height / targetAspect));
  return err(box) + 0.02 < err(full) ? box : full;
}

/**
 * Per-cell channel means over a rectangle of an RGB image, on a cols×rows grid in relative coordinates (so a
 * squeezed thumbnail maps onto the full frame). Samples every `step`-th pixel: ~256 samples per cell are plenty.
 */
export function cellMeans(img: RawImage, box: { x: number; y: number; width: number; height: number }, cols: number, rows: number): Float64Array {
  const sums = new Float64Array(cols * rows * 3);
  const counts = new Float64Array(cols * rows);
  const step = Math.max(1, Math.floor(Math.min(box.width / cols, box.height / rows) / 16));
  const { width: w, data } = img;
  for (let y = box.y; y < box.y + box.height; y += step) {
    const cy = Math.min(rows - 1, Math.floor(((y - box.y) * rows) / box.height));
    for (let x = box.x; x < box.x + box.width; x += step) {
      const cx = Math.min(cols - 1, Math.floor(((x - box.x) * cols) / box.width));
      const c = cy * cols + cx;
      const i = (y * w + x) * 3;
      sums[c * 3] += data[i];
      sums[c * 3 + 1] += data[i + 1];
      sums[c * 3 + 2] += data[i + 2];
      counts[c]++;
    }
  }
  for (let c = 0; c < cols * rows; c++) {
    const n = Math.max(1, counts[c]);
    sums[c * 3] /= n;
    sums[c * 3 + 1] /= n;
    sums[c * 3 + 2] /= n;
  }
  return sums;
}

/**
 * Compare an (oriented) thumbnail with the (oriented) main image on a coarse grid: fit each channel of the thumbnail
 * to the image by least squares, then count cells whose residual exceeds `CELL_THRESHOLD` in any channel.
 */
export function compareThumbnail(thumb: RawImage, main: RawImage): ThumbnailComparison {
  const mainAspect = main.width / main.height;
  const box = trimLetterbox(thumb, mainAspect);
  const trimmed = box.width !== thumb.width || box.height !== thumb.height;
  const cols = GRID_X;
  const rows = Math.max(6, Math.min(32, Math.round(GRID_X / mainAspect)));
  const a = cellMeans(thumb, box, cols, rows);
  const b = cellMeans(main, { x: 0, y: 0, width: main.width, height: main.height }, cols, rows);
  const n = cols * rows;
  const resid = new Float64Array(n);
  const keep = new Uint8Array(n).fill(1);
  // Iterated refit (a trimmed least squares): fit on every cell, then on the better-agreeing half or more, until the
  // untouched cells fit exactly, so a large edit cannot drag the tone fit (and with it the verdict on other cells).
  const PASSES = 4;
  for (let pass = 0; pass < PASSES; pass++) {
    resid.fill(0);
    for (let ch = 0; ch < 3; ch++) {
      let k = 0, sa = 0, sb = 0, saa = 0, sab = 0;
      for (let c = 0; c < n; c++) {
        if (!keep[c]) continue;
        const x = a[c * 3 + ch];
        const y = b[c * 3 + ch];
        k++; sa += x; sb += y; saa += x * x; sab += x * y;
      }
      const varA = saa - (sa * sa) / Math.max(1, k);
      // Gain is clamped to a plausible tone-curve range so a flat thumbnail cannot be "fitted" to anything.
      const gain = varA > 1e-6 ? Math.max(0.5, Math.min(2, (sab - (sa * sb) / k) / varA)) : 1;
      const off = (sb - gain * sa) / Math.max(1, k);
      for (let c = 0; c < n; c++) resid[c] = Math.max(resid[c], Math.abs(b[c * 3 + ch] - (gain * a[c * 3 + ch] + off)));
    }
    if (pass === PASSES - 1) break;
    // Refit on the better-agreeing half (at least): robust to an edit covering up to half of the frame.
    const cut = Math.max(CELL_THRESHOLD, orderStatistic(resid, Math.floor(n / 2)));
    for (let c = 0; c < n; c++) keep[c] = resid[c] <= cut ? 1 : 0;
  }
  let diff = 0;
  let x0 = cols, y0 = rows, x1 = -1, y1 = -1;
  for (let c = 0; c < n; c++) {
    if (resid[c] <= CELL_THRESHOLD) continue;
    diff++;
    const cx = c % cols;
    const cy = Math.floor(c / cols);
    x0 = Math.min(x0, cx); y0 = Math.min(y0, cy); x1 = Math.max(x1, cx); y1 = Math.max(y1, cy);
  }
  const out: ThumbnailComparison = { cols, rows, fraction: diff / n, aspectRatio: box.width / box.height / mainAspect, trimmed, imageWidth: main.width, imageHeight: main.height };
  if (diff > 0) {
    const rx = Math.floor((x0 * main.width) / cols);
    const ry = Math.floor((y0 * main.height) / rows);
    out.region = { x: rx, y: ry, width: Math.ceil(((x1 + 1) * main.width) / cols) - rx, height: Math.ceil(((y1 + 1) * main.height) / rows) - ry };
  }
  return out;
}

/**
 * Rule 5, thumbnail: the EXIF thumbnail against the downscaled image (both oriented). ≥ 15 % of cells clearly
 * different → `metadata.thumbnail-mismatch` (strong), with the region when the difference is localised.
 */
export function thumbnailRule(cmp: ThumbnailComparison): MetadataSpec[] {
  if (cmp.fraction < MISMATCH_FRACTION) return [];
  const details: Record<string, unknown> = {
    tag: 'IFD1 thumbnail',
    differingCells: Math.round(cmp.fraction * cmp.cols * cmp.rows),
    cells: cmp.cols * cmp.rows,
    fraction: roundTo(cmp.fraction),
    aspectRatio: roundTo(cmp.aspectRatio),
    letterboxTrimmed: cmp.trimmed,
  };
  const spec: MetadataSpec = {
    code: 'metadata.thumbnail-mismatch',
    ...ruleWeight('thumbnailMismatch'),
    params: { percent: Math.round(cmp.fraction * 100) },
    details,
  };
  const r = cmp.region;
  // Only a localised difference gets a region: a box covering most of the frame says nothing about where.
  if (r && (r.width * r.height) / Math.max(1, cmp.imageWidth * cmp.imageHeight) <= MAX_REGION_SHARE) spec.region = r;
  return [spec];
}
