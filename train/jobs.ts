/**
 * The job records train/generate.py writes (one JSON line per generated photo) and where the data lives.
 */
import { join } from 'node:path';

/** One step of a laundering chain (train/launder.py documents the distribution). */
export type Step =
  | { op: 'resize'; w: number; h: number; kernel: 'lanczos3' | 'cubic' | 'mitchell' | 'linear' }
  | { op: 'jpeg'; q: number; sub: '420' | '444'; moz?: boolean }
  | { op: 'webp'; q: number }
  | { op: 'png' }
  | { op: 'pad'; top: number; bottom: number; left: number; right: number; color: [number, number, number]; seed: number };

/** A generated photo: its source, edit family, laundering chain and files (relative to the split folder). */
export interface Job {
  id: string;
  source: string;
  kind: 'camera' | 'web' | 'sim';
  split: 'train' | 'val' | 'test';
  label: 0 | 1;
  family: string;
  /** Whole frame re-rendered. */
  frame: boolean;
  chain: { name: string; engine: 'sharp' | 'cv2'; steps: Step[] };
  file: string;
  mask: string;
  editedArea: number;
  pre?: string;
  preMask?: string;
}

/** The data folder ($EDITS_DATA, default /work/data/edits): outside the repository. */
export function dataDir(): string {
  return process.env.EDITS_DATA ?? '/work/data/edits';
}

/** Parse a jobs.jsonl file. */
export function readJobs(text: string): Job[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Job);
}

/** The split folder of a job. */
export function splitDir(split: string): string {
  return join(dataDir(), 'gen', split);
}
