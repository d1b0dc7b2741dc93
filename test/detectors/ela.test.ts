import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { loadImage, type LoadedImage } from '../../src/loader/image';
import { analyseEla, ela, PEAK_THRESHOLD } from '../../src/detectors/ela';
import { elaResave, lumaAbsDiff, meanAbsDiff } from '../../src/detectors/ela/residual';
import { boxMean } from '../../src/pixels/integral';
import { greyFromRgb } from '../../src/pixels/orient';
import { blockStats, blockStride, contentZ, findAnomaly, gridBlockiness, MAX_BLOCKS, median, sampleBlocks, Z_CLIP, type BlockGrid } from '../../src/detectors/ela/blocks';
import { lumaQuality } from '../../src/detectors/ela/quality';
import { elaMessages } from '../../src/detectors/ela/messages';
import { readHeaders, walkJpeg } from '../../src/formats/jpeg';
import { iou } from '../../src/bench/metrics';
import { isClaimlensError } from '../../src/errors';
import type { DetectorResult, Locale, Subject } from '../../src/types';
import { makeElaCase, type ElaCase } from '../../fixtures/generate/ela-set';
import { renderScene } from '../../fixtures/generate/render';
import { corpusRows, describeCorpus } from '../helpers/corpus';

function subject(image: LoadedImage, o: { artifacts?: boolean; locale?: Locale } = {}): Subject {
  return { image, catalog: [], context: {}, locale: o.locale ?? 'en', artifacts: o.artifacts ?? false, signal: new AbortController().signal };
}

async function run(bytes: Uint8Array, o: { artifacts?: boolean; locale?: Locale } = {}): Promise<DetectorResult> {
  return ela().run(subject(await loadImage(bytes), o));
}

describe('ela kernels (hand-computed)', () => {
  test('lumaAbsDiff: |ΔY| in 1/8 levels, signed ΔY before the absolute value', () => {
    const a = Uint8Array.from([100, 100, 100, 0, 0, 0, 10, 20, 30]);
    const b = Uint8Array.from([90, 90, 90, 10, 0, 0, 20, 10, 30]);
    // 10 grey levels → 80; ΔR = −10 → 0.299·10·8 = 23.92 → 24; ΔR = −10, ΔG = +10 → |−2.99 + 5.87|·8 = 23.04 → 23
    expect(Array.from(lumaAbsDiff(a, b))).toEqual([80, 24, 23]);
    expect(() => lumaAbsDiff(a, b.subarray(3))).toThrow('expected two RGB buffers of the same length, received 9 and 6');
  });

  test('elaResave: an RGB JPEG round trip of the same size; a flat image comes back unchanged, a textured one moves', async () => {
    const flat = { data: new Uint8Array(64 * 48 * 3).fill(120), width: 64, height: 48, channels: 3 as const };
    const r = await elaResave(flat, 90);
    expect([r.width, r.height, r.data.length]).toEqual([64, 48, 64 * 48 * 3]);
    expect(Array.from(new Set(r.data))).toEqual([120]);
    const check = { data: Uint8Array.from({ length: 64 * 48 * 3 }, (_, i) => (((i / 3) | 0) % 64 + Math.floor(i / 192)) % 2 ? 140 : 100), width: 64, height: 48, channels: 3 as const };
    expect(meanAbsDiff(check.data, (await elaResave(check, 90)).data)).toBeGreaterThan(0);
  });

  test('meanAbsDiff over all samples (the plain-ELA baseline)', () => {
    expect(meanAbsDiff(Uint8Array.from([1, 2, 3]), Uint8Array.from([3, 2, 0]))).toBeCloseTo(5 / 3, 12);
    expect(meanAbsDiff(new Uint8Array(0), new Uint8Array(0))).toBe(0);
  });

  test('median of odd and even lengths', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  test('blockStats on two 8×8 blocks: the residual is |ΔY| of the RGB difference, summed in the same pass', () => {
    const w = 16, h = 8;
    const resaved = new Uint8Array(w * h * 3);
    const grey = new Uint8Array(w * h);
    const rgb = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const p = y * w + x;
        grey[p] = x < 8 ? 100 : x % 2 ? 8 : 0; // flat block, then columns alternating 0/8
        rgb.fill(grey[p], p * 3, p * 3 + 3);
        // ±1 grey level (signed: |ΔY| is summed) in the first block, +2 levels in the second
        resaved.fill(x < 8 ? (y % 2 ? 101 : 99) : grey[p] + 2, p * 3, p * 3 + 3);
      }
    }
    const g = blockStats(rgb, resaved, w, h);
    expect([g.cols, g.rows]).toEqual([2, 1]);
    expect(Array.from(g.error)).toEqual([1, 2]);
    // the same as summing lumaAbsDiff per block
    const per = lumaAbsDiff(rgb, resaved);
    expect(per.reduce((s, v, i) => s + (i % w < 8 ? v : 0), 0) / (64 * 8)).toBe(1);
    // block 2: 7 horizontal steps of 8 per row × 8 rows = 448, over 2·8·7 = 112 neighbour pairs → 4
    expect(Array.from(g.texture)).toEqual([0, 4]);
    expect(Array.from(g.brightness)).toEqual([100, 4]);
    expect(Array.from(g.chroma)).toEqual([0, 0]);
    expect(() => blockStats(rgb, resaved.subarray(3), w, h)).toThrow('blockStats: expected 384 RGB bytes and 384 re-saved bytes, received 384 and 381');
  });

  test('boxMean clips the window at the edges', () => {
    expect(Array.from(boxMean(Float32Array.from([0, 3, 6]), 3, 1, 1))).toEqual([1.5, 3, 4.5]);
  });

  test('gridBlockiness: steps on the 8-pixel boundary stand out (30/7 for this ramp)', () => {
    const w = 16, h = 16;
    const grey = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 1; x < w; x++) grey[y * w + x] = grey[y * w + x - 1] + (x % 8 === 0 ? 10 : 1);
    // horizontal on 8 rows: across 8×10 over 8 steps, inside 8×14 over 112; vertical rows 4, 8, 12 are all 0:
    // across (80/24) / inside (112/144) = 30/7
    expect(gridBlockiness(grey, w, h)).toBeCloseTo(30 / 7, 10);
    expect(gridBlockiness(new Uint8Array(64), 8, 8)).toBe(1);
  });

  test('blockStride: every block up to MAX_BLOCKS (a 3.1 MP grid), then the smallest stride that fits', () => {
    expect(MAX_BLOCKS).toBe(49_152);
    expect(blockStride(2048, 1536)).toBe(1); // exactly 256 × 192 blocks
    expect(blockStride(2056, 1536)).toBe(2); // one block column more
    expect(blockStride(4000, 3000)).toBe(2); // 12 MP: 500 × 375 → 250 × 188 = 47,000
    expect(blockStride(5184, 3456)).toBe(3); // 17.9 MP: 648 × 432 → 324 × 216 = 69,984 > cap; 216 × 144 fits
    expect(blockStride(7, 7)).toBe(1);
    expect(blockStride(100, 100, 4)).toBe(6); // 12 × 12 blocks → 2 × 2 at stride 6
  });

  test('blockStats with a stride: the cells are the blocks of the stride-1 grid at every stride-th row and column', async () => {
    const w = 203, h = 117; // 25 × 14 full blocks, partial edges left out
    const px = new Uint8Array((await renderScene({ width: w, height: h, seed: 3, noise: 3 })).data);
    const resaved = (await elaResave({ data: px, width: w, height: h, channels: 3 }, 90)).data;
    const all = blockStats(px, resaved, w, h);
    expect([all.cols, all.rows, all.step]).toEqual([25, 14, 8]);
    // Brightness and activity are those of the luminance plane greyFromRgb makes (taken in the pass, not read).
    const grey = greyFromRgb({ data: px, width: w, height: h, channels: 3 }).data;
    for (let r = 0; r < all.rows; r++) {
      for (let c = 0; c < all.cols; c++) {
        let sum = 0, steps = 0;
        for (let y = r * 8; y < r * 8 + 8; y++) {
          for (let x = c * 8; x < c * 8 + 8; x++) {
            const v = grey[y * w + x];
            sum += v;
            if (x > c * 8) steps += Math.abs(v - grey[y * w + x - 1]);
            if (y > r * 8) steps += Math.abs(v - grey[(y - 1) * w + x]);
          }
        }
        expect([all.brightness[r * all.cols + c], all.texture[r * all.cols + c]]).toEqual([Math.fround(sum / 64), Math.fround(steps / 112)]);
      }
    }
    for (const stride of [2, 3]) {
      const g = blockStats(px, resaved, w, h, stride);
      expect([g.cols, g.rows, g.step]).toEqual([Math.ceil(25 / stride), Math.ceil(14 / stride), 8 * stride]);
      for (let r = 0; r < g.rows; r++) {
        for (let c = 0; c < g.cols; c++) {
          const k = (r * stride) * all.cols + c * stride;
          const i = r * g.cols + c;
          expect([g.error[i], g.texture[i], g.brightness[i], g.chroma[i]]).toEqual([all.error[k], all.texture[k], all.brightness[k], all.chroma[k]]);
        }
      }
    }
  });

  test('sampleBlocks puts every stride-th full 8×8 block side by side (1 and 3 channels; partial edge blocks left out)', () => {
    const w = 41, h = 26; // 5 × 3 full blocks
    for (const channels of [1, 3]) {
      const data = new Uint8Array(w * h * channels);
      // each sample says where it came from: block column, block row, channel
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < channels; k++) data[(y * w + x) * channels + k] = (x >> 3) * 40 + (y >> 3) * 10 + k;
      const m = sampleBlocks(data, w, h, channels, 2);
      expect([m.width, m.height]).toEqual([24, 16]); // blocks 0, 2, 4 × rows 0, 2
      for (let y = 0; y < m.height; y++) {
        for (let x = 0; x < m.width; x++) {
          for (let k = 0; k < channels; k++) expect(m.data[(y * m.width + x) * channels + k]).toBe((x >> 3) * 2 * 40 + (y >> 3) * 2 * 10 + k);
        }
      }
      expect(sampleBlocks(data, w, h, channels, 1).width).toBe(40);
    }
    expect(() => sampleBlocks(new Uint8Array(5), 2, 2, 1, 2)).toThrow('sampleBlocks: expected 4 bytes, received 5');
  });

  test('findAnomaly maps the region of a sampled grid back to pixels with its step', () => {
    const cols = 24, rows = 24, n = cols * rows;
    const grid: BlockGrid = { cols, rows, error: new Float32Array(n), texture: new Float32Array(n).fill(5), brightness: new Float32Array(n).fill(128), chroma: new Float32Array(n), step: 16 };
    for (let i = 0; i < n; i++) {
      const x = i % cols, y = Math.floor(i / cols);
      grid.error[i] = (x + y) % 2 ? 1.2 : 1;
      if (x >= 10 && x < 16 && y >= 4 && y < 10) grid.error[i] = 4;
    }
    const an = findAnomaly(grid, contentZ(grid), { radius: 1 });
    // cells 10..15 × 4..9 at a 16-px step: from x = 160 to the end of cell 15's 8×8 block (248 px)
    expect(iou(an?.region ?? { x: 0, y: 0, width: 0, height: 0 }, { x: 160, y: 64, width: 88, height: 88 })).toBeGreaterThanOrEqual(0.5);
    expect((an?.region.x ?? 0) % 16).toBe(0);
  });

  test('contentZ and findAnomaly single out a block region with a raised error level', () => {
    const cols = 24, rows = 24, n = cols * rows;
    const grid: BlockGrid = { cols, rows, error: new Float32Array(n), texture: new Float32Array(n).fill(5), brightness: new Float32Array(n).fill(128), chroma: new Float32Array(n), step: 8 };
    for (let i = 0; i < n; i++) {
      const x = i % cols, y = Math.floor(i / cols);
      grid.error[i] = (x + y) % 2 ? 1.2 : 1; // checkerboard: a spread to normalise by
      if (x >= 10 && x < 16 && y >= 4 && y < 10) grid.error[i] = 4;
    }
    const z = contentZ(grid);
    expect(z[4 * cols + 10]).toBe(Z_CLIP); // (ln 4.25 − median) / spread ≫ 3 → clipped
    expect(Math.abs(z[20 * cols + 2])).toBeLessThan(1);
    const an = findAnomaly(grid, z, { radius: 1 });
    expect(an).not.toBeNull();
    expect(an?.sign).toBe(1);
    expect(iou(an?.region ?? { x: 0, y: 0, width: 0, height: 0 }, { x: 80, y: 32, width: 48, height: 48 })).toBeGreaterThanOrEqual(0.5);
    expect(an?.regionError).toBeGreaterThan(3);
  });

  test('contentZ equals the sort-and-copy formulation it replaced, bit for bit (ties, every group, off-step levels)', () => {
    // The reference: groups as index lists, texture order by a float sort of (key, index), a median and a MAD copy
    // per class (contentZ before the counting sort and the scratch; docs/performance.md, "ela and jpeg, exact").
    const reference = (g: BlockGrid, minClass: number): Float32Array => {
      const n = g.error.length;
      const z = new Float32Array(n);
      const logs = Array.from(g.error, (e) => Math.log(e + 0.25));
      const need = Math.min(n, Math.max(minClass, Math.ceil(n / 400)));
      const groups: number[][] = [[], [], [], []];
      for (let i = 0; i < n; i++) {
        const b = g.brightness[i];
        groups[b < 24 ? 0 : b > 231 ? 2 : g.chroma[i] > 24 ? 3 : 1].push(i);
      }
      for (const k of [0, 2, 3]) if (groups[k].length < need) groups[1].push(...groups[k].splice(0));
      for (const members of groups) {
        if (!members.length) continue;
        const order = Float64Array.from(members, (i) => Math.min(16383, Math.round(g.texture[i] * 64)) * 2 ** 21 + i).sort().map((key) => key % 2 ** 21);
        const want = Math.min(need, order.length);
        for (let from = 0; from < order.length; ) {
          const edge = Math.log(g.texture[order[from]] + 0.5) + 0.2;
          let to = from;
          while (to < order.length && (to - from < want || Math.log(g.texture[order[to]] + 0.5) < edge)) to++;
          if (order.length - to < want) to = order.length;
          const vals = Array.from(order.subarray(from, to), (i) => logs[i]);
          const m = median(vals);
          const spread = Math.max(0.1, 1.4826 * median(vals.map((v) => Math.abs(v - m))));
          for (const i of order.subarray(from, to)) z[i] = Math.max(-Z_CLIP, Math.min(Z_CLIP, (logs[i] - m) / spread));
          from = to;
        }
      }
      return z;
    };
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (const [cols, rows, minClass] of [[40, 30, 32], [61, 47, 8], [9, 7, 32]]) {
      const n = cols * rows;
      const grid: BlockGrid = { cols, rows, error: new Float32Array(n), texture: new Float32Array(n), brightness: new Float32Array(n), chroma: new Float32Array(n), step: 8 };
      for (let i = 0; i < n; i++) {
        // Levels on blockStats' 1/512 steps and a few off them; textures on its 1/112 steps (many ties) and off them.
        grid.error[i] = rnd() < 0.9 ? Math.floor(rnd() * 2000) / 512 : rnd() * 3;
        grid.texture[i] = rnd() < 0.8 ? Math.floor(rnd() * 3000) / 112 : rnd() * 40;
        grid.brightness[i] = rnd() < 0.15 ? rnd() * 24 : rnd() < 0.15 ? 232 + rnd() * 23 : 24 + rnd() * 207;
        grid.chroma[i] = rnd() * 40;
      }
      expect(Buffer.from(contentZ(grid, minClass).buffer)).toEqual(Buffer.from(reference(grid, minClass).buffer));
      // The image level: a histogram of 1/512 steps when every level is on one, a selection otherwise; both as median.
      expect(findAnomaly(grid, contentZ(grid, minClass))?.imageError).toBe(median(grid.error));
      const onSteps = grid.error.map((e) => Math.round(e * 512) / 512);
      for (const error of [onSteps, onSteps.subarray(1)]) {
        const g = { ...grid, error, cols: error.length === n ? cols : 1, rows: error.length === n ? rows : n - 1 };
        expect(findAnomaly(g, new Float32Array(error.length))?.imageError).toBe(median(error));
      }
    }
  });

  test('lumaQuality reads the IJG quality of JPEGs the repo encodes (±2)', async () => {
    const raw = Buffer.alloc(64 * 64 * 3, 128);
    for (const q of [50, 75, 90, 97]) {
      const j = await sharp(raw, { raw: { width: 64, height: 64, channels: 3 } }).jpeg({ quality: q }).toBuffer();
      const est = lumaQuality(readHeaders(j, walkJpeg(j)).tables);
      expect(est).not.toBeNull();
      expect(Math.abs((est ?? 0) - q)).toBeLessThanOrEqual(2);
    }
  });
});

describe('ela options', () => {
  test.each([
    [{ quality: 40 }, 'ela.quality: expected an integer from 50 to 100, received 40 (number)'],
    [{ quality: 90.5 }, 'ela.quality: expected an integer from 50 to 100, received 90.5 (number)'],
    [{ quality: '90' }, "ela.quality: expected an integer from 50 to 100, received '90' (string)"],
    [{ strength: 1 }, 'ela.strength: expected a known option name (quality), received 1 (number)'],
  ])('%j is refused with INVALID_OPTIONS', (opts, text) => {
    let err: unknown;
    try {
      ela(opts as never);
    } catch (e) {
      err = e;
    }
    expect(isClaimlensError(err) && err.code === 'INVALID_OPTIONS').toBe(true);
    expect((err as Error).message).toBe(text);
  });

  test('boundaries 50 and 100 are accepted', () => {
    expect(ela({ quality: 50 }).name).toBe('ela');
    expect(ela({ quality: 100 }).name).toBe('ela');
  });
});

describe('ela detector on repo-rendered images', () => {
  // Q1 75 (a web catalog photo) → edit → Q2 95 (an editing app): the regime where ELA can see an edit.
  // 512×384 keeps the renders cheap; the seeds are fixed, so the images are the same on every run.
  const chain = { q1: 75, q2: 95, size: [512, 384] as [number, number] };
  const none = { x: 0, y: 0, width: 0, height: 0 };
  let paste: ElaCase;
  let painted: ElaCase;
  beforeAll(async () => {
    paste = await makeElaCase(7003, 103, 'paste-foreign-jpeg', chain);
    painted = await makeElaCase(7005, 105, 'painted-damage', chain);
  });

  test('a pasted, differently compressed patch is found with IoU ≥ 0.5', async () => {
    const r = await run(paste.jpeg);
    expect(r.status).toBe('ok');
    const s = r.signals.find((x) => x.code === 'ela.inconsistent-region');
    expect(s).toBeDefined();
    expect(s?.weight).toBeGreaterThan(0);
    expect(s?.strength).not.toBe('conclusive');
    expect(iou(s?.region ?? none, paste.region ?? none)).toBeGreaterThanOrEqual(0.5);
    expect(s?.details).toEqual(expect.objectContaining({ quality: 90, direction: 'higher' }));
    expect(s?.details?.ratio as number).toBeGreaterThan(1);
    expect(s?.details?.zScore as number).toBeGreaterThanOrEqual(PEAK_THRESHOLD);
  });

  test('a repainted area is found too, and the Chinese message names the area', async () => {
    const r = await run(painted.jpeg, { locale: 'zh-CN' });
    const s = r.signals.find((x) => x.code === 'ela.inconsistent-region');
    expect(iou(s?.region ?? none, painted.region ?? none)).toBeGreaterThanOrEqual(0.5);
    expect(s?.message).toMatch(/区域的压缩误差水平是图像其余部分的 [\d.]+ 倍/);
  });

  test('above 3.1 MP the block grid is sampled (blockStride 2): a pasted patch is still found, a clean render is not', async () => {
    const big = { ...chain, size: [2100, 1560] as [number, number] }; // 262 × 195 blocks: just over the cap
    const [pasted, clean] = await Promise.all([makeElaCase(7003, 103, 'paste-foreign-jpeg', big), makeElaCase(7000, 100, null, big)]);
    const r = await run(pasted.jpeg);
    expect(r.details?.blockStride).toBe(2);
    const s = r.signals.find((x) => x.code === 'ela.inconsistent-region');
    expect(iou(s?.region ?? none, pasted.region ?? none)).toBeGreaterThanOrEqual(0.5);
    const c = await run(clean.jpeg);
    expect(c.details?.blockStride).toBe(2);
    expect(c.signals).toEqual([]);
    // Only the sampled blocks are re-encoded (a 4:4:4 round trip treats each block on its own): the analysis equals
    // the one on the whole photo's round trip, which runs when the heatmap is asked for, bit for bit.
    for (const jpeg of [pasted.jpeg, clean.jpeg]) {
      const image = await loadImage(jpeg);
      const sampled = await analyseEla(image, 90);
      const whole = await analyseEla(image, 90, { heatmap: true });
      expect(sampled.stored).toBeNull();
      expect(whole.stored).not.toBeNull();
      expect({ ...sampled, stored: null, resaved: null }).toEqual({ ...whole, stored: null, resaved: null });
    }
    const withHeatmap = await run(pasted.jpeg, { artifacts: true });
    expect(withHeatmap.signals).toEqual(r.signals);
    expect(withHeatmap.artifacts?.ela?.length).toBeGreaterThan(0);
    // at or below 3.1 MP nothing is sampled and the report has no blockStride
    expect((await run(paste.jpeg)).details).not.toHaveProperty('blockStride');
  });

  test('clean single-compressed photos give no signal', async () => {
    for (const seed of [7000, 7001]) {
      const c = await makeElaCase(seed, seed - 6900, null, chain);
      expect(c.kind).toBe('single-compressed');
      const r = await run(c.jpeg);
      expect(r.status).toBe('ok');
      expect(r.signals).toEqual([]);
      expect(r.details?.peak as number).toBeLessThan(PEAK_THRESHOLD);
    }
  });

  test('a lossless PNG render is inconclusive or gives no signal', async () => {
    const scene = await renderScene({ width: 512, height: 384, seed: 31, noise: 3 });
    const png = await sharp(scene.data, { raw: { width: 512, height: 384, channels: 3 } }).png().toBuffer();
    const r = await run(png);
    expect(r.status === 'inconclusive' || r.signals.length === 0).toBe(true);
    expect(r.details?.noJpegHistory).toBe(true);
  });

  test('artifacts: true adds the heatmap PNG and does not change the signals', async () => {
    const without = await run(painted.jpeg);
    const withArt = await run(painted.jpeg, { artifacts: true });
    expect(without.signals.length).toBe(1);
    expect(withArt.signals).toEqual(without.signals);
    expect(without.artifacts).toBeUndefined();
    const png = withArt.artifacts?.ela;
    expect(png).toBeDefined();
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([painted.width, painted.height]);
  });

  test('EXIF orientation: the region is reported in displayed pixels', async () => {
    // Same stored pixels re-saved, tagged "rotate 90° clockwise to display" (orientation 6).
    const rotated = await sharp(painted.jpeg).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const r = await run(rotated);
    const s = r.signals.find((x) => x.code === 'ela.inconsistent-region');
    const t = painted.region ?? none;
    // Orientation 6: a stored pixel (x, y) is displayed at (H − 1 − y, x).
    const displayed = { x: painted.height - t.y - t.height, y: t.x, width: t.height, height: t.width };
    expect(iou(s?.region ?? none, displayed)).toBeGreaterThanOrEqual(0.5);
  });

  test('a tiny image is inconclusive with a localised reason', async () => {
    const j = await sharp(Buffer.alloc(200 * 150 * 3, 90), { raw: { width: 200, height: 150, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
    const en = await run(j);
    expect(en.status).toBe('inconclusive');
    expect(en.reason).toBe('the image is too small for error-level analysis (30000 pixels, at least 65536 needed)');
    const zh = await run(j, { locale: 'zh-CN' });
    expect(zh.reason).toBe('图像太小（30000 像素，至少需要 65536 像素），无法可靠地进行误差水平分析');
  });

  test('every ela message exists in both locales', () => {
    expect(Object.keys(elaMessages['zh-CN']).sort()).toEqual(Object.keys(elaMessages.en).sort());
    expect(Object.keys(elaMessages.en)).toContain('ela.inconsistent-region');
  });
});

describeCorpus('ela on the shared tampered corpus (FLAGGED files: evaluation only)', () => {
  // NoSo pairs: an authentic photo and its copy-move forgery. The forgery was made in the JPEG domain, which ELA
  // barely sees: the assertion is on the ranking over the pairs (a majority), never per file.
  const rows = corpusRows().filter((r) => r.category === 'tampered');
  const pairs = rows
    .filter((r) => r.truth.tampered?.startsWith('yes') && /_mod\.png$/.test(r.local_name))
    .map((t) => ({ tampered: t, original: rows.find((o) => o.local_name === t.local_name.replace('_mod.png', '.png')) }))
    .filter((p): p is { tampered: (typeof rows)[number]; original: (typeof rows)[number] } => p.original !== undefined);

  test('the detector ranks the tampered image above its original on a majority of pairs', async () => {
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    let above = 0;
    for (const p of pairs) {
      const t = await run(readFileSync(p.tampered.file));
      const o = await run(readFileSync(p.original.file));
      const score = (r: DetectorResult): number => (r.signals[0]?.weight ?? 0) * 100 + (typeof r.details?.peak === 'number' ? r.details.peak : 0);
      if (score(t) > score(o)) above++;
    }
    expect(above).toBeGreaterThan(pairs.length / 2);
  });
});
