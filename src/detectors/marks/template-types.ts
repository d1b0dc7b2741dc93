/** The stored shape of a visible-mark template (a leaf module: the generated table and its decoder both import it). */

/** One visible-mark template as stored in `data/templates.ts`. */
export interface StoredTemplate {
  /** Unique id. */
  id: string;
  /** The service that draws the mark (`'doubao'`, `'jimeng'`, `'gemini'`, `'samsung'`), or `'generic'` for a label phrase any app may add. */
  service: string;
  /** The text of the mark. */
  text: string;
  /** `service`: cut from a real output of that service; `phrase`: a label phrase rendered in a common font. */
  kind: 'service' | 'phrase';
  /** Stored size in pixels (tight to the mark). */
  width: number;
  height: number;
  /** Coverage 0..15 (15 = full ink), 4-bit, two pixels a byte (high nibble first), base64. */
  data: string;
  /** Mark height / min(image width, height) as the service draws it. */
  relHeight?: number;
  /** Distance of the mark from the right (or left) and bottom edges / min side, as the service draws it. */
  relMargin?: { right?: number; left?: number; bottom: number };
  /**
   * For a label that is a searched phrase followed by more words ("AI-generated content" after "AI-generated"): that
   * phrase. Such a template has no coarse pass of its own; it is compared only where a hit of that phrase is followed
   * by text on its line (search.ts `extendHit`).
   */
  extends?: string;
  /** Where the pixels come from. */
  source: string;
  /** How the template was made. */
  made: string;
}
