import Holidays from 'date-holidays';
import { calendarDateParts, isCalendarDate, type CalendarDate } from '../domain/calendar-date.ts';

/**
 * English bank holidays (England and Wales, with their substitute days) from `date-holidays`, a maintained
 * calendar (ISC, data CC-BY-3.0), never typed by hand here. The domain takes the list as an argument and
 * stays pure (src/domain/working-days.ts); this module is the one place that asks the library.
 *
 * Bank holidays under the Banking and Financial Dealings Act 1971 s 1 include those appointed by
 * proclamation each year, so the library's data must be kept current with the package.
 */

const england = new Holidays('GB', 'ENG', { types: ['public', 'bank'] });
const byYear = new Map<number, readonly CalendarDate[]>();

/** The bank holidays of one calendar year, in date order. */
export function englishBankHolidaysIn(year: number): readonly CalendarDate[] {
  const cached = byYear.get(year);
  if (cached) return cached;
  const found = (england.getHolidays(year) || [])
    .filter((h) => h.type === 'public' || h.type === 'bank')
    .map((h) => h.date.slice(0, 10))
    .filter(isCalendarDate)
    .sort();
  const days = [...new Set(found)];
  byYear.set(year, days);
  return days;
}

/**
 * Bank holidays from the year before `today` to two years after it: every statutory period SENCO Hub shows
 * (appeal windows, 20-week assessments, annual reviews) ends inside that range.
 */
export function englishBankHolidaysAround(today: CalendarDate): ReadonlySet<CalendarDate> {
  const { year } = calendarDateParts(today);
  return new Set([year - 1, year, year + 1, year + 2].flatMap(englishBankHolidaysIn));
}
