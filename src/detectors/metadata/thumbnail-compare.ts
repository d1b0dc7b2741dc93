/**
 * The thumbnail comparison end to end, on planes: align the stored EXIF thumbnail with a preview of the oriented
 * image (thumbnail-align.ts), render the image's matching box at the thumbnail picture's own size, carry the
 * thumbnail's JPEG noise onto that grid (thumbnail-noise.ts) and measure the local difference (thumbnail-diff.ts).
 * Pure: the caller decodes the thumbnail, makes the preview and reads the quantisation table.
 */
import type { Plane } from '../../pixels/resample';
import { lumaPlane, resizePlane } from '../../pixels/resample';
import { alignThumbnail, type ThumbnailPose } from './thumbnail-align';
import { DIFF_DEFAULTS, thumbnailDifference, type ChangedArea, type DiffSettings, type ThumbnailDifference } from './thumbnail-diff';
import { lostDetail, type FullImage } from './thumbnail-detail';
import { quantisationNoise } from './thumbnail-noise';
import { orientPlane } from '../../pixels/orient';
import { cropPlane, renderBox, type EdgeBox } from './thumbnail-sample';

/** What the comparison found. */
export interface ThumbnailComparison {
  pose: ThumbnailPose;
  diff: ThumbnailDifference;
  /** Boxes of the changed components (largest first), as fractions of the oriented image. */
  regions: EdgeBox[];
  /** Areas where the image lost detail the thumbnail shows (thumbnail-detail.ts), largest first, grid pixels. */
  lost: ChangedArea[];
  /** Their boxes, as fractions of the oriented image. */
  lostRegions: EdgeBox[];
}

/** What the detail-loss test needs: the full-resolution oriented image and the smallest area share worth testing. */
export interface DetailInput {
  image: FullImage;
  minShare: number;
}

/** Long side of the comparison grid at most: a 160×120 thumbnail is compared as it is, a 512×384 one at 320×240. */
export const GRID_MAX = 320;

/**
 * Preview size for a thumbnail: four image pixels per thumbnail pixel along the long side, so every thumbnail
 * pixel is an area average of the image (no aliasing), capped by the image itself.
 */
export function previewSide(thumbWidth: number, thumbHeight: number, imageWidth: number, imageHeight: number): number {
  return Math.min(Math.max(imageWidth, imageHeight), 4 * Math.min(GRID_MAX, Math.max(thumbWidth, thumbHeight)));
}

/**
 * Compare a stored thumbnail with a preview of the oriented image.
 *
 * @param thumb The thumbnail as decoded (RGB plane, stored orientation).
 * @param preview The oriented image downscaled (RGB plane), e.g. to `previewSide`.
 * @param orientation The image's EXIF orientation (1–8): the thumbnail's expected one.
 * @param lumaTable The thumbnail's luma quantisation table (natural order), when it could be read.
 * @param detail The full-resolution image for the detail-loss test (thumbnail-detail.ts); without it, no test.
 * @returns null when the thumbnail has nothing to align (flat).
 */
export function compareThumbnail(stored: Plane, preview: Plane, orientation: number, lumaTable?: ArrayLike<number>, detail?: DetailInput, settings: DiffSettings = DIFF_DEFAULTS): ThumbnailComparison | null {
  // Large previews (phones embed 512×384) are compared at no more than GRID_MAX: detail beyond that is the image's.
  const k = Math.min(1, GRID_MAX / Math.max(stored.width, stored.height));
  const thumb = k < 1 ? resizePlane(stored, Math.round(stored.width * k), Math.round(stored.height * k)) : stored;
  const pose = alignThumbnail(thumb, preview, orientation);
  if (!pose) return null;
  const c = pose.content;
  const picture = orientPlane(cropPlane(thumb, c.x, c.y, c.width, c.height), pose.orientation);
  const b = pose.box;
  const render = renderBox(preview, { x0: b.x0 * preview.width, y0: b.y0 * preview.height, x1: b.x1 * preview.width, y1: b.y1 * preview.height }, picture.width, picture.height);
  let noise: Float32Array | undefined;
  if (lumaTable) {
    let n = quantisationNoise(lumaPlane(stored), lumaTable);
    if (k < 1) n = resizePlane({ data: n, width: stored.width, height: stored.height, channels: 1 }, thumb.width, thumb.height).data;
    noise = orientPlane(cropPlane({ data: n, width: thumb.width, height: thumb.height, channels: 1 }, c.x, c.y, c.width, c.height), pose.orientation).data;
  }
  const diff = thumbnailDifference(picture, render, noise, settings);
  const lost = detail ? lostDetail(picture, render, noise, detail.image, b, detail.minShare) : [];
  const sx = (b.x1 - b.x0) / picture.width;
  const sy = (b.y1 - b.y0) / picture.height;
  const toImage = (k: ChangedArea): EdgeBox => ({ x0: b.x0 + k.x0 * sx, y0: b.y0 + k.y0 * sy, x1: b.x0 + k.x1 * sx, y1: b.y0 + k.y1 * sy });
  return { pose, diff, regions: diff.blobs.map(toImage), lost, lostRegions: lost.map(toImage) };
}
