import { defineConfig } from 'tsup';

// The library ships as ESM and CommonJS with types; the CLI is ESM only (it is run, not imported).
// Dependencies stay external: sharp is native and the C2PA module loads its own .wasm file.
export default defineConfig([
  {
    // `claimlens` and `claimlens/pool` (worker-thread pool for batch use).
    entry: { index: 'src/index.ts', pool: 'src/pool.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node18',
    // Keep `import()` of the ESM-only C2PA package as a real dynamic import in the CJS build.
    esbuildOptions(options) {
      options.supported = { ...options.supported, 'dynamic-import': true };
    },
    shims: true,
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node18',
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // Worker threads, ESM only: src/bench/pool.ts starts dist/worker.js and src/workers/thread-pool.ts starts
    // dist/pool-worker.js, each next to the bundle it is part of (CJS callers start the same ESM files).
    entry: { worker: 'src/bench/worker.ts', 'pool-worker': 'src/workers/pool-worker.ts' },
    format: ['esm'],
    target: 'node18',
    sourcemap: true,
  },
]);
