// One SWC configuration for the build and for jest, so tests run the code the build emits.
// SWC (not tsc) compiles because it keeps decorator metadata for Nest's DI, rewrites the
// @contracts/@platform aliases to relative ESM paths, and builds the whole repo in about a second.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function swcOptions({ sourceMaps = true } = {}) {
  return {
    sourceMaps,
    module: { type: 'es6', resolveFully: true },
    jsc: {
      target: 'es2022',
      baseUrl: repoRoot,
      paths: {
        '@contracts': ['libs/contracts/src/index.ts'],
        '@platform': ['libs/platform/src/index.ts'],
      },
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  };
}
