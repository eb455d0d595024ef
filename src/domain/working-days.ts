import { addDays, calendarDateParts, isoWeekdayOf, type CalendarDate } from './calendar-date.ts';

/**
 * Working days for statutory deadlines. A "working day" in the Tribunal Procedure (First-tier Tribunal)
 * (Health, Education and Social Care Chamber) Rules 2008, r 1(3), is any day except a Saturday, a Sunday,
 * Christmas Day, Good Friday or a bank holiday under the Banking and Financial Dealings Act 1971, s 1
 * (https://www.legislation.gov.uk/uksi/2008/2699/rule/1).
 *
 * Pure: the English bank holidays are an argument. The server computes them from a maintained calendar
 * (src/server/bank-holidays.ts) and passes them in; nothing here types a holiday by hand. Without the list,
 * only weekends and Christmas Day are known to be non-working.
 */
export type BankHolidays = ReadonlySet<CalendarDate>;

export const NO_BANK_HOLIDAYS: BankHolidays = new Set<CalendarDate>();

export function bankHolidaySet(days: Iterable<CalendarDate> | undefined): BankHolidays {
  if (days === undefined) return NO_BANK_HOLIDAYS;
  return days instanceof Set ? (days as BankHolidays) : new Set(days);
}

export type NonWorkingReason = 'weekend' | 'bank-holiday';

/** Why `date` is not a working day, or undefined when it is one. */
export function nonWorkingReason(
  date: CalendarDate,
  bankHolidays: BankHolidays = NO_BANK_HOLIDAYS,
): NonWorkingReason | undefined {
  if (isoWeekdayOf(date) >= 6) return 'weekend';
  const { month, day } = calendarDateParts(date);
  if ((month === 12 && day === 25) || bankHolidays.has(date)) return 'bank-holiday';
  return undefined;
}

export function isWorkingDay(date: CalendarDate, bankHolidays: BankHolidays = NO_BANK_HOLIDAYS): boolean {
  return nonWorkingReason(date, bankHolidays) === undefined;
}

/** Longest run of non-working days searched (Christmas to New Year with weekends is under two weeks). */
const MAX_RUN = 31;

function walk(from: CalendarDate, step: 1 | -1, bankHolidays: BankHolidays): CalendarDate {
  let date = from;
  for (let i = 0; i <= MAX_RUN; i++) {
    if (isWorkingDay(date, bankHolidays)) return date;
    date = addDays(date, step);
  }
  throw new RangeError(`No working day within ${MAX_RUN} days of ${from}: check the bank holiday list`);
}

export function nextWorkingDayOnOrAfter(date: CalendarDate, bankHolidays?: BankHolidays): CalendarDate {
  return walk(date, 1, bankHolidays ?? NO_BANK_HOLIDAYS);
}

export function firstWorkingDayAfter(date: CalendarDate, bankHolidays?: BankHolidays): CalendarDate {
  return walk(addDays(date, 1), 1, bankHolidays ?? NO_BANK_HOLIDAYS);
}

export function lastWorkingDayOnOrBefore(date: CalendarDate, bankHolidays?: BankHolidays): CalendarDate {
  return walk(date, -1, bankHolidays ?? NO_BANK_HOLIDAYS);
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** 'Sun 14 Feb': short enough to sit beside a due date. */
export function formatShortDay(date: CalendarDate): string {
  const { month, day } = calendarDateParts(date);
  return `${WEEKDAYS[isoWeekdayOf(date) - 1] ?? ''} ${day} ${MONTHS[month - 1] ?? ''}`;
}

/**
 * A last day that falls on a weekend or bank holiday, with the last working day before it: the day to act
 * by when offices are closed on the last day itself.
 */
export type NonWorkingDeadline = {
  readonly reason: NonWorkingReason;
  readonly actBy: CalendarDate;
  /** 'Sun 14 Feb — act by Fri 12 Feb'. */
  readonly text: string;
};

export function nonWorkingDeadline(
  due: CalendarDate,
  bankHolidays: BankHolidays = NO_BANK_HOLIDAYS,
): NonWorkingDeadline | undefined {
  const reason = nonWorkingReason(due, bankHolidays);
  if (!reason) return undefined;
  const actBy = lastWorkingDayOnOrBefore(addDays(due, -1), bankHolidays);
  return { reason, actBy, text: `${formatShortDay(due)} — act by ${formatShortDay(actBy)}` };
}
