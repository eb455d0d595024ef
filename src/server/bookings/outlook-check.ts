import type {
  NoticedOutlookChange,
  OutlookCheckProblem,
  OutlookStatusAnswer,
} from '../../contract/bookings.ts';
import { addDays, type CalendarDate } from '../../domain/calendar-date.ts';
import type { Meeting } from '../../domain/meeting.schema.ts';
import { pupilDisplayName } from '../../domain/pupil.schema.ts';
import {
  ConsentRequiredError,
  UnattendedTokenUnavailableError,
  type DelegatedTokens,
} from '../../graph/delegated-token-provider.ts';
import { GraphRequestError } from '../../graph/graph-request-error.ts';
import type { OutlookCalendar } from '../../graph/outlook-calendar.ts';
import type { Actor, AuditEntry, SendRecords } from '../../graph/send-records.ts';
import type { StaffAccounts } from '../../graph/staff-accounts.ts';
import { reviewLinkOf, warningsFor } from '../api/booking-context.ts';
import { createProblemLog } from './outlook-check-log.ts';

/**
 * Keeps SENCO Hub true to Outlook while nobody has it open. Every run (on a timer, and at start), for each
 * member of staff who organised a booked meeting still to come: their calendar is read with a token had
 * without them (delegated-token-provider.ts `unattended`), and each event reconciled exactly as opening the
 * pupil does (meeting-bookings.ts `checkOutlook`): moved there → moved here, the review's date and timeline
 * with it, and the booking rules' warnings kept for the home view; cancelled or deleted there → cancelled
 * here and the review back to "to book".
 *
 * Where no token can be had (SENCO Hub restarted, Entra refused the refresh token, consent withdrawn) the
 * organiser's status says since when Outlook has not been checked and that opening SENCO Hub re-checks —
 * never a silent gap. Status and noticed changes are kept in memory: a restart starts "not checked".
 */

/** Changes are listed on the home view this long after they were noticed. */
const KEEP_CHANGES_DAYS = 14;
const MAX_CHANGES = 50;
/** Meetings this far in the past are no longer checked: moving a meeting already held changes nothing due. */
const CHECK_PAST_DAYS = 7;
/** The calendar view whose changes are followed: from CHECK_PAST_DAYS back to this far ahead, renewed monthly. */
const DELTA_AHEAD_DAYS = 2 * 366;
const DELTA_RENEW_DAYS = 30;

export type OutlookCheckDeps = {
  records: Pick<
    SendRecords,
    'isReady' | 'pupils' | 'meetingsFor' | 'ehcPlan' | 'settings' | 'meetingBookings'
  >;
  tokens: Pick<DelegatedTokens, 'unattended'>;
  /** A calendar reached with the given getToken (the one Graph client, delegated). */
  calendarFor: (getToken: () => Promise<string>) => OutlookCalendar;
  /** Who an organiser is, for the records' "changed by" and the audit log. */
  accounts: Pick<StaffAccounts, 'account'>;
  clock: { now(): Date; today(): CalendarDate };
  audit?: { record(entry: AuditEntry): Promise<void> };
  /** A run that failed outright (default console.warn). */
  onError?: (err: unknown) => void;
  onReport?: (report: OutlookCheckReport) => void;
  /** Where an organiser's calendar becoming unreadable, or readable again, is told (default console). */
  log?: { warn(line: string): void; info(line: string): void };
};

export type OrganiserCheck = {
  organiserUserId: string;
  /** Meetings read from Outlook. */
  checked: number;
  changes: NoticedOutlookChange[];
  problem?: OutlookCheckProblem;
};

export type OutlookCheckReport = { at: string; organisers: OrganiserCheck[] };

type OrganiserState = {
  checkedAt?: Date;
  problem?: OutlookCheckProblem;
  changes: NoticedOutlookChange[];
  /** Where the organiser's calendar view delta goes on from (in memory: a restart compares every meeting once). */
  delta?: { link: string; from: CalendarDate };
};
type Booked = { meeting: Meeting; pupilId: string };

export type OutlookCheck = ReturnType<typeof createOutlookCheck>;

export function createOutlookCheck(deps: OutlookCheckDeps) {
  const startedAt = deps.clock.now();
  const state = new Map<string, OrganiserState>();
  const onError = deps.onError ?? ((err: unknown) => console.warn('Outlook check:', err));
  const problemLog = createProblemLog(
    deps.log ?? { warn: (line) => console.warn(line), info: (line) => console.log(line) },
  );
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<OutlookCheckReport> | undefined;

  const stateOf = (userId: string) => {
    const held = state.get(userId) ?? { changes: [] };
    state.set(userId, held);
    return held;
  };

  /** Booked meetings with an Outlook event, to come or lately past, by organiser. */
  function meetingsByOrganiser(): Map<string, { meeting: Meeting; pupilId: string }[]> {
    const from = addDays(deps.clock.today(), -CHECK_PAST_DAYS);
    const out = new Map<string, { meeting: Meeting; pupilId: string }[]>();
    const seen = new Set<string>();
    for (const pupil of deps.records.pupils()) {
      for (const meeting of deps.records.meetingsFor(pupil.id)) {
        const organiser = meeting.outlook?.organizerUserId;
        if (meeting.status !== 'booked' || !organiser || meeting.on < from || seen.has(meeting.id)) continue;
        seen.add(meeting.id);
        out.set(organiser, [...(out.get(organiser) ?? []), { meeting, pupilId: pupil.id }]);
      }
    }
    return out;
  }

  function problemOf(err: unknown): OutlookCheckProblem | undefined {
    if (err instanceof UnattendedTokenUnavailableError)
      return {
        kind: 'no-token',
        message:
          err.reason === 'none-held'
            ? 'SENCO Hub has had no sign-in from you since it last started, so it cannot read your Outlook on its own.'
            : 'Microsoft 365 asks you to sign in again before SENCO Hub may read your Outlook on its own.',
      };
    if (err instanceof ConsentRequiredError)
      return {
        kind: 'consent',
        message: 'Your IT admin has not granted SENCO Hub permission to read your Outlook calendar.',
      };
    if (err instanceof GraphRequestError && err.isThrottled)
      return { kind: 'busy', message: 'Outlook was busy; SENCO Hub will try again at the next check.' };
    return undefined;
  }

  async function actorFor(userId: string, given: Actor | undefined): Promise<Actor> {
    if (given) return given;
    const account = await deps.accounts.account(userId).catch(() => undefined);
    return { userId, upn: account?.upn ?? '', name: account?.name ?? 'SENCO Hub (Outlook check)' };
  }

  /**
   * Which of the organiser's meetings to read: with a delta link held, only those whose events changed or went
   * since (https://learn.microsoft.com/en-us/graph/api/event-delta); without one (first run, a restart, a link
   * refused with 410, or a month on), every meeting once. The new link is kept only once the run succeeds.
   */
  async function meetingsToRead(
    held: OrganiserState,
    calendar: OutlookCalendar,
    meetings: readonly Booked[],
  ) {
    const today = deps.clock.today();
    const current = held.delta && addDays(held.delta.from, DELTA_RENEW_DAYS) > today ? held.delta : undefined;
    if (current) {
      try {
        const changes = await calendar.changes({ deltaLink: current.link });
        const ids = new Set([...changes.changedIds, ...changes.removedIds]);
        return {
          meetings: meetings.filter(({ meeting }) => ids.has(meeting.outlook?.eventId ?? '')),
          delta: { link: changes.deltaLink, from: current.from },
        };
      } catch (err) {
        if (!(err instanceof GraphRequestError && err.status === 410)) throw err;
      }
    }
    const from = addDays(today, -CHECK_PAST_DAYS);
    const window = {
      start: new Date(`${from}T00:00:00Z`),
      end: new Date(`${addDays(today, DELTA_AHEAD_DAYS)}T00:00:00Z`),
    };
    const changes = await calendar.changes({ window });
    return { meetings, delta: { link: changes.deltaLink, from: today } };
  }

  /** Reads one organiser's meetings from their Outlook and brings the records into line. */
  async function checkOrganiser(
    userId: string,
    meetings: readonly Booked[],
    getToken: (() => Promise<string>) | undefined,
    given?: Actor,
  ): Promise<OrganiserCheck> {
    // The periodic run follows the calendar's changes; "Check Outlook now" (given) reads every meeting.
    const followChanges = given === undefined;
    const held = stateOf(userId);
    const result: OrganiserCheck = { organiserUserId: userId, checked: 0, changes: [] };
    try {
      if (!getToken)
        throw new UnattendedTokenUnavailableError('none-held', 'No refresh token is held for this person');
      const calendar = deps.calendarFor(getToken);
      const today = deps.clock.today();
      const settings = deps.records.settings().value;
      const toRead = followChanges ? await meetingsToRead(held, calendar, meetings) : { meetings };
      let by: Actor | undefined;
      for (const { meeting, pupilId } of toRead.meetings) {
        const pupil = deps.records.pupils().find((p) => p.id === pupilId);
        if (!pupil) continue;
        const plan = deps.records.ehcPlan(pupilId)?.value;
        const review = reviewLinkOf({ meeting, pupil, plan, settings, today });
        // Read first with no writer named: the organiser is looked up only when something changed.
        by ??= await actorFor(userId, given);
        const change = await deps.records.meetingBookings().checkOutlook({
          meetingId: meeting.id,
          calendar,
          ...(review ? { review: review.link } : {}),
          by,
        });
        result.checked += 1;
        if (change.kind === 'none') continue;
        const noticed: NoticedOutlookChange = {
          at: deps.clock.now().toISOString(),
          pupilId,
          pupilName: pupilDisplayName(pupil),
          meetingId: meeting.id,
          kind: change.kind,
          ...(change.kind === 'moved' ? { from: change.from } : {}),
          meeting: change.meeting,
          warnings:
            change.kind === 'moved'
              ? warningsFor(review, change.meeting.on, { ...change.meeting, schoolDay: settings.schoolDay })
              : [],
        };
        result.changes.push(noticed);
        await deps.audit?.record({
          at: noticed.at,
          actor: { userId: by.userId, upn: by.upn },
          action: 'update',
          resource: 'meeting',
          pupilId,
          detail: `${change.kind} in Outlook ${meeting.id} (noticed by the Outlook check)`,
        });
      }
      held.checkedAt = deps.clock.now();
      delete held.problem;
      if ('delta' in toRead) held.delta = toRead.delta;
    } catch (err) {
      const problem = problemOf(err);
      if (!problem) {
        onError(err);
        result.problem = { kind: 'failed', message: 'Outlook could not be read; SENCO Hub will try again.' };
      } else result.problem = problem;
      held.problem = result.problem;
    }
    problemLog.note(userId, result.problem);
    const keepFrom = deps.clock.now().getTime() - KEEP_CHANGES_DAYS * 86_400_000;
    held.changes = [...result.changes.reverse(), ...held.changes]
      .filter((c) => Date.parse(c.at) >= keepFrom)
      .slice(0, MAX_CHANGES);
    return result;
  }

  async function run(): Promise<OutlookCheckReport> {
    const at = deps.clock.now().toISOString();
    if (!deps.records.isReady()) return { at, organisers: [] };
    const organisers: OrganiserCheck[] = [];
    for (const [userId, meetings] of meetingsByOrganiser())
      organisers.push(await checkOrganiser(userId, meetings, deps.tokens.unattended(userId)));
    return { at, organisers };
  }

  const runInBackground = () => {
    void runOnce().then(
      (report) => deps.onReport?.(report),
      (err: unknown) => onError(err),
    );
  };

  function runOnce(): Promise<OutlookCheckReport> {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    /** One check of every organiser's meetings, without them (the timer's run). */
    runOnce,
    /** The caller's meetings checked now with their own token (the home view's "Check Outlook now"). */
    async checkNow(by: Actor, getToken: () => Promise<string>): Promise<OrganiserCheck> {
      const meetings = meetingsByOrganiser().get(by.userId) ?? [];
      return checkOrganiser(by.userId, meetings, getToken, by);
    },
    /** How current SENCO Hub is with the meetings `userId` organised. */
    status(userId: string): OutlookStatusAnswer {
      const organised = meetingsByOrganiser().get(userId)?.length ?? 0;
      const held = state.get(userId);
      const stale = organised > 0 && (!held?.checkedAt || held.problem !== undefined);
      return {
        organised,
        checkedAt: held?.checkedAt?.toISOString() ?? null,
        notCheckedSince: stale ? (held?.checkedAt ?? startedAt).toISOString() : null,
        problem: stale ? (held?.problem ?? null) : null,
        changes: held?.changes ?? [],
      };
    },
    /** The first run now (the catch-up after a restart), then every `intervalMs`. */
    start(intervalMs: number): void {
      if (timer) return;
      runInBackground();
      timer = setInterval(runInBackground, intervalMs);
      timer.unref?.();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
