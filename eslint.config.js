// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';
import { readdirSync } from 'node:fs';

/** Import boundaries between the parts of src (see README, "Folders"). */
const zones = [
  // The domain is pure: it imports nothing else in src.
  { target: './src/domain', from: './src', except: ['./domain'], message: 'src/domain is pure: it imports nothing else in src.' },
  // Graph adapters may use the domain, nothing else.
  { target: './src/graph', from: './src', except: ['./graph', './domain'], message: 'src/graph may import src/domain only.' },
  // Cards are pure builders over domain types.
  { target: './src/cards', from: './src', except: ['./cards', './domain'], message: 'src/cards may import src/domain only.' },
  // The contract between tab and server: request bodies (zod) and answers, over domain types only.
  { target: './src/contract', from: './src', except: ['./contract', './domain'], message: 'src/contract may import src/domain only: the tab and the server both import it.' },
  // The tab talks to our server over HTTP only.
  { target: './src/tab', from: './src/graph', message: 'The tab never reads Graph: it calls our server.' },
  { target: './src/tab', from: './src/server', message: 'The tab calls the server over HTTP, it does not import it.' },
  { target: './src/tab', from: './src/local365', message: 'The tab does not know about the local stand-in.' },
  // The stand-in is Microsoft 365: it knows nothing of the app.
  { target: './src/local365', from: './src', except: ['./local365'], message: 'src/local365 stands in for Microsoft 365 and imports nothing of the app.' },
  // Shared pieces of the tab (components, data helpers, test helpers) know no feature and not the app.
  ...['./src/tab/components', './src/tab/api', './src/tab/testing', './src/tab/auth', './src/tab/host'].map((target) => ({
    target,
    from: './src/tab/features',
    message: 'Shared parts of the tab import no feature: features and the app import them.',
  })),
  ...tabFeatureZones(),
];

/**
 * Each tab feature stands alone: it may not import another feature (as bulletproof-react lays a React app
 * out, https://github.com/alan2207/bulletproof-react/blob/master/docs/project-structure.md). The app (and the
 * shell, which composes pages) puts features together; what two features share goes in src/tab/components,
 * or src/tab/api for data helpers.
 */
function tabFeatureZones() {
  const root = new URL('./src/tab/features/', import.meta.url);
  const features = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'shell')
    .map((entry) => entry.name);
  return features.map((feature) => ({
    target: `./src/tab/features/${feature}`,
    from: './src/tab/features',
    except: [`./${feature}`],
    message: `A tab feature does not import another: compose them in src/tab/app, or lift what is shared into src/tab/components (src/tab/api for data).`,
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', '.data/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-restricted-paths': ['error', { zones }],
      // Import cycles are found by scripts/check-import-cycles.ts (`npm run lint` runs it after ESLint) over the
      // whole import graph at once: import/no-cycle walked it again for every file, four times the lint's time.
      'import/no-default-export': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'The domain reads no environment.' }, { name: 'fetch', message: 'The domain does no I/O.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "The domain has no clock: take 'today' as an argument." },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "The domain has no clock: take 'today' as an argument." },
      ],
    },
  },
  {
    files: ['src/tab/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    files: ['*.config.ts', '*.config.js', 'eslint.config.js'],
    rules: { 'import/no-default-export': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts', '**/*.bench.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
