/**
 * Where the catalog's small views (long side ≤ 512 px) come from. An exact area average straight from a 12 MP decode
 * reads every one of its 36 M samples in JavaScript (1.4× the decode itself in CPU time). A large claim (any format)
 * is first brought to an intermediate three times the view's size by libvips (multi-threaded C), and the area pass
 * runs on that; `fingerprint()` reads a large JPEG at 1/8 or 1/4 scale instead (`LoadedImage.reduced`: libjpeg's
 * DCT-domain scaling, 0.45–0.6× the CPU of a full decode, and no full decode at all) and fingerprints every other
 * picture exactly. Small pictures are area-averaged from their pixels, exactly as before. (The claim's views were tried from `reduced` too and rejected:
 * docs/performance.md, "catalog".)
 */
import type { LoadedImage } from '../../loader/image';
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

/**
 * The largest libjpeg scale (1/8, then 1/4) at which `img`, a JPEG, is still at least `minLong` px on its long side,
 * or undefined (another format, or too small: its views come from the decode).
 */
export function reducedFactor(img: LoadedImage, minLong: number): 8 | 4 | undefined {
  if (img.format !== 'jpeg') return undefined;
  const long = Math.max(img.width, img.height);
  return ([8, 4] as const).find((f) => Math.ceil(long / f) >= minLong);
}
