import { academicYearOf, type AcademicYear } from './academic-year.ts';
import { calendarDate, calendarDateParts, isLeapYear, type CalendarDate } from './calendar-date.ts';

/**
 * Year groups from the first nursery year to the end of a school sixth form. N1 is the year before
 * N2 ("pre-school"), N2 the year before Reception; Y14 covers pupils kept on for a third sixth-form year.
 */
export const YEAR_GROUPS = [
  'N1',
  'N2',
  'R',
  'Y1',
  'Y2',
  'Y3',
  'Y4',
  'Y5',
  'Y6',
  'Y7',
  'Y8',
  'Y9',
  'Y10',
  'Y11',
  'Y12',
  'Y13',
  'Y14',
] as const;

export type YearGroup = (typeof YEAR_GROUPS)[number];

/** National curriculum year number: N1 = -2, N2 = -1, R = 0, Y1 = 1 … Y14 = 14. */
export function yearGroupNumber(yearGroup: YearGroup): number {
  return YEAR_GROUPS.indexOf(yearGroup) - 2;
}

export function yearGroupFromNumber(n: number): YearGroup | undefined {
  return YEAR_GROUPS[n + 2];
}

export function compareYearGroups(a: YearGroup, b: YearGroup): number {
  return yearGroupNumber(a) - yearGroupNumber(b);
}

/** True for Y9 when n = 9, and for every later year group. */
export function isInOrBeyondYear(yearGroup: YearGroup, n: number): boolean {
  return yearGroupNumber(yearGroup) >= n;
}

/**
 * The chronological year group of a child born on `dateOfBirth` during `academicYear`. In England a
 * cohort is everyone born 1 September to 31 August; a child joins Reception in the academic year that
 * starts in the September after their fourth birthday (so a 31 August birthday starts at 4, a
 * 1 September birthday at almost 5). `offset` moves a pupil taught out of their cohort (-1 = a year
 * below). Undefined when the result would fall outside N1-Y14.
 */
export function yearGroupOn(
  dateOfBirth: CalendarDate,
  academicYear: AcademicYear,
  offset = 0,
): YearGroup | undefined {
  const cohort = academicYearOf(dateOfBirth);
  const receptionYear = cohort + 5;
  return yearGroupFromNumber(academicYear - receptionYear + offset);
}

/** The year group on a particular day (the academic year containing `date`). */
export function yearGroupOnDate(
  dateOfBirth: CalendarDate,
  date: CalendarDate,
  offset = 0,
): YearGroup | undefined {
  return yearGroupOn(dateOfBirth, academicYearOf(date), offset);
}

/**
 * The day a person born on `dateOfBirth` reaches `age`. Someone born on 29 February reaches it on
 * 1 March in a common year (the usual reading in England).
 */
export function birthdayOf(dateOfBirth: CalendarDate, age: number): CalendarDate {
  const { year, month, day } = calendarDateParts(dateOfBirth);
  const target = year + age;
  if (month === 2 && day === 29 && !isLeapYear(target)) return calendarDate(target, 3, 1);
  return calendarDate(target, month, day);
}

/** Age in whole years on `date`. */
export function ageOn(dateOfBirth: CalendarDate, date: CalendarDate): number {
  const birth = calendarDateParts(dateOfBirth);
  const on = calendarDateParts(date);
  const years = on.year - birth.year;
  return date >= birthdayOf(dateOfBirth, years) ? years : years - 1;
}

/**
 * A pupil's year and classes in one phrase without saying the year twice: 'Year 6 Alder' when every class's name
 * already says its year, 'Year 6 · 6A' when one does not, 'Year 6' with no class.
 */
export function yearAndClassesPhrase(yearLabel: string, classNames: readonly string[]): string {
  if (classNames.length === 0) return yearLabel;
  const year = yearLabel.toLocaleLowerCase('en-GB');
  const sayYear = !classNames.every((n) => n.toLocaleLowerCase('en-GB').startsWith(year));
  return sayYear ? `${yearLabel} · ${classNames.join(', ')}` : classNames.join(', ');
}
