import type { Locale, Region } from '../../../primitives';
import { roundTo } from '../../../pixels/stats';
import { describeArea } from '../../signal';
import { ruleWeight, type MetadataSpec } from '../descriptor';
import type { ThumbnailComparison } from '../thumbnail-compare';

/**
 * Decision thresholds of the thumbnail rule. Set on the tune split of the generated thumbnail set (render scenes,
 * quirks normal/letterbox/cropped and the since-removed live-view, every edit kind), unchanged since and re-measured
 * with specular in live-view's place; checked on held-out quirks, real photos and real camera thumbnails:
 * bench/metadata-thumbnails.ts, figures in docs/metadata.md.
 */
export const THUMBNAIL_DECISION = {
  /**
   * Below this luma correlation at the best pose the thumbnail shows other content altogether. Genuine camera
   * thumbnails align at ≥ 0.78 (the lowest: a dark, noisy night shot), unrelated photos at best around 0.4.
   */
  otherContentNcc: 0.5,
  /** A changed area counts from this share of the thumbnail picture (after the opening that drops lines). */
  minArea: 0.006,
  /**
   * …when its mean residual is at least this many times the expected level there. Genuine differences between a
   * camera's thumbnail path and its image (point-sampled specks of sun glitter, aliasing of a fence, clipping) stay
   * below it; paint, pasted content and regenerated fills exceed it many times.
   */
  minMeanRatio: 15,
  /** A change covering this much of the picture is "other content" rather than a local edit (no region). */
  globalShare: 0.35,
} as const;

/**
 * Rule 5, thumbnail: the EXIF thumbnail, aligned with the image over rotation, mirroring, letterbox and crop, against
 * the image at the thumbnail's own scale (thumbnail-compare.ts). A changed connected area of at least `minArea` of
 * the picture, clearly above the comparison's own noise, or failing that an area of that size where the image lost
 * the thumbnail's detail at every scale down to its own full resolution (a blurred or smudged patch,
 * thumbnail-detail.ts; `details.detailLost`) → `metadata.thumbnail-mismatch` (strong) with its region in image
 * pixels; a thumbnail that shows other content altogether → the same code without a region.
 *
 * @param cmp The comparison, or null when there was nothing to compare.
 * @param width Oriented image width. @param height Oriented image height.
 */
export function thumbnailRule(cmp: ThumbnailComparison | null, width: number, height: number, locale: Locale): MetadataSpec[] {
  if (!cmp) return [];
  const d = cmp.diff;
  const grid = d.width * d.height;
  const kept = d.blobs.filter((b) => b.meanRatio >= THUMBNAIL_DECISION.minMeanRatio);
  const keptShare = kept.reduce((s, b) => s + b.area, 0) / grid;
  const largest = kept[0];
  const other = cmp.pose.ncc < THUMBNAIL_DECISION.otherContentNcc || keptShare >= THUMBNAIL_DECISION.globalShare;
  const changed = largest !== undefined && largest.area / grid >= THUMBNAIL_DECISION.minArea;
  // Detail lost counts as a change of the same minimum size when the residual found none.
  const lost = cmp.lost[0];
  const blurred = !other && !changed && lost !== undefined && lost.area / grid >= THUMBNAIL_DECISION.minArea;
  if (!other && !changed && !blurred) return [];
  const details: Record<string, unknown> = {
    tag: 'IFD1 thumbnail',
    kind: other ? 'other-content' : 'local-change',
    orientation: cmp.pose.orientation,
    letterboxTrimmed: cmp.pose.trimmed,
    ncc: roundTo(cmp.pose.ncc),
    changedShare: roundTo(keptShare),
    noiseLevel: d.noiseLevel,
  };
  const spec: MetadataSpec = { code: 'metadata.thumbnail-mismatch', ...ruleWeight('thumbnailMismatch'), details };
  if (other) {
    spec.params = { percent: Math.round(Math.max(keptShare, 1 - Math.max(0, cmp.pose.ncc)) * 100) };
    return [spec];
  }
  const area = blurred ? lost : largest;
  const r = blurred ? cmp.lostRegions[0] : cmp.regions[d.blobs.indexOf(largest)];
  const region: Region = { x: Math.floor(r.x0 * width), y: Math.floor(r.y0 * height), width: 0, height: 0 };
  region.width = Math.min(width, Math.ceil(r.x1 * width)) - region.x;
  region.height = Math.min(height, Math.ceil(r.y1 * height)) - region.y;
  spec.region = region;
  spec.messageKey = 'metadata.thumbnail-mismatch.area';
  spec.params = { percent: Math.max(1, Math.round((area.area / grid) * 100)), place: describeArea(region, width, height, locale) };
  details.areaShare = roundTo(area.area / grid);
  details.meanRatio = roundTo(area.meanRatio, 1);
  details.areas = blurred ? cmp.lost.filter((b) => b.area / grid >= THUMBNAIL_DECISION.minArea).length : kept.length;
  if (blurred) details.detailLost = true;
  return [spec];
}
