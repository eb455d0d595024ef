import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { SlowestFirstSequencer } from './tests/support/slowest-first-sequencer.ts';

/**
 * Tests are split into projects by where the file lives and how it is named, so a new test file joins one
 * without editing this file (README, "Test it"):
 * - `domain`: `src/domain/**` — pure rules; and `domain-london`, the same files under TZ=Europe/London.
 * - `tab`: `src/tab/**` — React components in jsdom against a mocked API.
 * - `server`: every other test beside the code under `src/` (server, graph, stand-in, cards, contract, …);
 *   `server-isolated`: those of them that mock modules, globals or timers.
 * - `integration`: `tests/*.test.ts` — the whole app across its parts.
 * - `browser`: `*.browser.test.ts` anywhere — the tab in Chromium against the whole app.
 * - `scripts`: `scripts/**` — the project's own tools (the import cycle check).
 * Run one with `npx vitest run --project domain`.
 */
const DOMAIN = 'src/domain/**/*.test.{ts,tsx}';
const BROWSER = ['src/**/*.browser.test.{ts,tsx}', 'tests/**/*.browser.test.ts'];
/** Every file that starts the whole app copies the demo school from one seeded at the start of the run. */
const DEMO_SCHOOL = 'tests/support/demo-school-template.ts';
const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * Test files under `dir` that replace modules, globals, the environment or timers (vi.mock, vi.stubGlobal,
 * vi.useFakeTimers…): they run isolated, each with modules of its own, where the other files of their kind
 * share what their worker has loaded.
 */
function filesThatMock(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.test\.tsx?$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    if (
      /\bvi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers|resetModules)\(/.test(readFileSync(path, 'utf8'))
    )
      found.push(relative(ROOT, path).split('\\').join('/'));
  }
  return found;
}
const SERVER_MOCKING = filesThatMock('src').filter(
  (f) => !f.startsWith('src/domain/') && !f.startsWith('src/tab/') && !f.includes('.browser.test.'),
);
/** The crash tests start the server dozens of times: compiled once per run rather than through tsx each time. */
const SERVER_BUNDLE = 'tests/support/server-bundle.ts';

export default defineConfig({
  plugins: [react()],
  test: {
    globals: true,
    environment: 'node',
    // Vitest's default is one worker fewer than the cores: one worker on a two-core CI machine, which then runs
    // every file in turn while the browser, crash and whole-app tests mostly wait on Chromium, a child server
    // or HTTP. Two workers there keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: SlowestFirstSequencer },
    // Browser tests start the whole app and Chromium: give them room, keep unit tests fast.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { TZ: process.env.TZ ?? 'UTC' },
    // Benchmarks belong to the server project alone, so `vitest bench` runs each once.
    benchmark: { include: [] },
    projects: [
      // Pure rules (no I/O, clock, environment or mocks): the files share a worker and its loaded modules
      // instead of each starting a fresh one: starting and loading took eight times as long as the tests.
      { extends: true, test: { name: 'domain', include: [DOMAIN], isolate: false } },
      {
        // The date rules again where the school is: any slip between UTC and London time shows here.
        extends: true,
        test: { name: 'domain-london', include: [DOMAIN], env: { TZ: 'Europe/London' }, isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'tab',
          include: ['src/tab/**/*.test.{ts,tsx}'],
          // Fluent UI forms in jsdom are slow on a shared two-core machine (a dialog test can take 20 s there):
          // room to finish, not a speed target.
          testTimeout: 60_000,
          exclude: [...configDefaults.exclude, ...BROWSER],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, 'src/domain/**', 'src/tab/**', ...BROWSER, ...SERVER_MOCKING],
          globalSetup: [DEMO_SCHOOL],
          benchmark: { include: ['bench/**/*.bench.ts', 'src/**/*.bench.ts'] },
          // The files of a worker share its loaded modules instead of loading them again per file (93 files:
          // 107 s isolated, 61 s not, on a loaded two-core machine); files that mock run isolated (below).
          isolate: false,
        },
      },
      ...(SERVER_MOCKING.length > 0
        ? [
            {
              extends: true as const,
              test: { name: 'server-isolated', include: SERVER_MOCKING, globalSetup: [DEMO_SCHOOL] },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...BROWSER],
          globalSetup: [DEMO_SCHOOL, SERVER_BUNDLE],
          // Each file starts its own app on its own port and database, and mocks no module: the files of a worker
          // share the loaded app code instead of loading it again per file, which took as long as the tests
          // (13 of these files: 118 s with isolation, 55 s without, on a loaded two-core machine).
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: BROWSER, globalSetup: [DEMO_SCHOOL] },
      },
      { extends: true, test: { name: 'scripts', include: ['scripts/**/*.test.ts'] } },
    ],
  },
});
