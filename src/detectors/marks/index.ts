import type { Subject } from '../../contract';
import { weightsOf, type BuiltinDetector, type DetectorFor, type ResultFor, type SignalFor } from '../descriptor';
import { marksDescriptor as D } from './descriptor';
import type { Locale } from '../../primitives';
import { boolAt, numberAt, optionsAt, UNIT_INTERVAL } from '../../validate';
import { describeArea, makeSignal, say } from '../signal';
import { searchMarks, type MarkHit, type SearchSpec, type SearchStats } from './search';
import { builtinTemplates, type MarkTemplate } from './templates';
import { roundTo } from '../../pixels/stats';
import { fontMean } from './font-mean';
import { edgeTemplate } from './edge-energy';
import { textContinues } from './flanks';

/** Options of the marks detector. */
export interface MarksOptions {
  /**
   * Smallest fine-level match score (|NCC|, 0..1; for Doubao the higher of |NCC| and the edge-sign agreement) that
   * reports a service mark (Doubao, Jimeng) on its own; a Jimeng mark scoring 0.55 up to this is reported when it
   * also survives reverse alpha-blending (`JIMENG_THRESHOLDS`).
   * @default 0.7
   */
  serviceThreshold?: number;
  /**
   * Smallest match score that reports a generic label phrase ("AI生成", "AI-generated", …): the edge-sign agreement
   * of the best font (edge-sign.ts, −1..1 taken as |·|). On 40 tune negatives of marks-set v2 ordinary text and
   * texture reached 0.59 (and "Made with love", a near miss of "Made with AI", 0.82); found labels scored 0.65–1.
   * @default 0.64
   */
  phraseThreshold?: number;
  /** Search the generic label phrases too (set false to look for service marks only). @default true */
  phrases?: boolean;
}

/** Defaults of `MarksOptions`; see the bench (docs/marks.md) for the score distributions behind them. */
export const MARKS_DEFAULTS: Required<MarksOptions> = { serviceThreshold: 0.7, phraseThreshold: 0.64, phrases: true };

/** Smaller images hold no readable mark (a label is at least ~8 px high at 1.2 % of the shorter side). */
const MIN_SIDE = 64;
/** A service mark matched at least this well leaves no doubt (the bench's negatives stay far below). */
const CONCLUSIVE_SCORE = 0.85;
/** …and, for a blended sparkle, un-blending removes most of its outline (the real Gemini outputs: 0.55, 0.72). */
const CONCLUSIVE_UNBLEND = 0.5;
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
 * Phrases that look alike at the coarse level (8 px high) share one coarse pass: spacing, hyphen and case aside,
 * "合成" for "生成" (same width, similar strokes), and the two six-character phrases. Each phrase is still compared on its own at the fine level.
 */
function coarseKey(text: string): string {
  const key = text.toLowerCase().replace(/[\s-]+/g, '').replace('合成', '生成');
  // Six CJK characters wide either way.
  return key === '内容由ai生成' ? '人工智能生成' : key;
}

/**
 * Search specs of the built-in templates. Doubao and Jimeng: the bottom-right corner at 0.55–1.7× the size the
 * service draws (covers resizing and crops), of the image and of the picture inside a screenshot (frames.ts). Gemini: its sparkle is 48 px (96 px when both sides exceed 1024 px) at 2/3 of its size from
 * the bottom-right corner (searched there only, in the image and in a screenshot's picture: a four-point star
 * elsewhere is a highlight or an icon), 0.047–0.0625 of the shorter side of its outputs, 0.034 of the width of a landscape output shown in a
 * portrait screenshot: searched at 0.03–0.072. Samsung Galaxy AI: `samsungSpec`. Phrases: the four corners and the bottom centre, 0.9–8.5 % of the
 * frame width high (issue 15 §3: 1–8 %; GB 45438 asks for at least 5 % of the shorter side); the fonts of one
 * phrase (and look-alike phrases, `coarseKey`) share one coarse pass with their mean (font-mean.ts).
 */
export function builtinSpecs(phrases: boolean): readonly SearchSpec[] {
  // Pure derived data of the built-in templates (the font means cost ~4 ms): built once per process.
  let specs = specCache.get(phrases);
  if (!specs) specCache.set(phrases, (specs = makeSpecs(phrases)));
  return specs;
}

const specCache = new Map<boolean, readonly SearchSpec[]>();

function makeSpecs(phrases: boolean): SearchSpec[] {
  const all = builtinTemplates();
  const specs: SearchSpec[] = [];
  for (const t of all.filter((x) => x.kind === 'service')) {
    if (t.service === 'gemini') {
      // Blended-mark hits under NCC 0.35 are not un-blended: the lowest Gemini threshold (GEMINI_THRESHOLDS) is above it.
      specs.push({ template: t, members: [t], relHeight: [0.03, 0.072], relTo: 'short', places: ['br'], innerPlaces: ['br'], maxMargin: 1.3, marginFrac: 0, anchor: { margin: 2 / 3, tolerance: 0.12 }, blended: { minScore: 0.35 } });
      continue;
    }
    if (t.service === 'samsung') {
      specs.push(samsungSpec(t));
      continue;
    }
    const rel = t.relHeight ?? 0.04;
    // Doubao's five-glyph mark is also scored by edge-sign agreement (a tone change or texture under the
    // semi-transparent mark lowers its NCC, not the order of its outline pairs). Tune part of marks-set v2 with the
    // 79 camera crops and the 374 tune-source web photos of ../shared/train-photos (docs/marks.md, Round 6): Doubao's
    // best score on those 610 negatives 0.577, two more of its 20 marks found; Jimeng's short mark reached 0.743 on
    // a camera crop, so it keeps NCC alone.
    // Jimeng's mark is white drawn through its coverage (the template, cut from a real output on black, is the
    // mark's alpha up to its peak): hits from JIMENG_THRESHOLDS.score up are also un-blended (unblend.ts), at peak
    // alphas 0.3–0.9 (the real output's mark peaks at 207–237 of 255 over black, 0.81–0.93).
    const blended = t.service === 'jimeng' ? { blended: { minScore: JIMENG_THRESHOLDS.score, strengths: JIMENG_STRENGTHS } } : {};
    specs.push({ template: t, members: [t], relHeight: [rel * 0.55, rel * 1.7], relTo: 'short', places: ['br'], innerPlaces: ['br'], maxMargin: 3, marginFrac: 0.02, ...(t.service === 'doubao' ? { edgeSign: true } : {}), ...blended });
  }
  if (phrases) {
    const groups = new Map<string, MarkTemplate[]>();
    for (const t of all.filter((x) => x.kind === 'phrase' && !x.extends)) groups.set(coarseKey(t.text), [...(groups.get(coarseKey(t.text)) ?? []), t]);
    const places = ['tl', 'tr', 'bl', 'br', 'bc'] as const;
    for (const [key, members] of groups) {
      // Template-only labels that go on past a phrase of this group ("AI-generated content"): no coarse pass of
      // their own, compared where a hit of the group is followed by text (search.ts `extendHit`).
      const extensions = all.filter((x) => x.extends !== undefined && coarseKey(x.extends) === key);
      // Coarse level on edge energy (edge-energy.ts; docs/marks.md, Round 4: tune phrases 34 → 48 / 79, candidates
      // at the label's place 53 → 74 / 79, tune false positives 2 → 2 / 157).
      specs.push({ template: edgeTemplate(fontMean(members)), members, relHeight: [0.009, 0.085], relTo: 'width', places, innerPlaces: places, maxMargin: 1, marginFrac: 0.03, coarsePlane: 'edges', ...(extensions.length ? { extensions } : {}) });
    }
  }
  return specs;
}

/**
 * Samsung Galaxy AI's sparkle icon: drawn at the bottom left of a photo edited with Galaxy AI (ibtimes.co.uk,
 * "Galaxy S24's Watermark For AI-Edited Photos Can Be Removed With A Swipe": "a watermark in the bottom left
 * corner"; itigic.com, "Samsung Galaxy S24: AI-Enhanced Photos Come with a Digital Footprint": three stars in the
 * lower-left corner), followed on newer One UI by "AI-generated content" in the phone's language (Mashable on the
 * Galaxy S26). Searched at the bottom left only, of the image and of a screenshot's picture. No source states how
 * its size follows the photo's, so the range is generous around the one real output (icon 0.0212 of the shorter
 * side, margins 0.8 of its height): 0.012–0.04 of the shorter side (0.57–1.9×). The margin in icon heights is
 * scored exactly there too (`anchor`, ± 0.25 heights: the set's margins ×0.8–1.25). It is a light icon blended
 * over the photo (grey 121 on black: white at 47 %), so hits get the un-blending score as Gemini's do.
 */
function samsungSpec(t: MarkTemplate): SearchSpec {
  return { template: t, members: [t], relHeight: [0.012, 0.04], relTo: 'short', places: ['bl'], innerPlaces: ['bl'], maxMargin: 1.6, marginFrac: 0, anchor: { margin: 0.8, tolerance: 0.25 }, blended: { minScore: SAMSUNG_THRESHOLDS.anchored.score, minHeight: 10 } };
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
 * Gemini's sparkle is a plain four-point star, so its NCC alone is weak evidence (highlights, icons) and weak on
 * texture; it is reported when it also survives reverse alpha-blending (unblend.ts). Source: the tune part of
 * marks-set v2 with the camera crops of ../shared/train-photos (bench/out/marks-tune4.json): the negatives' best
 * un-blending score was 0.405 at the anchored place and 0.375 elsewhere, the positives' lowest 0.52; NCC on the
 * positives went down to 0.46 at the anchored place (texture), elsewhere (crops, screenshots) to 0.49.
 */
export const GEMINI_THRESHOLDS = { anchored: { score: 0.3, unblend: 0.45 }, elsewhere: { score: 0.5, unblend: 0.45 } } as const;

/**
 * Jimeng's short mark loses NCC under a tone change or texture (tune misses at 0.66 and 0.69, under
 * `serviceThreshold`), and NCC alone cannot go lower: tune negatives reach 0.654. Below `serviceThreshold` it is
 * reported when it also survives reverse alpha-blending. Source: the tune part of marks-set v2 with the 79 camera
 * crops and the 374 tune-source web photos of ../shared/train-photos (docs/marks.md, Round 7): every Jimeng hit on
 * the 748 of those 767 images without a Jimeng mark un-blended to at most 0.012, the tune marks found to 0.23–0.69
 * (the two misses 0.31, 0.43); NCC 0.55 keeps the check to the 68 images with a hit between 0.55 and 0.70.
 */
export const JIMENG_THRESHOLDS = { score: 0.55, unblend: 0.2 } as const;
/** Peak alphas tried when un-blending Jimeng's mark (see `makeSpecs`). */
const JIMENG_STRENGTHS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * Samsung Galaxy AI's sparkle: NCC and un-blending both, as Gemini's. Its icon is small (23 px on the real output),
 * so un-blending removes less of its outline than of Gemini's (the real output itself: 0.47). Source: the tune part
 * of the Samsung set (fixtures/generate/marks-samsung-set.ts; 80 positives, 160 negatives: the same photos without
 * the icon and with Gemini's star, ✦ ✧ ★, a dot, a plus or camera text at its place) with the 79 camera crops of
 * ../shared/train-photos (docs/marks.md, "Samsung Galaxy AI mark"): the negatives' best un-blending 0.19, so 0.3;
 * their NCC reached 0.91, so NCC alone decides nothing and 0.5 only keeps the check off weak candidates.
 */
export const SAMSUNG_THRESHOLDS = { anchored: { score: 0.5, unblend: 0.3 }, elsewhere: { score: 0.5, unblend: 0.3 } } as const;

/**
 * The blended sparkles (Gemini's, Samsung Galaxy AI's) and their thresholds: reported only when NCC and
 * un-blending both pass, and conclusive only when un-blending also says so.
 */
const SPARKLE_THRESHOLDS: Readonly<Record<string, typeof GEMINI_THRESHOLDS | typeof SAMSUNG_THRESHOLDS>> = { gemini: GEMINI_THRESHOLDS, samsung: SAMSUNG_THRESHOLDS };

/** Whether a hit is confident enough to report. */
function confident(h: MarkHit, o: Required<MarksOptions>): boolean {
  // A label phrase is the whole label: followed by more glyphs of its line (flanks.ts) it is part of ordinary text,
  // however well it matches ("合成革" in a template font matches "AI合成", its "AI" cropped away, at 0.96).
  if (h.template.kind === 'phrase') return h.score >= o.phraseThreshold && !(h.flanks && textContinues(h.flanks));
  const sparkle = SPARKLE_THRESHOLDS[h.template.service];
  if (sparkle) {
    const t = h.anchored ? sparkle.anchored : sparkle.elsewhere;
    return h.score >= t.score && (h.unblend ?? -1) >= t.unblend;
  }
  if (h.score >= o.serviceThreshold) return true;
  return h.template.service === 'jimeng' && h.score >= JIMENG_THRESHOLDS.score && (h.unblend ?? -1) >= JIMENG_THRESHOLDS.unblend;
}

/**
 * Keep confident hits, one per place: a service mark wins over a generic phrase at the same spot (its "AI生成"
 * part matches the phrase too), then the higher score.
 */
function confidentHits(hits: readonly MarkHit[], o: Required<MarksOptions>): MarkHit[] {
  const ok = hits.filter((h) => confident(h, o));
  ok.sort((a, b) => (a.template.kind === b.template.kind ? b.score - a.score : a.template.kind === 'service' ? -1 : 1));
  const kept: MarkHit[] = [];
  for (const h of ok) if (!kept.some((k) => overlaps(k, h))) kept.push(h);
  return kept;
}

/**
 * Resolve after the event loop's next poll phase: the first `setImmediate` runs in the current loop's check phase
 * (no poll before it when called from an I/O callback), the second one after the next poll.
 */
function pollOnce(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

async function run(subject: Subject, o: Required<MarksOptions>, specs: readonly SearchSpec[]): Promise<ResultFor<typeof D>> {
  const { image, locale } = subject;
  if (!image.decodable) return { signals: [], status: 'skipped', reason: say(D, locale, 'marks.reason.undecodable') };
  if (Math.min(image.width, image.height) < MIN_SIDE) {
    return { signals: [], status: 'inconclusive', reason: say(D, locale, 'marks.reason.too-small', { width: image.width, height: image.height }) };
  }
  const grey = await image.grey();
  // Let the event loop poll once before the search (100–200 ms of JavaScript): work that libvips finished meanwhile
  // can start its next step on a libuv thread — in a full inspection ELA's round trip, whose decode otherwise waits
  // for this search and then holds up the verdict (bench: −15 ms wall on a 12 MP photo; the same results).
  await pollOnce();
  subject.signal.throwIfAborted();
  const scanned: SearchStats = { bands: 0, positions: 0 };
  const hits = searchMarks(grey, specs, subject.signal, scanned);
  const signals: SignalFor<typeof D>[] = confidentHits(hits, o).map((h) => {
    const t = h.template;
    // Un-blending is part of Gemini's evidence; for Jimeng it only stands in for NCC below the service threshold.
    const conclusive = t.kind === 'service' && h.score >= CONCLUSIVE_SCORE && (!SPARKLE_THRESHOLDS[t.service] || (h.unblend ?? -1) >= CONCLUSIVE_UNBLEND);
    return makeSignal(D, locale, {
      code: 'marks.visible-ai-label',
      weight: t.kind === 'phrase' ? WEIGHT.phrase : conclusive ? WEIGHT.serviceConclusive : WEIGHT.service,
      params: { service: serviceName(t, locale), area: describeArea(h.region, grey.width, grey.height, locale) },
      details: { service: t.service, text: t.text, score: roundTo(h.score), ...(h.unblend !== undefined ? { unblend: roundTo(h.unblend) } : {}), template: t.id, markHeight: h.markHeight, polarity: h.polarity === 1 ? 'light' : 'dark' },
      region: h.region,
    });
  });
  const best = hits[0];
  const bestByService: Record<string, number> = {};
  for (const h of hits) bestByService[h.template.service] = Math.max(bestByService[h.template.service] ?? 0, roundTo(h.score));
  // The strongest candidates with what decided them (diagnostics; the bench reads them to draw score curves).
  const candidates = hits.slice(0, 12).map((h) => ({
    template: h.template.id,
    service: h.template.service,
    score: roundTo(h.score),
    markHeight: h.markHeight,
    ...(h.unblend !== undefined ? { unblend: roundTo(h.unblend) } : {}),
    ...(h.anchored ? { anchored: true } : {}),
  }));
  return {
    signals,
    details: { searched: specs.length, scanned, best: best ? { template: best.template.id, score: roundTo(best.score) } : null, bestByService, candidates },
  };
}

/**
 * The marks detector: finds visible AI marks in the pixels, the GB 45438-2025 explicit labels and generator
 * watermarks that survive metadata stripping (Doubao's "豆包AI生成", Jimeng's "即梦AI" logo, Gemini's and Samsung
 * Galaxy AI's sparkles, and label phrases such as "AI生成" or "AI-generated"), by normalised cross-correlation with stored templates at the edges and corners
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
