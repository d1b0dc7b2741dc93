/**
 * One coarse template for a phrase drawn in several fonts: the members' coverages stretched to a common width
 * (the median) and averaged. At the coarse level (8 px high) glyph details are gone and what remains (where the
 * ink is dense along the line) is shared by typefaces, so one coarse pass serves every font; each font is then
 * compared on its own at the fine level.
 */
import type { MarkTemplate } from './templates';

/** Area-average stretch of each row of a `w × h` plane to `outW` columns (fractional source intervals). */
export function stretchRows(src: Float32Array, w: number, h: number, outW: number): Float32Array {
  const out = new Float32Array(outW * h);
  const k = w / outW;
  for (let x = 0; x < outW; x++) {
    const a = x * k;
    const b = a + k;
    for (let y = 0; y < h; y++) {
      const row = y * w;
      let s = 0;
      for (let i = Math.floor(a); i < b && i < w; i++) {
        const lo = i > a ? i : a;
        const hi = i + 1 < b ? i + 1 : b;
        s += src[row + i] * (hi - lo);
      }
      out[y * outW + x] = s / k;
    }
  }
  return out;
}

/** The mean of `members` (one text in several fonts, all stored at one height), with the first member's metadata. */
export function fontMean(members: readonly MarkTemplate[]): MarkTemplate {
  if (members.length === 0) throw new Error('fontMean needs at least one template');
  if (members.length === 1) return members[0];
  const height = members[0].height;
  if (members.some((m) => m.height !== height)) throw new Error('fontMean: members must share one stored height');
  const widths = members.map((m) => m.width).sort((a, b) => a - b);
  const width = widths[widths.length >> 1];
  const acc = new Float32Array(width * height);
  for (const m of members) {
    const s = stretchRows(m.coverage, m.width, height, width);
    for (let i = 0; i < acc.length; i++) acc[i] += s[i];
  }
  for (let i = 0; i < acc.length; i++) acc[i] /= members.length;
  return { ...members[0], id: `${members[0].id}~mean`, width, height, coverage: acc };
}
