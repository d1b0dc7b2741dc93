import type { Locale } from '../primitives';

/** Message templates of one module: code → template with `{name}` placeholders, one table per locale. */
export type MessageTable = Record<Locale, Record<string, string>>;
