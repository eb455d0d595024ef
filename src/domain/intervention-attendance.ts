import { isAfter, isBefore, type CalendarDate } from './calendar-date.ts';
import type { InterventionPupil } from './intervention.schema.ts';
import { percentOf } from './register-analytics.ts';

/**
 * Sessions offered and attended, from the sessions recorded for an intervention. A session is offered to a
 * pupil when they are named in it as attended or absent; counts brought in from before SENCO Hub recorded
 * sessions (the pupil's own `sessionsAttended` / `sessionsOffered`) are added to the recorded ones, so two
 * people recording at once never lose an update: nothing is rewritten, only counted.
 */

/** What the attendance arithmetic needs of a recorded session. */
export type SessionAttendance = {
  readonly date: CalendarDate;
  readonly attendedPupilIds: readonly string[];
  readonly absentPupilIds: readonly string[];
};

export type AttendanceCounts = { sessionsAttended?: number; sessionsOffered?: number };

/**
 * A pupil's counts: the imported counts plus the recorded sessions naming them. Undefined where nothing is
 * known (no imported count and no recorded session), so "no data" is not shown as 0 of 0.
 */
export function pupilAttendance(
  pupil: Pick<InterventionPupil, 'pupilId' | 'sessionsAttended' | 'sessionsOffered'>,
  sessions: readonly SessionAttendance[],
): AttendanceCounts {
  const attended = sessions.filter((s) => s.attendedPupilIds.includes(pupil.pupilId)).length;
  const offered = attended + sessions.filter((s) => s.absentPupilIds.includes(pupil.pupilId)).length;
  const baseAttended = pupil.sessionsAttended;
  const baseOffered = pupil.sessionsOffered;
  const sessionsAttended =
    baseAttended !== undefined || offered > 0 ? (baseAttended ?? 0) + attended : undefined;
  // An imported attended count without an offered one says nothing about what was offered before.
  const sessionsOffered =
    baseOffered !== undefined
      ? baseOffered + offered
      : baseAttended === undefined && offered > 0
        ? offered
        : undefined;
  return {
    ...(sessionsAttended !== undefined ? { sessionsAttended } : {}),
    ...(sessionsOffered !== undefined ? { sessionsOffered } : {}),
  };
}

/** Attended as a percentage of offered (one decimal place); undefined when nothing was offered. */
export function attendancePercent(counts: AttendanceCounts): number | undefined {
  const offered = counts.sessionsOffered ?? 0;
  if (offered <= 0 || counts.sessionsAttended === undefined) return undefined;
  return percentOf(Math.min(counts.sessionsAttended, offered), offered);
}

/**
 * Whether a pupil could be in a session on `date`: they had joined (joinedOn, or the intervention's start)
 * and had not left before it. Recording a session for a pupil outside that span is refused.
 */
export function wasInInterventionOn(
  pupil: Pick<InterventionPupil, 'joinedOn' | 'leftOn'>,
  interventionStartOn: CalendarDate,
  date: CalendarDate,
): boolean {
  const joined = pupil.joinedOn ?? interventionStartOn;
  if (isBefore(date, joined)) return false;
  return pupil.leftOn === undefined || !isAfter(date, pupil.leftOn);
}

/**
 * One session per intervention per day: recording a day again corrects it, never adds to it. Two accounts of
 * one day agree when they name the same pupils as attended and as absent (in any order) and carry the same
 * note; an account recorded meanwhile that agrees is the same session (a retry, a second click), one that
 * differs is a conflict to show the person recording.
 */
export function sameSessionAccount(
  a: SessionAttendance & { readonly note?: string | undefined },
  b: SessionAttendance & { readonly note?: string | undefined },
): boolean {
  const sorted = (ids: readonly string[]) => [...ids].sort().join(',');
  return (
    sorted(a.attendedPupilIds) === sorted(b.attendedPupilIds) &&
    sorted(a.absentPupilIds) === sorted(b.absentPupilIds) &&
    (a.note ?? '') === (b.note ?? '')
  );
}
