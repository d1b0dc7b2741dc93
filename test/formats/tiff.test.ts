/** The one TIFF/EXIF IFD walker: byte order everywhere, UserComment decoding, bounds. Hand-built blocks. */
import { decodeUserComment, entryText, tiffRecords, walkTiff } from '../../src/formats/tiff';
import { cameraName, FALLBACK_TAGS } from '../../src/loader/metadata';

/** A TIFF block with IFD0 = [Software ASCII], EXIF = [UserComment UNDEFINED], in the given byte order. */
function block(le: boolean, comment: Uint8Array): Uint8Array {
  const b = Buffer.alloc(128 + comment.length);
  const w16 = (v: number, o: number): number => (le ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o));
  const w32 = (v: number, o: number): number => (le ? b.writeUInt32LE(v, o) : b.writeUInt32BE(v, o));
  b.write(le ? 'II' : 'MM', 0, 'latin1');
  w16(42, 2); w32(8, 4);
  w16(2, 8);
  w16(0x0131, 10); w16(2, 12); w32(6, 14); w32(60, 18); // Software → offset 60
  w16(0x8769, 22); w16(4, 24); w32(1, 26); w32(70, 30); // EXIF IFD at 70
  w32(0, 34);
  b.write('GIMP\0\0', 60, 'latin1');
  w16(1, 70);
  w16(0x9286, 72); w16(7, 74); w32(comment.length, 76); w32(128, 80);
  w32(0, 84);
  Buffer.from(comment).copy(b, 128);
  return b;
}

const utf16 = (s: string, le: boolean): Buffer => {
  const out = Buffer.alloc(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    if (le) out.writeUInt16LE(s.charCodeAt(i), i * 2);
    else out.writeUInt16BE(s.charCodeAt(i), i * 2);
  }
  return out;
};

describe('formats/tiff', () => {
  test.each([[true], [false]])('little-endian %s: IFD0 and EXIF entries, values in the block byte order', (le) => {
    const comment = Buffer.concat([Buffer.from('UNICODE\0', 'latin1'), utf16('AI生成', le)]);
    const t = walkTiff(block(le, comment));
    expect(t).not.toBeNull();
    expect(t!.littleEndian).toBe(le);
    expect(t!.ifd0.map((e) => e.tag)).toEqual([0x0131]);
    expect(t!.exif.map((e) => e.tag)).toEqual([0x9286]);
    expect(entryText(t!, t!.ifd0[0])).toBe('GIMP');
    expect(entryText(t!, t!.exif[0])).toBe('AI生成');
    expect(tiffRecords(t!, FALLBACK_TAGS)).toEqual({ ifd0: { Software: 'GIMP' }, exif: { UserComment: 'AI生成' } });
  });

  test('UserComment: ASCII code, byte-order mark, bare text without a code', () => {
    expect(decodeUserComment(Buffer.from('ASCII\0\0\0Screenshot\0', 'latin1'), true)).toBe('Screenshot');
    expect(decodeUserComment(Buffer.concat([Buffer.from('UNICODE\0', 'latin1'), Buffer.from([0xfe, 0xff]), utf16('Hi', false)]), true)).toBe('Hi');
    expect(decodeUserComment(Buffer.from('parameters: a cat', 'utf8'), true)).toBe('parameters: a cat');
  });

  test('not TIFF, a wrong magic number, an IFD beyond the block: null or empty, never a throw', () => {
    expect(walkTiff(Buffer.from('JFIF0000000000'))).toBeNull();
    expect(walkTiff(Buffer.from([0x49, 0x49, 0x2b, 0, 8, 0, 0, 0, 0, 0]))).toBeNull();
    const far = walkTiff(Buffer.from([0x49, 0x49, 0x2a, 0, 0xff, 0xff, 0, 0, 0, 0]));
    expect(far).toEqual(expect.objectContaining({ ifd0: [], exif: [] }));
  });

  test('camera names are built once: no "Canon Canon EOS 7D"', () => {
    expect(cameraName({ Make: 'Canon', Model: 'Canon EOS 7D' })).toBe('Canon EOS 7D');
    expect(cameraName({ Make: 'NIKON CORPORATION', Model: 'NIKON D70' })).toBe('NIKON D70');
    expect(cameraName({ Make: 'Apple', Model: 'iPhone 12' })).toBe('Apple iPhone 12');
    expect(cameraName({ Make: 'Apple\0' })).toBe('Apple');
    expect(cameraName({})).toBeNull();
  });
});
