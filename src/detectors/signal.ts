import { hasMessage, message } from '../messages';
import type { SignalOf as Signal } from '../contract';
import type { Locale, Region, Strength } from '../primitives';
import { roundTo } from '../pixels/stats';

/** What a detector states about one finding; `makeSignal` turns it into a localised `Signal`. */
export interface SignalSpec {
  /** Stable code, `<detector>.<finding>`; must exist in the message catalog. */
  code: string;
  /** Log-odds contribution (> 0 fabrication, < 0 authenticity). */
  weight: number;
  strength: Strength;
  /** Values for the message placeholders. */
  params?: Record<string, unknown>;
  /** Evidence for the reviewer and for rules. */
  details?: Record<string, unknown>;
  region?: Region;
}

/**
 * Build a signal through the message catalog, so every code has a message in every locale.
 * @throws Error when the code has no message: a programming error caught by the tests, never by users.
 */
export function makeSignal(detector: string, locale: Locale, spec: SignalSpec): Signal {
  if (!hasMessage(spec.code)) throw new Error(`signal code '${spec.code}' has no message in the catalog`);
  if (!spec.code.startsWith(`${detector}.`)) throw new Error(`signal code '${spec.code}' is not namespaced by its detector '${detector}'`);
  const s: Signal = {
    detector,
    code: spec.code,
    weight: roundTo(spec.weight),
    strength: spec.strength,
    message: message(locale, spec.code, spec.params),
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
  return message(locale, `region.${names[row][col]}`);
}
