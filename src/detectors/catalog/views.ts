/**
 * Where the catalog's small views (long side ≤ 512 px) come from. An exact area average straight from a 12 MP decode
 * reads every one of its 36 M samples in JavaScript (1.4× the decode itself in CPU time); a large photo is first
 * brought to an intermediate three times the view's size by libvips (multi-threaded C), and the area pass runs on
 * that. Pictures up to twice the intermediate are area-averaged from their pixels, exactly as before.
 */
import { resizeRgb } from '../../pixels/encode';
import { fitInside } from '../../pixels/resample';
import type { RawImage } from '../../pixels/types';

/**
 * Long side of the intermediate, as a multiple of the largest view taken from it. With a Catmull-Rom intermediate
 * at three times the view and an area pass to the view, a 384-px view of the 12 MP bench photo differs from the
 * exact area average by 0.12 levels on average (at most 3.1 of 255, on the rendered scene's hard edges); at twice the view
 * by 0.53 (at most 5.5); straight to the view by 0.56 (at most 20). docs/performance.md, "catalog".
 */
export const SOURCE_FACTOR = 3;

/**
 * A source for area views of long side ≤ `side`: `px` itself when its long side is at most 2 × SOURCE_FACTOR ×
 * `side` (the exact path: a small photo costs little), else `px` resized by libvips (Catmull-Rom) to long side
 * SOURCE_FACTOR × `side`. Decided by size alone, so the same picture always gives the same views.
 */
export async function areaSource(px: RawImage, side: number): Promise<RawImage> {
  const s = SOURCE_FACTOR * side;
  if (Math.max(px.width, px.height) <= 2 * s) return px;
  const t = fitInside(px.width, px.height, s);
  return resizeRgb(px, t.width, t.height, 'cubic');
}
