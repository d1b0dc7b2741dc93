/**
 * Nearest-neighbour matching of binary descriptors by Hamming distance (a 16-bit popcount table, two lookups per
 * word), with Lowe's ratio test (Lowe 2004, "Distinctive image features from scale-invariant keypoints", IJCV:
 * the best match must be clearly closer than the second best) and a mutual check (the match is also the best the
 * other way round).
 */

/** Set bits of every 16-bit value. */
const POPCOUNT16 = (() => {
  const t = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) t[i] = (i & 1) + t[i >>> 1];
  return t;
})();

/** Hamming distance between descriptor `i` of `a` and descriptor `j` of `b` (`words` 32-bit words each). */
export function hammingAt(a: Uint32Array, i: number, b: Uint32Array, j: number, words: number): number {
  let d = 0;
  const ia = i * words;
  const jb = j * words;
  for (let k = 0; k < words; k++) {
    const x = a[ia + k] ^ b[jb + k];
    d += POPCOUNT16[x & 0xffff] + POPCOUNT16[x >>> 16];
  }
  return d;
}

/** Matches kept by `matchDescriptors`: index into `a`, index into `b`, Hamming distance. */
export interface DescriptorMatches {
  a: Int32Array;
  b: Int32Array;
  distance: Int32Array;
  count: number;
}

/**
 * Match every descriptor of `a` (`na` of them) to its nearest in `b` (`nb`); keep a match when its distance is at
 * most `maxDistance`, below `ratio` × the second-nearest distance, and `a`'s descriptor is also the nearest to it
 * among `a`. Brute force: na × nb distances, each computed once.
 */
export function matchDescriptors(a: Uint32Array, na: number, b: Uint32Array, nb: number, words: number, ratio: number, maxDistance: number): DescriptorMatches {
  const best = new Int32Array(na).fill(-1);
  const bestD = new Int32Array(na).fill(1 << 20);
  const secondD = new Int32Array(na).fill(1 << 20);
  const back = new Int32Array(nb).fill(-1);
  const backD = new Int32Array(nb).fill(1 << 20);
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      const d = hammingAt(a, i, b, j, words);
      if (d < bestD[i]) {
        secondD[i] = bestD[i];
        bestD[i] = d;
        best[i] = j;
      } else if (d < secondD[i]) secondD[i] = d;
      if (d < backD[j]) {
        backD[j] = d;
        back[j] = i;
      }
    }
  }
  const ia: number[] = [];
  for (let i = 0; i < na; i++) {
    const j = best[i];
    if (j < 0 || bestD[i] > maxDistance || bestD[i] >= ratio * secondD[i] || back[j] !== i) continue;
    ia.push(i);
  }
  const out: DescriptorMatches = { a: new Int32Array(ia.length), b: new Int32Array(ia.length), distance: new Int32Array(ia.length), count: ia.length };
  ia.forEach((i, k) => {
    out.a[k] = i;
    out.b[k] = best[i];
    out.distance[k] = bestD[i];
  });
  return out;
}
