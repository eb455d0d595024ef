import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGraphConnection, type GraphConnection } from '../../src/graph/graph-client.ts';
import { parseConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/main.ts';
import type { SiteRole } from '../../src/local365/sharepoint/site-permissions.ts';
import { inject } from 'vitest';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The stand-in's database with the demo school seeded and its SEND records loaded, made once per run by
 * tests/support/demo-school-template.ts; undefined where no project setup made one.
 */
async function demoSchoolTemplate(timeoutMs = 180_000): Promise<string | undefined> {
  const dir = inject('demoSchoolTemplateDir');
  if (!dir) return undefined;
  const db = join(dir, 'local365.sqlite');
  const failed = join(dir, 'failed.txt');
  const until = Date.now() + timeoutMs;
  while (!existsSync(db)) {
    if (existsSync(failed))
      throw new Error(`Seeding the demo school for the tests failed:\n${readFileSync(failed, 'utf8')}`);
    if (Date.now() > until) throw new Error(`The demo school was not seeded within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return db;
}

/**
 * For a test that starts the server itself (in a child process, to kill it): puts a copy of the run's seeded
 * demo school at `dbPath`, so the first start skips the loading. False where there is none to copy.
 */
export async function copyDemoSchool(dbPath: string): Promise<boolean> {
  const template = await demoSchoolTemplate();
  if (template) copyFileSync(template, dbPath);
  return template !== undefined;
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * The whole app in local mode on a free port, with its own database in a temporary folder. That database starts
 * as a copy of the demo school seeded once for the run (the same school and records a first start loads), so
 * starting skips the loading; `fresh: true` seeds and loads it from nothing, for tests of that loading. Any
 * `env` also means fresh: settings such as LOCAL365_DB or LOCAL365_SCHOOL_SIZE decide what is seeded.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { fresh?: boolean; now?: () => Date } = {},
) {
  const template = options.fresh || Object.keys(env).length > 0 ? undefined : await demoSchoolTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'sencohub-test-'));
  if (template) copyFileSync(template, join(dir, 'local365.sqlite'));
  const port = await freePort();
  const dbPath = env['LOCAL365_DB'] ?? join(dir, 'local365.sqlite');
  const config = parseConfig({ PORT: String(port), LOCAL365_DB: dbPath, ...env });
  // `now`: one clock for the server and the stand-in, for tests that move time on (tokens running out).
  const running = await startServer(config, options.now ? { now: options.now } : {});
  const baseUrl = `http://localhost:${port}`;

  async function token(body: Record<string, unknown>): Promise<string> {
    const res = await fetch(`${baseUrl}/local365/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`token ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  return {
    baseUrl,
    config,
    /** The stand-in's database file. */
    dbPath,
    running,
    local365: running.local365!,
    /** A token for our API as a demo user. */
    userToken: (upn: string) => token({ upn }),
    /** The server's own app-only Graph connection, as in production. */
    appGraph(retry?: { maxRetries?: number; delaySeconds?: number }): GraphConnection {
      return createGraphConnection({
        root: config.graphRoot,
        getToken: () =>
          token({
            grant_type: 'client_credentials',
            client_id: config.clientId,
            scope: 'https://graph.microsoft.com/.default',
          }),
        ...(retry ? { retry } : {}),
      });
    },
    /**
     * As a school's SharePoint admin does (POST /sites/{id}/permissions): grants the app `roles` on the site at
     * `serverRelativePath`, e.g. '/sites/5b-willow'. With Sites.Selected the app can reach no other site.
     */
    grantSite(serverRelativePath: string, roles: readonly SiteRole[] = ['fullcontrol']): string {
      const local365 = running.local365!;
      const site = local365.sharePoint
        .listSites()
        .find((s) => s.serverRelativePath.toLowerCase() === serverRelativePath.toLowerCase());
      if (!site) throw new Error(`No site at ${serverRelativePath}`);
      local365.sharePoint.grantApp(site.id, { id: config.clientId, displayName: 'SENCO Hub' }, roles);
      return site.id;
    },
    /** A delegated Graph connection for a demo user (for /me). */
    userGraph(upn: string): GraphConnection {
      return createGraphConnection({
        root: config.graphRoot,
        getToken: () => token({ upn, scope: 'https://graph.microsoft.com/.default' }),
      });
    },
    async stop() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
