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
 * serves) and, with DATABASE_URL set, only when KRING_BROWSER_TESTS=all.
 */
const browserSpecsHere = !process.env.DATABASE_URL || process.env.KRING_BROWSER_TESTS === 'all';

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(browserSpecsHere ? [] : ['<rootDir>/test/browser[^/]*\\.e2e-spec\\.ts$'])],
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60_000,
  maxWorkers: 1,
};
