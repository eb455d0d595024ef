import { randomUUID } from 'node:crypto';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { remindersDue, type Reminder } from '../../domain/reminders.ts';
import { isSchoolDay, minutesOfTime, type RemindersChannel } from '../../domain/school-calendar.ts';
import { reminderCard, reminderSummary } from '../../cards/reminder-cards.ts';
import type { TabLinkOptions } from '../../cards/tab-links.ts';
import type { BotConversations } from '../../graph/bot-conversations-list.ts';
import type { ReminderLog, ReminderLogEntry } from '../../graph/reminder-log.ts';
import type { SendRecordsReader } from '../../graph/send-records.ts';
import { describePostFailure, PostError, type ChannelMessage, type ChannelPoster } from './channel-poster.ts';
import { londonTime } from './london-time.ts';

/**
 * Posts each reminder once. Every run (on a timer, and once at start, which is the catch-up after downtime):
 * 1. reminders claimed earlier and not sent — failed, or claimed longer than `staleClaimMinutes` ago by an
 *    attempt that died — are taken over (If-Match, so one server wins) and posted again, up to MAX_ATTEMPTS;
 * 2. on a school day from the posting time, today's reminders (src/domain/reminders.ts) are claimed in the
 *    reminder log (unique key: one server wins) and posted; then marked sent with the id Teams gave the post.
 * A throttled or busy connector is retried with backoff inside the run; a channel that is gone (404) or a bot
 * removed from the team (403) fails the reminder, which stays in the log as failed and is tried again on later
 * runs, and the SENCO's home view says reminders are not reaching the channel.
 */

export const MAX_ATTEMPTS = 5;

export type ReminderSchedulerDeps = {
  now: () => Date;
  records: Pick<
    SendRecordsReader,
    'isReady' | 'settings' | 'pupils' | 'ehcPlan' | 'senSupportPlan' | 'passport' | 'interventions'
  >;
  log: ReminderLog;
  conversations: Pick<BotConversations, 'list'>;
  poster: ChannelPoster;
  /** England and Wales bank holidays. */
  bankHolidays: () => readonly CalendarDate[];
  link: TabLinkOptions;
  /** A claim older than this, still unsent, is taken to be from an attempt that died. Default 10. */
  staleClaimMinutes?: number;
  /** Backoff for retryable failures inside a run: attempts and first delay (doubled each time). */
  retry?: { attempts: number; firstDelayMs: number };
  sleep?: (ms: number) => Promise<void>;
  newClaimToken?: () => string;
  /** Where a failed run is reported (default console.warn). */
  onError?: (err: unknown) => void;
  /** Each timed run's report. */
  onReport?: (report: RunReport) => void;
};

export type PostedReminder = { key: string; summary: string; messageId: string };

export type RunReport = {
  today: CalendarDate;
  /** Why nothing new was considered, if so. */
  skipped?: 'not-ready' | 'no-channel' | 'not-a-school-day' | 'before-posting-time' | 'bot-not-installed';
  posted: PostedReminder[];
  /** Keys posted before (by this server or another). */
  alreadySent: string[];
  /** Keys another attempt holds and has not posted yet. */
  heldElsewhere: string[];
  failed: { key: string; error: string }[];
};

export type ReminderProblem = {
  /** Plain words for the SENCO. */
  message: string;
  failedCount: number;
};

export type ReminderScheduler = {
  runOnce(): Promise<RunReport>;
  /** Runs now (the catch-up after downtime), then every `intervalMs`. */
  start(intervalMs: number): void;
  /** Stops the timer and waits for a run under way. */
  stop(): Promise<void>;
  /** What stops reminders reaching the channel, if anything (read from SharePoint: every server sees the same). */
  problem(): Promise<ReminderProblem | undefined>;
};

function messageFor(reminder: Reminder, link: TabLinkOptions, today: CalendarDate): ChannelMessage {
  return { card: reminderCard(reminder, { link, today }), summary: reminderSummary(reminder) };
}

function isChannelMessage(value: unknown): value is ChannelMessage {
  const v = value as Partial<ChannelMessage> | undefined;
  return typeof v?.summary === 'string' && typeof v.card === 'object' && v.card !== null;
}

export function createReminderScheduler(deps: ReminderSchedulerDeps): ReminderScheduler {
  const staleMs = (deps.staleClaimMinutes ?? 10) * 60_000;
  const retry = deps.retry ?? { attempts: 4, firstDelayMs: 2_000 };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const newToken = deps.newClaimToken ?? (() => randomUUID());
  let running: Promise<RunReport> | undefined;
  /**
   * Keys known to be sent: a sent reminder never becomes unsent, so they need not be claimed again (which
   * SharePoint would refuse, at the cost of a request each). Filled from the whole log on the first run.
   */
  let knownSent: Set<string> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  const onError = deps.onError ?? ((err: unknown) => console.warn('Reminders:', err));

  /** Posts with backoff on throttling and busy answers; throws the last PostError. */
  async function postWithBackoff(conversationId: string, message: ChannelMessage): Promise<{ id: string }> {
    let delay = retry.firstDelayMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await deps.poster.post(conversationId, message);
      } catch (err) {
        const failure = err instanceof PostError ? err : new PostError(String(err), undefined, undefined);
        if (!failure.retryable || attempt >= retry.attempts) throw failure;
        await sleep(Math.max(failure.retryAfterMs ?? 0, delay));
        delay *= 2;
      }
    }
  }

  /** Posts a reminder this attempt holds, and records the outcome. */
  async function deliver(entry: ReminderLogEntry, channel: RemindersChannel, report: RunReport) {
    if (!isChannelMessage(entry.message)) {
      await deps.log.markFailed(entry, { error: 'The stored message cannot be read' });
      report.failed.push({ key: entry.key, error: 'The stored message cannot be read' });
      return;
    }
    let sent: { id: string };
    try {
      sent = await postWithBackoff(channel.channelId, entry.message);
    } catch (err) {
      const error = describePostFailure(err as PostError);
      await deps.log.markFailed(entry, { error });
      report.failed.push({ key: entry.key, error });
      return;
    }
    // Posted: a failure to record it now must not post it again, so it is retried here until SharePoint has it.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await deps.log.markSent(entry, {
          at: deps.now().toISOString(),
          messageId: sent.id,
          channelId: channel.channelId,
        });
        break;
      } catch (err) {
        if (attempt >= retry.attempts) throw err;
        await sleep(retry.firstDelayMs * attempt);
      }
    }
    knownSent?.add(entry.key);
    report.posted.push({ key: entry.key, summary: entry.message.summary, messageId: sent.id });
  }

  async function recover(channel: RemindersChannel, report: RunReport) {
    const now = deps.now();
    for (const entry of await deps.log.unsent()) {
      if (entry.attempts >= MAX_ATTEMPTS) continue;
      const claimedAt = entry.claimedAt ? Date.parse(entry.claimedAt) : 0;
      const stale = entry.status === 'failed' || now.getTime() - claimedAt >= staleMs;
      if (!stale) continue;
      const mine = await deps.log.takeOver(entry, { claimToken: newToken(), at: now.toISOString() });
      if (!mine) {
        report.heldElsewhere.push(entry.key);
        continue;
      }
      await deliver(mine, channel, report);
    }
  }

  async function run(): Promise<RunReport> {
    const now = deps.now();
    const { date: today, minutes } = londonTime(now);
    const report: RunReport = { today, posted: [], alreadySent: [], heldElsewhere: [], failed: [] };
    if (!deps.records.isReady()) return { ...report, skipped: 'not-ready' };
    const settings = deps.records.settings().value;
    const channel = settings.reminders.channel;
    if (!channel) return { ...report, skipped: 'no-channel' };
    const installed = (await deps.conversations.list()).some((c) => c.teamId === channel.teamId);
    if (!installed) return { ...report, skipped: 'bot-not-installed' };

    await recover(channel, report);

    const bankHolidays = deps.bankHolidays();
    if (!isSchoolDay(today, { terms: settings.termDates, bankHolidays }))
      return { ...report, skipped: 'not-a-school-day' };
    if (minutes < minutesOfTime(settings.reminders.postTime))
      return { ...report, skipped: 'before-posting-time' };

    const { records } = deps;
    const due = remindersDue({
      today,
      settings,
      bankHolidays,
      pupils: records.pupils().map((pupil) => ({
        pupil,
        ehcPlan: records.ehcPlan(pupil.id)?.value,
        senSupportPlan: records.senSupportPlan(pupil.id)?.value,
        passport: records.passport(pupil.id)?.value,
      })),
      interventions: records.interventions().map((i) => i.value),
    });
    knownSent ??= new Set((await deps.log.all()).filter((e) => e.status === 'sent').map((e) => e.key));
    for (const reminder of due) {
      if (knownSent.has(reminder.key)) {
        report.alreadySent.push(reminder.key);
        continue;
      }
      const outcome = await deps.log.claim({
        key: reminder.key,
        kind: reminder.kind,
        subjectId: reminder.subjectId,
        dueOn: reminder.due,
        title: reminder.title,
        message: messageFor(reminder, deps.link, today),
        claimToken: newToken(),
        at: deps.now().toISOString(),
      });
      if (!outcome.claimed) {
        if (outcome.entry.status === 'sent') {
          knownSent.add(reminder.key);
          report.alreadySent.push(reminder.key);
        } else report.heldElsewhere.push(reminder.key);
        continue;
      }
      await deliver(outcome.entry, channel, report);
    }
    return report;
  }

  function runOnce(): Promise<RunReport> {
    // One run at a time in this process; other servers are kept out by the log.
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  }
  const runInBackground = () => void runOnce().then((report) => deps.onReport?.(report), onError);

  return {
    runOnce,
    start(intervalMs) {
      if (timer) return;
      runInBackground();
      timer = setInterval(runInBackground, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    async problem() {
      const channel = deps.records.isReady() ? deps.records.settings().value.reminders.channel : undefined;
      if (!channel) return undefined;
      const installed = (await deps.conversations.list()).some((c) => c.teamId === channel.teamId);
      const failed = (await deps.log.unsent()).filter((e) => e.status === 'failed');
      if (!installed) {
        return {
          message:
            'Reminders are not reaching the channel: the SENCO Hub bot is not installed in the team. Add it in Teams (Apps → SENCO Hub → Add to a team).',
          failedCount: failed.length,
        };
      }
      if (failed.length === 0) return undefined;
      const latest = failed[failed.length - 1]!;
      return {
        message:
          `Reminders are not reaching the channel: ${failed.length} not posted yet. ${latest.lastError ?? ''}`.trim(),
        failedCount: failed.length,
      };
    },
  };
}
