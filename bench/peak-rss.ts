/**
 * Peak resident memory of one inspection, in a fresh process: the 12 MP synthetic JPEG (or a file given as the first
 * argument) with every default detector. Prints one JSON line: the RSS after loading the library and the process's
 * peak RSS (getrusage maxRSS) after the inspection, in MiB.
 *
 *   npx tsx bench/peak-rss.ts [file]
 */
import { readFileSync } from 'node:fs';
import { createInspector } from '../src/inspector';
import { twelveMegapixelJpeg } from './lib';

const file = process.argv[2];
const bytes = file ? readFileSync(file) : await twelveMegapixelJpeg();
const inspector = createInspector();
const idleMiB = Math.round(process.memoryUsage.rss() / 2 ** 20);
const t0 = performance.now();
const v = await inspector.inspect(bytes);
const ms = Math.round(performance.now() - t0);
const peakMiB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify({ file: file ?? 'synthetic-12mp.jpg', megapixels: Math.round((v.image.width * v.image.height) / 1e4) / 100, ms, idleMiB, peakMiB, statuses: v.detectors.map((d) => `${d.name}:${d.status}`) })}\n`);
