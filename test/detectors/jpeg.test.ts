/**
 * jpeg detector on repo-made files: DQT parsing, IJG quality fit, Annex K tables, double compression on
 * fixtures/generated/jpeg (made by fixtures/generate/jpeg.ts), trailing data, and malformed streams.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { DEFAULT_LIMITS, LoadedImage, loadImage } from '../../src/loader/image';
import { walkJpeg } from '../../src/formats/jpeg';
import { jpeg } from '../../src/detectors/jpeg';
import { jpegMessages } from '../../src/detectors/jpeg/messages';
import { parseDqt, readHeaders, type QuantTable } from '../../src/formats/jpeg';
import { estimateQuality, fitIjg } from '../../src/detectors/jpeg/quality';
import { ANNEX_K_CHROMA, ANNEX_K_LUMA, ijgTable, ZIGZAG } from '../../src/formats/jpeg-tables';
import { KNOWN_TABLES } from '../../src/detectors/jpeg/data/quant-tables';
import { blockCoefficients, singlePatch } from '../../src/detectors/jpeg/double-compression';
import { boxMean } from '../../src/pixels/integral';
import { iou } from '../../src/bench/metrics';
import { renderScene } from '../../fixtures/generate/render';
import type { DetectorResult, Locale, Subject } from '../../src/types';

const FIX = join(process.cwd(), 'fixtures', 'generated', 'jpeg');
const fixture = (name: string): Uint8Array => readFileSync(join(FIX, name));

function subjectOf(image: LoadedImage, locale: Locale = 'en'): Subject {
  return { image, catalog: [], context: {}, locale, artifacts: false, signal: new AbortController().signal };
}

async function run(bytes: Uint8Array, locale: Locale = 'en'): Promise<DetectorResult> {
  return jpeg().run(subjectOf(await loadImage(bytes), locale));
}

/** A LoadedImage built without the loader, for streams the loader itself would reject. */
function rawJpeg(bytes: Uint8Array): LoadedImage {
  return new LoadedImage({ bytes, format: 'jpeg', header: { width: 640, height: 480, orientation: 1, pages: 1, hasAlpha: false }, limits: DEFAULT_LIMITS });
}

const codes = (r: DetectorResult): string[] => r.signals.map((s) => s.code);

describe('Annex K tables and IJG scaling', () => {
  test('zig-zag order is a permutation of 0..63', () => {
    expect([...ZIGZAG].sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i));
  });

  test('quality 50 gives the Annex K tables unchanged, and they fit exactly at 50', () => {
    expect(ijgTable(ANNEX_K_LUMA, 50)).toEqual([...ANNEX_K_LUMA]);
    expect(ijgTable(ANNEX_K_CHROMA, 50)).toEqual([...ANNEX_K_CHROMA]);
    expect(fitIjg(ANNEX_K_LUMA, ANNEX_K_LUMA)).toEqual({ quality: 50, exact: true, meanAbsError: 0 });
  });

  test('hand-computed IJG entries: q90 scale 20, q25 scale 200, q100 all ones', () => {
    // q90: ⌊(16·20 + 50)/100⌋ = 3, ⌊(11·20 + 50)/100⌋ = 2; q25: ⌊(16·200 + 50)/100⌋ = 32
    expect(ijgTable(ANNEX_K_LUMA, 90).slice(0, 2)).toEqual([3, 2]);
    expect(ijgTable(ANNEX_K_LUMA, 25)[0]).toBe(32);
    expect(new Set(ijgTable(ANNEX_K_LUMA, 100))).toEqual(new Set([1]));
  });

  test('every known table row has a source, a unique id and 64 entries in 1..255', () => {
    const ids = new Set<string>();
    for (const row of KNOWN_TABLES) {
      expect(row.source.trim().length).toBeGreaterThan(10);
      expect(ids.has(row.id)).toBe(false);
      ids.add(row.id);
      for (const t of [row.luma, row.chroma ?? row.luma]) {
        expect(t).toHaveLength(64);
        expect(t.every((v) => Number.isInteger(v) && v >= 1 && v <= 255)).toBe(true);
      }
    }
  });
});

describe('DQT parsing', () => {
  test('reads both tables of a repo JPEG in natural order (libjpeg q90)', () => {
    const b = fixture('single-q90.jpg');
    const h = readHeaders(b, walkJpeg(b));
    expect(h.tables.map((t) => t.id).sort()).toEqual([0, 1]);
    expect(h.tables.find((t) => t.id === 0)?.values).toEqual(ijgTable(ANNEX_K_LUMA, 90));
    expect(h.tables.find((t) => t.id === 1)?.values).toEqual(ijgTable(ANNEX_K_CHROMA, 90));
    expect(h.frame).toMatchObject({ progressive: false, width: 640, height: 480 });
    expect(h.frame?.components.map((c) => c.tq)).toEqual([0, 1, 1]);
  });

  test('reads a 16-bit table and reports a truncated one without throwing', () => {
    const payload = new Uint8Array(1 + 128);
    payload[0] = 0x10; // Pq = 1 (16-bit), Tq = 0
    for (let i = 0; i < 64; i++) payload[1 + 2 * i + 1] = i + 1; // zig-zag entry i = i + 1
    const out: QuantTable[] = [];
    const problems: string[] = [];
    parseDqt(payload, out, problems);
    expect(out[0].precision).toBe(16);
    expect(out[0].values[ZIGZAG[5]]).toBe(6);
    parseDqt(payload.subarray(0, 40), out, problems);
    expect(problems).toEqual(['DQT: table truncated']);
  });

  test('progressive and optimised files are recognised from SOF2 and the DHT contents', async () => {
    const scene = await renderScene({ width: 128, height: 96, seed: 2 });
    const prog = await sharp(scene.data, { raw: { width: 128, height: 96, channels: 3 } }).jpeg({ quality: 80, progressive: true, mozjpeg: false }).toBuffer();
    const h = readHeaders(prog, walkJpeg(prog));
    expect(h.frame?.progressive).toBe(true);
    expect(h.scans).toBeGreaterThan(1);
    const raw = { raw: { width: 128, height: 96, channels: 3 as const } };
    const fixed = await sharp(scene.data, raw).jpeg({ quality: 80, optimiseCoding: false, mozjpeg: false }).toBuffer();
    const optimised = await sharp(scene.data, raw).jpeg({ quality: 80, optimiseCoding: true, mozjpeg: false }).toBuffer();
    expect(readHeaders(fixed, walkJpeg(fixed)).standardHuffman).toBe(true);
    expect(readHeaders(optimised, walkJpeg(optimised)).standardHuffman).toBe(false);
  });
});

describe('quality estimate', () => {
  test('within ±2 of the true quality (in fact exact) for q = 50..100 step 5 and a few odd qualities', async () => {
    const scene = await renderScene({ width: 160, height: 120, seed: 31, product: 'bottle' });
    for (const q of [50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100, 33, 47, 83, 97]) {
      const b = await sharp(scene.data, { raw: { width: 160, height: 120, channels: 3 } }).jpeg({ quality: q, mozjpeg: false }).toBuffer();
      const h = readHeaders(b, walkJpeg(b));
      const e = estimateQuality(h.tables, h.frame);
      expect(e).not.toBeNull();
      expect(Math.abs((e?.quality ?? 0) - q)).toBeLessThanOrEqual(2);
      expect(e?.family).toBe('libjpeg');
      expect(e?.luma.exact).toBe(true);
    }
  });

  test('a perturbed (non-IJG) table is not an exact match but still lands within ±2', () => {
    const t = ijgTable(ANNEX_K_LUMA, 80).map((v, i) => (i % 7 === 3 ? v + 1 : v));
    const f = fitIjg(t, ANNEX_K_LUMA);
    expect(f.exact).toBe(false);
    expect(Math.abs(f.quality - 80)).toBeLessThanOrEqual(2);
  });

  test('known Adobe Save-for-Web tables are named', () => {
    const row = KNOWN_TABLES.find((k) => k.id === 'photoshop-sfw-high');
    const e = estimateQuality([{ id: 0, precision: 8, values: [...(row?.luma ?? [])] }, { id: 1, precision: 8, values: [...(row?.chroma ?? [])] }], null);
    expect(e?.family).toBe('adobe');
    expect(e?.known?.id).toBe('photoshop-sfw-high');
  });
});

describe('jpeg detector on repo fixtures', () => {
  test.each(['double-q70-q90.jpg', 'double-q60-q85.jpg'])('%s: double compression detected', async (name) => {
    const r = await run(fixture(name));
    expect(r.status).toBe('ok');
    expect(codes(r)).toContain('jpeg.double-compression');
    const dq = r.details?.doubleCompression as { score: number; threshold: number };
    expect(dq.score).toBeGreaterThanOrEqual(dq.threshold);
  });

  test.each(['single-q90.jpg', 'single-q75.jpg'])('%s: no double compression', async (name) => {
    const r = await run(fixture(name));
    expect(codes(r)).not.toContain('jpeg.double-compression');
    expect((r.details?.doubleCompression as { score: number }).score).toBeLessThan(0.4);
  });

  test('a once-compressed patch in a twice-compressed photo is localised (IoU ≥ 0.5 with the pasted rectangle)', async () => {
    const truth = JSON.parse(readFileSync(join(FIX, 'spliced-q60-q90.json'), 'utf8')) as { region: { x: number; y: number; width: number; height: number } };
    const r = await run(fixture('spliced-q60-q90.jpg'));
    const s = r.signals.find((x) => x.code === 'jpeg.double-compression');
    expect(s?.strength).toBe('strong');
    expect(s?.region).toBeDefined();
    expect(iou(s?.region ?? { x: 0, y: 0, width: 0, height: 0 }, truth.region)).toBeGreaterThanOrEqual(0.5);
    expect(s?.message).toMatch(/centre area was compressed only once/);
    const zh = (await run(fixture('spliced-q60-q90.jpg'), 'zh-CN')).signals.find((x) => x.code === 'jpeg.double-compression');
    expect(zh?.message).toMatch(/中部区域只压缩过一次/);
  });

  test('a fresh scene (not a committed file) saved at q60 then q90 is detected; saved once at q90 it is not', async () => {
    const scene = await renderScene({ width: 640, height: 480, seed: 424242, product: 'mug', noise: 4 });
    const raw = { raw: { width: 640, height: 480, channels: 3 as const } };
    const once = await sharp(scene.data, raw).jpeg({ quality: 90, mozjpeg: false }).toBuffer();
    const first = await sharp(await sharp(scene.data, raw).jpeg({ quality: 60, mozjpeg: false }).toBuffer()).raw().toBuffer();
    const twice = await sharp(first, raw).jpeg({ quality: 90, mozjpeg: false }).toBuffer();
    expect(codes(await run(twice))).toContain('jpeg.double-compression');
    expect(codes(await run(once))).not.toContain('jpeg.double-compression');
  });

  test('sharp output is libjpeg at its quality, a software encoder (hint without camera EXIF)', async () => {
    const r = await run(fixture('single-q75.jpg'));
    expect(r.details).toMatchObject({ family: 'libjpeg', quality: 75, exactIjg: true });
    const s = r.signals.find((x) => x.code === 'jpeg.software-encoder');
    expect(s?.strength).toBe('hint');
    expect(s?.details).toMatchObject({ quality: 75, camera: null });
  });

  test('camera EXIF on a libjpeg re-save makes the software-encoder signal strong', async () => {
    const b = await sharp(fixture('single-q75.jpg')).withExif({ IFD0: { Make: 'Canon', Model: 'Canon EOS 1000D' } }).jpeg({ quality: 88, mozjpeg: false }).toBuffer();
    const s = (await run(b)).signals.find((x) => x.code === 'jpeg.software-encoder');
    expect(s?.strength).toBe('strong');
    expect(s?.weight).toBeGreaterThan(0.5);
    expect(s?.message).toContain('Canon EOS 1000D');
  });

  test('progressive re-save of a file claiming a camera, with non-IJG tables', async () => {
    const scene = await renderScene({ width: 320, height: 240, seed: 9 });
    const b = await sharp(scene.data, { raw: { width: 320, height: 240, channels: 3 } })
      .withExif({ IFD0: { Make: 'NIKON CORPORATION', Model: 'NIKON D5000' } })
      .jpeg({ quality: 85, progressive: true, mozjpeg: true })
      .toBuffer();
    const r = await run(b);
    expect(r.details?.family).toBe('custom'); // mozjpeg's default tables are not Annex K
    expect(codes(r)).toContain('jpeg.progressive-camera');
  });

  test('data after EOI is reported with its size; zero padding is not', async () => {
    const r = await run(fixture('trailing-data.jpg'));
    const s = r.signals.find((x) => x.code === 'jpeg.trailing-data');
    expect(s?.details).toEqual({ bytes: fixture('trailing-data.jpg').length - fixture('single-q75.jpg').length, kind: 'data' });
    const padded = Buffer.concat([fixture('single-q75.jpg'), Buffer.alloc(4096)]);
    expect(codes(await run(padded))).not.toContain('jpeg.trailing-data');
  });

  test('non-JPEG claims are skipped with a localised reason', async () => {
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#808080' } }).png().toBuffer();
    const en = await run(png, 'en');
    expect(en).toMatchObject({ status: 'skipped', signals: [] });
    expect(en.reason).toContain('PNG');
    const zh = await run(png, 'zh-CN');
    expect(zh.reason).toMatch(/不是 JPEG/);
  });

  test('every message key exists in both locales, and every signal code is namespaced', () => {
    expect(Object.keys(jpegMessages['zh-CN']).sort()).toEqual(Object.keys(jpegMessages.en).sort());
    for (const k of Object.keys(jpegMessages.en)) expect(k.startsWith('jpeg.')).toBe(true);
  });

  test('options are validated at creation', () => {
    expect(() => jpeg({ doubleCompression: 'yes' as unknown as boolean })).toThrow("jpeg.doubleCompression: expected a boolean, received 'yes' (string)");
  });
});

describe('malformed streams never throw out of the detector', () => {
  const good = fixture('single-q90.jpg');
  const cases: [string, Uint8Array][] = [
    ['SOI only', good.subarray(0, 2)],
    ['truncated in the DQT', good.subarray(0, 40)],
    ['truncated in the scan', good.subarray(0, Math.floor(good.length / 2))],
    ['DQT length beyond the end', Uint8Array.from([0xff, 0xd8, 0xff, 0xdb, 0xff, 0xff, 0x00, 1, 2, 3])],
    ['garbage after SOI', Uint8Array.from([0xff, 0xd8, 1, 2, 3, 4, 5, 6, 7, 8])],
    ['DQT with an invalid id byte', Uint8Array.from([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x05, 0x27, 0x01, 0x02, 0xff, 0xd9])],
    ['SOF with no components', Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x03, 0x08, 0xff, 0xd9])],
  ];
  test.each(cases)('%s', async (_name, bytes) => {
    const r = await jpeg().run(subjectOf(rawJpeg(bytes)));
    expect(['ok', 'inconclusive']).toContain(r.status);
    if (r.status === 'inconclusive') expect(r.reason).toMatch(/quantisation tables/);
  });

  test('a scan truncated half-way keeps the structure findings', async () => {
    const r = await jpeg().run(subjectOf(rawJpeg(good.subarray(0, Math.floor(good.length / 2)))));
    expect(r.details).toMatchObject({ family: 'libjpeg', quality: 90 });
  });
});

describe('blockwise DCT (pure)', () => {
  test('recovers each analysed mode of a pure cosine block: F(u,0) = 4√2·A for A·cos((2x+1)uπ/16)', () => {
    const table = new Array<number>(64).fill(1);
    for (const u of [1, 2, 3, 4, 5]) {
      const rgb = new Uint8Array(8 * 8 * 3);
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const v = Math.round(128 + 10 * Math.cos(((2 * x + 1) * u * Math.PI) / 16));
          rgb.fill(v, (y * 8 + x) * 3, (y * 8 + x) * 3 + 3);
        }
      }
      const c = blockCoefficients(rgb, 8, 8, table);
      const m = c.modes.indexOf(u); // natural index of (u, v = 0)
      expect(m).toBeGreaterThanOrEqual(0);
      // Pixel rounding (≤ ½ level, identical on the 8 rows) moves any (u', 0) coefficient by at most √2·Σ|e| ≈ 3 in the worst case.
      expect(Math.abs(c.k[m] - 4 * Math.SQRT2 * 10)).toBeLessThanOrEqual(3);
      for (let j = 0; j < c.modes.length; j++) if (j !== m) expect(Math.abs(c.k[j])).toBeLessThanOrEqual(3);
    }
  });

  test('the unrolled transform gives the same integers and off-grid mean as the loop over a block buffer', () => {
    // The reference: the straightforward loops (luma into a buffer, Σx then Σy from 0) that blockCoefficients
    // unrolled (docs/performance.md, "ela and jpeg, exact").
    const B = (u: number, x: number): number => (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
    const reference = (rgb: Uint8Array, w: number, h: number, table: number[], step: number): { k: Int16Array; off: number } => {
      const modes = ZIGZAG.slice(1, 16);
      const bw = Math.ceil(Math.floor(w / 8) / step), bh = Math.ceil(Math.floor(h / 8) / step);
      const k = new Int16Array(bw * bh * 15);
      let off = 0, offN = 0;
      for (let gy = 0; gy < bh; gy++) {
        for (let gx = 0; gx < bw; gx++) {
          const blk = new Float64Array(64);
          for (let y = 0; y < 8; y++) {
            for (let x = 0; x < 8; x++) {
              const p = (((gy * step * 8 + y) * w + gx * step * 8 + x) * 3);
              blk[y * 8 + x] = 0.299 * rgb[p] + 0.587 * rgb[p + 1] + 0.114 * rgb[p + 2] - 128;
            }
          }
          modes.forEach((mode, m) => {
            const u = mode & 7, v = mode >> 3;
            let s = 0;
            for (let y = 0; y < 8; y++) {
              let r = 0;
              for (let x = 0; x < 8; x++) r += blk[y * 8 + x] * B(u, x);
              s += r * B(v, y);
            }
            const r = s / Math.max(1, table[mode]);
            const q = Math.round(r);
            k[(gy * bw + gx) * 15 + m] = Math.max(-32768, Math.min(32767, q));
            if (q !== 0) {
              off += Math.abs(r - q);
              offN++;
            }
          });
        }
      }
      return { k, off: offN ? off / offN : 0.25 };
    };
    let seed = 11;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const w = 203, h = 149;
    const rgb = Uint8Array.from({ length: w * h * 3 }, (_, i) => Math.floor(128 + 100 * Math.sin(i / 97) + 27 * rnd()));
    const table = Array.from({ length: 64 }, (_, i) => 1 + ((i * 7) % 23));
    for (const maxBlocks of [Infinity, 100]) {
      const c = blockCoefficients(rgb, w, h, table, maxBlocks);
      const ref = reference(rgb, w, h, table, c.step);
      expect(c.k).toEqual(ref.k);
      expect(c.offGrid).toBe(ref.off);
    }
  });
});

describe('single-compression patch finder (pure)', () => {
  test('finds the negative patch inside a positive field and rejects an all-negative field', () => {
    const w = 20;
    const h = 20;
    const ev = new Float32Array(w * h).fill(3);
    for (let y = 5; y < 10; y++) for (let x = 8; x < 14; x++) ev[y * w + x] = -4;
    const p = singlePatch(ev, w, h, -1);
    expect(p).toMatchObject({ x: 64, y: 40, width: 48, height: 40 });
    expect(singlePatch(new Float32Array(w * h).fill(-4), w, h, -1)).toBeNull();
  });

  test('boxMean of a constant is the constant and averages a 3×3 window', () => {
    const src = Float32Array.from([0, 0, 0, 0, 9, 0, 0, 0, 0]);
    expect(boxMean(src, 3, 3, 1)[4]).toBeCloseTo(1);
    expect(boxMean(new Float32Array(12).fill(2), 4, 3, 1).every((v) => Math.abs(v - 2) < 1e-6)).toBe(true);
  });
});
