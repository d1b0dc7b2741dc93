/**
 * Flanks of a matched label phrase: how much text-like edge structure lies just beyond each end of it, on the
 * phrase's own rows. An AI label stands alone where it is drawn (GB 45438-2025's explicit label for images is a short
 * phrase at an edge or corner); ordinary text that happens to contain the phrase ("生成器配件", "合成革",
 * "AI智能音箱") continues with more glyphs of the same height right after or before it. Glyphs of the same line
 * put their edges on the phrase's rows and leave the line gap above and below them quiet; texture under or around
 * a label is as busy above and below as beside it.
 */

/** Mean edge energy on the phrase and beside it (one glyph wide, past a small gap), on its rows and off them. */
export interface Flanks {
  /** Mean edge energy over the phrase's own box. */
  phrase: number;
  /** Beyond the left / right end: mean on the phrase's rows and on the rows above and below; null outside the image. */
  left: Flank | null;
  right: Flank | null;
}

/** One flank strip. */
export interface Flank {
  /** Mean edge energy on the phrase's rows. */
  rows: number;
  /** The median over the strip's columns of their mean on the phrase's rows (a lone vertical edge, such as a badge's border, leaves it low; a glyph's strokes cross most columns). */
  columns: number;
  /** Mean edge energy on the rows above and below the phrase. */
  off: number;
}

/** Gap between the phrase's end and the flank strip, in mark heights (an outline or a drop shadow reaches ~0.15). */
export const FLANK_GAP = 0.25;
/** Width of a flank strip in mark heights: one CJK glyph (square), about two Latin letters. */
export const FLANK_WIDTH = 1;
/** Rows above and below the phrase compared with its own rows: from this far past its top / bottom… */
export const OFF_NEAR = 0.15;
/** …to this far, in mark heights. */
export const OFF_FAR = 0.7;

/** Sum and count of `e` (a `width × height` plane) over [x0, x1) × [y0, y1) clipped to it (count 0 when nothing is left). */
function meanOver(e: Float32Array, width: number, height: number, x0: number, x1: number, y0: number, y1: number): { sum: number; n: number } {
  const a = Math.max(0, Math.round(x0));
  const b = Math.min(width, Math.round(x1));
  const c = Math.max(0, Math.round(y0));
  const d = Math.min(height, Math.round(y1));
  let sum = 0;
  let n = 0;
  for (let y = c; y < d; y++) {
    for (let x = a; x < b; x++) sum += e[y * width + x];
    n += Math.max(0, b - a);
  }
  return { sum, n };
}

/**
 * The flanks of a phrase whose box is [px, px + pw) × [py, py + ph) in an edge-energy plane `e` of `width × height`
 * (the plane covers the image only: what lies outside it is beyond the image border). A flank strip less than half
 * inside the plane is null (no evidence either way).
 */
export function flanksOf(e: Float32Array, width: number, height: number, px: number, py: number, pw: number, ph: number): Flanks {
  const own = meanOver(e, width, height, px, px + pw, py, py + ph);
  const side = (x0: number, x1: number): Flank | null => {
    const a = Math.max(0, Math.round(x0));
    const b = Math.min(width, Math.round(x1));
    if (b - a < 0.5 * (x1 - x0)) return null;
    const rows = meanOver(e, width, height, x0, x1, py, py + ph);
    const up = meanOver(e, width, height, x0, x1, py - OFF_FAR * ph, py - OFF_NEAR * ph);
    const down = meanOver(e, width, height, x0, x1, py + (1 + OFF_NEAR) * ph, py + (1 + OFF_FAR) * ph);
    if (rows.n === 0) return null;
    const offN = up.n + down.n;
    const cols: number[] = [];
    for (let x = a; x < b; x++) {
      const c = meanOver(e, width, height, x, x + 1, py, py + ph);
      if (c.n) cols.push(c.sum / c.n);
    }
    cols.sort((p, q) => p - q);
    return { rows: rows.sum / rows.n, columns: cols[cols.length >> 1], off: offN ? (up.sum + down.sum) / offN : NaN };
  };
  const gap = FLANK_GAP * ph;
  const w = FLANK_WIDTH * ph;
  return {
    phrase: own.n ? own.sum / own.n : NaN,
    left: side(px - gap - w, px - gap),
    right: side(px + pw + gap, px + pw + gap + w),
  };
}

/**
 * A flank holds glyphs of the phrase's line when the median of its columns carries at least this fraction of the
 * phrase's own edge energy… (tune part of marks-set v2, `docs/marks.md` Round 5: ordinary text continuing a
 * phrase 0.89–1.33, the label flanks that come near it are a badge's border over texture, 0.66 and 1.39)
 */
const GLYPH_COLUMNS = 0.5;
/**
 * …and its energy on the phrase's rows is at least this many times that on the rows above and below it (the line
 * gap is quiet beside a line of text, texture is not): tune part, ordinary text continuing a matched phrase
 * 15.6–122, the label flanks with glyph-like columns 1.8 and 4.7 (a badge's border over texture); 8 is near the
 * geometric middle of 4.7 and 15.6.
 */
const LINE_GAP_RATIO = 8;

/**
 * Whether the text goes on past the phrase's right end: a label phrase ends the label (GB 45438-2025's explicit
 * label and the service phrases are the whole text), while a longer label may put words before it ("由AI生成",
 * "内容由AI生成", "豆包AI生成"), so only the right flank counts. Beyond the image border there is no evidence.
 */
export function textContinues(f: Flanks): boolean {
  const r = f.right;
  if (!r || !(f.phrase > 0)) return false;
  return r.columns >= GLYPH_COLUMNS * f.phrase && r.rows >= LINE_GAP_RATIO * r.off;
}
