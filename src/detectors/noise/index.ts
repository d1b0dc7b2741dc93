/**
 * The noise-consistency detector: finds the part of a photo whose noise does not match the rest — the region an
 * AI editor regenerated (stains, cracks, "peeling" painted into a buyer's own photo) or a pasted patch. Camera
 * noise covers a real photo everywhere at a level set by brightness and content; inpainting leaves its region
 * smoother, or grained at the wrong level or spectrum. One pass over the shared decode; never calls sharp.
 */
import { ClaimlensError, describeValue } from '../../errors';
import { encodePng } from '../../pixels/encode';
import type { Detector, DetectorResult, Region, Strength, Subject } from '../../types';
import { describeArea, makeSignal } from '../signal';
import { analyseNoise, type Analysis, type AnalysisSettings } from './analyse';
import { heatmapRgb } from './heatmap';
import type { Candidate } from './map';
import { message } from '../../messages';

/** Options of the noise detector. */
export interface NoiseOptions {
  /** Block side in pixels (multiple of 8, 16..128), or 0 to pick about 2000 blocks per image. @default 0 */
  blockSize?: number;
  /** |smoothed z| (3×3 mean of block z-scores) at which a block joins a region. @default 0.8 */
  threshold?: number;
  /**
   * |Region score| at which a `hint` signal is raised. The score is the region's mean z standardised against every
   * other box of its size in the same photo (see `Candidate.score` in map.ts). @default 12
   */
  hintScore?: number;
  /** |Region score| at which the signal is `strong`. @default 20 */
  strongScore?: number;
  /** Log-odds weight of a hint. @default 0.7 */
  hintWeight?: number;
  /** Log-odds weight of a strong finding. @default 1.5 */
  strongWeight?: number;
}

/** Resolved options. */
interface Resolved extends AnalysisSettings {
  hintScore: number;
  strongScore: number;
  hintWeight: number;
  strongWeight: number;
}

/**
 * Default options. The score thresholds sit near the 95th percentile (hint) and beyond the maximum (strong) of the
 * genuine photos of the local-edit set (bench/noise.ts); the held-out family (crack) played no part (docs/noise.md).
 */
export const NOISE_DEFAULTS: Readonly<Required<NoiseOptions>> = {
  blockSize: 0,
  threshold: 0.8,
  hintScore: 12,
  strongScore: 20,
  hintWeight: 0.7,
  strongWeight: 1.5,
};

function check(name: keyof NoiseOptions, v: unknown, ok: (n: number) => boolean, expected: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
    throw new ClaimlensError('INVALID_OPTIONS', `noise.${name}: expected ${expected}, received ${describeValue(v)}`, { path: `noise.${name}`, expected, received: v });
  }
  return v;
}

function resolve(o: NoiseOptions): Resolved {
  if (typeof o !== 'object' || o === null) throw new ClaimlensError('INVALID_OPTIONS', `noise: expected an options object, received ${describeValue(o)}`);
  const m = { ...NOISE_DEFAULTS, ...o };
  const r: Resolved = {
    blockSize: check('blockSize', m.blockSize, (n) => n === 0 || (Number.isInteger(n) && n % 8 === 0 && n >= 16 && n <= 128), '0 or a multiple of 8 from 16 to 128'),
    threshold: check('threshold', m.threshold, (n) => n > 0 && n <= 10, 'a number in (0, 10]'),
    hintScore: check('hintScore', m.hintScore, (n) => n > 0, 'a positive number'),
    strongScore: check('strongScore', m.strongScore, (n) => n > 0, 'a positive number'),
    hintWeight: check('hintWeight', m.hintWeight, (n) => n >= 0 && n <= 10, 'a number in [0, 10]'),
    strongWeight: check('strongWeight', m.strongWeight, (n) => n >= 0 && n <= 10, 'a number in [0, 10]'),
    minFraction: 0.002,
    maxFraction: 0.4,
  };
  if (r.strongScore < r.hintScore) throw new ClaimlensError('INVALID_OPTIONS', `noise.strongScore: expected ≥ hintScore (${r.hintScore}), received ${r.strongScore}`, { path: 'noise.strongScore' });
  return r;
}

/** The region of a candidate in image pixels. */
function pixelRegion(c: Candidate, size: number): Region {
  return { x: c.x * size, y: c.y * size, width: c.width * size, height: c.height * size };
}

function median(a: number[]): number {
  const s = [...a].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** Report details shared by every outcome. */
function summary(a: Analysis): Record<string, unknown> {
  const top = a.candidates[0];
  return {
    blockSize: a.grid.size,
    blocks: a.grid.cols * a.grid.rows,
    imageNoise: round(a.imageNoise),
    validFraction: round(a.validFraction),
    flatFraction: round(a.flatFraction),
    spread: round(a.map.spreadLuma),
    usedChroma: a.map.usedChroma,
    topScore: top ? round(top.score) : 0,
    topRegion: top ? pixelRegion(top, a.grid.size) : null,
  };
}

/**
 * Create the noise detector.
 * @throws ClaimlensError INVALID_OPTIONS on a bad option (the message names it and what arrived).
 * @example
 * createInspector({ detectors: [detectors.noise({ hintScore: 8 })] })
 */
export function noise(options: NoiseOptions = {}): Detector {
  const opts = resolve(options);
  return {
    name: 'noise',
    examines: ['pixels'],
    async run(subject: Subject): Promise<DetectorResult> {
      const { image, locale } = subject;
      if (!image.decodable) return { signals: [], status: 'skipped', reason: message(locale, 'noise.reason.undecodable') };
      const px = await image.pixels();
      subject.signal.throwIfAborted();
      const a = analyseNoise(px, opts);
      const details = summary(a);
      const artifacts: Record<string, Uint8Array> = {};
      if (a.declined) {
        const reason = message(locale, `noise.reason.${a.declined}`, { width: px.width, height: px.height });
        return { signals: [], status: 'inconclusive', reason, details };
      }
      const top = a.candidates[0];
      const signals = [];
      let shown: Candidate | undefined;
      if (top && Math.abs(top.score) >= opts.hintScore) {
        shown = top;
        const strength: Strength = Math.abs(top.score) >= opts.strongScore ? 'strong' : 'hint';
        const region = pixelRegion(top, a.grid.size);
        const regionNoise = median(top.blocks.map((k) => a.grid.sigmaLuma[k]));
        const imageNoise = median(top.blocks.map((k) => a.map.expectedLuma[k]));
        const ratio = imageNoise > 0 ? regionNoise / imageNoise : 0;
        signals.push(
          makeSignal('noise', locale, {
            code: 'noise.inconsistent-region',
            weight: strength === 'strong' ? opts.strongWeight : opts.hintWeight,
            strength,
            params: { area: describeArea(region, px.width, px.height, locale), ratio: ratio.toFixed(2) },
            details: { regionNoise: round(regionNoise), imageNoise: round(imageNoise), ratio: round(ratio), z: round(top.meanZ), score: round(top.score), stouffer: round(top.stouffer), blocks: top.blocks.length, smoother: top.sign < 0 },
            region,
          }),
        );
      }
      if (subject.artifacts) artifacts.noise = await encodePng(heatmapRgb(a.map.z, a.grid.valid, a.grid.cols, a.grid.rows, shown));
      const result: DetectorResult = { signals, details };
      if (subject.artifacts) result.artifacts = artifacts;
      return result;
    },
  };
}
