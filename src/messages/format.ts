import type { Locale } from '../primitives';

/**
 * Fill `{name}` placeholders. Numbers are printed as given (callers round); a missing parameter is left visible
 * as `{name}` so a reviewer sees the gap rather than a wrong sentence.
 */
export function fillTemplate(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return whole;
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    return JSON.stringify(v);
  });
}

/** Percent with at most one decimal for small values: 0.063 → "6.3", 0.5 → "50". */
export function percent(fraction: number, locale: Locale = 'en'): string {
  void locale;
  const p = fraction * 100;
  return p < 10 ? p.toFixed(1).replace(/\.0$/, '') : String(Math.round(p));
}
