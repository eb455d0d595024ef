import {
  addDays,
  addWeeks,
  earliestOf,
  isoWeekdayOf,
  isWithin,
  lastDayOfPeriod,
  latestOf,
  type CalendarDate,
} from './calendar-date.ts';

/**
 * When the next assess-plan-do-review cycle should be reviewed. The Code asks for "a clear date for review"
 * agreed at the Plan stage (CoP 6.48) and for parents to be met at least three times a year (CoP 6.65), so
 * the default is about a term; the Individual Support Plan proposed in the Schools White Paper (February
 * 2026) is to be reviewed at least every 12 months, so no review is ever proposed later than that.
 */

/** One term as the school sets it: the first and last day pupils are in. */
export type SchoolTerm = { readonly from: CalendarDate; readonly to: CalendarDate };

/** About a term: three reviews a year, each with a parent meeting. Local practice; the form lets it be changed. */
export const SEN_SUPPORT_REVIEW_INTERVAL_WEEKS = 12;
/** No plan goes unreviewed longer than this (Individual Support Plan, proposed). */
export const SEN_SUPPORT_REVIEW_MAX_MONTHS = 12;

const isWeekday = (date: CalendarDate) => isoWeekdayOf(date) <= 5;

/** A weekday in a term (any weekday when the school's terms are not known). */
export function isSchoolDay(date: CalendarDate, terms: readonly SchoolTerm[]): boolean {
  return isWeekday(date) && (terms.length === 0 || terms.some((t) => isWithin(date, t)));
}

/** Search at most a year and a half either way: terms are never further apart. */
const SEARCH_DAYS = 550;

function schoolDayFrom(
  date: CalendarDate,
  terms: readonly SchoolTerm[],
  step: 1 | -1,
): CalendarDate | undefined {
  let day = date;
  for (let i = 0; i < SEARCH_DAYS; i++, day = addDays(day, step)) if (isSchoolDay(day, terms)) return day;
  return undefined;
}

/**
 * The review date to propose for a cycle starting `from` (a review just held, or a new plan): `intervalWeeks`
 * after it (or after today, if `from` has passed), never more than 12 months after `from` (the first school
 * day after today when those 12 months are over), moved onto a school day: back to the last school day before a weekend or holiday, or, when that is not after today,
 * forward to the first school day after it. Pure: today and the terms are arguments.
 */
export function nextSenSupportReviewDate(input: {
  from: CalendarDate;
  today: CalendarDate;
  terms: readonly SchoolTerm[];
  intervalWeeks?: number;
}): CalendarDate {
  const { from, today, terms } = input;
  const intervalWeeks = input.intervalWeeks ?? SEN_SUPPORT_REVIEW_INTERVAL_WEEKS;
  if (!Number.isInteger(intervalWeeks) || intervalWeeks < 1 || intervalWeeks > 52)
    throw new RangeError(`Review interval must be 1 to 52 weeks, not ${intervalWeeks}`);
  const latest = lastDayOfPeriod(from, SEN_SUPPORT_REVIEW_MAX_MONTHS);
  const target = earliestOf(addWeeks(latestOf(from, today), intervalWeeks), latest);
  // Twelve months have passed already: the review is overdue, so the first school day after today.
  if (target <= today) return schoolDayFrom(addDays(today, 1), terms, 1) ?? addDays(today, 1);
  const before = schoolDayFrom(target, terms, -1);
  if (before !== undefined && before > today) return before;
  return schoolDayFrom(addDays(target, 1), terms, 1) ?? target;
}
