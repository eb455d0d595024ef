/**
 * What a scan costs as the school and its reminder log grow: the scheduler runs every few minutes all day, so a
 * re-scan must cost the reminders that became due since, not the reminders already sent. These runs count the
 * calls to the reminder log (each one a Graph request or more in SharePoint) on a fake log and fake records; the
 * times are read from `npm run bench` (bench/reminder-scan.ts), never asserted here.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/calendar-date.ts';
import type { DomainSettings } from '../../domain/domain-settings.ts';
import type { Passport } from '../../domain/passport.schema.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import { reminderKey } from '../../domain/reminders.ts';
import { buildPassport, buildSenSupportPupil, buildSettings, d } from '../../domain/testing/builders.ts';
import type { ReminderLog, ReminderLogEntry } from '../../graph/reminder-log.ts';
import { createReminderScheduler, type ReminderSchedulerDeps } from './reminder-scheduler.ts';

const TODAY = d('2026-12-08'); // a Tuesday in term
const TEAM = 'team-1';
const CHANNEL = '19:send@thread.tacv2';
/** 07:45 in London (GMT in December), after the 07:30 posting time. */
const at = (minutesAfter745 = 0) => new Date(Date.parse(`${TODAY}T07:45:00Z`) + minutesAfter745 * 60_000);

const settings: DomainSettings = buildSettings({
  termDates: [{ from: d('2026-11-02'), to: d('2026-12-18') }],
  reminders: {
    channel: { teamId: TEAM, channelId: CHANNEL },
    digestWeekday: 1,
    postTime: '07:30',
  },
});

/** A school of `size` pupils on SEN support, each with a passport reviewed not long ago. */
function school(size: number) {
  const pupils: Pupil[] = Array.from({ length: size }, () => buildSenSupportPupil());
  const passports = new Map<string, Passport>(
    pupils.map((p) => [p.id, buildPassport({ pupilId: p.id, reviewDueOn: d('2027-06-01') })]),
  );
  const versioned = <T>(value: T) => ({ value, eTag: '"1"', modifiedAt: '', modifiedBy: undefined });
  const records: ReminderSchedulerDeps['records'] = {
    isReady: () => true,
    settings: () => versioned(settings),
    pupils: () => pupils,
    ehcPlan: () => undefined,
    senSupportPlan: () => undefined,
    passport: (id) => {
      const passport = passports.get(id);
      return passport ? versioned(passport) : undefined;
    },
    interventions: () => [],
  };
  /** Another server records that `pupil`'s passport is to be reviewed a week from today: due now. */
  const reviewDueNextWeek = (pupil: Pupil) => {
    passports.set(pupil.id, { ...passports.get(pupil.id)!, reviewDueOn: addDays(TODAY, 7) });
    return reminderKey('passport-review', pupil.id, addDays(TODAY, 7));
  };
  return { pupils, records, reviewDueNextWeek };
}

/** The reminder log as SharePoint holds it, counting what each call would cost. */
function fakeLog() {
  const entries = new Map<string, ReminderLogEntry>();
  const calls = { all: 0, unsent: 0, claim: 0, markSent: 0 };
  let itemId = 0;
  const log: ReminderLog = {
    claim(input) {
      calls.claim += 1;
      const held = entries.get(input.key);
      if (held) return Promise.resolve({ claimed: false, entry: held });
      const entry: ReminderLogEntry = {
        itemId: String((itemId += 1)),
        eTag: '"1"',
        key: input.key,
        kind: input.kind,
        subjectId: input.subjectId,
        dueOn: input.dueOn,
        status: 'claimed',
        claimToken: input.claimToken,
        claimedAt: input.at,
        attempts: 1,
        sentAt: undefined,
        messageId: undefined,
        channelId: undefined,
        lastError: undefined,
        message: input.message,
      };
      entries.set(input.key, entry);
      return Promise.resolve({ claimed: true, entry });
    },
    takeOver: () => Promise.reject(new Error('nothing to take over in these runs')),
    markSent(entry, input) {
      calls.markSent += 1;
      entries.set(entry.key, { ...entry, status: 'sent', sentAt: input.at, messageId: input.messageId });
      return Promise.resolve();
    },
    markFailed: () => Promise.reject(new Error('no post fails in these runs')),
    unsent() {
      calls.unsent += 1;
      return Promise.resolve([...entries.values()].filter((e) => e.status !== 'sent'));
    },
    byKey: (key) => Promise.resolve(entries.get(key)),
    all() {
      calls.all += 1;
      return Promise.resolve([...entries.values()]);
    },
  };
  /** Another server claimed and sent this reminder. */
  const sentElsewhere = (key: string) =>
    entries.set(key, {
      ...[...entries.values()][0]!,
      itemId: String((itemId += 1)),
      key,
      status: 'sent',
      messageId: `elsewhere-${key}`,
    });
  return { log, calls, sentElsewhere };
}

function schedulerFor(records: ReminderSchedulerDeps['records'], log: ReminderLog) {
  let now = at();
  const posts: string[] = [];
  const scheduler = createReminderScheduler({
    now: () => now,
    records,
    log,
    conversations: {
      list: () =>
        Promise.resolve([
          {
            conversationId: CHANNEL,
            serviceUrl: 'https://smba.example/',
            tenantId: 't',
            conversationType: 'channel',
            teamId: TEAM,
            installedAt: '2026-11-01T09:00:00Z',
          },
        ]),
    },
    poster: {
      post(_conversationId, message) {
        posts.push(message.summary);
        return Promise.resolve({ id: `activity-${posts.length}` });
      },
    },
    bankHolidays: () => [],
    link: { teamsAppId: 'app', publicUrl: 'https://sencohub.example' },
  });
  return { scheduler, posts, later: (minutes: number) => (now = at(minutes)) };
}

describe('a re-scan costs the reminders that became due since, not the school', () => {
  it('claims and posts only the new reminders; sent ones are not claimed again and the log is read whole once', async () => {
    const { pupils, records, reviewDueNextWeek } = school(200);
    const { log, calls } = fakeLog();
    const firstDue = pupils.slice(0, 3).map(reviewDueNextWeek);
    const { scheduler, posts, later } = schedulerFor(records, log);

    const first = await scheduler.runOnce();
    // The week's digest (posted from Monday, still due on Tuesday) and the three passport reviews.
    expect(
      first.posted
        .map((p) => p.key)
        .filter((k) => k.startsWith('passport-review'))
        .sort(),
    ).toEqual([...firstDue].sort());
    const firstPosted = first.posted.length;
    expect(calls).toEqual({ all: 1, unsent: 1, claim: firstPosted, markSent: firstPosted });

    // Later that day two more pupils' passports fall due: only those two are claimed and posted.
    const newlyDue = pupils.slice(10, 12).map(reviewDueNextWeek);
    later(180);
    const again = await scheduler.runOnce();
    expect(again.posted.map((p) => p.key).sort()).toEqual([...newlyDue].sort());
    expect(again.alreadySent).toHaveLength(firstPosted);
    expect(calls).toEqual({ all: 1, unsent: 2, claim: firstPosted + 2, markSent: firstPosted + 2 });

    // Nothing changed: nothing claimed, nothing posted, the log not read again.
    later(185);
    const unchanged = await scheduler.runOnce();
    expect(unchanged.posted).toEqual([]);
    expect(calls).toEqual({ all: 1, unsent: 3, claim: firstPosted + 2, markSent: firstPosted + 2 });
    expect(posts).toHaveLength(firstPosted + 2);
  });

  it('a reminder another server sent after this one read the log is claimed once, found sent, and never posted here', async () => {
    const { pupils, records, reviewDueNextWeek } = school(20);
    const { log, calls, sentElsewhere } = fakeLog();
    const { scheduler, posts, later } = schedulerFor(records, log);
    await scheduler.runOnce();
    const postsBefore = posts.length;
    const claimsBefore = calls.claim;

    const key = reviewDueNextWeek(pupils[0]!);
    sentElsewhere(key);
    later(5);
    const second = await scheduler.runOnce();
    expect(second.posted).toEqual([]);
    expect(second.alreadySent).toContain(key);
    expect(calls.claim).toBe(claimsBefore + 1);

    later(10);
    await scheduler.runOnce();
    expect(calls.claim).toBe(claimsBefore + 1);
    expect(calls.all).toBe(1);
    expect(posts).toHaveLength(postsBefore);
  });
});
