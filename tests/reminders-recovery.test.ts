/**
 * What Teams already has, and what Teams says: a reminder Teams accepted but the log never recorded as sent is
 * found in the channel (read back under the team's resource-specific grant) and recorded, not posted again;
 * without the grant an attempt that died is posted again once and then given up, visibly; the bot removed or
 * the channel deleted is known the moment Teams says so, before any post fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CalendarDate } from '../src/domain/calendar-date.ts';
import { createGraphConnection } from '../src/graph/graph-client.ts';
import { createPostedReminders } from '../src/graph/channel-reminder-posts.ts';
import { createReminderLog, type ReminderLog } from '../src/graph/reminder-log.ts';
import { findSiteId } from '../src/graph/site.ts';
import {
  addBotToTeam,
  deleteTeamChannel,
  removeBotFromTeam,
} from '../src/local365/connector/team-install.ts';
import { SENCO_HUB_SITE_PATH } from '../src/local365/local365.ts';
import { parseConfig, type AppConfig } from '../src/server/config.ts';
import {
  londonInstant,
  prepareDemoReminders,
  simulatedClock,
  type SimulatedClock,
} from '../src/server/local/reminder-simulation.ts';
import { startServer } from '../src/server/main.ts';
import { createTeamsPoster } from '../src/server/reminders/channel-poster.ts';
import {
  createReminderScheduler,
  MAX_ATTEMPTS,
  type ReminderScheduler,
} from '../src/server/reminders/reminder-scheduler.ts';
import { freePort } from './support/test-app.ts';

type Running = Awaited<ReturnType<typeof startServer>>;

const dir = mkdtempSync(join(tmpdir(), 'sencohub-reminders-recovery-'));
let config: AppConfig;
let clock: SimulatedClock;
let running: Running;
let log: ReminderLog;
let graph: ReturnType<typeof createGraphConnection>;
let baseUrl: string;

async function token(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${baseUrl}/local365/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

class Killed extends Error {}

/**
 * A scheduler of another server. `dies: 'before-recording'` stands for a `kill -9` after the Bot Connector
 * accepted the post and before "sent" is stored: the log's markSent never happens, and the run stops there.
 */
function scheduler(options: { dies?: 'before-recording'; staleMinutes?: number } = {}): ReminderScheduler {
  const dyingLog: ReminderLog = {
    ...log,
    markSent: () => Promise.reject(new Killed('killed before "sent" was stored')),
  };
  return createReminderScheduler({
    now: clock.now,
    records: running.records,
    log: options.dies ? dyingLog : log,
    conversations: { list: () => running.bot.conversations() },
    poster: createTeamsPoster(running.bot.app),
    postedReminders: createPostedReminders(graph),
    bankHolidays: () => [],
    link: { teamsAppId: config.teamsAppId, publicUrl: config.publicUrl },
    staleClaimMinutes: options.staleMinutes ?? 0,
    retry: { attempts: 1, firstDelayMs: 1 },
  });
}

const channelId = () => running.records.settings().value.reminders.channel!.channelId;
const posts = () => running.local365!.connector.listActivities({ conversationId: channelId() });
const sendTeam = () => running.local365!.school.staffTeam;
const senco = () => running.local365!.school.staff.find((s) => s.appRoles.includes('Senco'))!;

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  config = parseConfig({
    PORT: String(port),
    LOCAL365_DB: join(dir, 'local365.sqlite'),
    REMINDERS_INTERVAL_MINUTES: '0',
  });
  clock = simulatedClock(londonInstant('2026-12-07' as CalendarDate, 6 * 60));
  running = await startServer(config, { now: clock.now });
  await running.ready;
  await prepareDemoReminders({
    local365: running.local365!,
    records: running.records,
    botEndpoint: `${baseUrl}/api/messages`,
    tenantId: config.tenantId,
    clientId: config.clientId,
    installed: () => running.bot.conversations(),
  });
  graph = createGraphConnection({
    root: config.graphRoot,
    getToken: () =>
      token({
        grant_type: 'client_credentials',
        client_id: config.clientId,
        scope: 'https://graph.microsoft.com/.default',
      }),
  });
  const siteId = await findSiteId({
    connection: graph,
    siteUrl: `https://${running.local365!.school.tenant.sharePointHostname}${SENCO_HUB_SITE_PATH}`,
  });
  log = createReminderLog({ connection: graph, siteId });
}, 240_000);

afterAll(async () => {
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a post Teams accepted before the server died', () => {
  it('is found in the channel and recorded as sent with that message’s id: one post, never two', async () => {
    clock.set(londonInstant('2026-12-07' as CalendarDate, 7 * 60 + 31));
    await expect(scheduler({ dies: 'before-recording' }).runOnce()).rejects.toThrow(Killed);
    const [accepted] = posts();
    expect(posts()).toHaveLength(1);
    const claimed = (await log.unsent()).filter((e) => e.status === 'claimed');
    expect(claimed).toHaveLength(1);

    const report = await scheduler().runOnce();
    expect(report.channelUnchecked).toBeUndefined();
    const entry = await log.byKey(claimed[0]!.key);
    expect(entry?.status).toBe('sent');
    expect(entry?.messageId).toBe(accepted!.id);
    expect(entry?.attempts).toBe(1);
    // Every reminder of the day once: as many posts as sent entries, each the one the log names.
    const sent = (await log.all()).filter((e) => e.status === 'sent');
    expect(sent.length).toBeGreaterThan(1);
    expect(new Set(posts().map((p) => p.id))).toEqual(new Set(sent.map((e) => e.messageId)));
    expect(posts()).toHaveLength(sent.length);
  }, 120_000);

  it('without the team’s grant to read the channel: posted again once, then given up and shown to the SENCO', async () => {
    const { connector } = running.local365!;
    const team = sendTeam();
    // The grant withdrawn (the app re-added by a route that did not consent to it).
    connector.removeFromTeam(team.groupId, config.clientId);
    connector.installInTeam(
      team.groupId,
      team.channels.map((c) => c.id),
    );
    clock.set(londonInstant('2026-12-14' as CalendarDate, 7 * 60 + 31));
    const before = posts().length;
    await expect(scheduler({ dies: 'before-recording' }).runOnce()).rejects.toThrow(Killed);
    const [claim] = (await log.unsent()).filter((e) => e.status === 'claimed');
    expect(claim).toBeDefined();
    const postsOf = () => posts().filter((p) => JSON.stringify(p.activity).includes(claim!.key));
    expect(postsOf()).toHaveLength(1);

    // The next attempt cannot look, so it posts again — once — and dies as well.
    await expect(scheduler({ dies: 'before-recording' }).runOnce()).rejects.toThrow(Killed);
    expect(postsOf()).toHaveLength(2);
    // The third cannot look either: it gives up, visibly, and posts nothing.
    const report = await scheduler().runOnce();
    expect(report.channelUnchecked).toMatch(/ChannelMessage\.Read\.Group/);
    expect(postsOf()).toHaveLength(2);
    const given = await log.byKey(claim!.key);
    expect(given?.status).toBe('failed');
    expect(given?.attempts).toBe(MAX_ATTEMPTS);
    expect((await running.reminders()!.problem())?.message).toMatch(
      /^Reminders are not reaching the channel: .*not tried again/,
    );
    // Later runs leave it alone.
    await scheduler().runOnce();
    expect(postsOf()).toHaveLength(2);
    expect(posts().length).toBeGreaterThan(before);
  }, 120_000);
});

describe('what Teams says, known at once', () => {
  async function channelAnswer() {
    const res = await fetch(`${baseUrl}/api/settings/reminders-channel`, {
      headers: { Authorization: `Bearer ${await token({ upn: senco().upn })}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { botInstalled: boolean; channelDeleted: boolean };
  }
  const who = () => ({ id: senco().id, displayName: senco().displayName });
  const common = () => ({
    botEndpoint: `${baseUrl}/api/messages`,
    connector: running.local365!.connector,
    tenantId: config.tenantId,
    team: sendTeam(),
  });

  it('the bot removed from the team, then added again: the settings and home view say so before any post', async () => {
    expect((await channelAnswer()).botInstalled).toBe(true);
    await removeBotFromTeam({ ...common(), removedBy: who(), clientId: config.clientId });
    expect((await channelAnswer()).botInstalled).toBe(false);
    expect((await running.reminders()!.problem())?.message).toMatch(/bot is not installed in the team/);
    const before = posts().length;
    clock.set(londonInstant('2026-12-15' as CalendarDate, 7 * 60 + 31));
    expect((await scheduler().runOnce()).skipped).toBe('bot-not-installed');
    expect(posts()).toHaveLength(before);

    await addBotToTeam({ ...common(), installedBy: who(), clientId: config.clientId });
    expect((await channelAnswer()).botInstalled).toBe(true);
  }, 120_000);

  it('the reminders channel deleted: known at once, and nothing is claimed or posted there', async () => {
    await deleteTeamChannel({ ...common(), channelId: channelId(), deletedBy: who() });
    const answer = await channelAnswer();
    expect(answer.channelDeleted).toBe(true);
    expect((await running.reminders()!.problem())?.message).toMatch(/channel .*was deleted/);
    const claims = (await log.all()).length;
    clock.set(londonInstant('2026-12-16' as CalendarDate, 7 * 60 + 31));
    expect((await scheduler().runOnce()).skipped).toBe('channel-deleted');
    expect((await log.all()).length).toBe(claims);
  }, 120_000);
});
