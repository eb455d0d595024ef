/**
 * Date-only arithmetic for the seed, on integer day numbers (days since 1970-01-01, proleptic Gregorian).
 * Self-contained on purpose (the seed imports nothing of the app) and free of `Date`, so the generated school
 * cannot depend on the process time zone.
 */

import type { SeededRandom } from './random.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 for a civil date (Howard Hinnant's days_from_civil). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export type DateParts = { year: number; month: number; day: number };

/** The civil date of a day number (Howard Hinnant's civil_from_days). */
export function partsOf(dayNumber: number): DateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** True for 'YYYY-MM-DD' naming a real day. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses 'YYYY-MM-DD' to a day number; throws a RangeError naming the bad value. */
export function toDayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`"${date}" is not a real date in the form YYYY-MM-DD`);
  return dayNumberOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function toIsoDate(dayNumber: number): string {
  const { year, month, day } = partsOf(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function isWeekday(dayNumber: number): boolean {
  return isoWeekday(dayNumber) <= 5;
}

/** The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(dayNumber: number, months: number): number {
  const { year, month, day } = partsOf(dayNumber);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return dayNumberOf(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

export function addYears(dayNumber: number, years: number): number {
  return addMonths(dayNumber, years * 12);
}

/** The academic year (named by the calendar year it starts in, 1 September) containing the day. */
export function academicYearOf(dayNumber: number): number {
  const { year, month } = partsOf(dayNumber);
  return month >= 9 ? year : year - 1;
}

/** 1 September of the academic year. */
export function academicYearStart(academicYear: number): number {
  return dayNumberOf(academicYear, 9, 1);
}

/**
 * A rough English school holiday test: summer (from 22 July to 2 September) and Christmas (20 December to
 * 3 January). Half terms and Easter move every year and are ignored; this only keeps demo meetings out of
 * the obvious holidays.
 */
export function isLikelyHoliday(dayNumber: number): boolean {
  const { month, day } = partsOf(dayNumber);
  return (
    month === 8 ||
    (month === 7 && day >= 22) ||
    (month === 9 && day <= 2) ||
    (month === 12 && day >= 20) ||
    (month === 1 && day <= 3)
  );
}

/** The first weekday on or after the day. */
export function weekdayOnOrAfter(dayNumber: number): number {
  let d = dayNumber;
  while (!isWeekday(d)) d++;
  return d;
}

/**
 * A random term-time weekday in [from, to] (both inclusive). Falls back to any weekday in the range, then to
 * `from` itself when the range holds no weekday, so callers always get a day inside their bounds.
 */
export function pickSchoolDay(random: SeededRandom, from: number, to: number): number {
  if (to < from) return from;
  for (let attempt = 0; attempt < 24; attempt++) {
    const d = random.int(from, to);
    if (isWeekday(d) && !isLikelyHoliday(d)) return d;
  }
  for (let attempt = 0; attempt < 12; attempt++) {
    const d = random.int(from, to);
    if (isWeekday(d)) return d;
  }
  for (let d = from; d <= to; d++) if (isWeekday(d)) return d;
  return from;
}
