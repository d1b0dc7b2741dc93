import { loadImage, type LoadedImage } from '../loader/image';
import { previewJpeg } from '../pixels/encode';
import type { Locale, Verdict } from '../types';
import { reportLabels } from './labels';

/** Options of `renderReport`. */
export interface ReportOptions {
  /** The claim image (bytes, path or an already loaded image) to show with regions drawn. */
  claim?: Uint8Array | string | LoadedImage;
  /** Catalog images to show next to the change map. */
  catalog?: (Uint8Array | string)[];
  /** Report language. @default the language the verdict's messages are in cannot be inferred, so 'en' */
  locale?: Locale;
  /** Title of the page. @default 'claimlens report' */
  title?: string;
}

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const dataUri = (mime: string, bytes: Uint8Array): string => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

async function preview(img: Uint8Array | string | LoadedImage): Promise<{ uri: string; width: number; height: number } | null> {
  try {
    const loaded = img instanceof Uint8Array || typeof img === 'string' ? await loadImage(img) : img;
    const px = await loaded.pixels();
    return { uri: dataUri('image/jpeg', await previewJpeg(px)), width: px.width, height: px.height };
  } catch {
    return null;
  }
}

const RISK_COLOURS = { low: '#1b5e20', medium: '#8a4b00', high: '#b00020' } as const;

/**
 * Render a verdict as one self-contained HTML page (inline CSS, images as data URIs, no scripts) for a human
 * reviewer: verdict and score, summary, signals, the claim with regions drawn, artifacts, detector reports.
 *
 * @example
 * const verdict = await inspect(bytes, { artifacts: true, locale: 'zh-CN' });
 * await writeFile('report.html', await renderReport(verdict, { claim: bytes, locale: 'zh-CN' }));
 */
export async function renderReport(verdict: Verdict, options: ReportOptions = {}): Promise<string> {
  const locale = options.locale ?? 'en';
  const L = reportLabels[locale];
  const claim = options.claim ? await preview(options.claim) : null;
  const catalog = await Promise.all((options.catalog ?? []).map((c) => preview(c)));
  const regions = verdict.signals.filter((s) => s.region);
  const overlay = claim
    ? `<svg class="overlay" viewBox="0 0 ${verdict.image.width} ${verdict.image.height}" preserveAspectRatio="none" aria-hidden="true">${regions
        .map((s, i) => {
          const r = s.region!;
          return `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" fill="none" stroke="${s.weight > 0 ? '#ff1744' : '#00c853'}" stroke-width="${Math.max(2, verdict.image.width / 300)}"/><text x="${r.x + 4}" y="${r.y + Math.max(14, verdict.image.width / 40)}" font-size="${Math.max(14, verdict.image.width / 40)}" fill="#ff1744" font-family="sans-serif">${i + 1}</text>`;
        })
        .join('')}</svg>`
    : '';
  const signalRows = verdict.signals
    .map((s) => {
      const regionIndex = regions.indexOf(s);
      return `<tr><td>${regionIndex >= 0 ? `<span class="tag">${regionIndex + 1}</span> ` : ''}${esc(s.message)}</td><td><code>${esc(s.code)}</code></td><td class="num">${s.weight > 0 ? '+' : ''}${s.weight.toFixed(2)}</td><td>${esc(L.strength[s.strength])}</td></tr>`;
    })
    .join('');
  const detectorRows = verdict.detectors
    .map((d) => `<tr><td>${esc(d.name)}</td><td>${esc(L.status[d.status])}</td><td class="num">${d.ms.toFixed(1)}</td><td>${esc(d.reason ?? '')}</td></tr>`)
    .join('');
  const artifactFigures = Object.entries(verdict.artifacts ?? {})
    .map(([name, png]) => `<figure><img src="${dataUri('image/png', png)}" alt="${esc(L.artifact(name))}"><figcaption>${esc(L.artifact(name))}</figcaption></figure>`)
    .join('');
  const catalogFigures = catalog
    .map((c, i) => (c ? `<figure><img src="${c.uri}" alt="${esc(L.catalogPhoto(i + 1))}"><figcaption>${esc(L.catalogPhoto(i + 1))}</figcaption></figure>` : ''))
    .join('');
  const details = verdict.detectors
    .filter((d) => d.details && Object.keys(d.details).length > 0)
    .map((d) => `<details><summary>${esc(d.name)}</summary><pre>${esc(JSON.stringify(d.details, null, 2).slice(0, 20000))}</pre></details>`)
    .join('');
  const colour = RISK_COLOURS[verdict.risk];
  // Verdicts from before coverage existed (stored JSON) have none: the section is left out rather than guessed.
  const coverageItems = verdict.coverage
    ? (Object.keys(L.evidence) as (keyof typeof L.evidence)[])
        .map((k) => `<li class="${verdict.coverage[k] ? 'yes' : 'no'}"><span aria-hidden="true">${verdict.coverage[k] ? '✓' : '✗'}</span> ${esc(L.evidence[k])}${esc(L.colon)}${esc(verdict.coverage[k] ? L.examined : L.notExamined)}</li>`)
        .join('')
    : '';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title ?? L.title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#111;background:#fff;line-height:1.5}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.4rem;margin:0 0 8px}h2{font-size:1.1rem;margin:28px 0 8px;border-bottom:1px solid #ccc}
.verdict{border-left:8px solid ${colour};padding:12px 16px;background:#f6f6f6}
.risk{font-weight:700;color:${colour};font-size:1.3rem}
.score{font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border:1px solid #bbb;padding:6px 8px;text-align:left;vertical-align:top}th{background:#eee}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.coverage ul{list-style:none;padding:0;margin:0}.coverage li{padding:2px 0}.coverage .yes span{color:#1b5e20;font-weight:700}.coverage .no{color:#b00020;font-weight:600}
.tag{display:inline-block;background:#b00020;color:#fff;border-radius:3px;padding:0 6px;font-weight:700}
.claim{position:relative;display:inline-block;max-width:100%}.claim img{display:block;max-width:100%;height:auto}
.overlay{position:absolute;inset:0;width:100%;height:100%}
.figures{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;max-width:48%}figure img{max-width:100%;height:auto;border:1px solid #ccc}
code{font-size:.85em}pre{white-space:pre-wrap;font-size:.8rem;background:#f6f6f6;padding:8px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{font-weight:600}
@media print{main{padding:0}.verdict{background:none}details{display:block}}
</style>
</head>
<body>
<main>
<header>
<h1>${esc(options.title ?? L.title)}</h1>
<section class="verdict" aria-label="${esc(L.verdict)}">
<p><span class="risk">${esc(L.risk[verdict.risk])}</span> · <span class="score">${esc(L.score)} ${verdict.score.toFixed(3)}</span></p>
<p class="summary">${esc(verdict.summary)}</p>
</section>
${coverageItems ? `<section class="coverage" aria-label="${esc(L.coverage)}"><h2>${esc(L.coverage)}</h2><ul>${coverageItems}</ul></section>` : ''}
</header>
<section><h2>${esc(L.signals)}</h2>
${verdict.signals.length ? `<table><thead><tr><th scope="col">${esc(L.finding)}</th><th scope="col">${esc(L.code)}</th><th scope="col">${esc(L.weight)}</th><th scope="col">${esc(L.strengthHeader)}</th></tr></thead><tbody>${signalRows}</tbody></table>` : `<p>${esc(L.noSignals)}</p>`}
</section>
${claim ? `<section><h2>${esc(L.claimImage)}</h2><div class="claim"><img src="${claim.uri}" alt="${esc(L.claimImage)}">${overlay}</div></section>` : ''}
${artifactFigures || catalogFigures ? `<section><h2>${esc(L.analysis)}</h2><div class="figures">${catalogFigures}${artifactFigures}</div></section>` : ''}
<section><h2>${esc(L.file)}</h2><dl>
<dt>${esc(L.format)}</dt><dd>${esc(verdict.image.format)}</dd>
<dt>${esc(L.size)}</dt><dd>${verdict.image.width} × ${verdict.image.height} px, ${verdict.image.bytes} B</dd>
<dt>SHA-256</dt><dd><code>${esc(verdict.image.sha256)}</code></dd>
<dt>claimlens</dt><dd>${esc(verdict.version)}</dd>
</dl></section>
<section><h2>${esc(L.detectors)}</h2>
<table><thead><tr><th scope="col">${esc(L.detector)}</th><th scope="col">${esc(L.statusHeader)}</th><th scope="col">ms</th><th scope="col">${esc(L.reason)}</th></tr></thead><tbody>${detectorRows}</tbody></table>
${details}
</section>
</main>
</body>
</html>
`;
}
