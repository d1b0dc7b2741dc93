/**
 * The whole noise analysis over decoded RGB pixels, with no I/O: residuals and block statistics in one pass → z-map →
 * candidate regions. The detector (index.ts) turns its outcome into signals; benches and tests call it directly.
 */
import type { RawImage } from '../../pixels/types';
import { blockStats, chooseBlockSize, type BlockGrid } from './blocks';
import { candidates, maskedMedian, noiseMap, type Candidate, type NoiseMap } from './map';

/** Settings of the analysis (resolved detector options). */
export interface AnalysisSettings {
  /** Block side in pixels, or 0 to choose from the image size (`chooseBlockSize`). */
  blockSize: number;
  /** |smoothed z| at which a block joins a region. */
  threshold: number;
  /** Fewest blocks in a region, as a fraction of the grid (at least 4 blocks). */
  minFraction: number;
  /** Largest region, as a fraction of the valid blocks. */
  maxFraction: number;
}

/** Why the analysis declined to judge. */
export type Declined = 'tiny' | 'clipped' | 'flat';

/** The outcome of the analysis. */
export interface Analysis {
  grid: BlockGrid;
  map: NoiseMap;
  /** Median luma σ over the judged blocks, 8-bit levels. */
  imageNoise: number;
  /** Fraction of blocks judged (not clipped). */
  validFraction: number;
  /** Fraction of judged blocks with no measurable luma noise (σ < 0.25 level). */
  flatFraction: number;
  /** Candidate regions, strongest |score| first. */
  candidates: Candidate[];
  /** Set when the image does not allow a judgement. */
  declined?: Declined;
}

/** Fewest blocks for a meaningful comparison of parts of the image (≈ 180×180 px at 16-px blocks). */
const MIN_BLOCKS = 120;
/** Below this σ (8-bit levels) a block carries no measurable noise. */
const FLAT_SIGMA = 0.25;

/** Run the analysis on RGB pixels. */
export function analyseNoise(img: RawImage, s: AnalysisSettings): Analysis {
  const size = s.blockSize > 0 ? s.blockSize : chooseBlockSize(img.width, img.height);
  const grid = blockStats(img.data, img.width, img.height, size);
  const n = grid.cols * grid.rows;
  let nValid = 0, nFlat = 0;
  for (let i = 0; i < n; i++) {
    if (!grid.valid[i]) continue;
    nValid++;
    if (grid.sigmaLuma[i] < FLAT_SIGMA) nFlat++;
  }
  const map = noiseMap(grid);
  const imageNoise = nValid ? maskedMedian(grid.sigmaLuma, grid.valid) : 0;
  const base = { grid, map, imageNoise, validFraction: n ? nValid / n : 0, flatFraction: nValid ? nFlat / nValid : 1 };
  if (n < MIN_BLOCKS) return { ...base, candidates: [], declined: 'tiny' };
  if (nValid < 0.5 * n || nValid < MIN_BLOCKS) return { ...base, candidates: [], declined: 'clipped' };
  if (base.flatFraction >= 0.6) return { ...base, candidates: [], declined: 'flat' };
  const found = candidates(map.z, grid.valid, grid.cols, grid.rows, {
    threshold: s.threshold,
    minBlocks: Math.max(4, Math.ceil(s.minFraction * n)),
    maxFraction: s.maxFraction,
  });
  return { ...base, candidates: found };
}
