// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

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
];

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
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-restricted-paths': ['error', { zones }],
      // Cycles are among our own modules; walking node_modules too made this a third of the lint's time.
      'import/no-cycle': ['error', { ignoreExternal: true }],
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
