import type { Subject } from '../../contract';
import { weightsOf, type BuiltinDetector, type DetectorFor, type ResultFor, type SignalFor } from '../descriptor';
import { marksDescriptor as D } from './descriptor';
import type { Locale } from '../../primitives';
import { boolAt, numberAt, optionsAt, UNIT_INTERVAL } from '../../validate';
import { describeArea, makeSignal, say } from '../signal';
import { searchMarks, type MarkHit, type SearchSpec, type SearchStats } from './search';
import { builtinTemplates, type MarkTemplate } from './templates';
import { roundTo } from '../../pixels/stats';

/** Options of the marks detector. */
export interface MarksOptions {
  /**
   * Smallest fine-level match score (|NCC|, 0..1) that reports a service mark (Doubao, Jimeng).
   * @default 0.7
   */
  serviceThreshold?: number;
  /**
   * Smallest match score that reports a generic label phrase ("AI生成", "AI-generated", …). Higher than for
   * service marks: phrases are short text, and product photos carry text.
   * @default 0.75
   */
  phraseThreshold?: number;
  /** Search the generic label phrases too (set false to look for service marks only). @default true */
  phrases?: boolean;
}

/** Defaults of `MarksOptions`; see the bench (docs/marks.md) for the score distributions behind them. */
export const MARKS_DEFAULTS: Required<MarksOptions> = { serviceThreshold: 0.7, phraseThreshold: 0.75, phrases: true };

/** Smaller images hold no readable mark (a label is at least ~8 px high at 1.2 % of the shorter side). */
const MIN_SIDE = 64;
/** A service mark matched at least this well leaves no doubt (the bench's negatives stay far below). */
const CONCLUSIVE_SCORE = 0.85;
/** Starting weights (log-odds), with their reasons in the descriptor. */
const WEIGHT = weightsOf(D.weights);

function checkOptions(options: MarksOptions): Required<MarksOptions> {
  const o = optionsAt('marks', options, Object.keys(MARKS_DEFAULTS));
  return {
    serviceThreshold: numberAt('marks.serviceThreshold', o.serviceThreshold, MARKS_DEFAULTS.serviceThreshold, UNIT_INTERVAL),
    phraseThreshold: numberAt('marks.phraseThreshold', o.phraseThreshold, MARKS_DEFAULTS.phraseThreshold, UNIT_INTERVAL),
    phrases: boolAt('marks.phrases', o.phrases, MARKS_DEFAULTS.phrases),
  };
}

/**
 * Search specs of the built-in templates. Service marks: along the right edge at 0.55–1.7× the size the service
 * draws (covers resizing, crops and screenshots of a full-width image). Phrases: the four corners, 1.5–7 % of the
 * shorter side; fonts and weights of one phrase share one coarse pass.
 */
export function builtinSpecs(phrases: boolean): SearchSpec[] {
  const all = builtinTemplates();
  const specs: SearchSpec[] = [];
  for (const t of all.filter((x) => x.kind === 'service')) {
    const rel = t.relHeight ?? 0.04;
    specs.push({ template: t, members: [t], relHeight: [rel * 0.55, rel * 1.7], sides: ['right'], vertical: 'free', maxMargin: 3 });
  }
  if (phrases) {
    const groups = new Map<string, MarkTemplate[]>();
    for (const t of all.filter((x) => x.kind === 'phrase')) {
      const key = t.text.replace(/\s+/g, '');
      groups.set(key, [...(groups.get(key) ?? []), t]);
    }
    for (const members of groups.values()) {
      specs.push({ template: members[0], members, relHeight: [0.015, 0.07], sides: ['left', 'right'], vertical: 'corners', maxMargin: 2 });
    }
  }
  return specs;
}

function serviceName(t: MarkTemplate, locale: Locale): string {
  return t.kind === 'service' ? say(D, locale, `marks.service.${t.service}`) : say(D, locale, 'marks.service.generic', { text: t.text });
}

function overlaps(a: MarkHit, b: MarkHit): boolean {
  const r = a.region;
  const s = b.region;
  return r.x < s.x + s.width && s.x < r.x + r.width && r.y < s.y + s.height && s.y < r.y + r.height;
}

/**
 * Keep confident hits, one per place: a service mark wins over a generic phrase at the same spot (its "AI生成"
 * part matches the phrase too), then the higher score.
 */
function confidentHits(hits: readonly MarkHit[], o: Required<MarksOptions>): MarkHit[] {
  const ok = hits.filter((h) => h.score >= (h.template.kind === 'service' ? o.serviceThreshold : o.phraseThreshold));
  ok.sort((a, b) => (a.template.kind === b.template.kind ? b.score - a.score : a.template.kind === 'service' ? -1 : 1));
  const kept: MarkHit[] = [];
  for (const h of ok) if (!kept.some((k) => overlaps(k, h))) kept.push(h);
  return kept;
}

async function run(subject: Subject, o: Required<MarksOptions>, specs: readonly SearchSpec[]): Promise<ResultFor<typeof D>> {
  const { image, locale } = subject;
  if (!image.decodable) return { signals: [], status: 'skipped', reason: say(D, locale, 'marks.reason.undecodable') };
  if (Math.min(image.width, image.height) < MIN_SIDE) {
    return { signals: [], status: 'inconclusive', reason: say(D, locale, 'marks.reason.too-small', { width: image.width, height: image.height }) };
  }
  const grey = await image.grey();
  subject.signal.throwIfAborted();
  const scanned: SearchStats = { bands: 0, positions: 0 };
  const hits = searchMarks(grey, specs, subject.signal, scanned);
  const signals: SignalFor<typeof D>[] = confidentHits(hits, o).map((h) => {
    const t = h.template;
    const conclusive = t.kind === 'service' && h.score >= CONCLUSIVE_SCORE;
    return makeSignal(D, locale, {
      code: 'marks.visible-ai-label',
      weight: t.kind === 'phrase' ? WEIGHT.phrase : conclusive ? WEIGHT.serviceConclusive : WEIGHT.service,
      params: { service: serviceName(t, locale), area: describeArea(h.region, grey.width, grey.height, locale) },
      details: { service: t.service, text: t.text, score: roundTo(h.score), template: t.id, markHeight: h.markHeight, polarity: h.polarity === 1 ? 'light' : 'dark' },
      region: h.region,
    });
  });
  const best = hits[0];
  return {
    signals,
    details: { searched: specs.length, scanned, best: best ? { template: best.template.id, score: roundTo(best.score) } : null },
  };
}

/**
 * The marks detector: finds visible AI marks in the pixels, the GB 45438-2025 explicit labels and generator
 * watermarks that survive metadata stripping (Doubao's "豆包AI生成", Jimeng's "即梦AI" logo, and label phrases such
 * as "AI生成" or "AI-generated"), by normalised cross-correlation with stored templates at the edges and corners
 * where they are drawn. Reports `marks.visible-ai-label` with `details.service`, `details.text`, `details.score`
 * and the mark's `region`.
 *
 * @throws ClaimlensError INVALID_OPTIONS when an option is out of range
 * @example
 * const inspector = createInspector({ detectors: [detectors.marks({ phraseThreshold: 0.8 })] });
 */
export function marks(options: MarksOptions = {}): DetectorFor<typeof D> {
  const o = checkOptions(options);
  const specs = builtinSpecs(o.phrases);
  return { name: 'marks', examines: ['pixels'], run: (subject) => run(subject, o, specs) };
}

/** The registry entry of the marks detector. */
export const marksDetector: BuiltinDetector<typeof D, typeof marks> = { descriptor: D, create: marks };
