/**
 * One school of the reminder scan benchmark (bench/reminder-scan.ts starts this as a process of its own):
 *
 *   --prepare <db>   the bot added to the staff team, the SEND channel chosen, and three weeks of school days of
 *                    reminders posted, on a copy of the seeded school (no latency); prints the day to scan.
 *   --child <db>     SENCO Hub on a copy of that school, with latency on every Graph request; measures a scan after
 *                    a restart, the first scan of the day, a re-scan after `--changes` pupils' passports were given
 *                    a review date another server wrote, and a re-scan with nothing changed; prints the figures.
 *
 * The server is main.ts's startServer, as `npm start` runs it, on a clock the benchmark sets (as the reminder tests
 * do); the scans are its own scheduler's runs (`reminders().runOnce()`), with its Graph connection and reminder log.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { addDays, parseCalendarDate, type CalendarDate } from '../src/domain/calendar-date.ts';
import { remindersDue, reminderKey, type ReminderInput } from '../src/domain/reminders.ts';
import { isSchoolDay, minutesOfTime } from '../src/domain/school-calendar.ts';
import { provisionOn } from '../src/domain/sen-status.ts';
import { findItemByKey } from '../src/graph/create-once.ts';
import { createGraphConnection, type GraphConnection } from '../src/graph/graph-client.ts';
import { graphPatch } from '../src/graph/graph-requests.ts';
import { passportVersionKey, PASSPORTS_LIST } from '../src/graph/passports-list.ts';
import { createReminderLog } from '../src/graph/reminder-log.ts';
import type { SendRecords } from '../src/graph/send-records.ts';
import { findListIds, findSiteId } from '../src/graph/site.ts';
import { SENCO_HUB_SITE_PATH } from '../src/local365/local365.ts';
import { englishBankHolidaysAround } from '../src/server/bank-holidays.ts';
import { parseConfig } from '../src/server/config.ts';
import {
  londonInstant,
  prepareDemoReminders,
  simulatedClock,
} from '../src/server/local/reminder-simulation.ts';
import { startServer } from '../src/server/main.ts';
import type { RunReport } from '../src/server/reminders/reminder-scheduler.ts';
import { freePort, graphStats, resetGraphStats } from './http.ts';

/** One scan: wall time, Graph requests the stand-in served, reminders posted, CPU of this process. */
export type ScanMeasure = {
  ms: number;
  graphRequests: number;
  /** What those requests were, most first. */
  operations: { operation: string; count: number }[];
  posted: number;
  alreadySent: number;
  cpuMs: number;
};

export type SchoolScan = {
  school: number;
  /** From startServer to "SEND records ready", in this process (not the `npm start` figure). */
  readyMs: number;
  /** The first run after a start, on the previous school day after the posting time: reads the whole log. */
  restart: ScanMeasure;
  firstScan: ScanMeasure;
  rescan: ScanMeasure;
  idleRescan: ScanMeasure;
  /** From the other server's writes to this server's records showing them (change notification, then delta). */
  catchUpMs: number;
  /** The reminder rules alone (remindersDue over every pupil), once, in this process. */
  rulesMs: number;
  /** Reminders posted in the channel (each a sent entry of the reminder log) when the scans were done. */
  logEntries: number;
  rssMb: number;
};

const BANK_HOLIDAYS_AROUND = (day: CalendarDate) => [...englishBankHolidaysAround(day)].sort();
type Running = Awaited<ReturnType<typeof startServer>>;

function reminderInput(records: SendRecords, today: CalendarDate): ReminderInput {
  return {
    today,
    settings: records.settings().value,
    bankHolidays: BANK_HOLIDAYS_AROUND(today),
    pupils: records.pupils().map((pupil) => ({
      pupil,
      ehcPlan: records.ehcPlan(pupil.id)?.value,
      senSupportPlan: records.senSupportPlan(pupil.id)?.value,
      passport: records.passport(pupil.id)?.value,
    })),
    interventions: records.interventions().map((i) => i.value),
  };
}

async function start(dbPath: string, latencyMs: number, clock: ReturnType<typeof simulatedClock>) {
  const port = await freePort();
  const config = parseConfig({
    PORT: String(port),
    LOCAL365_DB: dbPath,
    REMINDERS_INTERVAL_MINUTES: '0',
    ...(latencyMs > 0 ? { LOCAL365_LATENCY_MS: String(latencyMs) } : {}),
  });
  const started = performance.now();
  const running = await startServer(config, { now: clock.now, onRecordsProblem: () => undefined });
  await running.ready;
  const readyMs = performance.now() - started;
  const baseUrl = `http://localhost:${port}`;
  await prepareDemoReminders({
    local365: running.local365!,
    records: running.records,
    botEndpoint: `${baseUrl}/api/messages`,
    tenantId: config.tenantId,
    clientId: config.clientId,
    installed: () => running.bot.conversations(),
  });
  return { running, config, baseUrl, readyMs };
}

const postMinutes = (records: SendRecords) => minutesOfTime(records.settings().value.reminders.postTime);

function assertClean(report: RunReport, what: string) {
  if (report.skipped || report.failed.length || report.heldElsewhere.length || report.channelUnchecked)
    throw new Error(`${what}: ${JSON.stringify({ ...report, alreadySent: report.alreadySent.length })}`);
}

/** The seeded school made ready for reminders, with three weeks of reminders already posted. */
async function prepare(dbPath: string) {
  const seededAt = (() => {
    const db = new Database(dbPath, { readonly: true });
    try {
      const row = db.prepare('SELECT seeded_at FROM local365_school WHERE id = 1').get() as {
        seeded_at: string;
      };
      return parseCalendarDate(row.seeded_at.slice(0, 10));
    } finally {
      db.close();
    }
  })();
  // The school's generated records are dated from the day it was seeded: the scan is on the next school day, and
  // the log holds the reminders of the three weeks before it. The clock only moves forward (tokens are dated).
  const clock = simulatedClock(londonInstant(addDays(seededAt, -21), 6 * 60));
  const { running } = await start(dbPath, 0, clock);
  try {
    const settings = running.records.settings().value;
    const schoolDay = (d: CalendarDate) =>
      isSchoolDay(d, { terms: settings.termDates, bankHolidays: BANK_HOLIDAYS_AROUND(d) });
    let scanDay = addDays(seededAt, 1);
    for (let i = 0; !schoolDay(scanDay); i += 1) {
      if (i > 120) throw new Error(`No school day in the site's term dates within 120 days of ${seededAt}`);
      scanDay = addDays(scanDay, 1);
    }
    const historyDays: CalendarDate[] = [];
    for (let d = addDays(seededAt, -20); d < scanDay; d = addDays(d, 1))
      if (schoolDay(d)) historyDays.push(d);
    const scheduler = running.reminders()!;
    let historyReminders = 0;
    for (const day of historyDays) {
      clock.set(londonInstant(day, postMinutes(running.records) + 1));
      const report = await scheduler.runOnce();
      assertClean(report, `preparing ${day}`);
      historyReminders += report.posted.length;
    }
    return { scanDay, historyDays, historyReminders };
  } finally {
    await running.close();
  }
}

/** Another SENCO Hub server's Graph connection: its own token, the same site. */
function otherServer(baseUrl: string, graphRoot: string, clientId: string): GraphConnection {
  return createGraphConnection({
    root: graphRoot,
    getToken: async () => {
      const res = await fetch(`${baseUrl}/local365/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: clientId,
          scope: 'https://graph.microsoft.com/.default',
        }),
      });
      return ((await res.json()) as { access_token: string }).access_token;
    },
  });
}

/**
 * `count` pupils with a passport not yet near review get a review date a week after `today` (so its reminder is
 * due today), written to SharePoint as another server records a passport review (PATCH with If-Match).
 */
async function changePassports(input: {
  running: Running;
  graph: GraphConnection;
  today: CalendarDate;
  count: number;
}): Promise<{ pupilIds: string[]; dueOn: CalendarDate; siteId: string }> {
  const { running, graph, today } = input;
  const records = running.records;
  const dueOn = addDays(today, 7);
  const chosen = records
    .pupils()
    .filter((p) => provisionOn(p.senProvision, today) !== 'N')
    .map((p) => ({ pupil: p, passport: records.passport(p.id)?.value }))
    .filter((x) => x.passport && x.passport.reviewDueOn > addDays(today, 30))
    .slice(0, input.count);
  if (chosen.length < input.count) throw new Error(`Only ${chosen.length} pupils have a passport to change`);
  const siteId = await findSiteId({
    connection: graph,
    siteUrl: `https://${running.local365!.school.tenant.sharePointHostname}${SENCO_HUB_SITE_PATH}`,
  });
  const { passports } = await findListIds({ connection: graph, siteId, lists: [PASSPORTS_LIST] });
  const itemsPath = `/sites/${siteId}/lists/${passports}/items`;
  const senco = running.local365!.school.staff.find((s) => s.appRoles.includes('Senco'))!;
  for (const { pupil, passport } of chosen) {
    const key = { column: 'VersionKey', value: passportVersionKey(pupil.id, passport!.version) };
    const item = await findItemByKey(graph, itemsPath, key, 'read a passport');
    if (!item) throw new Error(`No passport item for ${key.value}`);
    await graphPatch(
      graph,
      `${itemsPath}/${item.id}/fields`,
      {
        ReviewDueOn: dueOn,
        ChangedByUserId: senco.id,
        ChangedByName: senco.displayName,
        WriteId: randomUUID(),
      },
      'change a passport review date',
      { headers: { 'If-Match': item.eTag } },
    );
  }
  return { pupilIds: chosen.map((c) => c.pupil.id), dueOn, siteId };
}

async function measure(running: Running, baseUrl: string): Promise<ScanMeasure & { report: RunReport }> {
  await resetGraphStats(baseUrl);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await running.reminders()!.runOnce();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const stats = await graphStats(baseUrl);
  return {
    ms: Math.round(ms * 10) / 10,
    graphRequests: stats.requests,
    operations: stats.byOperation,
    posted: report.posted.length,
    alreadySent: report.alreadySent.length,
    cpuMs: Math.round((used.user + used.system) / 1000),
    report,
  };
}

/**
 * Until the stand-in has served nothing for a second: what the server does on its own after a start (subscribing
 * to its lists' changes) or after another server's writes (the delta those notifications cause) is not the scan's.
 */
async function settle(baseUrl: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await resetGraphStats(baseUrl);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    if ((await graphStats(baseUrl)).requests === 0) return;
    if (Date.now() > until) throw new Error('The server kept asking Graph for a minute without a scan');
  }
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function school(input: {
  dbPath: string;
  scanDay: CalendarDate;
  previousDay: CalendarDate;
  latencyMs: number;
  changes: number;
}): Promise<Omit<SchoolScan, 'school'>> {
  const clock = simulatedClock(londonInstant(input.previousDay, 12 * 60));
  const { running, config, baseUrl, readyMs } = await start(input.dbPath, input.latencyMs, clock);
  try {
    const records = running.records;
    const at = (day: CalendarDate, minutes: number) => clock.set(londonInstant(day, minutes));
    const channelId = records.settings().value.reminders.channel!.channelId;
    const channelPosts = () => running.local365!.connector.listActivities({ conversationId: channelId });
    const postsBefore = channelPosts().length;
    const strip = ({ report: _, ...m }: Awaited<ReturnType<typeof measure>>): ScanMeasure => m;
    // The first run after a start, later on the last school day the log has: everything due is sent already.
    await settle(baseUrl);
    const restart = await measure(running, baseUrl);
    assertClean(restart.report, 'scan after a restart');
    if (restart.posted !== 0) throw new Error(`The scan after a restart posted ${restart.posted}`);

    at(input.scanDay, postMinutes(records) + 1);
    const first = await measure(running, baseUrl);
    assertClean(first.report, 'first scan');

    // Later the same day another server records a change for a few pupils; this one hears of it and re-scans.
    const graph = otherServer(baseUrl, config.graphRoot, config.clientId);
    at(input.scanDay, 11 * 60);
    const changed = await changePassports({ running, graph, today: input.scanDay, count: input.changes });
    const writtenAt = performance.now();
    await waitFor(
      () => changed.pupilIds.every((id) => records.passport(id)?.value.reviewDueOn === changed.dueOn),
      'the other server’s changes to reach this server’s records',
    );
    const catchUpMs = performance.now() - writtenAt;
    const expected = changed.pupilIds.map((id) => reminderKey('passport-review', id, changed.dueOn)).sort();
    const rulesStarted = performance.now();
    const due = remindersDue(reminderInput(records, input.scanDay));
    const rulesMs = performance.now() - rulesStarted;
    for (const key of expected) if (!due.some((r) => r.key === key)) throw new Error(`${key} is not due`);

    await settle(baseUrl);
    at(input.scanDay, 11 * 60 + 1);
    const again = await measure(running, baseUrl);
    assertClean(again.report, 're-scan');
    const postedKeys = again.report.posted.map((p) => p.key).sort();
    if (JSON.stringify(postedKeys) !== JSON.stringify(expected))
      throw new Error(`The re-scan posted ${postedKeys.join(', ')}; expected ${expected.join(', ')}`);

    at(input.scanDay, 11 * 60 + 6);
    const idle = await measure(running, baseUrl);
    assertClean(idle.report, 'unchanged re-scan');
    if (idle.posted !== 0) throw new Error(`The unchanged re-scan posted ${idle.posted}`);

    // Each reminder once: the channel holds a post for each reminder the scans posted, and exactly the posts the
    // reminder log in SharePoint says were sent (read after the figures, as the other server would).
    const posts = channelPosts();
    const newPosts = posts.length - postsBefore;
    if (newPosts !== first.posted + again.posted)
      throw new Error(`The channel has ${newPosts} new posts for ${first.posted + again.posted} reminders`);
    const sent = (await createReminderLog({ connection: graph, siteId: changed.siteId }).all()).filter(
      (e) => e.status === 'sent',
    );
    const sentIds = new Set(sent.map((e) => e.messageId));
    if (sentIds.size !== posts.length || posts.some((p) => !sentIds.has(p.id)))
      throw new Error(`The channel has ${posts.length} posts; the log says ${sent.length} were sent`);
    return {
      readyMs: Math.round(readyMs),
      restart: strip(restart),
      firstScan: strip(first),
      rescan: strip(again),
      idleRescan: strip(idle),
      catchUpMs: Math.round(catchUpMs),
      rulesMs: Math.round(rulesMs * 10) / 10,
      logEntries: posts.length,
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  } finally {
    await running.close();
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    prepare: { type: 'boolean', default: false },
    child: { type: 'boolean', default: false },
    'scan-day': { type: 'string' },
    'previous-day': { type: 'string' },
    latency: { type: 'string', default: '50' },
    changes: { type: 'string', default: '5' },
  },
});
const dbArg = positionals[0];
if (!dbArg) throw new Error('usage: reminder-scan-school.ts --prepare <db> | --child <db> --scan-day …');
if (values.prepare) {
  console.log(JSON.stringify(await prepare(dbArg)));
} else if (values.child) {
  const work = mkdtempSync(join(tmpdir(), 'sencohub-scan-'));
  try {
    const dbPath = join(work, 'local365.sqlite');
    copyFileSync(dbArg, dbPath);
    const result = await school({
      dbPath,
      scanDay: parseCalendarDate(values['scan-day'] ?? ''),
      previousDay: parseCalendarDate(values['previous-day'] ?? ''),
      latencyMs: Number(values.latency),
      changes: Number(values.changes),
    });
    console.log(JSON.stringify(result));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
process.exit(0);
