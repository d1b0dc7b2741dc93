import { LOCALES, MESSAGE_TABLES, message, messageCodes } from '../src/messages';
import { fillTemplate } from '../src/messages/format';

describe('message catalog', () => {
  test('every table has the same codes in every locale', () => {
    for (const table of MESSAGE_TABLES) {
      const en = Object.keys(table.en).sort();
      for (const loc of LOCALES) expect(Object.keys(table[loc]).sort()).toEqual(en);
    }
  });

  test('every code has the same placeholders in every locale', () => {
    const ph = (t: string): string[] => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const table of MESSAGE_TABLES) for (const code of Object.keys(table.en)) {
      for (const loc of LOCALES) expect([code, ph(table[loc][code])]).toEqual([code, ph(table.en[code])]);
    }
  });

  test('Chinese messages are Chinese', () => {
    for (const code of messageCodes('zh-CN')) {
      if (code === 'summary.and' || code.startsWith('region.') || code.includes('.reason.') || code.includes('.event.')) continue;
      expect([code, /[\u4e00-\u9fff]/.test(message('zh-CN', code))]).toEqual([code, true]);
    }
  });

  test('DESIGN.md signal codes all exist', () => {
    const design = ['metadata.editor-software', 'metadata.edit-history', 'metadata.captured-before-delivery', 'metadata.date-inconsistent', 'metadata.thumbnail-mismatch', 'metadata.screenshot', 'metadata.camera-consistent', 'provenance.c2pa-ai', 'provenance.c2pa-altered', 'provenance.c2pa-valid', 'provenance.c2pa-remote', 'provenance.aigc-label', 'provenance.iptc-ai-source', 'provenance.generator-signature', 'catalog.reuse', 'catalog.derived-edit', 'catalog.new-photo', 'ela.inconsistent-region', 'jpeg.double-compression', 'jpeg.software-encoder', 'noise.inconsistent-region', 'marks.visible-ai-label'];
    const codes = new Set(messageCodes('en'));
    for (const c of design) expect([c, codes.has(c)]).toEqual([c, true]);
  });

  test('placeholders are filled; a missing one stays visible', () => {
    expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(message('en', 'no.such.code')).toBe('no.such.code');
  });
});
