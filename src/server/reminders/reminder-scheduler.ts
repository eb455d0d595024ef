import { randomUUID } from 'node:crypto';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { remindersDue, type Reminder } from '../../domain/reminders.ts';
import { isSchoolDay, minutesOfTime, type RemindersChannel } from '../../domain/school-calendar.ts';
import { reminderCard, reminderKeyOfCard, reminderSummary } from '../../cards/reminder-cards.ts';
import type { TabLinkOptions } from '../../cards/tab-links.ts';
import { botInTeam, channelDeleted, type BotConversations } from '../../graph/bot-conversations-list.ts';
import type { PostedReminders } from '../../graph/channel-reminder-posts.ts';
import type { ReminderLog, ReminderLogEntry } from '../../graph/reminder-log.ts';
import type { SendRecordsReader } from '../../graph/send-records.ts';
import { describePostFailure, PostError, type ChannelMessage, type ChannelPoster } from './channel-poster.ts';
import { londonTime } from './london-time.ts';

/**
 * Posts each reminder once. Every run (on a timer, and once at start, which is the catch-up after downtime):
 * 1. reminders claimed earlier and not sent — failed, or claimed longer than `staleClaimMinutes` ago by an
 *    attempt that died — are taken over (If-Match on the log item, so one server wins). Before posting again
 *    the scheduler reads the channel back from Teams (channel-reminder-posts.ts): a card carrying the key is a
 *    post Teams accepted before the attempt died, recorded as sent with that message's id, not posted again.
 *    Otherwise it is posted again: after a refusal by Teams, on later runs up to MAX_ATTEMPTS; after an attempt
 *    that died, when the channel cannot be read, once only — a second such failure leaves it failed, shown to the
 *    SENCO ("reminders are not reaching the channel"), never posted again unasked.
 * 2. on a school day from the posting time, today's reminders (src/domain/reminders.ts) are claimed in the
 *    reminder log (unique key: one server wins) and posted; then marked sent with the id Teams gave the post.
 * A throttled or busy connector is retried with backoff inside an attempt; a channel that is gone (404) or a bot
 * removed from the team (403) fails the attempt.
 */

/** Attempts in all for a reminder Teams keeps refusing (the channel gone, the bot removed, throttled). */
export const MAX_ATTEMPTS = 5;
/** The claim token of an attempt made after one that died, without reading the channel first. */
const UNCHECKED = 'unchecked:';
/** Read the channel from a little before the oldest claim: servers' clocks and Teams' differ a little. */
const LOOK_BACK_MARGIN_MS = 10 * 60_000;

export type ReminderSchedulerDeps = {
  now: () => Date;
  records: Pick<
    SendRecordsReader,
    'isReady' | 'settings' | 'pupils' | 'ehcPlan' | 'senSupportPlan' | 'passport' | 'interventions'
  >;
  log: ReminderLog;
  conversations: Pick<BotConversations, 'list'>;
  poster: ChannelPoster;
  /** Reads the channel back from Teams before a reminder is posted again (undefined: posted again unchecked). */
  postedReminders?: Pick<PostedReminders, 'find'>;
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
  skipped?:
    | 'not-ready'
    | 'no-channel'
    | 'not-a-school-day'
    | 'before-posting-time'
    | 'bot-not-installed'
    | 'channel-deleted';
  posted: PostedReminder[];
  /** Keys posted before (by this server or another). */
  alreadySent: string[];
  /** Keys another attempt holds and has not posted yet. */
  heldElsewhere: string[];
  failed: { key: string; error: string }[];
  /** Why the channel could not be read back before posting a reminder again, if it could not. */
  channelUnchecked?: string;
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
    await recordSent(entry, sent.id, channel, report);
  }

  /** Records a post as sent, retried until SharePoint has it: a failure to record must not post it again. */
  async function recordSent(
    entry: ReminderLogEntry,
    messageId: string,
    channel: RemindersChannel,
    report: RunReport,
  ) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await deps.log.markSent(entry, {
          at: deps.now().toISOString(),
          messageId,
          channelId: channel.channelId,
        });
        break;
      } catch (err) {
        if (attempt >= retry.attempts) throw err;
        await sleep(retry.firstDelayMs * attempt);
      }
    }
    knownSent?.add(entry.key);
    const summary = isChannelMessage(entry.message) ? entry.message.summary : entry.key;
    report.posted.push({ key: entry.key, summary, messageId });
  }

  /**
   * Reminders already in the channel (posts Teams accepted that the log never recorded), read back from Teams;
   * undefined when the channel could not be read, said in the report.
   */
  async function postedInChannel(
    channel: RemindersChannel,
    since: number,
    report: RunReport,
  ): Promise<Map<string, string> | undefined> {
    if (!deps.postedReminders) return undefined;
    try {
      const { found, complete } = await deps.postedReminders.find({
        teamId: channel.teamId,
        channelId: channel.channelId,
        since: new Date(since - LOOK_BACK_MARGIN_MS).toISOString(),
        keyOfCard: reminderKeyOfCard,
      });
      if (!complete)
        report.channelUnchecked = 'The channel has too many messages since the claim to read them all.';
      return found;
    } catch (err) {
      report.channelUnchecked = err instanceof Error ? err.message : String(err);
      return undefined;
    }
  }

  /**
   * Reminders not sent: failed (Teams refused the post, or did not answer) or claimed by an attempt that died.
   * The channel is read back first (one read for all); then each is taken over by one server (If-Match on the
   * log item's eTag) and: found in the channel → recorded as sent with that message's id, never posted again;
   * refused by Teams → posted again (nothing reached the channel), up to MAX_ATTEMPTS in all; an attempt that
   * died, when the channel could not be read → posted again once (its token says so), and if that attempt dies
   * too, marked failed for the SENCO to see, never posted again.
   */
  async function recover(channel: RemindersChannel, report: RunReport) {
    const now = deps.now();
    const candidates = (await deps.log.unsent()).filter((entry) => {
      if (entry.status === 'failed') return entry.attempts < MAX_ATTEMPTS;
      const claimedAt = entry.claimedAt ? Date.parse(entry.claimedAt) : 0;
      return now.getTime() - claimedAt >= staleMs;
    });
    if (candidates.length === 0) return;
    const since = Math.min(...candidates.map((e) => (e.claimedAt ? Date.parse(e.claimedAt) : 0)));
    const found = await postedInChannel(channel, since, report);
    for (const entry of candidates) {
      const messageId = found?.get(entry.key);
      const died = entry.status === 'claimed';
      const giveUp =
        !messageId &&
        died &&
        (entry.attempts >= MAX_ATTEMPTS || (!found && entry.claimToken?.startsWith(UNCHECKED) === true));
      const taken = await deps.log.takeOver(entry, {
        claimToken: `${!messageId && died && !found ? UNCHECKED : ''}${newToken()}`,
        at: now.toISOString(),
        attempts: messageId ? entry.attempts : giveUp ? MAX_ATTEMPTS : entry.attempts + 1,
      });
      if (!taken) report.heldElsewhere.push(entry.key);
      else if (messageId) await recordSent(taken, messageId, channel, report);
      else if (giveUp) {
        const error =
          'An attempt to post it stopped before Teams answered, twice, and the channel could not be read to check: it is not posted again, so that it is not posted twice.';
        await deps.log.markFailed(taken, { error });
        report.failed.push({ key: entry.key, error });
      } else await deliver(taken, channel, report);
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
    const conversations = await deps.conversations.list();
    if (!botInTeam(conversations, channel.teamId)) return { ...report, skipped: 'bot-not-installed' };
    if (channelDeleted(conversations, channel.channelId)) return { ...report, skipped: 'channel-deleted' };

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
      const conversations = await deps.conversations.list();
      const failed = (await deps.log.unsent()).filter((e) => e.status === 'failed');
      if (!botInTeam(conversations, channel.teamId)) {
        return {
          message:
            'Reminders are not reaching the channel: the SENCO Hub bot is not installed in the team. Add it in Teams (Apps → SENCO Hub → Add to a team).',
          failedCount: failed.length,
        };
      }
      if (channelDeleted(conversations, channel.channelId)) {
        return {
          message: `Reminders are not reaching the channel: Teams says the channel ${channel.channelName ? `“${channel.channelName}” ` : ''}was deleted. Choose another in Settings.`,
          failedCount: failed.length,
        };
      }
      if (failed.length === 0) return undefined;
      const latest = failed[failed.length - 1]!;
      const givenUp = failed.filter((e) => e.attempts >= MAX_ATTEMPTS).length;
      const counts =
        givenUp === 0
          ? `${failed.length} not posted yet; they are tried again.`
          : givenUp === failed.length
            ? `${failed.length} not posted, and not tried again: open the Reminder Log in SharePoint to see which.`
            : `${failed.length} not posted (${givenUp} not tried again: see the Reminder Log in SharePoint).`;
      return {
        message: `Reminders are not reaching the channel: ${counts} ${latest.lastError ?? ''}`.trim(),
        failedCount: failed.length,
      };
    },
  };
}
