import { addDays, isoWeekdayOf, isWithin, type CalendarDate } from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import { RECORD_TRANSFER_SCHOOL_DAYS, RULES } from './statutory-rules.ts';
import { stepBuilder, type TimelineStep } from './timeline-step.ts';

/** A run of days the school is closed (holidays, bank holidays, training days), inclusive. */
export type Closure = { readonly from: CalendarDate; readonly to: CalendarDate };

/** A weekday outside every closure. Bank holidays count only if they are in `closures`. */
export function isSchoolDay(date: CalendarDate, closures: readonly Closure[]): boolean {
  return isoWeekdayOf(date) <= 5 && !closures.some((c) => isWithin(date, c));
}

/** The `n`th school day after `start` (start itself not counted). */
export function addSchoolDays(start: CalendarDate, n: number, closures: readonly Closure[]): CalendarDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${n} is not a whole number of school days`);
  let date = start;
  let counted = 0;
  while (counted < n) {
    date = addDays(date, 1);
    if (isSchoolDay(date, closures)) counted++;
  }
  return date;
}

/**
 * Common transfer file and SEN record to the new school: no later than 15 school days after the head
 * learns of the pupil's registration there (Education (Pupil Information) (England) Regulations 2005, reg 9(3B)).
 */
export function recordTransferStep(input: {
  learnedOn: CalendarDate;
  sentOn?: CalendarDate;
  closures: readonly Closure[];
  settings: DomainSettings;
  today: CalendarDate;
}): TimelineStep {
  return stepBuilder({ today: input.today, dueSoonDays: input.settings.dueSoonDays })({
    id: 'record-transfer-by',
    label: 'Send the common transfer file and SEN record to the new school',
    due: addSchoolDays(input.learnedOn, RECORD_TRANSFER_SCHOOL_DAYS, input.closures),
    rule: RULES.recordTransfer,
    owner: 'school',
    completedOn: input.sentOn,
  });
}
