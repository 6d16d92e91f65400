import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Apps share code only through libs/ (the @contracts and @platform aliases); no app imports
// another app. The embedded launcher and the tests are the only places that know every app.
// Which context of an app may import which is checked by dependency-cruiser
// (.dependency-cruiser.cjs, `npm run lint:deps`, run by `npm run lint`).
const appBoundary = (app) => ({
  files: [`apps/${app}/**/*.ts`],
  // specs and their test kits start the real neighbours (e.g. the sandbox behind the system layer)
  ignores: ['**/*.spec.ts', '**/testing/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['**/apps/**', '../../*/src/**', '../../../*/src/**'], message: 'Apps never import each other: move shared code to libs/.' },
          { group: ['**/libs/**'], message: 'Import libs through their alias (@contracts, @platform).' },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', '.dist-e2e-*/**', 'node_modules/**', 'coverage/**', 'bench/**', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...['experience-apis', 'process-apis', 'system-apis', 'sandbox'].map(appBoundary),
  {
    // the operations console's page script runs in the browser, beside uPlot's
    files: ['apps/experience-apis/console/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, uPlot: 'readonly' } },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'Libs never import apps.' }] }] },
  },
);
