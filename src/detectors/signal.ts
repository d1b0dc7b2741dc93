import type { Locale, Region } from '../primitives';
import { commonMessages } from '../messages/common';
import { fillTemplate } from '../messages/format';
import { roundTo } from '../pixels/stats';
import { cutsOf, strengthOf, type DetectorDescriptor, type SignalFor, type StrengthBounds } from './descriptor';

/** What a detector states about one finding; `makeSignal` turns it into a localised `Signal`. */
export interface SignalSpec<C extends string = string> extends StrengthBounds {
  /** Stable code, `<detector>.<finding>`: one of the descriptor's `codes`. */
  code: C;
  /** Log-odds contribution (> 0 fabrication, < 0 authenticity). The strength is derived from it (`strengthOf`). */
  weight: number;
  /** The message template when it is not the code's own (a variant of the sentence, e.g. with the camera named). */
  messageKey?: string;
  /** Values for the message placeholders. */
  params?: Record<string, unknown>;
  /** Evidence for the reviewer and for rules. */
  details?: Record<string, unknown>;
  region?: Region;
}

/**
 * A message of a detector (its own table, then the common one), with its placeholders filled; English when the
 * locale lacks it, the key itself when no table has it (a test keeps both from happening).
 */
export function say(d: DetectorDescriptor, locale: Locale, key: string, params?: Record<string, unknown>): string {
  const t = d.messages[locale][key] ?? d.messages.en[key] ?? commonMessages[locale][key] ?? commonMessages.en[key];
  return t === undefined ? key : fillTemplate(t, params);
}

/**
 * Build a signal of a built-in detector: the code must be one of its descriptor's codes, the message comes from its
 * table, the strength from the weight (`strengthOf` with the descriptor's cuts and the spec's bounds).
 * @throws Error when the code is not declared or has no message: a programming error caught by the tests.
 */
export function makeSignal<D extends DetectorDescriptor>(d: D, locale: Locale, spec: SignalSpec<D['codes'][number]>): SignalFor<D> {
  const key = spec.messageKey ?? spec.code;
  if (!d.codes.includes(spec.code)) throw new Error(`signal code '${spec.code}' is not declared by the '${d.name}' descriptor`);
  if (d.messages.en[key] === undefined) throw new Error(`signal message '${key}' is missing from the '${d.name}' message table`);
  const s: SignalFor<D> = {
    detector: d.name,
    code: spec.code,
    weight: roundTo(spec.weight),
    strength: strengthOf(spec.weight, cutsOf(d), spec),
    message: say(d, locale, key, spec.params),
  };
  if (spec.details) s.details = spec.details;
  if (spec.region) s.region = spec.region;
  return s;
}

/**
 * Name the part of the image a region sits in (a 3×3 grid: 'top-left' … 'bottom-right'), localised, for messages
 * such as "the bottom-right area was changed".
 */
export function describeArea(region: Region, width: number, height: number, locale: Locale): string {
  const cx = (region.x + region.width / 2) / Math.max(1, width);
  const cy = (region.y + region.height / 2) / Math.max(1, height);
  const col = cx < 1 / 3 ? 0 : cx < 2 / 3 ? 1 : 2;
  const row = cy < 1 / 3 ? 0 : cy < 2 / 3 ? 1 : 2;
  const names = [
    ['top-left', 'top', 'top-right'],
    ['left', 'center', 'right'],
    ['bottom-left', 'bottom', 'bottom-right'],
  ];
  const key = `region.${names[row][col]}`;
  return commonMessages[locale][key] ?? key;
}
