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
 * Parent reviews held so far in an academic year against the Code's "at least three times a year"
 * (CoP 6.65; the number is a setting). Only meetings on or before today count.
 */
export function parentReviewCadence(input: {
  meetingDates: readonly CalendarDate[];
  academicYear: AcademicYear;
  today: CalendarDate;
  required: number;
}): ParentReviewCadence {
  const { academicYear, today, required } = input;
  const year = { from: academicYearStart(academicYear), to: academicYearEnd(academicYear) };
  const held = input.meetingDates.filter((m) => isWithin(m, year) && m <= today).length;
  const termsCompleted = termEnds(academicYear).filter((end) => end < today).length;
  const expectedByNow = Math.ceil((required * termsCompleted) / 3);
  let status: ParentReviewCadenceStatus = 'on-track';
  if (held >= required) status = 'met';
  else if (termsCompleted === 3) status = 'missed';
  else if (held < expectedByNow) status = 'behind';
  return { academicYear, held, required, expectedByNow, status };
}

/** The cadence for a plan in the academic year containing `today`. */
export function planParentReviewCadence(input: {
  plan: SenSupportPlan;
  settings: DomainSettings;
  today: CalendarDate;
}): ParentReviewCadence {
  return parentReviewCadence({
    meetingDates: parentMeetingDatesOf(input.plan),
    academicYear: academicYearOf(input.today),
    today: input.today,
    required: input.settings.senSupportParentReviewsPerYear,
  });
}
