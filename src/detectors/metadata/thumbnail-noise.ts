/**
 * The thumbnail's own JPEG noise: how far its decoded pixels may be from the picture the camera encoded, per 8×8
 * block, from its luma quantisation table. JPEG quantises each DCT coefficient F(u,v) to Q(u,v)·round(F/Q) (ITU-T
 * T.81 §A.3.4); a coefficient that was kept carries a rounding error uniform on ±Q/2, variance Q²/12. The 8×8 DCT
 * of T.81 §A.3.3 is orthonormal, so the per-pixel error variance of a block is the mean of its coefficients' error
 * variances (Parseval). Coefficients the encoder zeroed lost at most ±Q/2 too, but usually far less (the scene had
 * little energy there), so they are left out: this is the floor a block's difference must clear, and the rule adds
 * the residual level the file itself shows at that texture on top (thumbnail-diff.ts).
 */
import type { Plane } from '../../pixels/resample';

/** cos((2x+1)uπ/16)·C(u)/2 with C(0) = 1/√2: the 1-D orthonormal DCT-II basis of T.81 §A.3.3, [u·8 + x]. */
const BASIS = (() => {
  const b = new Float64Array(64);
  for (let u = 0; u < 8; u++) for (let x = 0; x < 8; x++) b[u * 8 + x] = (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  return b;
})();

/**
 * Per-pixel variance (8-bit levels²) of the quantisation error of a decoded JPEG's luma, block by block.
 *
 * @param luma The decoded luma as stored (no orientation), one channel, 0–255.
 * @param table The luma quantisation table, 64 entries in natural (row-major) order.
 */
export function quantisationNoise(luma: Plane, table: ArrayLike<number>): Float32Array {
  if (table.length !== 64) throw new Error(`quantisationNoise: expected a 64-entry table, got ${table.length}`);
  const { width: w, height: h, data } = luma;
  const out = new Float32Array(w * h);
  const block = new Float64Array(64);
  const rows = new Float64Array(64);
  for (let by = 0; by < h; by += 8) {
    for (let bx = 0; bx < w; bx += 8) {
      // Partial edge blocks are padded by replicating the edge, as encoders do (T.81 §A.2.4 leaves it open).
      for (let y = 0; y < 8; y++) {
        const yy = Math.min(h - 1, by + y);
        for (let x = 0; x < 8; x++) block[y * 8 + x] = data[(yy * w + Math.min(w - 1, bx + x)) * luma.channels] - 128;
      }
      // Separable DCT: rows, then columns.
      for (let y = 0; y < 8; y++) {
        for (let u = 0; u < 8; u++) {
          let s = 0;
          for (let x = 0; x < 8; x++) s += BASIS[u * 8 + x] * block[y * 8 + x];
          rows[y * 8 + u] = s;
        }
      }
      let v = 0;
      for (let vv = 0; vv < 8; vv++) {
        for (let u = 0; u < 8; u++) {
          let s = 0;
          for (let y = 0; y < 8; y++) s += BASIS[vv * 8 + y] * rows[y * 8 + u];
          const q = table[vv * 8 + u];
          // DC always carries its rounding error; an AC coefficient only when it survived quantisation.
          if ((vv === 0 && u === 0) || Math.abs(s) >= q / 2) v += (q * q) / 12;
        }
      }
      v /= 64;
      for (let y = by; y < Math.min(h, by + 8); y++) for (let x = bx; x < Math.min(w, bx + 8); x++) out[y * w + x] = v;
    }
  }
  return out;
}
