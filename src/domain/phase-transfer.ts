import { academicYearOf, type AcademicYear } from './academic-year.ts';
import {
  addDays,
  addMonths,
  addWeeks,
  calendarDate,
  formatCalendarDate,
  isOnOrAfter,
  isOnOrBefore,
  type CalendarDate,
} from './calendar-date.ts';
import type { DomainSettings, SchoolPhase, SchoolSettings } from './domain-settings.ts';
import type { EhcPlan } from './ehc-plan.schema.ts';
import type { Pupil } from './pupil.schema.ts';
import { isStatutoryReview, type Review } from './review.schema.ts';
import {
  PHASE_TRANSFER_DEADLINE,
  PHASE_TRANSFER_MEETING_WEEKS_BEFORE_DEADLINE,
  POST_16_TO_POST_16_MONTHS_BEFORE,
  POST_16_TRANSFER_DEADLINE,
  RULES,
  TRANSFER_DAY,
  type Rule,
} from './statutory-rules.ts';
import { stepBuilder, type TimelineStep } from './timeline-step.ts';
import { yearGroupNumber, yearGroupOn, type YearGroup } from './year-group.ts';

/** Transfers between phases of education as SEND Regulations 2014, reg 2 lists them. */
export type PhaseTransferKind =
  | 'early-years-to-school'
  | 'infant-to-junior'
  | 'primary-to-middle'
  | 'primary-to-secondary'
  | 'middle-to-secondary'
  | 'secondary-to-post-16';

export const PHASE_TRANSFER_LABELS: Record<PhaseTransferKind, string> = {
  'early-years-to-school': 'early years to school',
  'infant-to-junior': 'infant to junior',
  'primary-to-middle': 'primary to middle',
  'primary-to-secondary': 'primary to secondary',
  'middle-to-secondary': 'middle to secondary',
  'secondary-to-post-16': 'secondary to post-16',
};

/** The last year group each phase usually teaches; a school can set its own in settings. */
export const DEFAULT_FINAL_YEAR_GROUP: Record<
  SchoolPhase,
  { withoutSixthForm?: YearGroup; withSixthForm?: YearGroup }
> = {
  nursery: { withoutSixthForm: 'N2' },
  infant: { withoutSixthForm: 'Y2' },
  junior: { withoutSixthForm: 'Y6' },
  primary: { withoutSixthForm: 'Y6' },
  middle: { withoutSixthForm: 'Y8' },
  secondary: { withoutSixthForm: 'Y11', withSixthForm: 'Y13' },
  'all-through': { withoutSixthForm: 'Y11', withSixthForm: 'Y13' },
  // A PRU has no fixed leaving year: set finalYearGroup to have transfers detected.
  pru: {},
};

export function finalYearGroupOf(school: SchoolSettings): YearGroup | undefined {
  if (school.finalYearGroup) return school.finalYearGroup;
  const defaults = DEFAULT_FINAL_YEAR_GROUP[school.phase];
  return school.sixthForm ? (defaults.withSixthForm ?? defaults.withoutSixthForm) : defaults.withoutSixthForm;
}

/**
 * Which transfer pupils make when they leave from `finalYearGroup`: nursery years to school; Y2 infant
 * to junior; Y3-Y5 primary (first school) to middle; Y6 primary to secondary; Y7-Y10 middle to
 * secondary; Y11 and above secondary to post-16. Undefined for R and Y1 (no phase ends there).
 */
export function transferKindFrom(finalYearGroup: YearGroup): PhaseTransferKind | undefined {
  const n = yearGroupNumber(finalYearGroup);
  if (n < 0) return 'early-years-to-school';
  if (n <= 1) return undefined;
  if (n === 2) return 'infant-to-junior';
  if (n <= 5) return 'primary-to-middle';
  if (n === 6) return 'primary-to-secondary';
  if (n <= 10) return 'middle-to-secondary';
  return 'secondary-to-post-16';
}

export type PhaseTransfer = {
  readonly kind: PhaseTransferKind;
  readonly fromYearGroup: YearGroup;
  /** The academic year the pupil spends in the school's final year group. */
  readonly finalAcademicYear: AcademicYear;
  /** 1 September after the final year. */
  readonly transferOn: CalendarDate;
  /** First day of the 12 months before the transfer, when reg 18 starts to apply. */
  readonly windowOpensOn: CalendarDate;
  /** The last day on which the amended plan is in time ("before 15 February" → 14 February). */
  readonly amendedBy: CalendarDate;
  /** Back-planned latest meeting date: amendedBy less 12 weeks. */
  readonly meetingBy: CalendarDate;
  readonly rule: Rule;
};

/**
 * The last compliant day for a phase-transfer amendment in the calendar year of transfer. The
 * regulation says "before 15 February" / "before 31 March", so the day itself is already late.
 */
export function phaseTransferAmendedBy(kind: PhaseTransferKind, transferYear: number): CalendarDate {
  const deadline = kind === 'secondary-to-post-16' ? POST_16_TRANSFER_DEADLINE : PHASE_TRANSFER_DEADLINE;
  return addDays(calendarDate(transferYear, deadline.month, deadline.day), -1);
}

/** Post-16 to post-16 at another time: amended at least five months before the transfer (reg 18(2)). */
export function post16TransferAmendedBy(transferOn: CalendarDate): CalendarDate {
  return addMonths(transferOn, -POST_16_TO_POST_16_MONTHS_BEFORE);
}

/** The latest meeting that leaves the LA its 4 weeks to decide and 8 weeks to amend before the deadline. */
export function phaseTransferMeetingBy(amendedBy: CalendarDate): CalendarDate {
  return addWeeks(amendedBy, -PHASE_TRANSFER_MEETING_WEEKS_BEFORE_DEADLINE);
}

/**
 * The phase transfer the pupil will make on leaving this school, seen from `on`: found from their date
 * of birth (and any out-of-cohort offset) and the school's final year group. Undefined when the school
 * has no final year group (a PRU without one set), the final year group ends no phase, or the pupil is
 * already past it.
 */
export function nextPhaseTransfer(input: {
  pupil: Pick<Pupil, 'dateOfBirth' | 'yearGroupOffset'>;
  school: SchoolSettings;
  on: CalendarDate;
}): PhaseTransfer | undefined {
  const finalYearGroup = finalYearGroupOf(input.school);
  if (!finalYearGroup) return undefined;
  const kind = transferKindFrom(finalYearGroup);
  if (!kind) return undefined;
  const academicYear = academicYearOf(input.on);
  const yearGroup = yearGroupOn(input.pupil.dateOfBirth, academicYear, input.pupil.yearGroupOffset);
  if (!yearGroup) return undefined;
  const yearsToGo = yearGroupNumber(finalYearGroup) - yearGroupNumber(yearGroup);
  if (yearsToGo < 0) return undefined;
  const finalAcademicYear = academicYear + yearsToGo;
  const transferOn = calendarDate(finalAcademicYear + 1, TRANSFER_DAY.month, TRANSFER_DAY.day);
  const amendedBy = phaseTransferAmendedBy(kind, finalAcademicYear + 1);
  return {
    kind,
    fromYearGroup: finalYearGroup,
    finalAcademicYear,
    transferOn,
    windowOpensOn: addMonths(transferOn, -12),
    amendedBy,
    meetingBy: phaseTransferMeetingBy(amendedBy),
    rule: kind === 'secondary-to-post-16' ? RULES.phaseTransferPost16 : RULES.phaseTransfer,
  };
}

/** Statutory reviews (annual, phase transfer, or interim with an LA decision) held inside [from, to]. */
function reviewsHeldBetween(reviews: readonly Review[], from: CalendarDate, to: CalendarDate): Review[] {
  return reviews
    .filter(isStatutoryReview)
    .filter((r) => r.heldOn !== undefined && isOnOrAfter(r.heldOn, from) && isOnOrBefore(r.heldOn, to))
    .sort((a, b) => ((a.heldOn ?? '') < (b.heldOn ?? '') ? -1 : 1));
}

/** The day the plan was settled after a review: amended plan issued, or LA decision to keep it as it is. */
function planSettledOn(review: Review | undefined): CalendarDate | undefined {
  if (!review) return undefined;
  if (review.finalAmendedPlanIssuedOn) return review.finalAmendedPlanIssuedOn;
  if (review.laDecision && review.laDecision.decision !== 'amend') return review.laDecision.notifiedOn;
  return undefined;
}

/**
 * Phase-transfer steps, shown from 12 months before the amendment deadline until the transfer:
 * hold the review meeting (back-planned) and the LA's amended plan naming the next setting. A planned
 * post-16 to post-16 move adds its own five-month deadline.
 */
export function phaseTransferSteps(input: {
  plan: EhcPlan;
  pupil: Pick<Pupil, 'dateOfBirth' | 'yearGroupOffset'>;
  settings: DomainSettings;
  today: CalendarDate;
}): TimelineStep[] {
  const { plan, pupil, settings, today } = input;
  const step = stepBuilder({ today, dueSoonDays: settings.dueSoonDays });
  const steps: TimelineStep[] = [];

  const transfer = nextPhaseTransfer({ pupil, school: settings.school, on: today });
  if (transfer && isOnOrAfter(today, addMonths(transfer.amendedBy, -12)) && today < transfer.transferOn) {
    const inWindow = reviewsHeldBetween(plan.reviews, transfer.windowOpensOn, transfer.amendedBy);
    const phaseReview = inWindow.at(-1);
    const meetingWarnings: string[] = [];
    const booked = plan.reviews.find(
      (r) =>
        r.kind !== 'sen-support' &&
        r.heldOn === undefined &&
        r.meetingOn !== undefined &&
        r.meetingOn >= transfer.windowOpensOn,
    );
    if (!phaseReview && booked?.meetingOn && booked.meetingOn > transfer.meetingBy) {
      meetingWarnings.push(
        `The review booked for ${formatCalendarDate(booked.meetingOn)} is after ${formatCalendarDate(transfer.meetingBy)}: the LA may not be able to amend the plan before the ${formatCalendarDate(addDays(transfer.amendedBy, 1))} deadline`,
      );
    }
    const earlier = reviewsHeldBetween(
      plan.reviews,
      addMonths(transfer.windowOpensOn, -12),
      addDays(transfer.windowOpensOn, -1),
    ).at(-1);
    if (!phaseReview && earlier?.heldOn) {
      meetingWarnings.push(
        `The review on ${formatCalendarDate(earlier.heldOn)} was more than 12 months before the transfer: another review is needed from ${formatCalendarDate(transfer.windowOpensOn)}`,
      );
    }
    if (phaseReview?.heldOn && phaseReview.heldOn > transfer.meetingBy) {
      meetingWarnings.push(
        `Held on ${formatCalendarDate(phaseReview.heldOn)}, after ${formatCalendarDate(transfer.meetingBy)}: chase the LA, as less than 12 weeks remain for its decision and amendments`,
      );
    }
    const label = PHASE_TRANSFER_LABELS[transfer.kind];
    steps.push(
      step({
        id: 'phase-transfer-meeting-by',
        label: `Hold the phase-transfer review (${label})`,
        due: transfer.meetingBy,
        rule: RULES.phaseTransferMeeting,
        owner: 'school',
        completedOn: phaseReview?.heldOn,
        warnings: meetingWarnings,
      }),
      step({
        id: 'phase-transfer-amended-by',
        label: `Plan amended to name the next setting (${label})`,
        due: transfer.amendedBy,
        rule: transfer.rule,
        owner: 'local-authority',
        completedOn: planSettledOn(phaseReview),
      }),
    );
  }

  const post16 = plan.plannedPost16Transfer;
  if (post16 && today < post16.transferOn) {
    const amendedBy = post16TransferAmendedBy(post16.transferOn);
    const window = reviewsHeldBetween(plan.reviews, addMonths(post16.transferOn, -12), amendedBy);
    steps.push(
      step({
        id: 'post-16-transfer-amended-by',
        label: `Plan amended to name ${post16.institution ?? 'the next post-16 institution'}`,
        due: amendedBy,
        rule: RULES.phaseTransferPost16ToPost16,
        owner: 'local-authority',
        completedOn: planSettledOn(window.at(-1)),
      }),
    );
  }
  return steps;
}
