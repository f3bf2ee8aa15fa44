// ESLint (flat config): `npm run lint`, also the first stage of `npm test`.
// typescript-eslint's recommended set (not type-checked, so it stays fast), the React hooks rules,
// and import zones that hold the folder rules of docs/architecture.md.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const root = path.dirname(fileURLToPath(import.meta.url));

// One zone per feature folder, read from disk, so a new feature is covered without editing this file.
const features = readdirSync(path.join(root, 'src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** "folder may import only these folders of src/" as a zone (`except` is relative to `from`). */
const onlyFrom = (folder, allowed, why) => ({
  target: `./src/${folder}`,
  from: './src',
  except: [folder, ...allowed].map((name) => `./${name}`),
  message: why,
});

const zones = [
  onlyFrom('core', [], 'core/ is pure TypeScript and imports nothing else from src/.'),
  onlyFrom('lib', ['core'], 'lib/ imports only core/.'),
  onlyFrom('stores', ['core', 'lib'], 'stores/ import only core/ and lib/.'),
  onlyFrom('components', ['core', 'lib'], 'components/ are presentational: they import only core/, lib/ and components/ (actions come in as props).'),
  {
    target: './src/hooks',
    from: ['./src/features', './src/app'],
    message: 'hooks/ never import features/ or app/.',
  },
  {
    target: './src/mqtt',
    from: ['./src/features', './src/hooks', './src/components', './src/app'],
    message: 'mqtt/ never imports features/, hooks/, components/ or app/.',
  },
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'A feature never imports another feature; move the shared piece to components/, hooks/, lib/ or core/, and let app/ compose features.',
  })),
  {
    target: './src',
    from: ['./e2e', './bench', './dev', './scripts'],
    message: 'The app never imports test, benchmark, dev or script code.',
  },
];

export default defineConfig(
  // src/mqtt/decoders/gen/: protobuf code generated from proto/ (npm run gen:proto), not edited by hand.
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.tmp/', 'bench/results/', 'src/mqtt/decoders/gen/'] },
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.json', '.d.ts'] }),
      ],
    },
    rules: {
      // A leading underscore marks a binding as deliberately unused (`const { id: _id, ...rest } = w`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
    },
  },
  {
    // React code only: Playwright fixtures also call a function named `use`.
    // The plugin's React Compiler rules (refs, purity, set-state-in-effect, …) are not enabled.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/mqtt/worker.ts'],
    languageOptions: { globals: globals.worker },
  },
  {
    files: ['e2e/**', 'scripts/**', 'bench/**', 'dev/**', '*.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Test and benchmark harness code: Playwright requires a destructuring pattern for a fixture's
    // first argument (`async ({}, use) => …`), and the harness reads ad-hoc globals the page
    // installs (window.__bench…) inside page.evaluate and untyped IPC/CDP messages.
    files: ['e2e/**', 'bench/**'],
    rules: {
      'no-empty-pattern': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
