/**
 * Seeded mutations of image files for the robustness fuzzer: bit flips, truncation, corrupted segment lengths,
 * duplicated markers, EXIF IFD loops and out-of-range offsets, oversized XMP, corrupted JUMBF boxes, huge declared
 * dimensions and polyglots. Every mutation is a pure function of (bytes, random generator).
 */
import { rng } from '../../fixtures/generate/render';

/** A uniform random generator in [0, 1). */
export type Rand = () => number;

/** Seeded generator (mulberry32, shared with the fixture renderer). */
export const seeded = rng;

const int = (r: Rand, n: number): number => Math.floor(r() * n);

function findAll(b: Uint8Array, pattern: number[], limit = 64): number[] {
  const out: number[] = [];
  for (let i = 0; i + pattern.length <= b.length && out.length < limit; i++) {
    let ok = true;
    for (let j = 0; j < pattern.length; j++) if (b[i + j] !== pattern[j]) { ok = false; break; }
    if (ok) out.push(i);
  }
  return out;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** One named mutation. */
export interface Mutation {
  name: string;
  apply(b: Uint8Array, r: Rand): Uint8Array;
}

/** The mutation catalogue. */
export const MUTATIONS: Mutation[] = [
  {
    name: 'bit-flips',
    apply(b, r) {
      const out = Uint8Array.from(b);
      const n = 1 + int(r, 16);
      for (let i = 0; i < n; i++) out[int(r, out.length)] ^= 1 << int(r, 8);
      return out;
    },
  },
  {
    name: 'truncate',
    apply: (b, r) => b.slice(0, int(r, b.length)),
  },
  {
    name: 'segment-length',
    // Overwrite a JPEG marker length, PNG chunk length or RIFF/box size with an extreme value.
    apply(b, r) {
      const out = Uint8Array.from(b);
      const spots = [...findAll(b, [0xff, 0xe1]), ...findAll(b, [0xff, 0xdb]), ...findAll(b, [0xff, 0xc0]), ...findAll(b, [0xff, 0xda]), ...findAll(b, ascii('IDAT')).map((i) => i - 4), ...findAll(b, ascii('tEXt')).map((i) => i - 4), ...findAll(b, ascii('VP8')).map((i) => i + 4)];
      if (spots.length === 0) return out;
      const at = spots[int(r, spots.length)] + 2;
      const vals = [0, 1, 2, 0xff, 0xffff, 0x7fffffff & 0xffff];
      const v = vals[int(r, vals.length)];
      if (at + 1 < out.length) {
        out[at] = (v >> 8) & 0xff;
        out[at + 1] = v & 0xff;
      }
      return out;
    },
  },
  {
    name: 'duplicate-markers',
    apply(b, r) {
      const spots = findAll(b, [0xff, 0xe1]).concat(findAll(b, [0xff, 0xdb]), findAll(b, [0xff, 0xc0]));
      if (spots.length === 0) return Uint8Array.from(b);
      const at = spots[int(r, spots.length)];
      const len = Math.min(b.length - at, 4 + int(r, 600));
      const seg = b.slice(at, at + len);
      const reps = 1 + int(r, 50);
      const parts = [b.slice(0, at)];
      for (let i = 0; i < reps; i++) parts.push(seg);
      parts.push(b.slice(at));
      return concat(parts);
    },
  },
  {
    name: 'exif-ifd-loop',
    // Point an IFD's next-IFD offset back at itself, or at the end of the world.
    apply(b, r) {
      const out = Uint8Array.from(b);
      const tiff = [...findAll(b, [0x49, 0x49, 0x2a, 0x00]), ...findAll(b, [0x4d, 0x4d, 0x00, 0x2a])];
      if (tiff.length === 0) return out;
      const t = tiff[int(r, tiff.length)];
      const le = out[t] === 0x49;
      const rd32 = (o: number): number => (le ? out[o] | (out[o + 1] << 8) | (out[o + 2] << 16) | (out[o + 3] << 24) : (out[o] << 24) | (out[o + 1] << 16) | (out[o + 2] << 8) | out[o + 3]) >>> 0;
      const wr32 = (o: number, v: number): void => {
        for (let k = 0; k < 4; k++) out[o + (le ? k : 3 - k)] = (v >>> (8 * k)) & 0xff;
      };
      if (t + 8 > out.length) return out;
      const ifd0 = rd32(t + 4);
      const count = t + ifd0 + 2 <= out.length ? (le ? out[t + ifd0] | (out[t + ifd0 + 1] << 8) : (out[t + ifd0] << 8) | out[t + ifd0 + 1]) : 0;
      const nextAt = t + ifd0 + 2 + count * 12;
      const choice = int(r, 3);
      if (choice === 0 && nextAt + 4 <= out.length) wr32(nextAt, ifd0); // loop to itself
      else if (choice === 1) wr32(t + 4, 0xfffffff0); // IFD0 far outside
      else if (t + ifd0 + 2 + 12 <= out.length) {
        // first entry: huge count with an out-of-range offset
        const e = t + ifd0 + 2;
        wr32(e + 4, 0x7fffffff);
        wr32(e + 8, 0xfffffff0);
      }
      return out;
    },
  },
  {
    name: 'oversized-xmp',
    // Insert a large XMP packet (JPEG APP1 chain or PNG iTXt) full of nested elements.
    apply(b, r) {
      const size = 10_000 + int(r, 3_000_000);
      const body = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${'<rdf:Description>'.repeat(Math.min(5000, size / 64))}${'A'.repeat(size)}</rdf:RDF></x:xmpmeta>`;
      const text = new TextEncoder().encode(body);
      if (b[0] === 0xff && b[1] === 0xd8) {
        const id = new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0');
        const segs: Uint8Array[] = [b.slice(0, 2)];
        for (let o = 0; o < text.length; o += 60000) {
          const part = text.subarray(o, o + 60000);
          const len = part.length + id.length + 2;
          segs.push(Uint8Array.from([0xff, 0xe1, (len >> 8) & 0xff, len & 0xff]), id, part);
        }
        segs.push(b.slice(2));
        return concat(segs);
      }
      return concat([b, text]);
    },
  },
  {
    name: 'corrupt-jumbf',
    // Damage bytes inside a JUMBF superbox ('jumb'/'jumd'), where C2PA manifests live.
    apply(b, r) {
      const out = Uint8Array.from(b);
      const spots = findAll(b, ascii('jumb')).concat(findAll(b, ascii('jumd')), findAll(b, ascii('c2pa')));
      if (spots.length === 0) return out;
      for (let k = 0; k < 1 + int(r, 8); k++) {
        const at = spots[int(r, spots.length)] - 4 + int(r, 64);
        if (at >= 0 && at < out.length) out[at] = int(r, 256);
      }
      return out;
    },
  },
  {
    name: 'huge-dimensions',
    // Declare 65500×65500 (JPEG SOF) or 50000×50000 (PNG IHDR) while keeping the data small.
    apply(b) {
      const out = Uint8Array.from(b);
      for (const sof of [0xc0, 0xc1, 0xc2]) {
        for (const at of findAll(b, [0xff, sof], 4)) {
          if (at + 9 < out.length) {
            out[at + 5] = 0xff; out[at + 6] = 0xdc; out[at + 7] = 0xff; out[at + 8] = 0xdc;
          }
        }
      }
      const ihdr = findAll(b, ascii('IHDR'), 1)[0];
      if (ihdr !== undefined && ihdr + 12 < out.length) {
        const w = 50000;
        for (const o of [ihdr + 4, ihdr + 8]) { out[o] = 0; out[o + 1] = (w >> 16) & 0xff; out[o + 2] = (w >> 8) & 0xff; out[o + 3] = w & 0xff; }
      }
      return out;
    },
  },
  {
    name: 'polyglot',
    // Another file appended or prepended: ZIP, HTML, a second image.
    apply(b, r) {
      const extras = [new TextEncoder().encode('<html><script>alert(1)</script></html>'), Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array(200).fill(0)]), b.slice(0, Math.min(b.length, 4096))];
      const x = extras[int(r, extras.length)];
      return r() < 0.8 ? concat([b, x]) : concat([x, b]);
    },
  },
];

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Apply 1–3 random mutations; returns the bytes and the names applied. */
export function mutate(b: Uint8Array, r: Rand): { bytes: Uint8Array; applied: string[] } {
  let out = b;
  const applied: string[] = [];
  const n = 1 + int(r, 3);
  for (let i = 0; i < n; i++) {
    const m = MUTATIONS[int(r, MUTATIONS.length)];
    out = m.apply(out, r);
    applied.push(m.name);
  }
  return { bytes: out, applied };
}
