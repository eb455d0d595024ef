/**
 * Vitest global setup for the crash tests (tests/support/crash-server.ts), which start SENCO Hub's server as a
 * child process dozens of times a run: compiles `src/server/main.ts` and the project code it imports into one
 * JavaScript file once per run (esbuild, the compiler tsx uses too; packages stay in node_modules), so each
 * start runs plain `node` on it instead of compiling every module through tsx's loader again. That halves the
 * time a restart takes; the code run is the same.
 *
 * Every `import.meta.url` in the project's files keeps naming the file it is written in (the stand-in reads
 * files beside its modules); main.ts keeps its own, so its "run as the program" check and its path to the
 * built tab hold: the bundle sits two folders below the root, as main.ts does.
 *
 * Built in the background: runs that start no crash server do not wait for it (serverBundle() does).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder that appears once the server is built, holding `main.mjs` (or `failed.txt` saying why not). */
    serverBundleDir: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'src', 'server', 'main.ts');

type Shared = { dir: string; users: number; done: Promise<void> };
const holder = globalThis as { __sencoHubServerBundle?: Shared };

/** Builds into a folder of its own and renames it to `dir` whole: no start sees half a bundle. */
async function bundle(dir: string): Promise<void> {
  const { build } = await import('esbuild');
  const building = `${dir}.building`;
  await build({
    entryPoints: [MAIN],
    outfile: join(building, 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Stack traces in the server's output name the source files (node --enable-source-maps).
    sourcemap: 'linked',
    logLevel: 'silent',
    plugins: [
      {
        name: 'import-meta-url-of-each-file',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            const contents =
              args.path === MAIN
                ? source
                : source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
            return { contents, loader: 'ts' };
          });
        },
      },
    ],
  });
  renameSync(building, dir);
}

export function setup(project: TestProject): void {
  let shared = holder.__sencoHubServerBundle;
  if (!shared) {
    // Two folders below the root, as src/server/main.ts is.
    const dir = join(ROOT, 'test-results', `server-bundle-${process.pid}`);
    for (const old of [dir, `${dir}.building`]) rmSync(old, { recursive: true, force: true });
    const done = bundle(dir).catch((err: unknown) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'failed.txt'), err instanceof Error ? (err.stack ?? err.message) : String(err));
    });
    shared = holder.__sencoHubServerBundle = { dir, users: 0, done };
  }
  shared.users += 1;
  project.provide('serverBundleDir', shared.dir);
}

export async function teardown(): Promise<void> {
  const shared = holder.__sencoHubServerBundle;
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  delete holder.__sencoHubServerBundle;
  await shared.done;
  rmSync(shared.dir, { recursive: true, force: true });
}
