import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

// The library entries: `claimlens`, `claimlens/pool` (worker-thread pool) and `claimlens/bench` (fixture-set runner).
const library = { index: 'src/index.ts', pool: 'src/pool.ts', bench: 'src/bench.ts' };

/**
 * image-q is bundled rather than installed (issue 17 §2): its package depends on `@types/node@16.9.1`, which npm
 * hoists into every consumer's node_modules, where TypeScript 5 picks it up automatically and a `Buffer` stops being
 * a `Uint8Array` (TS2345 on the README's first example). Bundled, it brings no types along; its MIT notice ships in
 * dist/licenses/. Everything else stays external: sharp is native and the C2PA module loads its own .wasm file.
 */
const bundled = ['image-q'];

/** Copy the licence of every bundled package next to the bundle (the MIT terms require the notice with copies). */
function copyBundledLicences(): void {
  const require = createRequire(import.meta.url);
  mkdirSync('dist/licenses', { recursive: true });
  for (const name of bundled) {
    // image-q's `exports` hide its package.json: walk up from its entry to the folder that holds the licence.
    let dir = dirname(require.resolve(name));
    while (!existsSync(join(dir, 'LICENSE')) && dirname(dir) !== dir) dir = dirname(dir);
    copyFileSync(join(dir, 'LICENSE'), `dist/licenses/${name}.txt`);
  }
}

const common: Options = {
  target: 'node20',
  noExternal: bundled,
  // No source maps: the output is not minified (names and code read as written), and maps were 65 % of the unpacked
  // package with their sources, still 39 % without them (issue 17 §5; sizes in CHANGELOG.md).
  sourcemap: false,
  esbuildOptions(options) {
    // Keep `import()` of the ESM-only C2PA package as a real dynamic import in the CJS build.
    options.supported = { ...options.supported, 'dynamic-import': true };
  },
};

export default defineConfig([
  {
    // ESM: the library entries, the CLI and the worker-thread entries in one build, so that code splitting puts the
    // library code in shared chunks once. The workers (src/bench/pool.ts starts worker.js, src/workers/thread-pool.ts
    // starts pool-worker.js, next to the chunk they are part of) are ESM only; CJS callers start the same files.
    // dist/cli.js keeps the `#!/usr/bin/env node` line of src/cli/main.ts.
    ...common,
    entry: { ...library, cli: 'src/cli/main.ts', worker: 'src/bench/worker.ts', 'pool-worker': 'src/workers/pool-worker.ts' },
    format: ['esm'],
    splitting: true,
    clean: true,
    onSuccess: async () => copyBundledLicences(),
  },
  {
    // CommonJS for `require('claimlens')`, `claimlens/pool` and `claimlens/bench`, split the same way so the three
    // entries share one copy of the library code. `treeshake` makes tsup split through rollup, which keeps the
    // `import()` of the ESM-only C2PA package; its default CJS splitting (sucrase) turns it into a `require()`.
    ...common,
    entry: library,
    format: ['cjs'],
    splitting: true,
    treeshake: true,
    shims: true,
  },
  {
    // Declarations only: one rollup-plugin-dts run writes both the .d.ts (import) and the .d.cts (require) files.
    entry: library,
    format: ['esm', 'cjs'],
    dts: { only: true },
  },
]);
