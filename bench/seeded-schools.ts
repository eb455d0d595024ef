/**
 * The generated schools the benchmarks run on: seeded once per size (the app imports every record through
 * Graph, which takes a while at 20,000 pupils) and kept in `.data/bench/`, then copied for each run so a run
 * never changes the school the next one starts from.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './app-process.ts';
import { freePort } from './http.ts';

/** Where the seeded schools (and the reminder scan's prepared school) are kept. */
export const BENCH_CACHE = join(fileURLToPath(new URL('..', import.meta.url)), '.data', 'bench');

/** The seeded school of `size` pupils; `seconds` says how long seeding took when this call had to seed it. */
export async function seededSchool(size: number): Promise<{ path: string; seconds?: number }> {
  const path = join(BENCH_CACHE, `school-${size}.sqlite`);
  if (existsSync(path)) return { path };
  mkdirSync(BENCH_CACHE, { recursive: true });
  console.log(`Seeding a school of ${size} pupils (once; kept in ${path})…`);
  const started = performance.now();
  const app = await startApp({
    port: await freePort(),
    dbPath: path,
    schoolSize: size,
    timeoutMs: 60 * 60_000,
  });
  await app.stop();
  return { path, seconds: Math.round((performance.now() - started) / 1000) };
}

/** A copy of a school's database (with its WAL) in a new temporary folder, for one run to use. */
export function copyOfSchool(path: string, prefix = 'sencohub-bench-'): string {
  const copy = join(mkdtempSync(join(tmpdir(), prefix)), 'local365.sqlite');
  for (const suffix of ['', '-wal', '-shm'])
    if (existsSync(path + suffix)) copyFileSync(path + suffix, copy + suffix);
  return copy;
}
