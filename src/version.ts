import { createRequire } from 'node:module';

/** The library version, read from package.json at load (works from src, dist/esm and dist/cjs). */
export const VERSION: string = (() => {
  try {
    const require = createRequire(import.meta.url);
    for (const p of ['../package.json', '../../package.json']) {
      try {
        const pkg = require(p) as { name?: string; version?: string };
        if (pkg.name === 'claimlens' && pkg.version) return pkg.version;
      } catch {
        // try the next location
      }
    }
  } catch {
    // fall through
  }
  return '0.0.0';
})();
