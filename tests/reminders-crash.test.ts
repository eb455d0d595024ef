/**
 * `kill -9` between claiming a reminder and posting it: the server runs as a child process serving the stand-in
 * (so SharePoint and the Bot Connector, in SQLite, keep what was committed), and the stand-in's crash switch kills
 * it once its claim in the Reminder Log is stored and before the claim's answer comes back — before the post. On
 * restart the claim, unsent and older than REMINDERS_STALE_CLAIM_MINUTES (0 here), is taken over and posted once;
 * every other reminder of the day is posted once too. Then `kill -9` after the Bot Connector accepted a post and
 * before "sent" is stored: on restart the post is found in the channel (read back from Teams) and recorded, not
 * posted again.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGraphConnection } from '../src/graph/graph-client.ts';
import { createReminderLog, type ReminderLogEntry } from '../src/graph/reminder-log.ts';
import { findListIds, findSiteId } from '../src/graph/site.ts';
import { REMINDER_LOG_LIST } from '../src/graph/reminder-log-list.ts';
import { SENCO_HUB_SITE_PATH } from '../src/local365/local365.ts';
import { DEFAULT_DEMO_SEED, generateDemoSchool } from '../src/local365/seed/demo-school.ts';
import { parseConfig } from '../src/server/config.ts';
import { freePort } from './support/test-app.ts';

/** Monday 7 December 2026, 07:40 in England (GMT): after the default posting time, digest day. */
const CLOCK_START = '2026-12-07T07:40:00Z';
const dir = mkdtempSync(join(tmpdir(), 'sencohub-reminders-crash-'));
const dbPath = join(dir, 'local365.sqlite');
let port: number;
let baseUrl: string;
let server:
  { child: ChildProcess; exited: Promise<NodeJS.Signals | number | null>; output: () => string } | undefined;
const school = generateDemoSchool({ seed: DEFAULT_DEMO_SEED, today: CLOCK_START.slice(0, 10) });

async function startServer(clockStart = CLOCK_START): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      LOCAL365_DB: dbPath,
      LOCAL365_CRASH_SWITCH: '1',
      LOCAL365_CLOCK_START: clockStart,
      REMINDERS_INTERVAL_MINUTES: '1',
      REMINDERS_STALE_CLAIM_MINUTES: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not get ready:\n${output}`)), 180_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 20_000) output = output.slice(-10_000);
      if (output.includes('SEND records ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${String(how)}) before it was ready:\n${output}`));
    });
  });
  server = { child, exited, output: () => output };
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

function graph() {
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
}

async function reminderLog() {
  const connection = graph();
  const siteId = await findSiteId({
    connection,
    siteUrl: `https://${school.tenant.sharePointHostname}${SENCO_HUB_SITE_PATH}`,
  });
  const ids = await findListIds({ connection, siteId, lists: [REMINDER_LOG_LIST] });
  return { siteId, listId: ids.reminderLog, log: createReminderLog({ connection, siteId }) };
}

async function waitUntil<T>(read: () => Promise<T | undefined>, what: string, ms = 150_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  port = await freePort();
  baseUrl = `http://localhost:${port}`;
  await startServer();
}, 240_000);

afterAll(async () => {
  server?.child.kill('SIGKILL');
  await server?.exited;
  rmSync(dir, { recursive: true, force: true });
});

it('a server killed after claiming a reminder and before posting it: after restart it is posted once, and so is every other', async () => {
  const senco = school.staff.find((s) => s.appRoles.includes('Senco'))!;
  const team = school.staffTeam;
  const sendChannel = team.channels.find((c) => c.displayName === 'SEND')!;

  // The SENCO adds the bot to the staff team (Teams grants what its manifest asks and tells the bot), and
  // chooses the SEND channel.
  const install = await fetch(`${baseUrl}/local365/teams/${team.groupId}/bot`, {
    method: 'POST',
    headers: { Accept: 'application/json' },
  });
  expect(install.status, await install.clone().text()).toBeLessThan(300);
  const token = await tokenFor({ upn: senco.upn });
  const current = await fetch(`${baseUrl}/api/settings`, { headers: { Authorization: `Bearer ${token}` } });
  expect(current.status).toBe(200);
  const { settings, eTag } = (await current.json()) as { settings: Record<string, unknown>; eTag: string };
  const saved = await fetch(`${baseUrl}/api/settings`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': eTag },
    body: JSON.stringify({
      settings: {
        ...settings,
        reminders: {
          digestWeekday: 1,
          postTime: '07:30',
          channel: { teamId: team.groupId, channelId: sendChannel.id },
        },
      },
    }),
  });
  expect(saved.status, await saved.clone().text()).toBe(200);

  // The settings screen now shows the bot in the chosen team.
  const where = await waitUntil(
    async () => {
      const res = await fetch(`${baseUrl}/api/settings/reminders-channel`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as {
        botInstalled: boolean;
        teams: { teamId: string; channels: { id: string }[] }[];
      };
      return body.botInstalled ? body : undefined;
    },
    'the bot installed in the staff team',
    20_000,
  );
  expect(where.teams.find((t) => t.teamId === team.groupId)?.channels.map((c) => c.id)).toContain(
    sendChannel.id,
  );

  // Killed as the first claim is stored, before its answer: before anything is posted.
  const { siteId, listId } = await reminderLog();
  const armed = await fetch(`${baseUrl}/local365/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      crash: {
        atRequest: 1,
        when: 'after',
        method: 'POST',
        pathPrefixes: [`/sites/${siteId}/lists/${listId}/items`],
      },
    }),
  });
  expect(armed.status).toBe(200);
  // The scheduler runs every minute.
  const how = await Promise.race([server!.exited, new Promise((r) => setTimeout(() => r('alive'), 90_000))]);
  expect(how, server!.output()).toBe('SIGKILL');
  server = undefined;

  const posts = () => {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db
        .prepare('SELECT id FROM connector_activities WHERE conversation_id = ?')
        .all(sendChannel.id) as {
        id: string;
      }[];
    } finally {
      db.close();
    }
  };
  expect(posts()).toEqual([]);

  await startServer();
  const { log: after } = await reminderLog();
  const settled = await waitUntil(async () => {
    const entries = await after.all();
    return entries.length > 1 && entries.every((e) => e.status === 'sent') ? entries : undefined;
  }, 'every reminder of the day posted');
  const sent: ReminderLogEntry[] = settled;
  // Exactly one post per reminder, each the one the log names; the crashed claim was taken over once.
  const stored = posts();
  expect(stored.length).toBe(sent.length);
  expect(new Set(stored.map((p) => p.id))).toEqual(new Set(sent.map((e) => e.messageId)));
  expect(sent.filter((e) => e.attempts === 2)).toHaveLength(1);
  expect(sent.map((e) => e.key)).toContain('weekly-digest|school|2026-12-07');
}, 400_000);

it('a server killed after Teams accepted a post and before "sent" was stored: after restart that post is not made again', async () => {
  const senco = school.staff.find((s) => s.appRoles.includes('Senco'))!;
  const sendChannel = school.staffTeam.channels.find((c) => c.displayName === 'SEND')!;
  const token = await tokenFor({ upn: senco.upn });
  // A week later, posting at 07:41: the first run after the restart (07:40) finds nothing to post yet.
  const current = await fetch(`${baseUrl}/api/settings`, { headers: { Authorization: `Bearer ${token}` } });
  const { settings, eTag } = (await current.json()) as {
    settings: { reminders: Record<string, unknown> } & Record<string, unknown>;
    eTag: string;
  };
  const saved = await fetch(`${baseUrl}/api/settings`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': eTag },
    body: JSON.stringify({
      settings: { ...settings, reminders: { ...settings.reminders, postTime: '07:41' } },
    }),
  });
  expect(saved.status, await saved.clone().text()).toBe(200);
  server!.child.kill('SIGKILL');
  await server!.exited;

  await startServer('2026-12-14T07:40:00Z');
  const { siteId, listId, log } = await reminderLog();
  const earlier = new Set((await log.all()).flatMap((e) => (e.messageId ? [e.messageId] : [])));
  const sentBefore = earlier.size;
  // Killed as the first "sent" is about to be stored: the connector has accepted that post.
  const armed = await fetch(`${baseUrl}/local365/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      crash: {
        atRequest: 1,
        when: 'before',
        method: 'PATCH',
        pathPrefixes: [`/sites/${siteId}/lists/${listId}/items`],
      },
    }),
  });
  expect(armed.status).toBe(200);
  const how = await Promise.race([server!.exited, new Promise((r) => setTimeout(() => r('alive'), 120_000))]);
  expect(how, server!.output()).toBe('SIGKILL');
  server = undefined;

  const postsNow = () => {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db
        .prepare('SELECT id FROM connector_activities WHERE conversation_id = ?')
        .all(sendChannel.id) as { id: string }[];
    } finally {
      db.close();
    }
  };
  const accepted = postsNow().filter((p) => !earlier.has(p.id));
  expect(accepted).toHaveLength(1);

  await startServer('2026-12-14T07:45:00Z');
  const { log: after } = await reminderLog();
  const settled = await waitUntil(async () => {
    const entries = await after.all();
    return entries.length > sentBefore + 1 && entries.every((e) => e.status === 'sent') ? entries : undefined;
  }, 'every reminder of the day posted');
  const stored = postsNow();
  expect(stored.length).toBe(settled.length);
  expect(new Set(stored.map((p) => p.id))).toEqual(new Set(settled.map((e) => e.messageId)));
  expect(settled.map((e) => e.key)).toContain('weekly-digest|school|2026-12-14');
  // The post accepted before the kill is the one recorded: taken over, found in the channel, not posted again.
  const recorded = settled.find((e) => e.messageId === accepted[0]!.id);
  expect(recorded?.attempts).toBe(1);
}, 400_000);
