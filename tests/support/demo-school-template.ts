/**
 * Vitest global setup: seeds the demo school once per run, the way the app does on first start (directory,
 * sites, provisioning and the $batch import of its SEND records), and hands the stand-in's database file to the
 * test files. `startTestApp()` copies it, so each file still gets its own app and database but skips the
 * loading — the slow part of starting. Files that test the loading itself ask for `{ fresh: true }`.
 *
 * The seeding runs in the background: tests that never start the app (most of them) do not wait for it, and
 * `startTestApp()` waits for the file to appear (demoSchoolTemplate in test-app.ts).
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder where `local365.sqlite` appears once seeded (or `failed.txt` saying why not). */
    demoSchoolTemplateDir: string;
  }
}

type Shared = { dir: string; users: number; done: Promise<void> };
// Several projects name this setup; they run in one process, and share one seeded school.
const holder = globalThis as { __sencoHubDemoSchoolTemplate?: Shared };

async function seed(dir: string): Promise<void> {
  const { startTestApp } = await import('./test-app.ts');
  const app = await startTestApp({}, { fresh: true });
  const appDir = dirname(app.dbPath);
  try {
    await app.running.ready;
  } finally {
    await app.running.close();
  }
  // Closed, the database is one file again (no WAL); renamed into place whole, so no reader sees half of it.
  renameSync(app.dbPath, join(dir, 'local365.sqlite'));
  rmSync(appDir, { recursive: true, force: true });
}

export function setup(project: TestProject): void {
  let shared = holder.__sencoHubDemoSchoolTemplate;
  if (!shared) {
    const dir = mkdtempSync(join(tmpdir(), 'sencohub-demo-school-'));
    const done = seed(dir).catch((err: unknown) => {
      writeFileSync(join(dir, 'failed.txt'), err instanceof Error ? (err.stack ?? err.message) : String(err));
    });
    shared = holder.__sencoHubDemoSchoolTemplate = { dir, users: 0, done };
  }
  shared.users += 1;
  project.provide('demoSchoolTemplateDir', shared.dir);
}

/** Called once per project that named this setup; the last one removes the seeded school. */
export async function teardown(): Promise<void> {
  const shared = holder.__sencoHubDemoSchoolTemplate;
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  delete holder.__sencoHubDemoSchoolTemplate;
  await shared.done;
  rmSync(shared.dir, { recursive: true, force: true });
}
