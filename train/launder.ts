/**
 * Runs the sharp laundering chains of one split (the cv2 ones ran in train/generate.py): resize with libvips
 * kernels, screenshot-like padding with UI bars, JPEG (libjpeg-turbo or mozjpeg, 4:2:0 or 4:4:4), WebP, PNG.
 * The edit mask follows every geometric step, so window labels are exact in the delivered photo.
 *
 * Run: npx tsx train/launder.ts <split>   (reads $EDITS_DATA/gen/<split>/jobs.jsonl)
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { dataDir, readJobs, type Job, type Step } from './jobs';

/** Status-bar and navigation-bar furniture of a phone screenshot, as an SVG over the padded canvas. */
function uiSvg(w: number, h: number, s: Extract<Step, { op: 'pad' }>): string {
  let seed = s.seed;
  const r = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const fg = s.color.reduce((a, c) => a + c, 0) > 384 ? '#222' : '#eee';
  const parts: string[] = [];
  // Clock, icons and a title: text-like rectangles in the top bar.
  parts.push(`<rect x="${12 + r() * 8}" y="${s.top * 0.3}" width="${30 + r() * 20}" height="${s.top * 0.35}" rx="3" fill="${fg}"/>`);
  for (let i = 0; i < 3; i++) parts.push(`<rect x="${w - 20 - i * 18 - r() * 4}" y="${s.top * 0.3}" width="12" height="${s.top * 0.35}" rx="2" fill="${fg}"/>`);
  if (s.bottom > 30) {
    const y = h - s.bottom;
    parts.push(`<rect x="${w * 0.1}" y="${y + s.bottom * 0.25}" width="${w * (0.5 + r() * 0.3)}" height="${s.bottom * 0.3}" rx="${s.bottom * 0.15}" fill="${fg}" fill-opacity="0.25"/>`);
    parts.push(`<circle cx="${w * 0.88}" cy="${y + s.bottom * 0.4}" r="${s.bottom * 0.18}" fill="${fg}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${parts.join('')}</svg>`;
}

interface Frame {
  rgb: Buffer;
  mask: Buffer;
  w: number;
  h: number;
}

async function runChain(job: Job, dir: string): Promise<void> {
  const pre = await sharp(join(dir, job.pre!)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const mask = await sharp(join(dir, job.preMask!)).greyscale().raw().toBuffer();
  let f: Frame = { rgb: pre.data, mask, w: pre.info.width, h: pre.info.height };
  let out: Buffer | null = null;
  const raw = (b: Buffer, w: number, h: number, c: 1 | 3) => sharp(b, { raw: { width: w, height: h, channels: c } });
  for (const st of job.chain.steps) {
    switch (st.op) {
      case 'resize': {
        const rgb = await raw(f.rgb, f.w, f.h, 3).resize(st.w, st.h, { fit: 'fill', kernel: st.kernel }).raw().toBuffer();
        // libvips turns a one-band raw input into sRGB on output: take the band back.
        const m = await raw(f.mask, f.w, f.h, 1).resize(st.w, st.h, { fit: 'fill', kernel: 'linear' }).extractChannel(0).raw().toBuffer();
        f = { rgb, mask: m, w: st.w, h: st.h };
        break;
      }
      case 'pad': {
        const w = f.w + st.left + st.right, h = f.h + st.top + st.bottom;
        const background = { r: st.color[0], g: st.color[1], b: st.color[2] };
        const rgb = await raw(f.rgb, f.w, f.h, 3)
          .extend({ top: st.top, bottom: st.bottom, left: st.left, right: st.right, background })
          .png()
          .toBuffer();
        const withUi = await sharp(rgb).composite([{ input: Buffer.from(uiSvg(w, h, st)), left: 0, top: 0 }]).removeAlpha().raw().toBuffer();
        const m = await raw(f.mask, f.w, f.h, 1).extend({ top: st.top, bottom: st.bottom, left: st.left, right: st.right, background: { r: 0, g: 0, b: 0 } }).extractChannel(0).raw().toBuffer();
        f = { rgb: withUi, mask: m, w, h };
        break;
      }
      case 'jpeg':
      case 'webp':
      case 'png': {
        const p = raw(f.rgb, f.w, f.h, 3);
        out =
          st.op === 'jpeg'
            ? await p.jpeg({ quality: st.q, chromaSubsampling: st.sub === '444' ? '4:4:4' : '4:2:0', mozjpeg: st.moz }).toBuffer()
            : st.op === 'webp'
              ? await p.webp({ quality: st.q }).toBuffer()
              : await p.png({ compressionLevel: 6 }).toBuffer();
        const back = await sharp(out).removeAlpha().raw().toBuffer();
        f = { ...f, rgb: back };
        break;
      }
    }
  }
  if (!out) throw new Error(`${job.id}: the chain does not end with an encode`);
  await writeFile(join(dir, job.file), out);
  if (f.mask.length !== f.w * f.h) throw new Error(`${job.id}: mask has ${f.mask.length} bytes for ${f.w}×${f.h}`);
  await writeFile(join(dir, job.mask), await sharp(f.mask, { raw: { width: f.w, height: f.h, channels: 1 } }).png().toBuffer());
}

async function main(): Promise<void> {
  const split = process.argv[2];
  const dir = join(dataDir(), 'gen', split);
  const jobs = readJobs(readFileSync(join(dir, 'jobs.jsonl'), 'utf8')).filter((j) => j.chain.engine === 'sharp');
  sharp.concurrency(1);
  const t0 = performance.now();
  for (const [i, j] of jobs.entries()) {
    await runChain(j, dir);
    if (i % 200 === 199 || i === jobs.length - 1) process.stdout.write(`launder ${split}: ${i + 1}/${jobs.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
}

void main();
