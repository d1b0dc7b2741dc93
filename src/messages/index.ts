import type { Locale } from '../primitives';
import { commonMessages } from './common';
import { fillTemplate } from './format';
import type { MessageTable } from './types';
import { DESCRIPTORS } from '../detectors/registry';

/** Every locale messages exist in. */
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** The merged catalog: the common table and each built-in detector's (from its descriptor), merged once at load. */
export const MESSAGE_TABLES: readonly MessageTable[] = [commonMessages, ...DESCRIPTORS.map((d) => d.messages)];

const merged: Record<Locale, Map<string, string>> = { en: new Map(), 'zh-CN': new Map() };
for (const table of MESSAGE_TABLES) for (const loc of LOCALES) for (const [k, v] of Object.entries(table[loc])) merged[loc].set(k, v);

/** True when a message code exists (in English, the reference locale). */
export function hasMessage(code: string): boolean {
  return merged.en.has(code);
}

/** All message codes of a locale (tests compare locales with it). */
export function messageCodes(locale: Locale): string[] {
  return [...merged[locale].keys()];
}

/**
 * The localised message for a code with its placeholders filled. Falls back to English when a locale lacks the
 * code (a test keeps that from happening), and to the code itself when no locale has it.
 */
export function message(locale: Locale, code: string, params?: Record<string, unknown>): string {
  const t = merged[locale].get(code) ?? merged.en.get(code);
  return t === undefined ? code : fillTemplate(t, params);
}
