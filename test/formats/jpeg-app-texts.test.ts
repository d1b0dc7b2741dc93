/** JPEG APPn payloads as text (formats/jpeg.ts `jpegAppTexts`) on hand-built marker streams. */
import { jpegAppTexts, walkJpeg } from '../../src/formats/jpeg';

/** A marker segment: 0xFF, marker, 2-byte length (payload + 2), payload. */
const seg = (marker: number, payload: string | Uint8Array): Buffer => {
  const p = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  return Buffer.concat([Buffer.from([0xff, marker, (p.length + 2) >> 8, (p.length + 2) & 0xff]), p]);
};
const jpeg = (...segments: Buffer[]): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8]), ...segments, Buffer.from([0xff, 0xd9])]);

describe('formats/jpeg jpegAppTexts', () => {
  test('APP0, APP10, APP15 are read; APP1 (EXIF/XMP), APP2 (ICC/MPF) and APP11 (JUMBF) are left to their parsers', () => {
    const b = jpeg(seg(0xe0, 'JFIF\0'), seg(0xe1, 'Exif\0\0AIGC'), seg(0xe2, 'ICC_PROFILE\0AIGC'), seg(0xea, 'AIGC{"Label":"1"}'), seg(0xeb, 'JP AIGC'), seg(0xef, '标识'));
    expect(jpegAppTexts(b, walkJpeg(b))).toEqual([
      { n: 0, text: 'JFIF\0' },
      { n: 10, text: 'AIGC{"Label":"1"}' },
      { n: 15, text: '标识' },
    ]);
  });

  test('bounded to 16 segments; empty payloads skipped', () => {
    const many = Array.from({ length: 20 }, (_, i) => seg(0xe3, `s${i}`));
    const b = jpeg(seg(0xe4, new Uint8Array(0)), ...many);
    const t = jpegAppTexts(b, walkJpeg(b));
    expect(t).toHaveLength(16);
    expect(t[0]).toEqual({ n: 3, text: 's0' });
    expect(t[15]).toEqual({ n: 3, text: 's15' });
  });
});
