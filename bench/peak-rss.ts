/**
 * Peak resident memory of one inspection, in a fresh process: the 12 MP synthetic JPEG (or a file given as the first
 * argument) with every default detector. Prints one JSON line: the RSS after loading the library and the process's
 * peak RSS (VmHWM; getrusage maxRSS where /proc is missing) after the inspection, in MiB.
 *
 *   npx tsx bench/peak-rss.ts [file]
 */
import { existsSync, readFileSync } from 'node:fs';
import { createInspector } from '../src/inspector';
import { twelveMegapixelJpeg } from './lib';

const file = process.argv[2];
const bytes = file ? readFileSync(file) : await twelveMegapixelJpeg();
const inspector = createInspector();
const idleMiB = Math.round(process.memoryUsage.rss() / 2 ** 20);
const t0 = performance.now();
const v = await inspector.inspect(bytes);
const ms = Math.round(performance.now() - t0);
/**
 * The process's own peak: VmHWM of /proc/self/status on Linux (the high-water mark of this address space).
 * getrusage's maxRSS is not usable in a child: Linux carries the parent's peak across fork + exec into it (a child of
 * the throughput bench reported 826 MiB for what measures 288 MiB alone).
 */
function peakRssMiB(): number {
  if (existsSync('/proc/self/status')) {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
const peakMiB = peakRssMiB();
process.stdout.write(`${JSON.stringify({ file: file ?? 'synthetic-12mp.jpg', megapixels: Math.round((v.image.width * v.image.height) / 1e4) / 100, ms, idleMiB, peakMiB, statuses: v.detectors.map((d) => `${d.name}:${d.status}`) })}\n`);
