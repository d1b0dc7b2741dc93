/**
 * Detail the image lost against its EXIF thumbnail: a blurred or smudged patch. The residual of thumbnail-diff.ts
 * measures a blur against the local texture and so forgives most of it; a blur shows instead as texture the
 * thumbnail has and the image no longer has. Texture can differ between the two pipelines for genuine reasons, so
 * a lost area must pass every test below:
 * 1. at the thumbnail's scale the thumbnail's detail is above its own JPEG quantisation noise (a low-quality
 *    thumbnail's block edges are not detail), and the image lacks it even a pixel off (a thumbnail drawn a pixel
 *    off, or with text point-sampled onto other rows, still has the image's detail next to it);
 * 2. the same at half the thumbnail's scale (detail that only exists at the thumbnail's Nyquist limit is aliasing),
 *    and the area is compact, not a band a few pixels thick;
 * 3. at the image's **own full resolution**: inside the area, the image's fine detail per unit of thumbnail detail
 *    is a fraction of what the ring around it keeps. A point-sampled thumbnail of a fine mesh, a fence or sun
 *    glitter aliases into texture the area-averaged image lacks at the thumbnail's scale (and at any preview
 *    scale coarser than the mesh), but the full-resolution image still carries the mesh; a blur removed it.
 * Only the few candidate areas of step 1–2 are read at full resolution, box by box: the cost stays at thumbnail
 * scale for files without a candidate.
 */
import type { Plane } from '../../pixels/resample';
import { lumaPlane, resizePlane } from '../../pixels/resample';
import { labelComponents } from '../../pixels/components';
import { boxMean } from '../../pixels/integral';
import { median } from '../../pixels/stats';
import type { EdgeBox } from './thumbnail-sample';
import { gradientEnergy, openMask, type ChangedArea } from './thumbnail-diff';

/**
 * Settings of the detail-loss test. Set on the tune split of the render set only (quirks normal, letterbox,
 * cropped, specular; `npx tsx bench/metadata-thumbnails.ts`, docs/metadata.md): with these, no tune genuine file
 * (60 originals, 60 re-saves) has a lost area ≥ 0.37 % of the picture at the thumbnail scale and none passes the
 * full-resolution test; tune edit recall ≥ 3 % rose from 63/81 to 70/81.
 */
export interface DetailSettings {
  /** Window radius of the local gradient energies, grid pixels. */
  radius: number;
  /** Detail counts as lost where the expected energy is at least `z` times the energy found… */
  z: number;
  /** …and the expected energy exceeds this (levels² per pixel: 5 levels per pixel, as in branch metadata2). */
  floor: number;
  /** …and the thumbnail's energy is at least this many times its JPEG quantisation-noise variance there. */
  noiseMultiple: number;
  /** Misregistration tolerated: the image's energy is the largest within this radius (grid pixels). */
  shift: number;
  /** Opening radius per 160 grid pixels of the long side, as in thumbnail-diff.ts. */
  openPer160: number;
  /**
   * Compactness: an area's mean thickness (its size over its box's long side) is at least this, per 160 grid pixels
   * of the long side. The opening alone keeps strips 3 pixels thick, e.g. a band along the frame's edge where a
   * camera's thumbnail path and its image differ (the last rows of a thumbnail); on the tune split every lost area
   * of an edit was at least 6.1 thick.
   */
  minThickness160: number;
  /**
   * Full-resolution test: the ring around the area keeps at least this many times the area's fine detail per unit
   * of thumbnail detail. Tune split: genuine candidates (point-sampled sun glitter) reached at most 2.6, blurred
   * patches at least 5.7; 4 lies between (geometric mean).
   */
  ringContrast: number;
}

/** Defaults (tune split only; see `DetailSettings`). */
export const DETAIL_DEFAULTS: DetailSettings = { radius: 3, z: 2, floor: 25, noiseMultiple: 4, shift: 1, openPer160: 1, minThickness160: 5, ringContrast: 4 };

/** The full-resolution oriented image (interleaved RGB), for the fine-detail test. */
export interface FullImage {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

/** Median of `num[i] / den[i]` where `den[i] > 4` and `den[i]` is at least the median of `den`; 1 when none. */
function texturedRatio(num: Float32Array, den: Float32Array): number {
  const level = median(den);
  const r: number[] = [];
  for (let i = 0; i < den.length; i++) if (den[i] >= level && den[i] > 4) r.push(num[i] / den[i]);
  return r.length ? median(Float32Array.from(r)) : 1;
}

/** Largest value within `r` cells (a square window), per cell. */
function maxFilter(src: Float32Array, w: number, h: number, r: number): Float32Array {
  if (r <= 0) return src;
  const rows = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let m = -Infinity;
      for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) m = Math.max(m, src[y * w + xx]);
      rows[y * w + x] = m;
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let m = -Infinity;
      for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) m = Math.max(m, rows[yy * w + x]);
      out[y * w + x] = m;
    }
  }
  return out;
}

/**
 * Cells where the image lacks the thumbnail's detail at one scale: windowed gradient energies of both lumas, the
 * image's scaled to the thumbnail's by their median ratio over the textured half (a sharpened thumbnail, a softer
 * resampler), the image's taken as its largest within `shift`; the expected energy must exceed `minExpected`.
 * Returns the mask, the ratio and the thumbnail's energy.
 */
function lostAt(yt: Float32Array, yr: Float32Array, w: number, h: number, radius: number, shift: number, minExpected: number, s: DetailSettings): { mask: Uint8Array; ratio: Float32Array; thumb: Float32Array } {
  const thumb = boxMean(gradientEnergy(yt, w, h), w, h, radius);
  const image = boxMean(gradientEnergy(yr, w, h), w, h, radius);
  const k = texturedRatio(image, thumb);
  const near = maxFilter(image, w, h, shift);
  const mask = new Uint8Array(w * h);
  const ratio = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const expected = k * thumb[i];
    ratio[i] = expected / (near[i] + s.floor / 4);
    if (expected > minExpected && ratio[i] > s.z) mask[i] = 1;
  }
  return { mask, ratio, thumb };
}

/**
 * Whether the image lost its fine detail inside grid box `k` at full resolution, against the textured ring around
 * it (the box grown by half its size on every side): the full-resolution gradient energy per unit of thumbnail
 * energy, summed over the grid cells inside and over the ring's textured cells (thumbnail energy ≥ its median and
 * > 4). Undecided (false) when the ring has fewer than 10 textured cells.
 *
 * @param thumb Windowed thumbnail gradient energy on the grid. @param box The grid's box in image fractions.
 */
function lostAtFullScale(k: ChangedArea, thumb: Float32Array, w: number, h: number, image: FullImage, box: EdgeBox, ringContrast: number): boolean {
  const bw = k.x1 - k.x0, bh = k.y1 - k.y0;
  const gx0 = Math.max(0, Math.floor(k.x0 - bw / 2)), gx1 = Math.min(w, Math.ceil(k.x1 + bw / 2));
  const gy0 = Math.max(0, Math.floor(k.y0 - bh / 2)), gy1 = Math.min(h, Math.ceil(k.y1 + bh / 2));
  const level = median(thumb);
  const { width: W, height: H, data } = image;
  const sx = ((box.x1 - box.x0) * W) / w, sy = ((box.y1 - box.y0) * H) / h;
  const luma = (x: number, y: number): number => {
    const i = (y * W + x) * 3;
    return 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
  };
  let fineIn = 0, thumbIn = 0, fineRing = 0, thumbRing = 0, ringCells = 0;
  for (let gy = gy0; gy < gy1; gy++) {
    const Y0 = Math.max(1, Math.floor(box.y0 * H + gy * sy)), Y1 = Math.min(H - 1, Math.floor(box.y0 * H + (gy + 1) * sy));
    for (let gx = gx0; gx < gx1; gx++) {
      const inside = gx >= k.x0 && gx < k.x1 && gy >= k.y0 && gy < k.y1;
      const t = thumb[gy * w + gx];
      if (!inside && !(t >= level && t > 4)) continue;
      const X0 = Math.max(1, Math.floor(box.x0 * W + gx * sx)), X1 = Math.min(W - 1, Math.floor(box.x0 * W + (gx + 1) * sx));
      let sum = 0, n = 0;
      for (let y = Y0; y < Y1; y++) {
        for (let x = X0; x < X1; x++) {
          const ex = (luma(x + 1, y) - luma(x - 1, y)) / 2, ey = (luma(x, y + 1) - luma(x, y - 1)) / 2;
          sum += ex * ex + ey * ey;
          n++;
        }
      }
      if (!n) continue;
      if (inside) {
        fineIn += sum / n;
        thumbIn += t;
      } else {
        fineRing += sum / n;
        thumbRing += t;
        ringCells++;
      }
    }
  }
  if (ringCells < 10 || thumbIn <= 0 || thumbRing <= 0) return false;
  return fineRing / thumbRing >= ringContrast * (fineIn / thumbIn);
}

/**
 * Connected areas where the image lost detail the thumbnail shows (all three tests of the module comment), compact
 * (`minThickness160`), largest first (at most 3 examined at full resolution), each with its mean ratio of expected to found energy at the thumbnail's scale.
 *
 * @param t The aligned thumbnail picture (RGB plane, image orientation).
 * @param r The image rendered at the same size (RGB plane).
 * @param jpegNoise The thumbnail's quantisation-noise variance on the same grid, when known.
 * @param image The full-resolution oriented image. @param box The grid's box in image fractions.
 * @param minShare Areas below this share of the grid are dropped before the full-resolution test (the rule's own
 * minimum: no full-resolution reads for areas the rule would not report).
 */
export function lostDetail(t: Plane, r: Plane, jpegNoise: Float32Array | undefined, image: FullImage, box: EdgeBox, minShare: number, s: DetailSettings = DETAIL_DEFAULTS): ChangedArea[] {
  const { width: w, height: h } = t;
  if (r.width !== w || r.height !== h) throw new Error(`lostDetail: expected ${w}×${h} inputs, got ${r.width}×${r.height}`);
  const lt = lumaPlane(t);
  const lr = lumaPlane(r);
  const full = lostAt(lt.data, lr.data, w, h, s.radius, s.shift, s.floor, s);
  const w2 = w >> 1, h2 = h >> 1;
  // At half scale the test is only that the detail is missing there too (no floor, no shift: a stability check).
  const half = w2 >= 8 && h2 >= 8 ? lostAt(resizePlane(lt, w2, h2).data, resizePlane(lr, w2, h2).data, w2, h2, Math.max(1, s.radius >> 1), 0, 0, s) : null;
  const noise = jpegNoise ? boxMean(jpegNoise, w, h, s.radius) : undefined;
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!full.mask[i] || (noise && full.thumb[i] < s.noiseMultiple * noise[i])) continue;
      if (half && !half.mask[Math.min(h2 - 1, y >> 1) * w2 + Math.min(w2 - 1, x >> 1)]) continue;
      mask[i] = 1;
    }
  }
  const opened = openMask(mask, w, h, Math.round((s.openPer160 * Math.max(w, h)) / 160));
  return labelComponents(opened, w, h, 8)
    .map((c) => {
      let sum = 0;
      for (const i of c.members) sum += full.ratio[i];
      return { area: c.members.length, x0: c.x0, y0: c.y0, x1: c.x1 + 1, y1: c.y1 + 1, meanRatio: sum / c.members.length };
    })
    .sort((p, q) => q.area - p.area)
    .filter((k) => k.area >= minShare * w * h && k.area / Math.max(k.x1 - k.x0, k.y1 - k.y0) >= (s.minThickness160 * Math.max(w, h)) / 160)
    .slice(0, 3)
    .filter((k) => lostAtFullScale(k, full.thumb, w, h, image, box, s.ringContrast));
}
