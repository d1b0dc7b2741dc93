/**
 * One bench case: inspect the claim with its catalog and context, and keep what the results need (scores,
 * signal codes and weights, per-detector status and time). Shared by the worker threads and the in-process
 * fallback so both produce identical records.
 */
import { BUILTIN_DETECTOR_NAMES, detectors } from '../detectors';
import { invalidOption, isClaimlensError } from '../errors';
import { createInspector, type Inspector } from '../inspector';
import type { DetectorStatus, ImageFormat, Region, Risk, Strength } from '../types';
import type { BenchLabel, ManifestCase } from './manifest';
import { roundTo } from '../pixels/stats';

/** A signal as recorded in bench results (the message is left out: results are compared across locales). */
export interface CaseSignal {
  detector: string;
  code: string;
  weight: number;
  strength: Strength;
  region?: Region;
}

/** One detector's part in a case. */
export interface CaseDetector {
  name: string;
  status: DetectorStatus;
  /** Wall-clock ms inside the detector. */
  ms: number;
  /** The detector's own score: sigmoid of the sum of its signals' weights (0.5 with no signal). */
  score: number;
  reason?: string;
}

/** Why a case could not be inspected. */
export interface CaseError {
  /** A `ClaimlensError` code (e.g. `UNREADABLE_INPUT`, `CORRUPT_IMAGE`), `WORKER_CRASHED` or `UNEXPECTED`. */
  code: string;
  message: string;
}

/** The record of one case in the results. */
export interface CaseResult {
  id: string;
  label: BenchLabel;
  kind?: string;
  /** Fused score 0..1; absent when the case failed. */
  score?: number;
  risk?: Risk;
  /** Every signal, strongest |weight| first. */
  signals: CaseSignal[];
  detectors: CaseDetector[];
  /** Wall-clock ms of the whole inspection (load, decode, every detector, fusion). */
  ms: number;
  image?: { format: ImageFormat; width: number; height: number; bytes: number };
  truthRegion?: Region;
  error?: CaseError;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const round4 = (x: number): number => roundTo(x, 4);

/** A detector's own score from its signals' weights (as the detector reported them, before fitted overrides). */
export function detectorScore(signals: readonly CaseSignal[], name: string): number {
  let sum = 0;
  for (const s of signals) if (s.detector === name) sum += s.weight;
  return round4(sigmoid(sum));
}

/** A case that failed before or during inspection. */
export function failedCase(c: ManifestCase, error: CaseError, ms = 0): CaseResult {
  const r: CaseResult = { id: c.id, label: c.label, signals: [], detectors: [], ms, error };
  if (c.kind !== undefined) r.kind = c.kind;
  if (c.truthRegion) r.truthRegion = c.truthRegion;
  return r;
}

/** Turn anything thrown by `inspect` into a recorded error (never rethrows). */
export function caseError(e: unknown): CaseError {
  if (isClaimlensError(e)) return { code: e.code, message: e.message };
  return { code: 'UNEXPECTED', message: e instanceof Error ? e.message : String(e) };
}

/** Inspect one case. Never throws: an unusable claim becomes `error` in the record. */
export async function runCase(inspector: Inspector, c: ManifestCase): Promise<CaseResult> {
  const t0 = performance.now();
  try {
    const verdict = await inspector.inspect(c.claim, { catalog: c.catalog, ...(c.context ? { context: c.context } : {}) });
    const ms = Math.round((performance.now() - t0) * 100) / 100;
    const signals: CaseSignal[] = verdict.signals.map((s) => {
      const out: CaseSignal = { detector: s.detector, code: s.code, weight: s.weight, strength: s.strength };
      if (s.region) out.region = s.region;
      return out;
    });
    const detectors: CaseDetector[] = verdict.detectors.map((d) => {
      const out: CaseDetector = { name: d.name, status: d.status, ms: d.ms, score: detectorScore(signals, d.name) };
      if (d.reason) out.reason = d.reason;
      return out;
    });
    const r: CaseResult = {
      id: c.id,
      label: c.label,
      score: verdict.score,
      risk: verdict.risk,
      signals,
      detectors,
      ms,
      image: { format: verdict.image.format, width: verdict.image.width, height: verdict.image.height, bytes: verdict.image.bytes },
    };
    if (c.kind !== undefined) r.kind = c.kind;
    if (c.truthRegion) r.truthRegion = c.truthRegion;
    return r;
  } catch (e) {
    return failedCase(c, caseError(e), Math.round((performance.now() - t0) * 100) / 100);
  }
}

/**
 * An inspector with the built-in detectors, all of them or only those named (in the given order).
 * @throws ClaimlensError INVALID_OPTIONS for an unknown detector name
 */
export function createBenchInspector(names?: readonly string[]): Inspector {
  if (!names) return createInspector();
  const known = BUILTIN_DETECTOR_NAMES as readonly string[];
  for (const n of names) if (!known.includes(n)) throw invalidOption('detectors', `names among ${known.join(', ')}`, n);
  return createInspector({ detectors: names.map((n) => detectors[n as BuiltinName]()) });
}

type BuiltinName = (typeof BUILTIN_DETECTOR_NAMES)[number];
