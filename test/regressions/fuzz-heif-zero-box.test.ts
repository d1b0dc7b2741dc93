import { inspect } from '../../src/inspector';
import { loadImage } from '../../src/loader/image';
import { isobmffMetaReachable } from '../../src/formats/isobmff';

// Found by `npm run fuzz` (seed 1, input 305: a mutated HEIC whose box before 'meta' had size 0). exifr's HEIF
// parser walked to 'meta' forever without yielding, so no time-out could stop it. The loader now checks the box
// structure first. The regression file is built here (ftyp + a 0-size box), not derived from the corpus file.
function heifWithZeroBox(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.write('mif1heic', 16, 'latin1');
  const zero = Buffer.alloc(16);
  zero.write('free', 4, 'latin1'); // size field left 0
  return Buffer.concat([ftyp, zero]);
}

describe('regression: HEIF with a 0-size box before meta', () => {
  test('the box walk refuses it, and accepts a well-formed meta', () => {
    expect(isobmffMetaReachable(heifWithZeroBox())).toBe(false);
    const meta = Buffer.alloc(12);
    meta.writeUInt32BE(12, 0);
    meta.write('meta', 4, 'latin1');
    const ftyp = heifWithZeroBox().subarray(0, 24);
    expect(isobmffMetaReachable(Buffer.concat([ftyp, meta]))).toBe(true);
  });

  test('metadata is skipped with a reason and inspect returns a verdict', async () => {
    const img = await loadImage(heifWithZeroBox());
    const m = await img.metadata();
    expect(m.errors.join(' ')).toMatch(/box structure is invalid/);
    expect(await img.exifThumbnail()).toBeNull();
    const v = await inspect(heifWithZeroBox());
    expect(v.image.format).toBe('heic');
  });
});
