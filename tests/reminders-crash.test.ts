/**
 * `kill -9` between claiming a reminder and posting it: the server runs as a child process serving the stand-in
 * (so SharePoint and the Bot Connector, in SQLite, keep what was committed), and the stand-in's crash switch kills
 * it once its claim in the Reminder Log is stored and before the claim's answer comes back — before the post. On
 * restart (the clock moved on past the claim) the claim, unsent and older than REMINDERS_STALE_CLAIM_MINUTES (0
 * here), is taken over and posted once;
 * every other reminder of the day is posted once too. Then `kill -9` after the Bot Connector accepted a post and
 * before "sent" is stored: on restart the post is found in the channel (read back from Teams) and recorded, not
 * posted again. The scheduler runs every REMINDERS_INTERVAL_SECONDS (2 here, a stand-in setting for tests), so the
 * kill comes within seconds of arming it rather than at the next whole minute.
 */
import Database from 'better-sqlite3';
import { createReminderLog, type ReminderLogEntry } from '../src/graph/reminder-log.ts';
import { findListIds, findSiteId } from '../src/graph/site.ts';
import { REMINDER_LOG_LIST } from '../src/graph/reminder-log-list.ts';
import { SENCO_HUB_SITE_PATH } from '../src/local365/local365.ts';
import { DEFAULT_DEMO_SEED, generateDemoSchool } from '../src/local365/seed/demo-school.ts';
import { createCrashServer, type CrashServer } from './support/crash-server.ts';

/** Monday 7 December 2026, 07:40 in England (GMT): after the default posting time, digest day. */
const CLOCK_START = '2026-12-07T07:40:00Z';
/** How often the scheduler runs. */
const INTERVAL_SECONDS = 2;
/** Where the stand-in's clock starts at the next start of the server. */
let clockStart = CLOCK_START;
let server: CrashServer;
let baseUrl: string;
let dbPath: string;
const school = generateDemoSchool({ seed: DEFAULT_DEMO_SEED, today: CLOCK_START.slice(0, 10) });
const tokenFor = (body: Record<string, unknown>) => server.tokenFor(body);
const graph = () => server.graph();

async function reminderLog() {
  const connection = graph();
  const siteId = await findSiteId({
    connection,
    siteUrl: `https://${school.tenant.sharePointHostname}${SENCO_HUB_SITE_PATH}`,
  });
  const ids = await findListIds({ connection, siteId, lists: [REMINDER_LOG_LIST] });
  return { siteId, listId: ids.reminderLog, log: createReminderLog({ connection, siteId }) };
}

async function waitUntil<T>(read: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  // Its own demo school, seeded on the clock's day by its first start.
  server = await createCrashServer({
    name: 'reminders',
    school: 'seed',
    env: () => ({
      LOCAL365_CLOCK_START: clockStart,
      REMINDERS_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
      REMINDERS_STALE_CLAIM_MINUTES: '0',
    }),
  });
  baseUrl = server.baseUrl;
  dbPath = server.dbPath;
  await server.start();
}, 240_000);

afterAll(async () => {
  await server?.dispose();
});

it('a server killed after claiming a reminder and before posting it: after restart it is posted once, and so is every other', async () => {
  const senco = school.staff.find((s) => s.appRoles.includes('Senco'))!;
  const team = school.staffTeam;
  const sendChannel = team.channels.find((c) => c.displayName === 'SEND')!;

  // The SENCO adds the bot to the staff team (Teams grants what its manifest asks and tells the bot).
  const install = await fetch(`${baseUrl}/local365/teams/${team.groupId}/bot`, {
    method: 'POST',
    headers: { Accept: 'application/json' },
  });
  expect(install.status, await install.clone().text()).toBeLessThan(300);
  const token = await tokenFor({ upn: senco.upn });
  const current = await fetch(`${baseUrl}/api/settings`, { headers: { Authorization: `Bearer ${token}` } });
  expect(current.status).toBe(200);
  const { settings, eTag } = (await current.json()) as { settings: Record<string, unknown>; eTag: string };

  // Killed as the first claim is stored, before its answer: before anything is posted. Armed before the SENCO
  // chooses the channel, so no run can post before it is.
  const { siteId, listId } = await reminderLog();
  await server.crashAt({
    atRequest: 1,
    when: 'after',
    method: 'POST',
    pathPrefixes: [`/sites/${siteId}/lists/${listId}/items`],
  });
  // The SENCO chooses the SEND channel.
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
  // The next run of the scheduler claims the first reminder.
  const how = await server.exitedWithin(60_000);
  expect(how, server.output()).toBe('SIGKILL');

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

  // Restarted a few minutes later on the school's clock: the claim is stale.
  clockStart = '2026-12-07T07:50:00Z';
  await server.start();
  // The settings screen shows the bot in the chosen team.
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
  // A week later, posting at 07:41: the first run after the restart (07:40:40, with 20 s for the server to get
  // ready) finds nothing to post yet.
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
  await server.kill();

  clockStart = '2026-12-14T07:40:40Z';
  await server.start();
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
  const { siteId, listId, log } = await reminderLog();
  const earlier = new Set((await log.all()).flatMap((e) => (e.messageId ? [e.messageId] : [])));
  const sentBefore = earlier.size;
  expect(
    postsNow(),
    'posted before the crash was armed: the server took over 20 s to get ready',
  ).toHaveLength(sentBefore);
  // Killed as the first "sent" is about to be stored: the connector has accepted that post.
  await server.crashAt({
    atRequest: 1,
    when: 'before',
    method: 'PATCH',
    pathPrefixes: [`/sites/${siteId}/lists/${listId}/items`],
  });
  const how = await server.exitedWithin(60_000);
  expect(how, server.output()).toBe('SIGKILL');

  const accepted = postsNow().filter((p) => !earlier.has(p.id));
  expect(accepted).toHaveLength(1);

  clockStart = '2026-12-14T07:45:00Z';
  await server.start();
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
