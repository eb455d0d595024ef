// The zod field for a date is in calendar-date-field.ts, so code that only works with dates (the tab's
// register) does not bring zod with it.

/**
 * A date on the calendar ('YYYY-MM-DD'), never an instant. Statutory deadlines are days, not moments,
 * so all arithmetic runs on integer day numbers (days since 1970-01-01, proleptic Gregorian) and never
 * touches `Date`: results cannot depend on the process time zone or on daylight saving.
 */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

export type CalendarDateParts = { readonly year: number; readonly month: number; readonly day: number };

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isValidParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function format(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as CalendarDate;
}

/** True for a string in the form YYYY-MM-DD that names a real day (so not 2025-02-29). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  return isValidParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Parses 'YYYY-MM-DD', rejecting impossible days. Throws a RangeError naming the bad value. */
export function parseCalendarDate(value: string): CalendarDate {
  if (!isCalendarDate(value)) {
    throw new RangeError(`"${value}" is not a real date in the form YYYY-MM-DD`);
  }
  return value;
}

/** Builds a date from its parts (month 1-12). Throws a RangeError for an impossible day. */
export function calendarDate(year: number, month: number, day: number): CalendarDate {
  if (!isValidParts(year, month, day)) {
    throw new RangeError(`${year}-${month}-${day} is not a real date`);
  }
  return format(year, month, day);
}

export function calendarDateParts(date: CalendarDate): CalendarDateParts {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

// Day-number conversion after Howard Hinnant's days_from_civil / civil_from_days: exact integer
// arithmetic, no floating point, no Date.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(dayNumber: number): CalendarDateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: CalendarDate): number {
  const { year, month, day } = calendarDateParts(date);
  return daysFromCivil(year, month, day);
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`Day number ${dayNumber} is not a whole number`);
  const { year, month, day } = civilFromDays(dayNumber);
  return calendarDate(year, month, day);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function addWeeks(date: CalendarDate, weeks: number): CalendarDate {
  return addDays(date, weeks * 7);
}

/**
 * Calendar-month arithmetic that clamps to the end of a shorter month:
 * 31 January + 1 month = 28 (or 29) February; 29 February 2024 + 12 months = 28 February 2025.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  if (!Number.isInteger(months)) throw new RangeError(`${months} is not a whole number of months`);
  const { year, month, day } = calendarDateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return calendarDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/**
 * The last day of a period of `months` months starting with (and including) `start`, as statutes count
 * "the period of 12 months starting with the date…": the day before the corresponding date, or the last
 * day of the month when that month has no corresponding date (29 February 2024 + 12 months ends on
 * 28 February 2025; 10 March 2025 + 12 months ends on 9 March 2026).
 */
export function lastDayOfPeriod(start: CalendarDate, months: number): CalendarDate {
  const { day } = calendarDateParts(start);
  const sameDayLater = addMonths(start, months);
  // addMonths clamped: the month has no corresponding date, so the period runs to its end.
  if (calendarDateParts(sameDayLater).day !== day) return sameDayLater;
  return addDays(sameDayLater, -1);
}

export function addYears(date: CalendarDate, years: number): CalendarDate {
  return addMonths(date, years * 12);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

// ISO strings with four-digit years sort lexicographically in date order.
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a < b;
}

export function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return a > b;
}

export function isOnOrBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a <= b;
}

export function isOnOrAfter(a: CalendarDate, b: CalendarDate): boolean {
  return a >= b;
}

/** True when `date` falls in [from, to] inclusive. */
export function isWithin(date: CalendarDate, range: { from: CalendarDate; to: CalendarDate }): boolean {
  return date >= range.from && date <= range.to;
}

export function earliestOf(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
  return rest.reduce((min, d) => (d < min ? d : min), first);
}

export function latestOf(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
  return rest.reduce((max, d) => (d > max ? d : max), first);
}

export function isoWeekdayOf(date: CalendarDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  const mod = (((toDayNumber(date) + 3) % 7) + 7) % 7;
  return (mod + 1) as IsoWeekday;
}

/** '1 day', '13 days': for warnings that count days. */
export function formatDayCount(days: number): string {
  return `${days} day${Math.abs(days) === 1 ? '' : 's'}`;
}

/** UK long form for labels and warnings: '15 February 2026'. Built by hand so no locale data is involved. */
export function formatCalendarDate(date: CalendarDate): string {
  const { year, month, day } = calendarDateParts(date);
  return `${day} ${MONTH_NAMES[month - 1] ?? ''} ${year}`;
}
