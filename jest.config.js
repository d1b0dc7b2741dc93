/**
 * Jest runs the TypeScript sources as ESM through ts-jest, with real sharp, exifr and C2PA, in two projects:
 * - `unit`: the fast, pure tests — kernels (test/pixels), container walks (test/formats), the loader, options,
 *   fusion and messages — chosen by folder so new tests there join it (`npm run test:unit`, under a minute);
 * - `integration`: everything else (detectors on fixtures and the corpus, the CLI as a process, the pool, fuzz,
 *   Chromium). `npm test` runs both.
 */
const UNIT_FOLDERS = ['pixels', 'formats', 'loader', 'options', 'fusion', 'messages'];

const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['<rootDir>/test/support/transform.cjs', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }] },
};

const unitMatch = [
  `<rootDir>/test/{${UNIT_FOLDERS.join(',')}}/**/*.test.ts`,
  // The single-file suites of the same areas (test/options.test.ts, test/fusion.test.ts, test/messages.test.ts).
  `<rootDir>/test/{${UNIT_FOLDERS.join(',')}}.test.ts`,
];

export default {
  testTimeout: 60000,
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', testMatch: unitMatch },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', `/test/(${UNIT_FOLDERS.join('|')})(/|\\.test\\.ts$)`],
    },
  ],
};
