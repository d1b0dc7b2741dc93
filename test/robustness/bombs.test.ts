import { inspect } from '../../src/inspector';
import { isClaimlensError } from '../../src/errors';
import { allBombs } from '../../bench/fuzz/bombs';

// Decompression bombs: each is refused from its header (TOO_LARGE), refused as corrupt, or, for animations on a
// small canvas, inspected on its first frame only. The time and memory of each are measured in bench/bombs.ts.
describe('decompression bombs', () => {
  test('every bomb ends in TOO_LARGE, CORRUPT_IMAGE or a first-frame verdict', async () => {
    const outcomes: Record<string, string> = {};
    for (const bomb of await allBombs()) {
      try {
        const v = await inspect(bomb.bytes);
        expect(v.image.width * v.image.height).toBeLessThanOrEqual(100_000_000);
        outcomes[bomb.name] = `verdict ${v.image.width}×${v.image.height}`;
      } catch (e) {
        if (!isClaimlensError(e)) throw e;
        outcomes[bomb.name] = e.code;
      }
    }
    expect(outcomes['PNG 50000×50000 (tiny IDAT)']).toBe('TOO_LARGE');
    expect(outcomes['JPEG SOF 65500×65500']).toBe('TOO_LARGE');
    // libvips sizes a GIF by its frames, not by the declared logical screen: the 1×1 frames are all it decodes.
    expect(outcomes['GIF 5000 frames on 20000×20000']).toMatch(/^(TOO_LARGE|verdict 1×1)$/);
    expect(outcomes['WebP 5000 frames on 16000×16000']).toBe('TOO_LARGE');
    expect(outcomes['TIFF 60000×60000 one huge strip']).toBe('TOO_LARGE');
    expect(outcomes['GIF 5000 frames on 1000×1000']).toMatch(/^(verdict 1000×1000|CORRUPT_IMAGE)$/);
    expect(outcomes['WebP 5000 frames on 1000×1000']).toMatch(/^(verdict 1000×1000|CORRUPT_IMAGE)$/);
    expect(outcomes['TIFF 5000×5000 strip beyond the file']).toMatch(/^(verdict 5000×5000|CORRUPT_IMAGE)$/);
  }, 120_000);
});
