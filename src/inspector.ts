import { isClaimlensError } from './errors';
import { builtinDetectors } from './detectors';
import { isCatalogFingerprint } from './catalog-fingerprint';
import { applyCoverage, coverageOf } from './fusion/coverage';
import { fuse } from './fusion/fuse';
import { loadImage, type LoadedImage } from './loader/image';
import { message } from './messages';
import { normalizeInspectOptions, normalizeInspectorOptions, type NormalizedInspectorOptions } from './options';
import type { CatalogReference, Detector, DetectorReport, ImageInput, InspectOptions, InspectorOptions, Signal, Subject, Verdict } from './types';
import { VERSION } from './version';
import { roundTo } from './pixels/stats';

/** A configured inspector: options validated once, reused for many claims. */
export interface Inspector {
  /**
   * Inspect one claim photo.
   * @throws ClaimlensError for unusable input or options (UNSUPPORTED_FORMAT, TOO_LARGE, CORRUPT_IMAGE, UNREADABLE_INPUT, INVALID_OPTIONS)
   */
  inspect(claim: ImageInput, options?: InspectOptions): Promise<Verdict>;
  /** The detectors this inspector runs, in order. */
  readonly detectors: readonly Detector[];
  /** The validated options. */
  readonly options: Readonly<NormalizedInspectorOptions>;
}

/**
 * Create an inspector with fixed detectors, thresholds and limits. Detectors run concurrently and in isolation:
 * one that throws or runs over its time budget reports `status: 'error'` and the others still count.
 *
 * @throws ClaimlensError INVALID_OPTIONS
 * @example
 * const inspector = createInspector({ detectors: [detectors.metadata(), detectors.provenance()], thresholds: { high: 0.8 } });
 * const verdict = await inspector.inspect(claimBytes, { catalog: [fingerprintJson], locale: 'zh-CN' });
 */
export function createInspector(options?: InspectorOptions): Inspector {
  const opts = normalizeInspectorOptions(options);
  const detectors = opts.detectors ?? builtinDetectors();
  return {
    detectors,
    options: opts,
    inspect: (claim, callOptions) => runInspection(claim, callOptions, opts, detectors),
  };
}

/**
 * Inspect a claim photo with every built-in detector and default options.
 *
 * @throws ClaimlensError for unusable input or options
 * @example
 * const verdict = await inspect('claim.jpg', { catalog: ['listing.jpg'], context: { deliveredAt: '2026-11-04T10:00:00+08:00' } });
 * if (verdict.risk !== 'low') sendToReviewer(verdict);
 */
export function inspect(claim: ImageInput, options?: InspectOptions): Promise<Verdict> {
  return createInspector().inspect(claim, options);
}

async function runInspection(claim: ImageInput, callOptions: InspectOptions | undefined, opts: NormalizedInspectorOptions, detectors: readonly Detector[]): Promise<Verdict> {
  const o = normalizeInspectOptions(callOptions, opts.defaults);
  const image = await loadImage(claim, opts.limits, 'claim', { heicDecoder: opts.heicDecoder });
  const catalog = buildCatalog(o.catalog, opts);
  const results = await Promise.all(
    detectors.map((d) => runDetector(d, { image, context: o.context, locale: o.locale, artifacts: o.artifacts }, catalog, opts.detectorTimeoutMs, o.signal)),
  );
  const signals: Signal[] = [];
  const reports: DetectorReport[] = [];
  let artifacts: Record<string, Uint8Array> | undefined;
  const undecodableHeic = image.format === 'heic' && !image.decodable;
  for (const [i, r] of results.entries()) {
    signals.push(...r.signals);
    // A HEIC without a decoder: the detectors that needed its pixels say how to get them examined.
    const ex = detectors[i].examines ?? [];
    const needsPixels = ex.includes('pixels') || (ex.includes('catalog') && o.catalog.length > 0);
    if (undecodableHeic && needsPixels && (r.report.status === 'skipped' || r.report.status === 'inconclusive')) {
      const hint = message(o.locale, 'loader.heic-undecodable');
      if (!r.report.reason?.includes(hint)) r.report.reason = r.report.reason ? `${r.report.reason} (${hint})` : hint;
    }
    reports.push(r.report);
    if (o.artifacts && r.artifacts) artifacts = { ...(artifacts ?? {}), ...r.artifacts };
  }
  const fused = fuse(signals, opts.prior, opts.thresholds, o.locale);
  const coverage = coverageOf(reports, detectors.map((d) => d.examines));
  const banded = applyCoverage(fused, coverage, opts.thresholds, o.locale, image.format, image.decodable);
  const verdict: Verdict = {
    score: banded.score,
    risk: banded.risk,
    summary: banded.summary,
    signals: fused.signals,
    detectors: reports,
    image: { format: image.format, width: image.width, height: image.height, bytes: image.bytes.length, sha256: image.sha256 },
    coverage,
    version: VERSION,
  };
  if (o.artifacts) verdict.artifacts = artifacts ?? {};
  return verdict;
}

/** Catalog loading is deferred to the detector that reads it, and done once per entry per inspection. */
interface CatalogLoader {
  load(): Promise<CatalogReference[]>;
}

function buildCatalog(entries: readonly unknown[], opts: NormalizedInspectorOptions): CatalogLoader {
  let p: Promise<CatalogReference[]> | undefined;
  return {
    load: () =>
      (p ??= Promise.all(
        entries.map(async (e, index): Promise<CatalogReference> =>
          isCatalogFingerprint(e)
            ? { kind: 'fingerprint', index, fingerprint: e }
            : { kind: 'image', index, image: await loadImage(e as ImageInput, opts.limits, `catalog[${index}]`, { heicDecoder: opts.heicDecoder }) },
        ),
      )),
  };
}

interface DetectorOutcome {
  signals: Signal[];
  report: DetectorReport;
  artifacts?: Record<string, Uint8Array>;
}

async function runDetector(
  d: Detector,
  base: Omit<Subject, 'signal' | 'catalog'>,
  catalog: CatalogLoader,
  timeoutMs: number,
  outer: AbortSignal | undefined,
): Promise<DetectorOutcome> {
  const started = performance.now();
  const ctl = new AbortController();
  const onOuter = (): void => ctl.abort(outer?.reason);
  outer?.addEventListener('abort', onOuter, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const elapsed = (): number => roundTo((performance.now() - started), 2);
  try {
    if (outer?.aborted) throw new AbortedError();
    // Catalog images are loaded here so that an unreadable catalog photo fails the catalog detector only.
    const subject: Subject = { ...base, catalog: d.readsCatalog ? await catalog.load() : [], signal: ctl.signal };
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        ctl.abort(new Error('timeout'));
        reject(new TimeoutError());
      }, timeoutMs);
      timer.unref?.();
    });
    const aborted = new Promise<never>((_, reject) => ctl.signal.addEventListener('abort', () => reject(outer?.aborted ? new AbortedError() : new TimeoutError()), { once: true }));
    const result = await Promise.race([d.run(subject), timeout, aborted]);
    const report: DetectorReport = { name: d.name, status: result.status ?? 'ok', ms: elapsed() };
    if (result.reason) report.reason = result.reason;
    if (result.details) report.details = result.details;
    // Built-in detectors emit the details their code declares (SignalDetailsMap); custom ones emit x- codes.
    const out: DetectorOutcome = { signals: result.status === 'skipped' ? [] : (result.signals as Signal[]), report };
    if (result.artifacts) out.artifacts = result.artifacts;
    return out;
  } catch (e) {
    return { signals: [], report: { name: d.name, ...failureReport(e, base.locale, timeoutMs, base.image), ms: elapsed() } };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
  }
}

class TimeoutError extends Error {}
class AbortedError extends Error {}

function failureReport(e: unknown, locale: Subject['locale'], timeoutMs: number, image: LoadedImage): Pick<DetectorReport, 'status' | 'reason'> {
  if (e instanceof TimeoutError) return { status: 'error', reason: message(locale, 'inspector.timeout', { ms: timeoutMs }) };
  if (e instanceof AbortedError) return { status: 'error', reason: message(locale, 'inspector.aborted') };
  // An image whose pixels cannot be decoded (HEIC) leaves pixel detectors nothing to do: that is a skip, not a failure.
  if (isClaimlensError(e) && e.code === 'UNSUPPORTED_FORMAT' && !image.decodable) {
    return { status: 'skipped', reason: message(locale, 'inspector.undecodable', { error: message(locale, 'loader.heic-undecodable') }) };
  }
  const text = e instanceof Error ? e.message : String(e);
  return { status: 'error', reason: message(locale, 'inspector.failed', { error: text.split('\n')[0].slice(0, 300) }) };
}
