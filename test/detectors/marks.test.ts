/**
 * The marks detector on repo-made images: stored service marks pasted at the service's place and size on rendered
 * scenes, then resized and recompressed (JPEG, WebP); ordinary text negatives; tiny images; options; the kernels
 * on hand-computed inputs; the template table.
 */
import sharp from 'sharp';
import { marks, builtinSpecs } from '../../src/detectors/marks';
import { builtinTemplates, type MarkTemplate } from '../../src/detectors/marks/templates';
import { STORED_TEMPLATES } from '../../src/detectors/marks/data/templates';
import { boxDownscale, sampleArea } from '../../src/detectors/marks/resample';
import { summedArea } from '../../src/pixels/integral';
import { nccAt, prepareTemplate, scanPlane } from '../../src/detectors/marks/ncc';
import { loadImage } from '../../src/loader/image';
import { isClaimlensError } from '../../src/errors';
import { sceneSvg } from '../../fixtures/generate/render';
import type { DetectorResult, Locale, Region, Subject } from '../../src/types';

const detector = marks();

async function run(bytes: Uint8Array, locale: Locale = 'en'): Promise<DetectorResult> {
  const image = await loadImage(bytes);
  const subject: Subject = { image, catalog: [], context: {}, locale, artifacts: false, signal: new AbortController().signal };
  return detector.run(subject);
}

function template(id: string): MarkTemplate {
  const t = builtinTemplates().find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
}

/**
 * A rendered scene with a stored template pasted as a light, semi-transparent mark; returns the RGB and the mark box.
 * `grain`: the amplitude of a coarse texture (3 × 3 px cells of random brightness, a fixed LCG) added under the mark.
 */
async function sceneWithMark(size: number, t: MarkTemplate | null, seed: number, opacity = 0.7, grain = 0): Promise<{ rgb: Buffer; width: number; height: number; box: Region }> {
  // The SVG scene without renderScene's per-pixel grain: Math.* in tight loops is very slow under jest's vm contexts.
  const rgb = await sharp(Buffer.from(sceneSvg({ width: size, height: size, seed }))).removeAlpha().raw().toBuffer();
  if (grain) {
    const cw = Math.ceil(size / 3);
    let state = seed * 7919;
    const cells = new Float32Array(cw * cw).map(() => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * grain);
    for (let i = 0; i < size * size; i++) {
      const n = cells[Math.floor(Math.floor(i / size) / 3) * cw + Math.floor((i % size) / 3)];
      for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.max(0, Math.min(255, Math.round(rgb[i * 3 + c] + n)));
    }
  }
  const rel = t?.relHeight ?? 0.04;
  const h = Math.round(rel * size);
  const w = t ? Math.round((h * t.width) / t.height) : 0;
  const box = { x: size - Math.round((t?.relMargin?.right ?? 0.02) * size) - w, y: size - Math.round((t?.relMargin?.bottom ?? 0.02) * size) - h, width: w, height: h };
  if (t) {
    const cov = Buffer.from(Array.from(t.coverage, (v) => Math.round(v * 255)));
    const m = await sharp(cov, { raw: { width: t.width, height: t.height, channels: 1 } }).resize({ width: w, height: h, fit: 'fill' }).extractChannel(0).raw().toBuffer();
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const a = (m[y * w + x] / 255) * opacity;
        const i = ((box.y + y) * size + box.x + x) * 3;
        for (let c = 0; c < 3; c++) rgb[i + c] = Math.round(rgb[i + c] * (1 - a) + 255 * a);
      }
  }
  return { rgb, width: size, height: size, box };
}

function overlap(a: Region, b: Region): number {
  const x = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const y = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  return (x * y) / (b.width * b.height);
}

const raw = (s: { width: number; height: number }) => ({ raw: { width: s.width, height: s.height, channels: 3 as const } });

describe('marks: stored service marks on rendered scenes', () => {
  const variants: [string, (img: { rgb: Buffer; width: number; height: number }) => Promise<Buffer>, number][] = [
    ['PNG at 768 px', (i) => sharp(i.rgb, raw(i)).png().toBuffer(), 1],
    ['resized to 420 px, JPEG q75', (i) => sharp(i.rgb, raw(i)).resize(420, 420).jpeg({ quality: 75 }).toBuffer(), 420 / 768],
    ['WebP q60', (i) => sharp(i.rgb, raw(i)).webp({ quality: 60 }).toBuffer(), 1],
    ['brightness ×0.8 − 20, JPEG q85', (i) => sharp(i.rgb, raw(i)).linear(0.8, -20).jpeg({ quality: 85 }).toBuffer(), 1],
  ];
  // Gemini blends white with its alpha map, which peaks at 0.51 (../shared/corpus/marks).
  for (const [id, opacity] of [
    ['doubao', 0.7],
    ['jimeng', 0.7],
    ['gemini', 0.51],
  ] as const) {
    for (const [name, encode, scale] of variants) {
      test(`${id}: ${name} → detected, right service, region on the mark`, async () => {
        const img = await sceneWithMark(768, template(id), id === 'doubao' ? 11 : id === 'jimeng' ? 12 : 15, opacity);
        const r = await run(await encode(img));
        expect(r.status ?? 'ok').toBe('ok');
        expect(r.signals).toHaveLength(1);
        const s = r.signals[0];
        expect(s.code).toBe('marks.visible-ai-label');
        expect(s.details).toMatchObject({ service: id });
        expect(s.weight).toBeGreaterThan(0);
        const truth = { x: img.box.x * scale, y: img.box.y * scale, width: img.box.width * scale, height: img.box.height * scale };
        expect(overlap(s.region!, truth)).toBeGreaterThan(0.6);
        expect(s.message).toContain('bottom-right');
      });
    }
  }

  test('a mark cut by the right edge (25 % of it cropped away) is still found', async () => {
    const img = await sceneWithMark(768, template('doubao'), 13);
    const cut = Math.round(img.box.x + img.box.width * 0.75);
    const bytes = await sharp(img.rgb, raw(img)).extract({ left: 0, top: 0, width: cut, height: 768 }).jpeg({ quality: 85 }).toBuffer();
    const r = await run(bytes);
    expect(r.signals.map((s) => s.details?.service)).toEqual(['doubao']);
  });

  // Doubao's mark is also scored by edge-sign agreement (Round 6): at 35 % opacity over a coarse grain its NCC stays
  // under the threshold (0.56 on main at ce73539, not reported), while the order of its outline pairs holds (0.80).
  test('a faint Doubao mark (35 % opacity) over coarse grain is found; the same grain without it is not flagged', async () => {
    const marked = await sceneWithMark(800, template('doubao'), 21, 0.35, 90);
    const r = await run(await sharp(marked.rgb, raw(marked)).jpeg({ quality: 80 }).toBuffer());
    expect(r.signals.map((s) => s.details?.service)).toEqual(['doubao']);
    expect(overlap(r.signals[0].region!, marked.box)).toBeGreaterThan(0.6);
    const bare = await sceneWithMark(800, null, 21, 0.35, 90);
    const n = await run(await sharp(bare.rgb, raw(bare)).jpeg({ quality: 80 }).toBuffer());
    expect((n.details?.bestByService as Record<string, number>).doubao ?? 0).toBeLessThan(0.6);
    expect((n.details?.scanned as { positions: number }).positions).toBeGreaterThan(0);
    expect(n.signals).toEqual([]);
  });

  // Jimeng's mark under NCC 0.70 is also reported when it survives reverse alpha-blending (Round 7): at 40 % opacity
  // over a coarse grain its NCC is 0.60 (main at 34211dd: not reported), its un-blending score 0.29; the same grain
  // without it has no Jimeng hit to un-blend.
  test('a faint Jimeng mark (40 % opacity) over coarse grain is found by un-blending; the same grain without it is not flagged', async () => {
    const marked = await sceneWithMark(800, template('jimeng'), 22, 0.4, 60);
    const r = await run(await sharp(marked.rgb, raw(marked)).jpeg({ quality: 80 }).toBuffer());
    expect(r.signals.map((s) => s.details?.service)).toEqual(['jimeng']);
    const d = r.signals[0].details as { score: number; unblend: number };
    expect(d.score).toBeLessThan(0.7);
    expect(d.unblend).toBeGreaterThanOrEqual(0.2);
    expect(r.signals[0].strength).toBe('strong');
    expect(overlap(r.signals[0].region!, marked.box)).toBeGreaterThan(0.6);
    const bare = await sceneWithMark(800, null, 22, 0.4, 60);
    const n = await run(await sharp(bare.rgb, raw(bare)).jpeg({ quality: 80 }).toBuffer());
    expect((n.details?.scanned as { positions: number }).positions).toBeGreaterThan(0);
    expect(n.signals).toEqual([]);
  });

  test('zh-CN message names the service and the area', async () => {
    const img = await sceneWithMark(800, template('doubao'), 14);
    const r = await run(await sharp(img.rgb, raw(img)).jpeg({ quality: 90 }).toBuffer(), 'zh-CN');
    expect(r.signals[0].message).toBe('图像右下区域带有可见的 AI 生成标识（豆包水印“豆包AI生成”）。');
  });
});

/** A scene with SVG text composited at `place` (text height `rel` of the width), encoded as JPEG q80. */
async function sceneWithText(text: string, font: string, weight: number, place: 'tl' | 'br' | 'bc', rel: number, light: boolean, seed: number, look: 'plain' | 'outline' | 'shadow' = 'plain'): Promise<Buffer> {
  const size = 900;
  const base = await sharp(Buffer.from(sceneSvg({ width: size, height: size, seed }))).removeAlpha().raw().toBuffer();
  // Font size from the glyph height: CJK and capital glyphs are about 0.8 em high.
  const fs = (rel * size) / 0.8;
  const x = place === 'tl' ? 24 : place === 'br' ? size - 24 : size / 2;
  const anchor = place === 'tl' ? 'start' : place === 'br' ? 'end' : 'middle';
  const y = place === 'tl' ? 24 + fs * 0.9 : size - 28;
  const fill = light ? '#fff' : '#1a1a1a';
  const attrs = `text-anchor="${anchor}" font-family="${font}" font-weight="${weight}" font-size="${fs.toFixed(1)}"`;
  // Outline: the opposite colour stroked around the glyphs (8 % of the font size); shadow: the opposite colour
  // offset down-right by 6 % of the font size, under the text.
  const other = light ? '#1a1a1a' : '#fff';
  const stroke = look === 'outline' ? ` stroke="${other}" stroke-width="${(0.08 * fs).toFixed(1)}" paint-order="stroke"` : '';
  const d = 0.06 * fs;
  const shadow = look === 'shadow' ? `<text x="${x + d}" y="${y + d}" ${attrs} fill="${other}" fill-opacity="0.7">${text}</text>` : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">${shadow}<text x="${x}" y="${y}" ${attrs} fill="${fill}" fill-opacity="0.85"${stroke}>${text}</text></svg>`;
  return sharp(base, raw({ width: size, height: size })).composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 80 }).toBuffer();
}

describe('marks: label phrases', () => {
  // Noto Sans CJK SC is a template font; Noto Serif CJK SC Bold is not (a held-out font of marks-split.ts). Both
  // come with Debian fonts-noto-cjk, which CI installs.
  const cases: [string, string, number, 'tl' | 'br' | 'bc', number, boolean][] = [
    ['AI生成', 'Noto Sans CJK SC', 400, 'br', 0.04, true],
    ['人工智能生成', 'Noto Sans CJK SC', 700, 'bc', 0.035, false],
    ['由AI生成', 'Noto Serif CJK SC', 700, 'tl', 0.05, true],
    ['AI-generated', 'Noto Sans CJK SC', 400, 'bc', 0.03, true],
  ];
  for (const [i, [text, font, weight, place, rel, light]] of cases.entries()) {
    test(`“${text}” in ${font} ${weight}, ${place}, ${light ? 'light' : 'dark'} → a generic label at its place`, async () => {
      const r = await run(await sceneWithText(text, font, weight, place, rel, light, 50 + i));
      expect(r.signals).toHaveLength(1);
      expect(r.signals[0].details).toMatchObject({ service: 'generic' });
      const reg = r.signals[0].region!;
      if (place === 'tl') expect(reg.x + reg.y).toBeLessThan(200);
      else expect(reg.y).toBeGreaterThan(700);
    });
  }
});

describe('marks: outlined and shadowed label phrases', () => {
  // The coarse level scans edge energy for phrases (edge-energy.ts): a label with a drop shadow or in an outline of
  // the opposite colour has the outline pattern of plain text but not its grey levels. Both cases are missed by the
  // grey-level coarse level (main at b378cb5). A third case written with them, a bold white "AI生成" in a thick
  // black outline, is found by the grey level and not by edge energy (docs/marks.md, Limits), so it is not here.
  const cases: [string, string, number, 'tl' | 'br' | 'bc', number, boolean, 'outline' | 'shadow'][] = [
    ['AI-generated', 'Noto Sans CJK SC', 400, 'br', 0.035, true, 'shadow'],
    ['人工智能合成', 'Noto Serif CJK SC', 700, 'bc', 0.04, false, 'outline'],
  ];
  for (const [i, [text, font, weight, place, rel, light, look]] of cases.entries()) {
    test(`“${text}” in ${font} ${weight}, ${look}, ${place}, ${light ? 'light' : 'dark'} → a generic label at its place`, async () => {
      const r = await run(await sceneWithText(text, font, weight, place, rel, light, 70 + i, look));
      expect(r.signals).toHaveLength(1);
      expect(r.signals[0].details).toMatchObject({ service: 'generic' });
      const reg = r.signals[0].region!;
      if (place === 'tl') expect(reg.x + reg.y).toBeLessThan(200);
      else expect(reg.y).toBeGreaterThan(700);
    });
  }
});

/** A scene with a white label on a dark badge whose top edge runs `top` px below the image's top, top-right, JPEG q85. */
async function sceneWithBadge(text: string, rel: number, seed: number, top: number): Promise<Buffer> {
  const size = 900;
  const base = await sharp(Buffer.from(sceneSvg({ width: size, height: size, seed }))).removeAlpha().raw().toBuffer();
  const fs = (rel * size) / 0.8;
  const w = text.length * fs * 0.62 + fs;
  const h = fs * 1.5;
  const badge = `<rect x="${size - 24 - w}" y="${top}" width="${w}" height="${h}" rx="${fs * 0.3}" fill="#555" fill-opacity="0.9"/>`;
  const label = `<text x="${size - 24 - fs / 2}" y="${top + h / 2 + fs * 0.35}" text-anchor="end" font-family="Noto Sans CJK SC" font-weight="700" font-size="${fs.toFixed(1)}" fill="#fff">${text}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">${badge}${label}</svg>`;
  return sharp(base, raw({ width: size, height: size })).composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 85 }).toBuffer();
}

describe('marks: a label on a badge at the top edge', () => {
  // The badge's top edge is a straight edge just inside the image: on edge energy at 8 px it matched the phrase
  // templates (hanging over the border) better than the label did and took all their coarse candidates, and the
  // label's own peak was a grid step too large. Missed by main at ce73539 (best score 0.43); found since Round 6
  // (the row-share test and the refinement a step smaller, search.ts).
  test('“AI generated” in Noto Sans CJK SC 700, white on a dark badge, top-right → a generic label there', async () => {
    const r = await run(await sceneWithBadge('AI generated', 0.05, 92, 6));
    expect(r.signals).toHaveLength(1);
    expect(r.signals[0].details).toMatchObject({ service: 'generic' });
    const reg = r.signals[0].region!;
    expect(reg.y).toBeLessThan(60);
    expect(reg.x).toBeGreaterThan(450);
  });
});

describe('marks: ordinary text that contains a label phrase', () => {
  // "合成革" (synthetic leather) in a template font matches "AI合成" with its "AI" hanging over the border or the
  // phrase's left end (0.90 uncut, 0.98 with 25 px cropped away): the glyph after "合成" makes it ordinary text
  // (flanks.ts). Without the flank test both are reported as a generic label. (With 40 px cropped away the match
  // hangs over the border by more than the search allows, 42 % of the phrase, and is not kept at all: Round 6.)
  for (const cut of [0, 25]) {
    test(`“合成革” in Noto Sans CJK SC 400, top-left, ${cut ? `cropped ${cut} px` : 'uncropped'} → not a label`, async () => {
      let bytes = await sceneWithText('合成革', 'Noto Sans CJK SC', 400, 'tl', 0.045, false, 87);
      if (cut) bytes = await sharp(bytes).extract({ left: cut, top: 0, width: 900 - cut, height: 900 }).jpeg({ quality: 80 }).toBuffer();
      const r = await run(bytes);
      // It was examined: the phrase matched there, well above the threshold, and was turned down.
      const best = (r.details?.candidates as { service: string; score: number }[]).find((c) => c.service === 'generic');
      expect(best?.score).toBeGreaterThan(0.8);
      expect(r.signals).toEqual([]);
    });
  }

  test('a label with words before it (“内容由AI生成”) is still found', async () => {
    const r = await run(await sceneWithText('内容由AI生成', 'Noto Sans CJK SC', 400, 'tl', 0.04, false, 88));
    expect(r.signals.map((x) => x.details?.service)).toEqual(['generic']);
  });
});

describe('marks: a label found a scale step too large', () => {
  // The fine level rescales the best font of a phrase about its centre (search.ts `scaledWindow`): rescaled about
  // its top-left corner, a label the locating pass found ~10 % too large stayed out of reach. All three are missed
  // by main at 0a70074 (no signal) and found since Round 8 (docs/marks.md).
  const cases: [string, string, 'tl' | 'bc', boolean, number, 'plain' | 'outline'][] = [
    ['内容由AI生成', 'AR PL UMing CN', 'tl', true, 202, 'plain'],
    ['AI合成', 'AR PL UMing CN', 'bc', false, 223, 'outline'],
    ['人工智能生成', 'WenQuanYi Zen Hei', 'bc', true, 258, 'plain'],
  ];
  for (const [text, font, place, light, seed, look] of cases) {
    test(`“${text}” in ${font}, ${look}, ${place}, 3 % of the width → a generic label at its place`, async () => {
      const r = await run(await sceneWithText(text, font, 400, place, 0.03, light, seed, look));
      expect(r.signals).toHaveLength(1);
      expect(r.signals[0].details).toMatchObject({ service: 'generic' });
      // The label or its end ("由AI生成" in "内容由AI生成": words before a phrase make a longer label).
      expect(text.endsWith(r.signals[0].details!.text as string)).toBe(true);
      const reg = r.signals[0].region!;
      if (place === 'tl') expect(reg.x + reg.y).toBeLessThan(200);
      else expect(reg.y).toBeGreaterThan(700);
    });
  }
});

describe('marks: a label that goes on past a searched phrase (“AI-generated content”)', () => {
  // Samsung One UI's newer label: "AI-generated" followed by "content" is text going on past the phrase, which the
  // flank test turns down; the longer label is a template of its own (TEMPLATE_ONLY_PHRASES), compared where such a
  // hit is turned down. Open Sans is not a template font. Main at 0a70074 reports neither label.
  test('“AI-generated content” in Open Sans, top-left, dark → the longer label', async () => {
    const r = await run(await sceneWithText('AI-generated content', 'Open Sans', 400, 'tl', 0.035, false, 94));
    expect(r.signals).toHaveLength(1);
    expect(r.signals[0].details).toMatchObject({ service: 'generic', text: 'AI-generated content' });
    expect(r.signals[0].region!.x).toBeLessThan(60);
    // The region spans the whole label, not only "AI-generated" (about 0.6 of its width).
    expect(r.signals[0].region!.width).toBeGreaterThan(300);
  });

  test('“AI-generated content” in DejaVu Sans, bottom centre, light → the longer label', async () => {
    const r = await run(await sceneWithText('AI-generated content', 'DejaVu Sans', 400, 'bc', 0.025, true, 95));
    expect(r.signals.map((x) => x.details?.text)).toEqual(['AI-generated content']);
  });

  test('text going on past the longer label too (“AI-generated contents list”) → not a label', async () => {
    const r = await run(await sceneWithText('AI-generated contents list', 'DejaVu Sans', 400, 'tl', 0.03, false, 97));
    // It was examined: the longer label matched well there and was turned down by its own flank test.
    const longer = (r.details?.candidates as { template: string; score: number }[]).find((c) => c.template.startsWith('latin-t0-'));
    expect(longer?.score).toBeGreaterThan(0.8);
    expect(r.signals).toEqual([]);
  });
});

describe('marks: Gemini look-alikes', () => {
  // Icons at the sparkle's place and size: a five-point star, a disc and a solid four-point star drawn dark (not a
  // white blend) must not be taken for it.
  const shapes: [string, string][] = [
    ['a white five-point star', '<polygon points="50,4 61,38 97,38 68,59 79,94 50,72 21,94 32,59 3,38 39,38" fill="#fff"/>'],
    ['a white disc', '<circle cx="50" cy="50" r="40" fill="#fff"/>'],
    ['a dark four-point star', '<path d="M50 0 Q56 44 100 50 Q56 56 50 100 Q44 56 0 50 Q44 44 50 0Z" fill="#111"/>'],
  ];
  for (const [i, [name, body]] of shapes.entries()) {
    test(`${name} in Gemini's corner is not reported`, async () => {
      const size = 1024;
      const base = await sharp(Buffer.from(sceneSvg({ width: size, height: size, seed: 60 + i }))).removeAlpha().raw().toBuffer();
      const icon = `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 100 100">${body}</svg>`;
      const bytes = await sharp(base, raw({ width: size, height: size }))
        .composite([{ input: Buffer.from(icon), left: size - 32 - 48, top: size - 32 - 48 }])
        .jpeg({ quality: 85 })
        .toBuffer();
      const r = await run(bytes);
      expect(r.status ?? 'ok').toBe('ok');
      expect(r.signals).toEqual([]);
    });
  }
});

describe('marks: Samsung Galaxy AI icon', () => {
  // The stored icon blended white at the real sample's strength (grey 121 on black: 47 %) at the bottom left, at the
  // sample's size and margins (0.0212 and 0.0175 / 0.0166 of the shorter side), on a rendered scene.
  async function sceneBottomLeft(size: number, seed: number, mark: { coverage: Buffer; width: number; height: number } | null, strength: number): Promise<{ rgb: Buffer; box: Region }> {
    const rgb = await sharp(Buffer.from(sceneSvg({ width: size, height: size, seed }))).removeAlpha().raw().toBuffer();
    const t = template('samsung');
    const h = Math.round(t.relHeight! * size);
    const w = mark ? Math.round((h * mark.width) / mark.height) : 0;
    const box = { x: Math.round(t.relMargin!.left! * size), y: size - Math.round(t.relMargin!.bottom * size) - h, width: w, height: h };
    if (mark) {
      const m = await sharp(mark.coverage, { raw: { width: mark.width, height: mark.height, channels: 1 } }).resize({ width: w, height: h, fit: 'fill' }).extractChannel(0).raw().toBuffer();
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const a = (m[y * w + x] / 255) * strength;
          const i = ((box.y + y) * size + box.x + x) * 3;
          for (let c = 0; c < 3; c++) rgb[i + c] = Math.round(rgb[i + c] * (1 - a) + 255 * a);
        }
    }
    return { rgb, box };
  }
  const icon = (): { coverage: Buffer; width: number; height: number } => {
    const t = template('samsung');
    return { coverage: Buffer.from(Array.from(t.coverage, (v) => Math.round(v * 255))), width: t.width, height: t.height };
  };
  /** A shape rendered white on transparent (SVG body in a 100 × 100 box, or a glyph), as a coverage mask. */
  async function shape(svgBody: string): Promise<{ coverage: Buffer; width: number; height: number }> {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200">${svgBody}</svg>`;
    const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().extractChannel(3).trim({ threshold: 1 }).raw().toBuffer({ resolveWithObject: true });
    return { coverage: data, width: info.width, height: info.height };
  }

  test('the icon on a scene, JPEG q75 then resized ×0.6 → a Samsung Galaxy AI mark at the bottom left', async () => {
    const size = 1200;
    const img = await sceneBottomLeft(size, 70, icon(), 121 / 255);
    const jpeg = await sharp(img.rgb, raw({ width: size, height: size })).jpeg({ quality: 75 }).toBuffer();
    const r = await run(await sharp(jpeg).resize(720, 720).jpeg({ quality: 90 }).toBuffer());
    expect(r.status ?? 'ok').toBe('ok');
    expect(r.signals.map((s) => s.details?.service)).toEqual(['samsung']);
    const s = r.signals[0];
    const truth = { x: img.box.x * 0.6, y: img.box.y * 0.6, width: img.box.width * 0.6, height: img.box.height * 0.6 };
    expect(overlap(s.region!, truth)).toBeGreaterThan(0.6);
    expect(s.message).toBe('A visible AI label (Samsung Galaxy AI mark) is drawn in the bottom-left of the image.');
    expect(s.details?.unblend).toBeGreaterThan(0.3);
  });

  // Look-alikes at the icon's place and size, blended the same way: Gemini's four-point sparkle and the ✦ glyph.
  const alikes: [string, string][] = [
    ["Gemini's four-point star", '<path d="M100 0 Q112 88 200 100 Q112 112 100 200 Q88 112 0 100 Q88 88 100 0Z" fill="#fff"/>'],
    ['the ✦ glyph (DejaVu Sans)', '<text x="10" y="170" font-family="DejaVu Sans" font-size="180" fill="#fff">✦</text>'],
  ];
  for (const [name, body] of alikes) {
    test(`${name} at the icon's place is not reported`, async () => {
      const size = 1200;
      const img = await sceneBottomLeft(size, 70, await shape(body), 121 / 255);
      const r = await run(await sharp(img.rgb, raw({ width: size, height: size })).jpeg({ quality: 85 }).toBuffer());
      expect(r.status ?? 'ok').toBe('ok');
      expect((r.details?.scanned as { positions: number }).positions).toBeGreaterThan(0);
      // The icon's template matches the look-alike (NCC ≈ 0.77, above its 0.5): the un-blending check turns it down.
      expect((r.details?.bestByService as Record<string, number>).samsung ?? 0).toBeGreaterThan(0.5);
      expect(r.signals).toEqual([]);
    });
  }
});

describe('marks: negatives', () => {
  const texts = ['促销价 ¥39.9', '净含量 500g', '生产日期 2026-11-02', 'Fresh Mart', 'AI智能音箱', '到手价 ¥129'];
  for (const [i, text] of texts.entries()) {
    test(`ordinary text “${text}” in a corner is not flagged`, async () => {
      const img = await sceneWithMark(900, null, 30 + i);
      const corner = i % 4;
      const fs = 36 + (i % 3) * 10;
      const x = corner % 2 ? 900 - 30 - fs * text.length * 0.8 : 24;
      const y = corner < 2 ? 24 + fs : 900 - 30;
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"><text x="${x}" y="${y}" font-family="Noto Sans CJK SC, sans-serif" font-weight="${i % 2 ? 700 : 400}" font-size="${fs}" fill="${i % 2 ? '#fff' : '#222'}">${text}</text></svg>`;
      const bytes = await sharp(img.rgb, raw(img)).composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 85 }).toBuffer();
      const r = await run(bytes);
      expect(r.status ?? 'ok').toBe('ok');
      expect(r.signals).toEqual([]);
    });
  }

  test('a plain rendered scene is not flagged', async () => {
    const img = await sceneWithMark(768, null, 40);
    expect((await run(await sharp(img.rgb, raw(img)).jpeg({ quality: 90 }).toBuffer())).signals).toEqual([]);
  });
});

describe('marks: bad and tiny input', () => {
  test.each([
    [1, 1],
    [16, 16],
    [63, 300],
  ])('%i×%i is inconclusive with a localised reason', async (w, h) => {
    const bytes = await sharp({ create: { width: w, height: h, channels: 3, background: '#888' } }).png().toBuffer();
    const r = await run(bytes);
    expect(r.status).toBe('inconclusive');
    expect(r.reason).toBe(`the image (${w}×${h}) is too small to read a visible mark`);
    expect((await run(bytes, 'zh-CN')).reason).toBe(`图像尺寸过小（${w}×${h}），无法辨认可见标识`);
  });

  test.each([
    [64, 64],
    [64, 2000],
    [3000, 70],
  ])('%i×%i (flat or extreme aspect) runs without a finding', async (w, h) => {
    const bytes = await sharp({ create: { width: w, height: h, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    const r = await run(bytes);
    expect(r.status ?? 'ok').toBe('ok');
    expect(r.signals).toEqual([]);
  });

  test('options are checked at creation, with the path and the value in the message', () => {
    const bad: unknown[] = [0, -1, 1.5, Number.NaN, '0.7'];
    for (const v of bad) {
      let err: unknown;
      try {
        marks({ serviceThreshold: v as number });
      } catch (e) {
        err = e;
      }
      expect(isClaimlensError(err) && err.code === 'INVALID_OPTIONS').toBe(true);
      expect((err as Error).message).toMatch(/^marks\.serviceThreshold: expected a number in \(0, 1\], received /);
    }
    expect(() => marks({ phrases: 'yes' as unknown as boolean })).toThrow("marks.phrases: expected a boolean, received 'yes' (string)");
    expect(() => marks({ phraseThreshold: 1 })).not.toThrow();
  });

  test('phrases: false searches the service marks only', () => {
    expect(builtinSpecs(false).every((s) => s.template.kind === 'service')).toBe(true);
    expect(builtinSpecs(true).some((s) => s.template.kind === 'phrase')).toBe(true);
  });

  test('template-only labels have no coarse pass: they extend the spec of the phrase they start with', () => {
    const specs = builtinSpecs(true);
    expect(specs.flatMap((s) => s.members).some((t) => t.extends !== undefined)).toBe(false);
    const ext = specs.filter((s) => s.extensions?.length);
    expect(ext).toHaveLength(1);
    expect(ext[0].members.map((t) => t.text)).toContain('AI-generated');
    expect(ext[0].extensions!.map((t) => t.text)).toEqual(Array(5).fill('AI-generated content'));
  });
});

describe('marks: template table', () => {
  test('every row has a source and how it was made, unique ids, data of the right length', () => {
    const ids = new Set<string>();
    for (const t of STORED_TEMPLATES) {
      expect(t.source.length).toBeGreaterThan(10);
      expect(t.made.length).toBeGreaterThan(10);
      expect(ids.has(t.id)).toBe(false);
      ids.add(t.id);
      expect(Buffer.from(t.data, 'base64').length).toBe(Math.ceil((t.width * t.height) / 2));
      if (t.kind === 'service') expect(t.relHeight).toBeGreaterThan(0.01);
      // A template-only label extends a searched phrase and starts with it.
      if (t.extends !== undefined) expect(STORED_TEMPLATES.some((p) => p.kind === 'phrase' && p.text === t.extends && !p.extends && t.text.startsWith(`${p.text} `))).toBe(true);
    }
    expect(builtinTemplates().map((t) => t.service)).toEqual(expect.arrayContaining(['doubao', 'jimeng', 'gemini', 'samsung', 'generic']));
    // The Gemini row carries the MIT notice of the alpha map it was made from.
    expect(STORED_TEMPLATES.find((t) => t.id === 'gemini')?.source).toMatch(/gemini-watermark-remover.*MIT/);
  });
});

describe('marks: kernels', () => {
  test('boxDownscale averages blocks (partial edge blocks too)', () => {
    const src = { data: Uint8Array.from([0, 2, 4, 10, 20, 30, 6, 8, 100]), width: 3, height: 3 };
    const out = boxDownscale(src, 2);
    expect(out.width).toBe(2);
    expect(out.height).toBe(2);
    // (0+2+10+20)/4 = 8, (4+30)/2 = 17, (6+8)/2 = 7, 100.
    expect(Array.from(out.data)).toEqual([8, 17, 7, 100]);
  });

  test('sampleArea at step 1 returns the source, at step 2 the block means', () => {
    const data = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const sat = summedArea(data, 4, 4);
    expect(Array.from(sampleArea(sat, 4, 4, 0, 0, 1, 4, 4))).toEqual(Array.from(data));
    expect(Array.from(sampleArea(sat, 4, 4, 0, 0, 2, 2, 2))).toEqual([3.5, 5.5, 11.5, 13.5]);
    expect(Array.from(sampleArea(sat, 4, 4, 1, 1, 1, 2, 1))).toEqual([6, 7]);
  });

  test('NCC: 1 on itself, −1 on its negative, invariant to gain and offset, NaN on flat or mostly hidden windows', () => {
    const cov = Float32Array.from([0, 1, 0, 1, 1, 1, 0, 1, 0]);
    const t = prepareTemplate(cov, 3, 3, 3, 0);
    const plane = (f: (v: number) => number): ReturnType<typeof scanPlane> => scanPlane(Float32Array.from(t.data, f), 3, 3);
    expect(nccAt(plane((v) => v * 200), t, 0, 0, 0.5, 1)).toBeCloseTo(1, 5);
    expect(nccAt(plane((v) => 40 + v * 90), t, 0, 0, 0.5, 1)).toBeCloseTo(1, 5);
    expect(nccAt(plane((v) => 200 - v * 150), t, 0, 0, 0.5, 1)).toBeCloseTo(-1, 5);
    expect(nccAt(plane(() => 128), t, 0, 0, 0.5, 1)).toBeNaN();
    expect(nccAt(plane((v) => v * 200), t, 2, 2, 0.5, 1)).toBeNaN();
  });
});
