/**
 * Reminders into the staff channel on the demo school, on a clock the test moves: a term of school days in
 * seconds, each reminder posted on the day the rules say and exactly once — across a restart, with two
 * schedulers at once, with Graph and the Bot Connector throttling, and when the channel is deleted or the bot is
 * removed (the SENCO is told; nothing is dropped, nothing is sent twice). Every posted card is valid Adaptive
 * Card 1.5 and names no need, no diagnosis and no passport text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schemaErrors } from '../src/cards/testing/card-checks.ts';
import { addDays, type CalendarDate } from '../src/domain/calendar-date.ts';
import { BROAD_AREA_LABELS, SEN_NEEDS } from '../src/domain/needs.ts';
import { PASSPORT_CONTENT_FIELDS } from '../src/domain/passport.ts';
import { remindersDue } from '../src/domain/reminders.ts';
import { createGraphConnection } from '../src/graph/graph-client.ts';
import { createReminderLog, type ReminderLog } from '../src/graph/reminder-log.ts';
import type { SendRecords } from '../src/graph/send-records.ts';
import { findSiteId } from '../src/graph/site.ts';
import { SENCO_HUB_SITE_PATH } from '../src/local365/local365.ts';
import { parseConfig, type AppConfig } from '../src/server/config.ts';
import {
  londonInstant,
  prepareDemoReminders,
  simulatedClock,
  type SimulatedClock,
} from '../src/server/local/reminder-simulation.ts';
import { startServer } from '../src/server/main.ts';
import { englishBankHolidaysAround } from '../src/server/bank-holidays.ts';
import { parseCalendarDate } from '../src/domain/calendar-date.ts';
import { createTeamsPoster } from '../src/server/reminders/channel-poster.ts';
import {
  createReminderScheduler,
  type ReminderScheduler,
} from '../src/server/reminders/reminder-scheduler.ts';
import { freePort } from './support/test-app.ts';

/** England's bank holidays around the simulated term, from the same library the server uses. */
const BANK_HOLIDAYS = [...englishBankHolidaysAround(parseCalendarDate('2027-01-01'))].sort();

type Running = Awaited<ReturnType<typeof startServer>>;

const dir = mkdtempSync(join(tmpdir(), 'sencohub-reminders-'));
let config: AppConfig;
let clock: SimulatedClock;
let running: Running;
let log: ReminderLog;
/** Each key and the day it was first due, as the rules say (src/domain/reminders.ts). */
const expectedFirstDay = new Map<string, CalendarDate>();
/** Each key and the day it was posted, as the schedulers reported. */
const postedOn = new Map<string, CalendarDate>();
const duplicates: string[] = [];

async function start(): Promise<void> {
  running = await startServer(config, { now: clock.now });
  await running.ready;
  const baseUrl = `http://localhost:${config.port}`;
  await prepareDemoReminders({
    local365: running.local365!,
    records: running.records,
    botEndpoint: `${baseUrl}/api/messages`,
    tenantId: config.tenantId,
    clientId: config.clientId,
    installed: () => running.bot.conversations(),
  });
  const graph = createGraphConnection({
    root: config.graphRoot,
    getToken: async () => {
      const res = await fetch(`${baseUrl}/local365/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: config.clientId,
          scope: 'https://graph.microsoft.com/.default',
        }),
      });
      return ((await res.json()) as { access_token: string }).access_token;
    },
    retry: { maxRetries: 6, delaySeconds: 0 },
  });
  const siteUrl = `https://${running.local365!.school.tenant.sharePointHostname}${SENCO_HUB_SITE_PATH}`;
  const siteId = await findSiteId({ connection: graph, siteUrl });
  log = createReminderLog({ connection: graph, siteId });
}

/** Another server's scheduler: its own Graph connection and log, the same channel and bot. */
function anotherScheduler(options: { retryMs?: number } = {}): ReminderScheduler {
  return createReminderScheduler({
    now: clock.now,
    records: running.records,
    log,
    conversations: { list: () => running.bot.conversations() },
    poster: createTeamsPoster(running.bot.app),
    bankHolidays: () => BANK_HOLIDAYS,
    link: { teamsAppId: config.teamsAppId, publicUrl: config.publicUrl },
    staleClaimMinutes: 10,
    retry: { attempts: 4, firstDelayMs: options.retryMs ?? 5 },
  });
}

function expectDay(records: SendRecords, today: CalendarDate): void {
  const settings = records.settings().value;
  const due = remindersDue({
    today,
    settings,
    bankHolidays: BANK_HOLIDAYS,
    pupils: records.pupils().map((pupil) => ({
      pupil,
      ehcPlan: records.ehcPlan(pupil.id)?.value,
      senSupportPlan: records.senSupportPlan(pupil.id)?.value,
      passport: records.passport(pupil.id)?.value,
    })),
    interventions: records.interventions().map((i) => i.value),
  });
  for (const r of due) if (!expectedFirstDay.has(r.key)) expectedFirstDay.set(r.key, today);
}

function notePosted(day: CalendarDate, keys: readonly string[]): void {
  for (const key of keys) {
    if (postedOn.has(key)) duplicates.push(key);
    else postedOn.set(key, day);
  }
}

/** Days from..from+days, with the server's scheduler (or `schedulers` at once). */
async function runDays(from: CalendarDate, days: number, schedulers?: ReminderScheduler[]): Promise<void> {
  for (let i = 0; i < days; i += 1) {
    const date = addDays(from, i);
    clock.set(londonInstant(date, 7 * 60 + 31));
    expectDay(running.records, date);
    const all = schedulers ?? [running.reminders()!];
    const reports = await Promise.all(all.map((s) => s.runOnce()));
    for (const report of reports)
      notePosted(
        date,
        report.posted.map((p) => p.key),
      );
  }
}

/** Zero duplicates, zero misses, and each posted on its first due day (or a later day when posting failed). */
async function expectExactlyOnce(
  range: { from: CalendarDate; to: CalendarDate },
  latePosts: 'on-time' | 'late-allowed',
) {
  expect(duplicates).toEqual([]);
  const inRange = [...expectedFirstDay].filter(([, day]) => day >= range.from && day <= range.to);
  expect(inRange.length).toBeGreaterThan(0);
  for (const [key, day] of inRange) {
    expect(postedOn.has(key), `${key} (due ${day}) was not posted`).toBe(true);
    if (latePosts === 'on-time') expect(postedOn.get(key), key).toBe(day);
    else expect(postedOn.get(key)! >= day, key).toBe(true);
  }
  // Nothing posted that the rules did not ask for.
  for (const key of postedOn.keys()) expect(expectedFirstDay.has(key), key).toBe(true);
  // The channel holds exactly one post per reminder, each the one the log names.
  const channelId = running.records.settings().value.reminders.channel!.channelId;
  const posts = running.local365!.connector.listActivities({ conversationId: channelId });
  const sent = (await log.all()).filter((e) => e.status === 'sent');
  expect(posts.length).toBe(sent.length);
  expect(new Set(sent.map((e) => e.messageId)).size).toBe(sent.length);
  expect(new Set(posts.map((p) => p.id))).toEqual(new Set(sent.map((e) => e.messageId)));
  expect(sent.length).toBe(postedOn.size);
}

beforeAll(async () => {
  const port = await freePort();
  config = parseConfig({
    PORT: String(port),
    LOCAL365_DB: join(dir, 'local365.sqlite'),
    REMINDERS_INTERVAL_MINUTES: '0',
  });
  clock = simulatedClock(londonInstant('2026-11-02' as CalendarDate, 6 * 60));
  await start();
}, 240_000);

afterAll(async () => {
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reminders over a term, on a clock under test control', () => {
  it('posts each reminder on the day the rules say, once, from the digest to the nudges', async () => {
    await runDays('2026-11-02' as CalendarDate, 47);
    await expectExactlyOnce(
      { from: '2026-11-02' as CalendarDate, to: '2026-12-18' as CalendarDate },
      'on-time',
    );
    const kinds = new Set([...postedOn.keys()].map((k) => k.split('|')[0]));
    expect(kinds).toContain('weekly-digest');
    expect(kinds.size).toBeGreaterThan(2);
    // A digest every Monday of the seven weeks: weekdays only, nothing at weekends.
    expect([...postedOn].filter(([k]) => k.startsWith('weekly-digest')).map(([, d]) => d)).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
    ]);
    expect(
      [...postedOn.values()].every((d) => ![6, 0].includes(new Date(`${d}T12:00:00Z`).getUTCDay())),
    ).toBe(true);
  }, 300_000);

  it('every posted card is valid Adaptive Card 1.5 and carries no special category data', () => {
    const channelId = running.records.settings().value.reminders.channel!.channelId;
    const posts = running.local365!.connector.listActivities({ conversationId: channelId });
    const records = running.records;
    const passportText = records
      .pupils()
      .flatMap((p) => {
        const passport = records.passport(p.id)?.value;
        return passport ? PASSPORT_CONTENT_FIELDS.flatMap((f) => [passport[f]].flat()) : [];
      })
      .flatMap((v) =>
        typeof v === 'string'
          ? [v]
          : v && typeof v === 'object'
            ? Object.values(v).filter((x): x is string => typeof x === 'string')
            : [],
      )
      .filter((t) => t.length >= 12);
    const needWords = [
      ...Object.values(SEN_NEEDS).map((n) => n.description),
      ...Object.values(BROAD_AREA_LABELS),
    ];
    const surnames = records
      .pupils()
      .map((p) => p.legalSurname)
      .filter((s) => s.length >= 4);
    expect(passportText.length).toBeGreaterThan(100);
    for (const post of posts) {
      const card = (post.activity['attachments'] as { content: unknown }[])[0]!.content;
      expect(schemaErrors(card)).toEqual([]);
      const text = JSON.stringify(post.activity).toLowerCase();
      for (const words of [...needWords, ...passportText]) expect(text).not.toContain(words.toLowerCase());
      for (const surname of surnames) expect(text).not.toMatch(new RegExp(`\\b${surname.toLowerCase()}\\b`));
    }
  });
});

describe('restarts and a second server', () => {
  it('a restart mid-run changes nothing: no reminder twice, none missed', async () => {
    await runDays('2027-01-04' as CalendarDate, 4);
    await running.close();
    await start();
    await runDays('2027-01-08' as CalendarDate, 10);
    await expectExactlyOnce(
      { from: '2027-01-04' as CalendarDate, to: '2027-01-17' as CalendarDate },
      'on-time',
    );
  }, 300_000);

  it('two schedulers running at once post each reminder once', async () => {
    await runDays('2027-01-18' as CalendarDate, 14, [anotherScheduler(), anotherScheduler()]);
    await expectExactlyOnce(
      { from: '2027-01-18' as CalendarDate, to: '2027-01-31' as CalendarDate },
      'on-time',
    );
  }, 300_000);
});

describe('throttling and faults', () => {
  it('429s from Graph (some after the write was applied) and from the Bot Connector: still exactly once', async () => {
    const { faults, connector } = running.local365!;
    faults.set({
      failure: { status: 429, fraction: 0.4, seed: 11, retryAfterSeconds: 0, pathPrefix: '/sites/' },
    });
    connector.failPosts({ status: 429, count: 3, retryAfterSeconds: 0 });
    await runDays('2027-02-01' as CalendarDate, 7, [anotherScheduler()]);
    const throttled = faults.failedCount;
    faults.set({
      failure: {
        status: 503,
        count: 2,
        retryAfterSeconds: 0,
        pathPrefix: '/sites/',
        method: 'POST',
        afterApplying: true,
      },
    });
    await runDays('2027-02-08' as CalendarDate, 7, [anotherScheduler(), anotherScheduler()]);
    const failedAfterApplying = faults.failedCount;
    faults.clear();
    expect(throttled).toBeGreaterThan(2);
    expect(failedAfterApplying).toBeGreaterThan(0);
    await expectExactlyOnce(
      { from: '2027-02-01' as CalendarDate, to: '2027-02-14' as CalendarDate },
      'on-time',
    );
  }, 300_000);

  /** The home view's warning (GET /api/reminders/status answers this; its route is tested with the API's). */
  async function homeWarning(): Promise<string | null> {
    return (await running.reminders()!.problem())?.message ?? null;
  }

  it('the bot removed from the team, a deleted channel, a connector that stays throttled: the SENCO is told, and each reminder goes once it can', async () => {
    const { connector, school } = running.local365!;
    const team = school.staffTeam;
    const scheduler = anotherScheduler();
    expect(await homeWarning()).toBeNull();

    connector.removeFromTeam(team.groupId);
    await runDays('2027-02-15' as CalendarDate, 2, [scheduler]);
    expect(await homeWarning()).toMatch(
      /^Reminders are not reaching the channel: .*not in the team any more/,
    );

    connector.installInTeam(
      team.groupId,
      team.channels.map((c) => c.id),
    );
    connector.failPosts({ status: 429, count: 1000, retryAfterSeconds: 0 });
    await runDays('2027-02-17' as CalendarDate, 1, [scheduler]);
    expect(await homeWarning()).toMatch(/^Reminders are not reaching the channel: .*throttling/);

    connector.failPosts(undefined);
    await runDays('2027-02-18' as CalendarDate, 1, [scheduler]);
    expect(await homeWarning()).toBeNull();

    const sendChannel = running.records.settings().value.reminders.channel!.channelId;
    connector.deleteChannel(sendChannel);
    // Found at the next post: Monday's digest.
    await runDays('2027-02-19' as CalendarDate, 4, [scheduler]);
    const warning = await homeWarning();
    expect(warning ?? '').toMatch(/channel was not found/);
    // Nothing was dropped: every reminder that could not go is in the log, waiting.
    const unsent = await log.unsent();
    expect(unsent.every((e) => e.status === 'failed')).toBe(true);
    expect(duplicates).toEqual([]);
    for (const [key] of [...expectedFirstDay].filter(([, d]) => d >= '2027-02-15' && d <= '2027-02-22')) {
      expect(postedOn.has(key) || unsent.some((e) => e.key === key), key).toBe(true);
    }
  }, 300_000);
});
