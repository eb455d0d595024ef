import type { CalendarDate } from './calendar-date.ts';

/**
 * Which delivered session a record is: an intervention, a day and the session's number within that day (an
 * intervention run twice a day — a morning and an afternoon reading group — has sessions 1 and 2). Recording
 * the same session again corrects it, never doubles it; two sessions the same day are two records.
 */
export type SessionSlot = {
  readonly interventionId: string;
  readonly date: CalendarDate;
  /** 1 when absent: every session recorded before sessions were numbered was the day's first. */
  readonly sessionNumber?: number | undefined;
};

/** The most sessions of one intervention a day can hold (a school day has at most this many lessons). */
export const MAX_SESSIONS_A_DAY = 8;

export const sessionNumberOf = (slot: Pick<SessionSlot, 'sessionNumber'>): number => slot.sessionNumber ?? 1;

/**
 * The session's key (unique in the store). The day's first session keeps the key it had before sessions were
 * numbered, so a first session recorded then and recorded again now is still one record.
 */
export function sessionKey(slot: SessionSlot): string {
  const n = sessionNumberOf(slot);
  return n === 1 ? `${slot.interventionId}|${slot.date}` : `${slot.interventionId}|${slot.date}|${n}`;
}

export function sameSessionSlot(a: SessionSlot, b: SessionSlot): boolean {
  return (
    a.interventionId === b.interventionId && a.date === b.date && sessionNumberOf(a) === sessionNumberOf(b)
  );
}
