/**
 * The one harness for `kill -9` tests: SENCO Hub's server as a child process (`src/server/main.ts`, compiled
 * once per run by tests/support/server-bundle.ts, or run through tsx where no setup compiled it) serving the
 * local stand-in itself, so SharePoint, Outlook and the Bot Connector (SQLite)
 * keep what was committed and the server loses everything else. A test starts it, arms a kill point (the
 * stand-in's crash switch: LOCAL365_CRASH_SWITCH=1, then `crash` in PUT /local365/faults kills the process as
 * the Nth matching write arrives, `before` it is applied or `after`), or kills it at a moment of its own, and
 * starts it again on the same database to check what survived.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGraphConnection, type GraphConnection } from '../../src/graph/graph-client.ts';
import type { FaultSettings } from '../../src/local365/faults.ts';
import { parseConfig } from '../../src/server/config.ts';
import { copyDemoSchool, freePort } from './test-app.ts';
import { inject } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What the server prints once the API serves SharePoint's records (src/server/main.ts). */
const READY_LINE = 'SEND records ready';

export type ExitedHow = NodeJS.Signals | number | null;

/** The newest change to a file under `dir`. */
function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * How to run the server: the run's compiled `main.mjs` (tests/support/server-bundle.ts), waited for if it is
 * still being built; `src/server/main.ts` through tsx where no setup builds one, or where a source file has
 * changed since (`vitest` watching), so a test never runs yesterday's server.
 */
async function serverCommand(timeoutMs = 120_000): Promise<string[]> {
  const throughTsx = ['--import', 'tsx', 'src/server/main.ts'];
  const dir = inject('serverBundleDir');
  if (!dir) return throughTsx;
  const until = Date.now() + timeoutMs;
  while (!existsSync(dir)) {
    if (Date.now() > until) throw new Error(`The server was not compiled within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const failed = join(dir, 'failed.txt');
  if (existsSync(failed)) throw new Error(`Compiling the server failed:\n${readFileSync(failed, 'utf8')}`);
  const main = join(dir, 'main.mjs');
  if (newestChange(join(ROOT, 'src')) > statSync(main).mtimeMs) return throughTsx;
  return ['--enable-source-maps', main];
}

export type CrashServerOptions = {
  /** Names the temp directory, e.g. 'sen-change'. */
  name: string;
  /** More environment for every start (LOCAL365_CLOCK_START, REMINDERS_INTERVAL_MINUTES, AUDIT_JOURNAL…). */
  env?: (dir: string) => Record<string, string>;
  /**
   * 'copy' (default): the run's seeded demo school copied in place (tests/support/demo-school-template.ts).
   * 'seed': the first start seeds its own (for a clock of its own, or to test the seeding).
   */
  school?: 'copy' | 'seed';
  /** Default true: the stand-in honours `crash` in PUT /local365/faults. */
  crashSwitch?: boolean;
  /** How long a start may take. Default 180 s. */
  startTimeoutMs?: number;
};

export type CrashServer = Awaited<ReturnType<typeof createCrashServer>>;

export async function createCrashServer(options: CrashServerOptions) {
  const dir = mkdtempSync(join(tmpdir(), `sencohub-${options.name}-crash-`));
  const dbPath = join(dir, 'local365.sqlite');
  if ((options.school ?? 'copy') === 'copy') await copyDemoSchool(dbPath);
  const command = await serverCommand();
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  /** The process while it runs. */
  let current: { child: ChildProcess; exited: Promise<ExitedHow> } | undefined;
  /** The last process started, running or not: how it ended is asked after it has. */
  let last: { child: ChildProcess; exited: Promise<ExitedHow> } | undefined;
  let output = '';

  async function start(): Promise<void> {
    if (current) throw new Error('The crash-test server is running already');
    output = '';
    const child = spawn(process.execPath, command, {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        LOCAL365_DB: dbPath,
        ...((options.crashSwitch ?? true) ? { LOCAL365_CRASH_SWITCH: '1' } : {}),
        ...options.env?.(dir),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<ExitedHow>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 40_000) output = output.slice(-20_000);
    };
    current = { child, exited };
    last = current;
    void exited.then(() => {
      if (current?.child === child) current = undefined;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The server did not get ready:\n${output}`)),
        options.startTimeoutMs ?? 180_000,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        keep(chunk);
        if (output.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr.on('data', keep);
      void exited.then((how) => {
        clearTimeout(timer);
        reject(new Error(`The server exited (${String(how)}) before it was ready:\n${output}`));
      });
    });
  }

  function lastStarted() {
    if (!last) throw new Error('The crash-test server has not been started');
    return last;
  }

  async function tokenFor(body: Record<string, unknown>): Promise<string> {
    const res = await fetch(`${baseUrl}/local365/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`token ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  async function setFaults(settings: FaultSettings): Promise<void> {
    const res = await fetch(`${baseUrl}/local365/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(settings),
    });
    if (res.status !== 200) throw new Error(`PUT /local365/faults ${res.status}: ${await res.text()}`);
  }

  return {
    dir,
    dbPath,
    port,
    baseUrl,
    start,
    /** Starts the server unless it is running. */
    async ensureStarted(): Promise<void> {
      if (!current) await start();
    },
    get isRunning() {
      return current !== undefined;
    },
    /** What the current (or last) process printed. */
    output: () => output,
    /** The last process started, e.g. to kill it at a moment of the test's own. */
    child: () => lastStarted().child,
    /** Resolves with how the last process started ended (a signal, or an exit code). */
    exited: (): Promise<ExitedHow> => lastStarted().exited,
    /** Waits for the process to end, at most `ms`: 'alive' if it has not. */
    async exitedWithin(ms: number): Promise<ExitedHow | 'alive'> {
      const { exited } = lastStarted();
      let timer: NodeJS.Timeout | undefined;
      const how = await Promise.race([
        exited,
        new Promise<'alive'>((resolve) => (timer = setTimeout(() => resolve('alive'), ms))),
      ]);
      clearTimeout(timer);
      return how;
    },
    /** kill -9: no shutdown, no flush. */
    async kill(): Promise<void> {
      if (!current) return;
      const { child, exited } = current;
      child.kill('SIGKILL');
      await exited;
    },
    setFaults,
    /** Arms the crash switch: the `atRequest`-th matching write kills the server (see FaultSettings). */
    crashAt: (crash: NonNullable<FaultSettings['crash']>) => setFaults({ crash }),
    tokenFor,
    /** A token for our API as a demo user. */
    userToken: (upn: string) => tokenFor({ upn }),
    /** The server's own app-only Graph connection to the stand-in, as in production. */
    graph(): GraphConnection {
      const config = parseConfig({ PORT: String(port) });
      return createGraphConnection({
        root: config.graphRoot,
        getToken: () =>
          tokenFor({
            grant_type: 'client_credentials',
            client_id: config.clientId,
            scope: 'https://graph.microsoft.com/.default',
          }),
      });
    },
    /** Our API with a bearer token; the body read as JSON (undefined when there is none). */
    async api<T = Record<string, unknown>>(
      token: string,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<{ status: number; body: T }> {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    /** Kills the server if it runs and removes its directory. */
    async dispose(): Promise<void> {
      if (current) {
        current.child.kill('SIGKILL');
        await current.exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
