import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { inspect } from '../../src/inspector';
import { renderReport } from '../../src/report/html';
import type { Locale } from '../../src/types';

// The reviewer's report rendered in a real headless Chromium (Debian's package; .ci/run installs it when missing).
// Screenshots go to bench/out/ as artifacts to look at, not to git.
const CHROMIUM = process.env.CLAIMLENS_CHROMIUM ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) process.stderr.write(`[claimlens] Chromium not found at ${CHROMIUM}: browser report tests skipped\n`);

const demo = join(process.cwd(), 'fixtures', 'demo');
const OUT = join(process.cwd(), 'bench', 'out');

(HAS_CHROMIUM ? describe : describe.skip)('HTML report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    // Launching is a second or so; on a loaded machine much more.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: 120_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  test.each<[Locale, RegExp]>([
    ['en', /High risk|Medium risk|Low risk/],
    ['zh-CN', /高风险|中风险|低风险/],
  ])('%s report: verdict, images and signal rows are visible', async (locale, riskText) => {
    const claim = join(demo, 'claim.jpg');
    const catalog = [join(demo, 'catalog.jpg')];
    const verdict = await inspect(claim, { catalog, locale, artifacts: true });
    const html = await renderReport(verdict, { claim, catalog, locale });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent(html, { waitUntil: 'load' });
    await expect(page.locator('.risk').textContent()).resolves.toMatch(riskText);
    expect(await page.locator('.risk').isVisible()).toBe(true);
    expect(await page.locator('.summary').textContent()).toBe(verdict.summary);
    // What could be examined: four visible lines, one per evidence kind, marked as the verdict says.
    const coverage = page.locator('.coverage li');
    expect(await coverage.count()).toBe(4);
    expect(await coverage.first().isVisible()).toBe(true);
    expect(await page.locator('.coverage li.no').count()).toBe(Object.values(verdict.coverage).filter((x) => !x).length);
    const rows = page.locator('section table').first().locator('tbody tr');
    expect(await rows.count()).toBe(verdict.signals.length);
    const images = await page.locator('img').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth));
    expect(images.length).toBeGreaterThanOrEqual(2);
    expect(images.every((w) => w > 0)).toBe(true);
    expect(requests).toEqual([]);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, `report-${locale}.png`), await page.screenshot({ fullPage: true }));
    await page.close();
  }, 240_000);
});
