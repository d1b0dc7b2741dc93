/**
 * Offline search for the rule that turns the edits model's logit map into the reported region, over the maps of the
 * validation split dumped by train/region-maps.ts (refuses any other split: tuning happens there only). Prototypes
 * of each idea — the shipped rule of earlier versions with other margins, thresholds relative to the photo's own
 * logits (median + k·MAD, a quantile, a margin below the peak) over a smoothed or raw map with components chosen by
 * mass, peak or size, and a box from the weighted centroid and spread of the excess — and the rule shipped in
 * src/detectors/edits/region.ts (`shipped`), each scored by the median IoU of its box with the edit's box, the share
 * of edits at IoU ≥ 0.3 / 0.5 and the median share of the photo the box covers. docs/edits.md "Localisation
 * (eighth session)" has the results.
 *
 * Run: npx tsx train/region-tune.ts val [name filter]   (SWEEP=2: the finer sweep around the chosen quantile)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iou, quantile, type Box } from '../src/bench/metrics';
import { EDITS_WEIGHTS } from '../src/detectors/edits/weights';
import { regionOf } from '../src/detectors/edits/region';
import type { WindowFeatures } from '../src/detectors/edits/features';
import { dataDir } from './jobs';
import type { RegionMap } from './region-maps';

interface Rule {
  name: string;
  run: (m: RegionMap) => Box | null;
}

const med = (xs: number[]): number => quantile(xs, 0.5);

/** Box mean of the valid logits over a (2r+1)² neighbourhood. */
function smooth(m: RegionMap, r: number): Float64Array {
  const { cols, rows, logits, valid } = m;
  const out = new Float64Array(cols * rows).fill(NaN);
  for (let y = 0; y < rows; y++) for (let x = 0; x < cols; x++) {
    if (!valid[y * cols + x]) continue;
    let s = 0, n = 0;
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
      const u = x + dx, v = y + dy;
      if (u < 0 || v < 0 || u >= cols || v >= rows) continue;
      const j = v * cols + u;
      if (!valid[j]) continue;
      s += logits[j];
      n++;
    }
    out[y * cols + x] = s / n;
  }
  return out;
}

function boxOf(m: RegionMap, x0: number, y0: number, x1: number, y1: number, mode: 'windows' | 'cells'): Box {
  let bx0: number, by0: number, bx1: number, by1: number;
  if (mode === 'windows') {
    bx0 = m.origin + x0 * m.stride; by0 = m.origin + y0 * m.stride;
    bx1 = m.origin + x1 * m.stride + m.size; by1 = m.origin + y1 * m.stride + m.size;
  } else {
    const c = m.origin + m.size / 2;
    bx0 = c + (x0 - 0.5) * m.stride; by0 = c + (y0 - 0.5) * m.stride;
    bx1 = c + (x1 + 0.5) * m.stride; by1 = c + (y1 + 0.5) * m.stride;
  }
  bx0 = Math.max(0, bx0); by0 = Math.max(0, by0); bx1 = Math.min(m.width, bx1); by1 = Math.min(m.height, by1);
  return { x: bx0, y: by0, width: Math.max(1, bx1 - bx0), height: Math.max(1, by1 - by0) };
}

/** The shipped rule (analyse.ts before this change). */
export function current(drop: number, floor0: boolean, mode: 'windows' | 'cells' = 'windows'): Rule {
  return {
    name: `current drop=${drop} floor0=${floor0} ${mode}`,
    run: (m) => {
      const { logits, valid } = m;
      let best = -1;
      for (let i = 0; i < logits.length; i++) if (valid[i] && (best < 0 || logits[i] > logits[best])) best = i;
      const peak = logits[best];
      const floor = floor0 ? Math.min(peak, Math.max(0, peak - drop)) : peak - drop;
      return flood(m, logits, best, floor, false, mode).box;
    },
  };
}

function flood(m: RegionMap, s: ArrayLike<number>, seed: number, floor: number, eight: boolean, mode: 'windows' | 'cells', seen = new Uint8Array(s.length)): { box: Box; mass: number; count: number; peak: number } {
  const { cols, rows, valid } = m;
  const stack = [seed];
  seen[seed] = 1;
  let x0 = cols, y0 = rows, x1 = -1, y1 = -1, mass = 0, count = 0, peak = -Infinity;
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % cols, y = (i - x) / cols;
    mass += s[i] - floor;
    count++;
    if (s[i] > peak) peak = s[i];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      if ((!dx && !dy) || (!eight && dx && dy)) continue;
      const u = x + dx, v = y + dy;
      if (u < 0 || v < 0 || u >= cols || v >= rows) continue;
      const j = v * cols + u;
      if (!seen[j] && valid[j] && s[j] >= floor) {
        seen[j] = 1;
        stack.push(j);
      }
    }
  }
  return { box: boxOf(m, x0, y0, x1, y1, mode), mass, count, peak };
}

type Thr = { kind: 'mad'; k: number } | { kind: 'q'; q: number; k?: number; abs?: number } | { kind: 'drop'; d: number };

/** Smoothed map, threshold relative to the photo's own distribution, best component by mass / peak / size. */
export function relative(r: number, thr: Thr, select: 'mass' | 'peak' | 'count', eight: boolean, mode: 'windows' | 'cells'): Rule {
  const tname = thr.kind === 'mad' ? `med+${thr.k}mad` : thr.kind === 'q' ? `q${thr.q}${thr.k !== undefined ? `|med+${thr.k}mad` : ''}${thr.abs !== undefined ? `|abs${thr.abs}` : ''}` : `peak-${thr.d}`;
  return {
    name: `rel r=${r} ${tname} ${select} ${eight ? 8 : 4} ${mode}`,
    run: (m) => {
      const s = smooth(m, r);
      const vals: number[] = [];
      let best = -1;
      for (let i = 0; i < s.length; i++) if (m.valid[i]) {
        vals.push(s[i]);
        if (best < 0 || s[i] > s[best]) best = i;
      }
      const md = med(vals);
      const mad = 1.4826 * med(vals.map((v) => Math.abs(v - md)));
      let t = thr.kind === 'mad' ? md + thr.k * mad : thr.kind === 'q' ? quantile(vals, thr.q) : s[best] - thr.d;
      if (thr.kind === 'q' && thr.k !== undefined) t = Math.max(t, md + thr.k * mad);
      if (thr.kind === 'q' && thr.abs !== undefined) t = Math.max(t, thr.abs);
      t = Math.min(t, s[best]);
      const seen = new Uint8Array(s.length);
      let out: { box: Box; mass: number; count: number; peak: number } | null = null;
      for (let i = 0; i < s.length; i++) {
        if (seen[i] || !m.valid[i] || !(s[i] >= t)) continue;
        const c = flood(m, s, i, t, eight, mode, seen);
        const key = (x: typeof c): number => (select === 'mass' ? x.mass : select === 'peak' ? x.peak : x.count);
        if (!out || key(c) > key(out)) out = c;
      }
      return out?.box ?? null;
    },
  };
}

/** Box from the weighted centroid and spread of the excess over the photo's median. */
function centroid(r: number, k: number, spread: number): Rule {
  return {
    name: `centroid r=${r} med+${k}mad ×${spread}`,
    run: (m) => {
      const s = smooth(m, r);
      const vals: number[] = [];
      for (let i = 0; i < s.length; i++) if (m.valid[i]) vals.push(s[i]);
      const md = med(vals);
      const mad = 1.4826 * med(vals.map((v) => Math.abs(v - md)));
      const t = md + k * mad;
      let W = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
      for (let i = 0; i < s.length; i++) {
        if (!m.valid[i] || !(s[i] > t)) continue;
        const w = s[i] - t, x = i % m.cols, y = (i - x) / m.cols;
        W += w; sx += w * x; sy += w * y; sxx += w * x * x; syy += w * y * y;
      }
      if (W <= 0) return null;
      const cx = sx / W, cy = sy / W, dx = Math.sqrt(Math.max(0, sxx / W - cx * cx)), dy = Math.sqrt(Math.max(0, syy / W - cy * cy));
      const c = m.origin + m.size / 2;
      const x0 = c + (cx - spread * dx - 0.5) * m.stride, x1 = c + (cx + spread * dx + 0.5) * m.stride;
      const y0 = c + (cy - spread * dy - 0.5) * m.stride, y1 = c + (cy + spread * dy + 0.5) * m.stride;
      const bx0 = Math.max(0, x0), by0 = Math.max(0, y0), bx1 = Math.min(m.width, x1), by1 = Math.min(m.height, y1);
      return { x: bx0, y: by0, width: Math.max(1, bx1 - bx0), height: Math.max(1, by1 - by0) };
    },
  };
}

/** The shipped rule (src/detectors/edits/region.ts) on a dumped map. */
export const shipped: Rule = {
  name: 'shipped region.ts',
  run: (m) => {
    const f = { cols: m.cols, rows: m.rows, stride: m.stride, origin: m.origin, size: m.size, valid: Uint8Array.from(m.valid) } as WindowFeatures;
    const r = regionOf(Float32Array.from(m.logits), f);
    return r ? { x: r.x, y: r.y, width: Math.min(r.width, m.width - r.x), height: Math.min(r.height, m.height - r.y) } : null;
  },
};

/** A reference that reads no map: a centred box of the given share of the photo (what a prior alone achieves). */
function centred(share: number): Rule {
  return {
    name: `centred box ${share}`,
    run: (m) => {
      const w = m.width * Math.sqrt(share), h = m.height * Math.sqrt(share);
      return { x: (m.width - w) / 2, y: (m.height - h) / 2, width: w, height: h };
    },
  };
}

function rules(): Rule[] {
  const out: Rule[] = [shipped, centred(0.094), centred(0.25)];
  if (process.env.SWEEP === '2') {
    out.push(current(1.5, true));
    for (const r of [0, 1]) for (const eight of [false, true]) for (const mode of ['windows', 'cells'] as const) for (const q of [0.85, 0.88, 0.9, 0.92]) {
      out.push(relative(r, { kind: 'q', q }, 'mass', eight, mode));
      for (const k of [1, 2]) out.push(relative(r, { kind: 'q', q, k }, 'mass', eight, mode));
      for (const abs of [-1, 0]) out.push(relative(r, { kind: 'q', q, abs }, 'mass', eight, mode));
    }
    return out;
  }
  for (const d of [0.5, 1, 1.5, 2, 3]) for (const f of [true, false]) out.push(current(d, f));
  out.push(current(1.5, true, 'cells'));
  for (const r of [0, 1, 2]) for (const sel of ['mass', 'peak', 'count'] as const) for (const eight of [false, true]) for (const mode of ['windows', 'cells'] as const) {
    for (const k of [0.5, 1, 1.5, 2, 2.5, 3, 4]) out.push(relative(r, { kind: 'mad', k }, sel, eight, mode));
    for (const q of [0.8, 0.9, 0.95, 0.98]) out.push(relative(r, { kind: 'q', q }, sel, eight, mode));
    for (const d of [0.5, 1, 1.5, 2]) out.push(relative(r, { kind: 'drop', d }, sel, eight, mode));
  }
  for (const r of [0, 1, 2]) for (const k of [0, 1, 2, 3]) for (const sp of [1, 1.5, 2]) out.push(centroid(r, k, sp));
  return out;
}

/** IoU summary of one rule over some maps. */
export function summarise(maps: RegionMap[], run: (m: RegionMap) => Box | null, hint: number): Record<string, number> {
  const top: number[] = [], rep: number[] = [], area: number[] = [], repFlag: number[] = [];
  for (const m of maps) {
    const b = run(m);
    const v = b ? iou(b, m.truth) : 0;
    top.push(v);
    const flagged = m.local >= hint;
    rep.push(flagged ? v : 0);
    if (flagged) repFlag.push(v);
    area.push(b ? (b.width * b.height) / (m.width * m.height) : 0);
  }
  const share = (xs: number[], t: number): number => xs.filter((x) => x >= t).length / Math.max(1, xs.length);
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    n: maps.length,
    medTop: r3(med(top)), meanTop: r3(top.reduce((a, b) => a + b, 0) / top.length), ge03: r3(share(top, 0.3)), ge05: r3(share(top, 0.5)),
    medRep: r3(med(rep)), ge03rep: r3(share(rep, 0.3)), medFlagged: r3(med(repFlag)), nFlagged: repFlag.length,
    medArea: r3(med(area)),
  };
}

export function readMaps(source: string): RegionMap[] {
  return readFileSync(join(dataDir(), 'region', `${source}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RegionMap);
}

function main(): void {
  const source = process.argv[2] ?? 'val';
  if (source !== 'val') throw new Error('tune on the validation split only');
  const filter = process.argv[3];
  const maps = readMaps(source);
  const hint = EDITS_WEIGHTS.meta.thresholds.localHint;
  const res = rules().filter((r) => !filter || r.name.includes(filter)).map((r) => ({ name: r.name, ...summarise(maps, r.run, hint) }) as { name: string; medTop: number; ge03: number });
  res.sort((a, b) => b.medTop - a.medTop || b.ge03 - a.ge03);
  for (const r of filter || process.env.ALL ? res : res.slice(0, 60)) process.stdout.write(`${JSON.stringify(r)}\n`);
  for (const r of res.filter((x) => x.name.startsWith('current'))) process.stdout.write(`${JSON.stringify(r)}\n`);
}

if (process.argv[1]?.endsWith('region-tune.ts')) main();
