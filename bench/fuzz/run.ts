/**
 * The robustness fuzzer: seeded mutations of real files through `inspect` with every detector. Each input must end
 * in a Verdict or a ClaimlensError: no other exception, no unhandled rejection, no hang (per-inspection budget),
 * bounded RSS. `npm run fuzz -- --n 10000` runs the full campaign; the test suite runs a bounded number.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { createInspector } from '../../src/inspector';
import { isClaimlensError } from '../../src/errors';
import { mutate, seeded } from './mutate';

/** A seed file for mutations. */
export interface FuzzSeed {
  name: string;
  bytes: Uint8Array;
}

/** What one fuzz campaign saw. */
export interface FuzzReport {
  seed: number;
  inputs: number;
  seeds: string[];
  verdicts: number;
  typedErrors: Record<string, number>;
  /** Inputs that threw something other than a ClaimlensError (a defect). */
  crashes: { input: string; mutations: string[]; error: string }[];
  /** Inputs that exceeded the per-inspection budget (a defect). */
  hangs: { input: string; mutations: string[] }[];
  unhandledRejections: number;
  detectorErrors: Record<string, number>;
  maxMs: number;
  p95Ms: number;
  maxRssMiB: number;
  mutations: Record<string, number>;
  /** The 10 slowest inputs (their bytes are saved as slow-<i>.bin when a failures folder is given, to re-run alone). */
  slowest: { input: string; mutations: string[]; ms: number; outcome: string }[];
  /** Process RSS after every 250th input: steady growth (a leak) or a step at one input (a single costly file). */
  rss: { inputs: number; rssMiB: number; heapMiB: number }[];
}

/** Seeds made here with sharp: every format, with EXIF, XMP and text metadata to mutate. */
export async function generatedSeeds(): Promise<FuzzSeed[]> {
  const w = 160, h = 120;
  const data = Buffer.alloc(w * h * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + ((i / 480) | 0) * 3) & 0xff;
  const base = () => sharp(data, { raw: { width: w, height: h, channels: 3 } });
  const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Adobe Photoshop 25.0"/></rdf:RDF></x:xmpmeta>';
  const exif = { IFD0: { Make: 'Canon', Model: 'EOS 7D', Software: 'Firmware 1.0' }, IFD2: { DateTimeOriginal: '2026:11:05 10:00:00' } };
  return [
    { name: 'gen.jpg', bytes: await base().withExif(exif).withXmp(xmp).jpeg({ quality: 88 }).toBuffer() },
    { name: 'gen-progressive.jpg', bytes: await base().withExif(exif).jpeg({ quality: 75, progressive: true }).toBuffer() },
    { name: 'gen.png', bytes: await base().withExif(exif).withXmp(xmp).png().toBuffer() },
    { name: 'gen.webp', bytes: await base().withExif(exif).withXmp(xmp).webp({ quality: 80 }).toBuffer() },
    { name: 'gen.gif', bytes: await base().gif().toBuffer() },
    { name: 'gen.tiff', bytes: await base().withExif(exif).tiff().toBuffer() },
    { name: 'gen.avif', bytes: await base().avif({ quality: 50 }).toBuffer() },
  ];
}

/** Seeds from a folder tree (e.g. the shared corpus), image files up to `maxBytes`, at most `limit`. */
export function folderSeeds(dir: string, maxBytes = 1_500_000, limit = 60): FuzzSeed[] {
  if (!existsSync(dir)) return [];
  const out: FuzzSeed[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.(jpe?g|png|webp|gif|tiff?|avif|heic|heif)$/i.test(name) && st.size <= maxBytes && out.length < limit) out.push({ name: p.slice(dir.length + 1), bytes: readFileSync(p) });
    }
  };
  walk(dir);
  return out;
}

/** Run a campaign of `n` mutated inputs. */
export async function runFuzz(opts: { n: number; seed?: number; seeds: FuzzSeed[]; budgetMs?: number; failuresDir?: string; onProgress?: (done: number) => void }): Promise<FuzzReport> {
  const seed = opts.seed ?? 1;
  const budgetMs = opts.budgetMs ?? 30_000;
  const r = seeded(seed);
  // Detector time-outs well inside the per-inspection budget, so a slow detector shows as an error, not a hang.
  const inspector = createInspector({ detectorTimeoutMs: Math.floor(budgetMs / 3) });
  const report: FuzzReport = { seed, inputs: 0, seeds: opts.seeds.map((s) => s.name), verdicts: 0, typedErrors: {}, crashes: [], hangs: [], unhandledRejections: 0, detectorErrors: {}, maxMs: 0, p95Ms: 0, maxRssMiB: 0, mutations: {}, slowest: [], rss: [] };
  const onUnhandled = (): void => {
    report.unhandledRejections++;
  };
  process.on('unhandledRejection', onUnhandled);
  const times: number[] = [];
  try {
    for (let i = 0; i < opts.n; i++) {
      const s = opts.seeds[Math.floor(r() * opts.seeds.length)];
      const { bytes, applied } = mutate(s.bytes, r);
      for (const m of applied) report.mutations[m] = (report.mutations[m] ?? 0) + 1;
      const label = `${s.name}#${i}`;
      const t0 = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<'hang'>((resolve) => {
        timer = setTimeout(() => resolve('hang'), budgetMs);
      });
      let outcome = 'verdict';
      try {
        const out = await Promise.race([inspector.inspect(bytes), hang]);
        if (out === 'hang') {
          outcome = 'hang';
          report.hangs.push({ input: label, mutations: applied });
          await save(opts.failuresDir, `hang-${i}`, bytes);
        } else {
          report.verdicts++;
          for (const d of out.detectors) if (d.status === 'error') report.detectorErrors[d.name] = (report.detectorErrors[d.name] ?? 0) + 1;
        }
      } catch (e) {
        outcome = isClaimlensError(e) ? e.code : 'crash';
        if (isClaimlensError(e)) report.typedErrors[e.code] = (report.typedErrors[e.code] ?? 0) + 1;
        else {
          report.crashes.push({ input: label, mutations: applied, error: e instanceof Error ? e.message : String(e) });
          await save(opts.failuresDir, `crash-${i}`, bytes);
        }
      } finally {
        clearTimeout(timer);
      }
      const ms = performance.now() - t0;
      times.push(ms);
      report.maxMs = Math.max(report.maxMs, Math.round(ms));
      const mem = process.memoryUsage();
      report.maxRssMiB = Math.max(report.maxRssMiB, Math.round(mem.rss / 2 ** 20));
      report.inputs++;
      if (report.inputs % 250 === 0) report.rss.push({ inputs: report.inputs, rssMiB: Math.round(mem.rss / 2 ** 20), heapMiB: Math.round(mem.heapUsed / 2 ** 20) });
      if (report.slowest.length < 10 || ms > report.slowest[report.slowest.length - 1].ms) {
        report.slowest.push({ input: label, mutations: applied, ms: Math.round(ms), outcome });
        report.slowest.sort((a, b) => b.ms - a.ms);
        if (report.slowest.length > 10) report.slowest.pop();
        if (report.slowest.some((x) => x.input === label)) await save(opts.failuresDir, `slow-${i}`, bytes);
      }
      opts.onProgress?.(i + 1);
    }
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  times.sort((a, b) => a - b);
  report.p95Ms = Math.round(times[Math.floor(times.length * 0.95)] ?? 0);
  return report;
}

async function save(dir: string | undefined, name: string, bytes: Uint8Array): Promise<void> {
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}.bin`), bytes);
}
