import { readdirSync } from 'node:fs';

/** Jest in ESM mode (every @nestjs/* 12 package is ESM-only), compiled by SWC with decorator metadata. */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/**
 * The browser specs (test/browser*.e2e-spec.ts) drive the client in Chromium, and through it the same
 * API that the e2e specs hold on both databases; which database serves it changes nothing they test,
 * and they are most of the suite's time. So they run with the embedded database (what `npm start`
 * serves) and, with DATABASE_URL set, only when KRING_BROWSER_TESTS=all. KRING_BROWSER_SHARE=k/n
 * keeps every n-th of them by name, starting at the k-th: .ci/run gives each of its two side-by-side
 * runs one half, so neither waits on the other.
 */
const browserSpecsHere = !process.env.DATABASE_URL || process.env.KRING_BROWSER_TESTS === 'all';
const browserSpecs = readdirSync(new URL('./test/', import.meta.url))
  .filter((name) => /^browser[^/]*\.e2e-spec\.ts$/.test(name))
  .sort();

function browserSpecsLeftOut() {
  if (!browserSpecsHere) {
    return ['<rootDir>/test/browser[^/]*\\.e2e-spec\\.ts$'];
  }
  const share = process.env.KRING_BROWSER_SHARE;
  if (!share) {
    return [];
  }
  const match = /^(\d+)\/(\d+)$/.exec(share);
  const [part, parts] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (part < 1 || part > parts) {
    throw new Error(`KRING_BROWSER_SHARE must be k/n with 1 <= k <= n, not "${share}"`);
  }
  return browserSpecs
    .filter((_, index) => index % parts !== part - 1)
    .map((name) => `<rootDir>/test/${name.replaceAll('.', '\\.')}$`);
}

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...browserSpecsLeftOut()],
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60_000,
  maxWorkers: 1,
};
