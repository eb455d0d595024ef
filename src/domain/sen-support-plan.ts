import { academicYearEnd, academicYearOf, academicYearStart, type AcademicYear } from './academic-year.ts';
import { calendarDate, formatCalendarDate, isWithin, type CalendarDate } from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import type { ApdrCycle, SenSupportPlan } from './sen-support-plan.schema.ts';
import { RULES } from './statutory-rules.ts';
import { stepBuilder, wasCompletedLate, type TimelineStep } from './timeline-step.ts';

/** The cycle in progress: the one started most recently. */
export function currentCycle(plan: SenSupportPlan): ApdrCycle | undefined {
  return [...plan.cycles]
    .sort((a, b) => (a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0))
    .at(-1);
}

/**
 * The next assess-plan-do-review review: the date agreed at the Plan stage (CoP 6.48) of the cycle in
 * progress, while that cycle is not yet reviewed; undefined once it is (the next cycle sets the next date).
 * The one reading of "the next APDR review" — SharePoint's indexed `NextReviewOn` is written from it.
 */
export function nextApdrReviewOn(plan: SenSupportPlan): CalendarDate | undefined {
  const cycle = currentCycle(plan);
  return cycle && !cycle.reviewedOn ? cycle.reviewOn : undefined;
}

/** The review date agreed at the Plan stage of the current cycle (CoP 6.48), as a step. */
export function senSupportReviewStep(input: {
  plan: SenSupportPlan;
  settings: DomainSettings;
  today: CalendarDate;
}): TimelineStep | undefined {
  const cycle = currentCycle(input.plan);
  if (!cycle) return undefined;
  const warnings: string[] = [];
  if (wasCompletedLate({ due: cycle.reviewOn, completedOn: cycle.reviewedOn })) {
    warnings.push(
      `Reviewed on ${formatCalendarDate(cycle.reviewedOn ?? cycle.reviewOn)}, after the agreed date`,
    );
  }
  if (cycle.reviewedOn) {
    warnings.push(
      'This cycle has been reviewed: start the next assess-plan-do-review cycle with a new review date',
    );
  }
  return stepBuilder({ today: input.today, dueSoonDays: input.settings.dueSoonDays })({
    id: 'sen-support-review-by',
    label: 'Review the SEN support plan with the pupil and parents',
    due: cycle.reviewOn,
    rule: RULES.senSupportReviewDate,
    owner: 'school',
    completedOn: cycle.reviewedOn,
    warnings,
  });
}

/** Every parent meeting recorded on the plan, earliest first, each day once. */
export function parentMeetingDatesOf(plan: SenSupportPlan): CalendarDate[] {
  const dates = new Set(plan.cycles.flatMap((c) => c.parentMeetings.map((m) => m.on)));
  return [...dates].sort();
}

export type ParentReviewCadenceStatus = 'met' | 'on-track' | 'behind' | 'missed';

export type ParentReviewCadence = {
  readonly academicYear: AcademicYear;
  readonly held: number;
  readonly required: number;
  /** Meetings expected by today at an even pace, one share per completed term. */
  readonly expectedByNow: number;
  readonly status: ParentReviewCadenceStatus;
};

/**
 * Term ends used to pace the three meetings a year. Approximations, because term dates vary by school:
 * autumn to 31 December, spring to 31 March (Easter moves), summer to the end of the academic year.
 */
function termEnds(academicYear: AcademicYear): CalendarDate[] {
  return [
    calendarDate(academicYear, 12, 31),
    calendarDate(academicYear + 1, 3, 31),
    academicYearEnd(academicYear),
  ];
}

/**
 * Parent reviews held in an academic year against the Code's "at least three times a year" (CoP 6.65; the
 * number is a setting). Only meetings on or before today count. For a year that is over, the answer is
 * final: met or missed. With `from` (the day SEN support planning began), terms that ended by that day are
 * not owed: a plan begun in March owes the spring and summer shares, two of three meetings.
 */
export function parentReviewCadence(input: {
  meetingDates: readonly CalendarDate[];
  academicYear: AcademicYear;
  today: CalendarDate;
  required: number;
  from?: CalendarDate;
}): ParentReviewCadence {
  const { academicYear, today } = input;
  const year = { from: academicYearStart(academicYear), to: academicYearEnd(academicYear) };
  const held = input.meetingDates.filter((m) => isWithin(m, year) && m <= today).length;
  const owed = termEnds(academicYear).filter((end) => input.from === undefined || input.from < end);
  const share = (terms: number) => Math.ceil((input.required * terms) / 3);
  const required = share(owed.length);
  const termsCompleted = owed.filter((end) => end < today).length;
  const expectedByNow = share(termsCompleted);
  let status: ParentReviewCadenceStatus = 'on-track';
  if (held >= required) status = 'met';
  else if (termsCompleted === owed.length) status = 'missed';
  else if (held < expectedByNow) status = 'behind';
  return { academicYear, held, required, expectedByNow, status };
}

/** The day the plan's first cycle began: parent reviews are owed from then. */
function planStart(plan: SenSupportPlan): CalendarDate | undefined {
  return plan.cycles.map((c) => c.startedOn).sort()[0];
}

/** The cadence for a plan in the academic year containing `today`. */
export function planParentReviewCadence(input: {
  plan: SenSupportPlan;
  settings: DomainSettings;
  today: CalendarDate;
}): ParentReviewCadence {
  return planParentReviewCadenceIn({ ...input, academicYear: academicYearOf(input.today) });
}

function planParentReviewCadenceIn(input: {
  plan: SenSupportPlan;
  settings: DomainSettings;
  today: CalendarDate;
  academicYear: AcademicYear;
}): ParentReviewCadence {
  const from = planStart(input.plan);
  return parentReviewCadence({
    meetingDates: parentMeetingDatesOf(input.plan),
    academicYear: input.academicYear,
    today: input.today,
    required: input.settings.senSupportParentReviewsPerYear,
    ...(from !== undefined && academicYearOf(from) === input.academicYear ? { from } : {}),
  });
}

/**
 * The academic years before the one containing `today` in which the plan was open, newest first, each
 * with its final answer: met, or missed. At most `limit` years (default 3).
 */
export function planPastParentReviewYears(input: {
  plan: SenSupportPlan;
  settings: DomainSettings;
  today: CalendarDate;
  limit?: number;
}): ParentReviewCadence[] {
  const start = planStart(input.plan);
  if (start === undefined) return [];
  const first = academicYearOf(start);
  const years: ParentReviewCadence[] = [];
  for (
    let year = academicYearOf(input.today) - 1;
    year >= first && years.length < (input.limit ?? 3);
    year--
  ) {
    years.push(planParentReviewCadenceIn({ ...input, academicYear: year }));
  }
  return years;
}
