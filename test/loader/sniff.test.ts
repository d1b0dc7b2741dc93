import { sniffFormat } from '../../src/loader/sniff';
import { makeImage, randomBytes } from '../helpers/images';

describe('sniffFormat', () => {
  test.each(['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'] as const)('recognises %s written by sharp', async (fmt) => {
    expect(sniffFormat(await makeImage(fmt)).format).toBe(fmt);
  });

  test('recognises HEIC from its ftyp brand, AVIF from mif1 + avif compatible brand', () => {
    const box = (major: string, ...compat: string[]): Buffer => {
      const size = 16 + 4 * compat.length;
      const b = Buffer.alloc(size);
      b.writeUInt32BE(size, 0);
      b.write('ftyp', 4, 'latin1');
      b.write(major, 8, 'latin1');
      compat.forEach((c, i) => b.write(c, 16 + 4 * i, 'latin1'));
      return b;
    };
    expect(sniffFormat(box('heic', 'mif1', 'heic')).format).toBe('heic');
    expect(sniffFormat(box('mif1', 'mif1', 'avif')).format).toBe('avif');
    const mp4 = sniffFormat(box('isom', 'isom', 'mp41'));
    expect(mp4.format).toBeNull();
    expect(mp4).toMatchObject({ looksLike: expect.stringContaining("brand 'isom'") as unknown });
  });

  test('never trusts names: unknown bytes are described, not guessed', () => {
    expect(sniffFormat(new Uint8Array(0))).toEqual({ format: null, looksLike: 'an empty file' });
    expect(sniffFormat(Buffer.from('hello, this is text\n'))).toEqual({ format: null, looksLike: 'text' });
    expect(sniffFormat(Buffer.from('%PDF-1.7 ...'))).toEqual({ format: null, looksLike: 'a PDF document' });
    expect(sniffFormat(Buffer.from([0x42, 0x4d, 0, 0]))).toEqual({ format: null, looksLike: 'a BMP bitmap' });
    const r = sniffFormat(Buffer.concat([Buffer.from([0, 1, 2, 3]), randomBytes(100)]));
    expect(r.format).toBeNull();
  });

  test('a JPEG needs all three magic bytes', () => {
    expect(sniffFormat(Buffer.from([0xff, 0xd8])).format).toBeNull();
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff])).format).toBe('jpeg');
  });
});
