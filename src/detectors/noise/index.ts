/**
 * The noise-consistency detector: finds the part of a photo whose noise does not match the rest — the region an
 * AI editor regenerated (stains, cracks, "peeling" painted into a buyer's own photo) or a pasted patch. Camera
 * noise covers a real photo everywhere at a level set by brightness and content; inpainting leaves its region
 * smoother, or grained at the wrong level or spectrum. One pass over the shared decode; never calls sharp.
 */
import { invalidOption } from '../../errors';
import { numberAt, optionsAt } from '../../validate';
import { encodePng } from '../../pixels/encode';
import { median, roundTo } from '../../pixels/stats';
import type { Subject } from '../../contract';
import type { BuiltinDetector, DetectorFor, ResultFor } from '../descriptor';
import { noiseDescriptor as D } from './descriptor';
import type { Region } from '../../primitives';
import { describeArea, makeSignal, say } from '../signal';
import { analyseNoise, type Analysis, type AnalysisSettings } from './analyse';
import { heatmapRgb } from './heatmap';
import type { Candidate } from './map';

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
  hintWeight: D.weights.hint.weight,
  strongWeight: D.weights.strong.weight,
};

function resolve(options: NoiseOptions): Resolved {
  const o = optionsAt('noise', options, Object.keys(NOISE_DEFAULTS));
  const D = NOISE_DEFAULTS;
  const r: Resolved = {
    blockSize: numberAt('noise.blockSize', o.blockSize, D.blockSize, { test: (n) => n === 0 || (Number.isInteger(n) && n % 8 === 0 && n >= 16 && n <= 128), expected: '0 or a multiple of 8 from 16 to 128' }),
    threshold: numberAt('noise.threshold', o.threshold, D.threshold, { min: 0, minExclusive: true, max: 10 }),
    hintScore: numberAt('noise.hintScore', o.hintScore, D.hintScore, { min: 0, minExclusive: true }),
    strongScore: numberAt('noise.strongScore', o.strongScore, D.strongScore, { min: 0, minExclusive: true }),
    hintWeight: numberAt('noise.hintWeight', o.hintWeight, D.hintWeight, { min: 0, max: 10 }),
    strongWeight: numberAt('noise.strongWeight', o.strongWeight, D.strongWeight, { min: 0, max: 10 }),
    minFraction: 0.002,
    maxFraction: 0.4,
  };
  if (r.strongScore < r.hintScore) throw invalidOption('noise.strongScore', `a number ≥ noise.hintScore (${r.hintScore})`, r.strongScore);
  return r;
}

/** The region of a candidate in image pixels. */
function pixelRegion(c: Candidate, size: number): Region {
  return { x: c.x * size, y: c.y * size, width: c.width * size, height: c.height * size };
}

/** Report details shared by every outcome. */
function summary(a: Analysis): Record<string, unknown> {
  const top = a.candidates[0];
  return {
    blockSize: a.grid.size,
    blocks: a.grid.cols * a.grid.rows,
    imageNoise: roundTo(a.imageNoise),
    validFraction: roundTo(a.validFraction),
    flatFraction: roundTo(a.flatFraction),
    spread: roundTo(a.map.spreadLuma),
    usedChroma: a.map.usedChroma,
    topScore: top ? roundTo(top.score) : 0,
    topRegion: top ? pixelRegion(top, a.grid.size) : null,
  };
}

/**
 * Create the noise detector.
 * @throws ClaimlensError INVALID_OPTIONS on a bad option (the message names it and what arrived).
 * @example
 * createInspector({ detectors: [detectors.noise({ hintScore: 8 })] })
 */
export function noise(options: NoiseOptions = {}): DetectorFor<typeof D> {
  const opts = resolve(options);
  return {
    name: 'noise',
    examines: ['pixels'],
    async run(subject: Subject): Promise<ResultFor<typeof D>> {
      const { image, locale } = subject;
      if (!image.decodable) return { signals: [], status: 'skipped', reason: say(D, locale, 'noise.reason.undecodable') };
      const px = await image.pixels();
      subject.signal.throwIfAborted();
      const a = analyseNoise(px, opts);
      const details = summary(a);
      const artifacts: Record<string, Uint8Array> = {};
      if (a.declined) {
        const reason = say(D, locale, `noise.reason.${a.declined}`, { width: px.width, height: px.height });
        return { signals: [], status: 'inconclusive', reason, details };
      }
      const top = a.candidates[0];
      const signals = [];
      let shown: Candidate | undefined;
      if (top && Math.abs(top.score) >= opts.hintScore) {
        shown = top;
        const strong = Math.abs(top.score) >= opts.strongScore;
        const region = pixelRegion(top, a.grid.size);
        const regionNoise = median(top.blocks.map((k) => a.grid.sigmaLuma[k]));
        const imageNoise = median(top.blocks.map((k) => a.map.expectedLuma[k]));
        const ratio = imageNoise > 0 ? regionNoise / imageNoise : 0;
        signals.push(
          makeSignal(D, locale, {
            code: 'noise.inconsistent-region',
            // The strength follows the weight (strengthOf): with the default weights, a hint below strongScore, strong above.
            weight: strong ? opts.strongWeight : opts.hintWeight,
            params: { area: describeArea(region, px.width, px.height, locale), ratio: ratio.toFixed(2) },
            details: { regionNoise: roundTo(regionNoise), imageNoise: roundTo(imageNoise), ratio: roundTo(ratio), z: roundTo(top.meanZ), score: roundTo(top.score), stouffer: roundTo(top.stouffer), blocks: top.blocks.length, smoother: top.sign < 0 },
            region,
          }),
        );
      }
      if (subject.artifacts) artifacts.noise = await encodePng(heatmapRgb(a.map.z, a.grid.valid, a.grid.cols, a.grid.rows, shown));
      const result: ResultFor<typeof D> = { signals, details };
      if (subject.artifacts) result.artifacts = artifacts;
      return result;
    },
  };
}

/** The registry entry of the noise detector. */
export const noiseDetector: BuiltinDetector<typeof D, typeof noise> = { descriptor: D, create: noise };
