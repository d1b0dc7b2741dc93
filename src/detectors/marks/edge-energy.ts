/**
 * Edge energy: how much outline a patch holds, whatever the ink's polarity. The coarse level of the phrase search
 * scans it instead of grey levels: at 8 px high, a white label in a black outline, a label with a drop shadow and
 * plain dark text have nothing alike in grey levels (the outline and the fill average out to the background's
 * grey), but their outlines lie along the same glyph strokes, so their edge energy averaged over a coarse pixel
 * draws the same pattern.
 */
import type { MarkTemplate } from './templates';

/**
 * Edge energy of a `width × height` plane: (|I(x+1, y) − I(x−1, y)| + |I(x, y+1) − I(x, y−1)|) / 2 per pixel, with
 * the plane's border pixels repeated outside it. A step of height d gives d/2 on each of its two sides.
 */
export function edgeEnergy(data: ArrayLike<number>, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const up = (y > 0 ? y - 1 : y) * width;
    const down = (y < height - 1 ? y + 1 : y) * width;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const dx = data[row + (x < width - 1 ? x + 1 : x)] - data[row + (x > 0 ? x - 1 : x)];
      const dy = data[down + x] - data[up + x];
      // Math.abs, not a branch: on texture the sign of a difference is a coin toss that a branch mispredicts
      // (12 MP base of 1334×1000: 15–20 → 7 ms, the same values).
      out[row + x] = (Math.abs(dx) + Math.abs(dy)) / 2;
    }
  }
  return out;
}

/**
 * `summedArea(edgeEnergy(data, width, height), width, height)` of an 8-bit plane without the energy plane: each value
 * is a multiple of 1/2 up to 255, the same double as its float32 copy, added in the same order (the search base of a
 * 12 MP photo: one pass and 5 MB less).
 */
export function edgeEnergySat(data: Uint8Array, width: number, height: number): Float64Array {
  const sw = width + 1;
  const sat = new Float64Array(sw * (height + 1));
  for (let y = 0; y < height; y++) {
    const up = (y > 0 ? y - 1 : y) * width;
    const down = (y < height - 1 ? y + 1 : y) * width;
    const row = y * width;
    const dst = (y + 1) * sw;
    let run = 0;
    for (let x = 0; x < width; x++) {
      const dx = data[row + (x < width - 1 ? x + 1 : x)] - data[row + (x > 0 ? x - 1 : x)];
      const dy = data[down + x] - data[up + x];
      run += (Math.abs(dx) + Math.abs(dy)) / 2;
      sat[dst + x + 1] = sat[dst - sw + x + 1] + run;
    }
  }
  return sat;
}

/**
 * The edge-energy template of a coverage template, same size and box (the search reads a template's height as the
 * mark's): computed with a pixel of background around the coverage, so the rim pixels keep the jump to the
 * background outside the tight box.
 */
export function edgeTemplate(t: MarkTemplate): MarkTemplate {
  const { width: w, height: h } = t;
  const pw = w + 2;
  const padded = new Float32Array(pw * (h + 2));
  for (let y = 0; y < h; y++) padded.set(t.coverage.subarray(y * w, (y + 1) * w), (y + 1) * pw + 1);
  const e = edgeEnergy(padded, pw, h + 2);
  const coverage = new Float32Array(w * h);
  for (let y = 0; y < h; y++) coverage.set(e.subarray((y + 1) * pw + 1, (y + 1) * pw + 1 + w), y * w);
  return { ...t, id: `${t.id}~edges`, coverage };
}
