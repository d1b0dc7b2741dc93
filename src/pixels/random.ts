/**
 * A small deterministic pseudo-random generator for kernels that sample (the BRIEF pattern, RANSAC): the same seed
 * gives the same sequence on every platform, so results are reproducible run to run. The fixture generators draw
 * from the same generator (fixtures/generate/render.ts `rng`).
 */

/** 32-bit unsigned integers from a 32-bit seed: mulberry32 (Tommy Ettinger's public-domain 32-bit generator). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Uniform numbers in (0, 1), never exactly 0 or 1, from a 32-bit seed (mulberry32). */
export function seededUniform(seed: number): () => number {
  const next = mulberry32(seed);
  return () => (next() + 0.5) / 4294967296;
}
