import { academicYearOf, type AcademicYear } from './academic-year.ts';
import {
  calendarDate,
  isOnOrAfter,
  isoWeekdayOf,
  type CalendarDate,
  type IsoWeekday,
} from './calendar-date.ts';
import { RULES, type Rule } from './statutory-rules.ts';

export type CensusTerm = 'autumn' | 'spring' | 'summer';

export type CensusDay = {
  readonly term: CensusTerm;
  readonly academicYear: AcademicYear;
  readonly date: CalendarDate;
  readonly rule: Rule;
};

const THURSDAY: IsoWeekday = 4;

/** The nth (1-based) given weekday of a month, e.g. the third Thursday of January 2026. */
export function nthWeekdayOfMonth(spec: {
  year: number;
  month: number;
  weekday: IsoWeekday;
  n: number;
}): CalendarDate {
  const first = calendarDate(spec.year, spec.month, 1);
  const offset = (spec.weekday - isoWeekdayOf(first) + 7) % 7;
  // calendarDate throws if there is no nth such weekday in the month.
  return calendarDate(spec.year, spec.month, 1 + offset + (spec.n - 1) * 7);
}

const CENSUS_RULES: Record<CensusTerm, Rule> = {
  autumn: RULES.censusAutumn,
  spring: RULES.censusSpring,
  summer: RULES.censusSummer,
};

/**
 * Census day of a term: autumn the first Thursday in October, spring the third Thursday in January,
 * summer the third Thursday in May (spring and summer fall in the second calendar year of the academic year).
 */
export function censusDay(term: CensusTerm, academicYear: AcademicYear): CalendarDate {
  switch (term) {
    case 'autumn':
      return nthWeekdayOfMonth({ year: academicYear, month: 10, weekday: THURSDAY, n: 1 });
    case 'spring':
      return nthWeekdayOfMonth({ year: academicYear + 1, month: 1, weekday: THURSDAY, n: 3 });
    case 'summer':
      return nthWeekdayOfMonth({ year: academicYear + 1, month: 5, weekday: THURSDAY, n: 3 });
  }
}

export function censusDaysOf(academicYear: AcademicYear): CensusDay[] {
  return (['autumn', 'spring', 'summer'] as const).map((term) => ({
    term,
    academicYear,
    date: censusDay(term, academicYear),
    rule: CENSUS_RULES[term],
  }));
}

/** The next census day on or after `today` (today itself counts: data must be right on the day). */
export function nextCensusDay(today: CalendarDate): CensusDay {
  const academicYear = academicYearOf(today);
  const candidates = [...censusDaysOf(academicYear), ...censusDaysOf(academicYear + 1)];
  const next = candidates.find((c) => isOnOrAfter(c.date, today));
  // Two academic years always contain a census day after any day of the first.
  if (!next) throw new Error(`No census day found after ${today}`);
  return next;
}

/** The most recent census day strictly before `today`. */
export function previousCensusDay(today: CalendarDate): CensusDay {
  const academicYear = academicYearOf(today);
  const candidates = [...censusDaysOf(academicYear - 1), ...censusDaysOf(academicYear)].reverse();
  const previous = candidates.find((c) => c.date < today);
  if (!previous) throw new Error(`No census day found before ${today}`);
  return previous;
}
