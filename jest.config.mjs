import { swcOptions } from './scripts/swc-options.mjs';

// NestJS 12 ships ES modules only, so jest runs in its ESM mode (--experimental-vm-modules,
// set by `npm test`) and SWC compiles TypeScript with the same options as the build.
// Node 20 loads these ESM-only packages through require(esm) (e.g. @fastify/static, which
// serves /docs, requires content-disposition 3); jest's runtime can't before Node 24.9, so
// they are compiled to CommonJS for the tests only.
const esmOnlyRequired = ['content-disposition', 'cookie', 'file-type'];
const transform = {
  '^.+\\.ts$': ['@swc/jest', { ...swcOptions(), swcrc: false }],
  [`node_modules/(${esmOnlyRequired.join('|')})/.+\\.js$`]: ['@swc/jest', { swcrc: false, module: { type: 'commonjs' } }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyRequired.join('|')})/)`],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  // End-to-end suites start four apps (and PGlite) in beforeAll; 5 s is too short on 2 cores.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/support/retry-in-ci.ts'] },
  ],
};
