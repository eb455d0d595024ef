import { academicYearOf } from './academic-year.ts';
import {
  addDays,
  addWeeks,
  daysBetween,
  earliestOf,
  formatCalendarDate,
  formatDayCount,
  isAfter,
  lastDayOfPeriod,
  latestOf,
  type CalendarDate,
} from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import type { EhcPlan } from './ehc-plan.schema.ts';
import { nextPhaseTransfer } from './phase-transfer.ts';
import { pupilYearGroupOn, type Pupil } from './pupil.schema.ts';
import { isStatutoryReview, meetingDateOf, REQUIRED_REVIEW_INVITEES, type Review } from './review.schema.ts';
import {
  AMENDED_PLAN_MAX_WEEKS_AFTER_MEETING,
  AMENDED_PLAN_WEEKS_AFTER_PROPOSAL,
  ANNUAL_REVIEW_PERIOD_MONTHS,
  PREPARING_FOR_ADULTHOOD_FROM_YEAR,
  REVIEW_ADVICE_CIRCULATION_DAYS,
  REVIEW_LA_DECISION_WEEKS,
  REVIEW_NOTICE_DAYS,
  REVIEW_REPORT_DAYS,
  RULES,
  UNDER_FIVE_AGE,
} from './statutory-rules.ts';
import {
  byDueDate,
  stepBuilder,
  wasCompletedLate,
  type StepSpec,
  type TimelineStep,
} from './timeline-step.ts';
import { birthdayOf, isInOrBeyondYear, type YearGroup } from './year-group.ts';

export type ReviewAnchorBasis = 'plan-issued' | 'review-meeting' | 'la-decision';

export type AnnualReviewTimeline = {
  /** Where the current 12 months started. */
  readonly anchor: { readonly on: CalendarDate; readonly basis: ReviewAnchorBasis };
  /** Last day of the 12 months: the LA's decision must be made by then. */
  readonly reviewDueBy: CalendarDate;
  /** Latest meeting that leaves the LA its 4 weeks (earlier in a phase-transfer year). */
  readonly latestMeetingDate: CalendarDate;
  /** True when the latest meeting date was brought forward for a phase transfer. */
  readonly phaseTransferYear: boolean;
  /** The review in progress, if one is recorded. */
  readonly currentReviewId?: string;
  /** Its meeting date (held, or booked). */
  readonly meetingOn?: CalendarDate;
  readonly yearGroupAtMeeting?: YearGroup;
  readonly preparingForAdulthoodRequired: boolean;
  readonly steps: readonly TimelineStep[];
  /** Problems with the plan's records rather than with one step. */
  readonly warnings: readonly string[];
};

type Pupilish = Pick<Pupil, 'dateOfBirth' | 'yearGroupOffset' | 'lookedAfter'>;

// ---------------------------------------------------------------------------------------------
// Date rules, each a named question
// ---------------------------------------------------------------------------------------------

/** Last day of the 12 months starting with the plan's issue or last review (CFA 2014 s 44(1)). */
export function reviewDueBy(anchor: CalendarDate): CalendarDate {
  return lastDayOfPeriod(anchor, ANNUAL_REVIEW_PERIOD_MONTHS);
}

/** The latest meeting that leaves the LA its 4-week decision window inside the 12 months. */
export function latestMeetingDate(
  dueBy: CalendarDate,
  weeksBefore: number = REVIEW_LA_DECISION_WEEKS,
): CalendarDate {
  return addWeeks(dueBy, -weeksBefore);
}

/** reg 20(3): at least two weeks' notice. */
export function invitationsDueBy(meetingOn: CalendarDate): CalendarDate {
  return addDays(meetingOn, -REVIEW_NOTICE_DAYS);
}

/** reg 20(4): advice circulated at least two weeks before. */
export function adviceCirculationDueBy(meetingOn: CalendarDate): CalendarDate {
  return addDays(meetingOn, -REVIEW_ADVICE_CIRCULATION_DAYS);
}

/** Local choice (setting): when advice requests go out. */
export function adviceRequestDueBy(meetingOn: CalendarDate, weeksBefore: number): CalendarDate {
  return addWeeks(meetingOn, -weeksBefore);
}

/** reg 20(7): report within two weeks of the meeting. */
export function reviewReportDueBy(meetingOn: CalendarDate): CalendarDate {
  return addDays(meetingOn, REVIEW_REPORT_DAYS);
}

/** reg 20(10): LA decision within four weeks of the meeting. */
export function laDecisionDueBy(meetingOn: CalendarDate): CalendarDate {
  return addWeeks(meetingOn, REVIEW_LA_DECISION_WEEKS);
}

/**
 * reg 22(3) with Devon: 8 weeks from the proposed amendments, and never more than 12 weeks after the
 * meeting (the amendments belong in the 4-week notice). Without a proposal date, the 12-week limit.
 */
export function finalAmendedPlanDueBy(input: {
  meetingOn: CalendarDate;
  proposedAmendmentsSentOn?: CalendarDate | undefined;
}): CalendarDate {
  const devonLimit = addWeeks(input.meetingOn, AMENDED_PLAN_MAX_WEEKS_AFTER_MEETING);
  if (!input.proposedAmendmentsSentOn) return devonLimit;
  return earliestOf(addWeeks(input.proposedAmendmentsSentOn, AMENDED_PLAN_WEEKS_AFTER_PROPOSAL), devonLimit);
}

/** The date a held review restarts the 12 months from, per the school's reviewAnchor setting. */
export function reviewAnchorOf(
  review: Review & { heldOn: CalendarDate },
  setting: DomainSettings['reviewAnchor'],
): { on: CalendarDate; basis: ReviewAnchorBasis } {
  if (setting === 'la-decision' && review.laDecision)
    return { on: review.laDecision.notifiedOn, basis: 'la-decision' };
  return { on: review.heldOn, basis: 'review-meeting' };
}

// ---------------------------------------------------------------------------------------------
// Which review is current
// ---------------------------------------------------------------------------------------------

type HeldReview = Review & { heldOn: CalendarDate };

function isHeld(review: Review): review is HeldReview {
  return review.heldOn !== undefined;
}

type Cycle = {
  /** The review this timeline is about: booked or unrecorded (undefined), or held and awaiting the LA. */
  current?: Review;
  /** The last held review before it, which anchors the 12 months. */
  previous?: HeldReview;
  warnings: string[];
};

/** A held review is closed once the LA has decided and, if it is amending, has issued the amended plan. */
function isClosed(review: HeldReview): boolean {
  if (!review.laDecision) return false;
  return review.laDecision.decision !== 'amend' || review.finalAmendedPlanIssuedOn !== undefined;
}

/**
 * The current review is the first unheld statutory review; failing that the last held one until it
 * closes (LA decision, and any amended plan); failing that a review not yet recorded.
 */
function selectCycle(plan: EhcPlan): Cycle {
  const statutory = plan.reviews.filter(isStatutoryReview);
  const held = statutory
    .filter(isHeld)
    .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));
  const unheld = statutory
    .filter((r) => !isHeld(r))
    .sort((a, b) => {
      if (a.meetingOn === b.meetingOn) return 0;
      if (a.meetingOn === undefined) return 1;
      if (b.meetingOn === undefined) return -1;
      return a.meetingOn < b.meetingOn ? -1 : 1;
    });
  const warnings: string[] = [];
  if (unheld.length > 1) {
    warnings.push(
      `${unheld.length} reviews are booked but not held: the earliest is used; cancel or record the others`,
    );
  }
  const lastHeld = held.at(-1);
  const firstUnheld = unheld[0];
  if (firstUnheld) return { current: firstUnheld, ...(lastHeld ? { previous: lastHeld } : {}), warnings };
  if (lastHeld && !isClosed(lastHeld)) {
    const before = held.at(-2);
    return { current: lastHeld, ...(before ? { previous: before } : {}), warnings };
  }
  return { ...(lastHeld ? { previous: lastHeld } : {}), warnings };
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

type Build = (spec: StepSpec) => TimelineStep;

function latestRecorded(dates: readonly (CalendarDate | undefined)[]): CalendarDate | undefined {
  const present = dates.filter((d): d is CalendarDate => d !== undefined);
  const [first, ...rest] = present;
  return first === undefined ? undefined : latestOf(first, ...rest);
}

function preMeetingSteps(input: {
  review: Review | undefined;
  meetingOn: CalendarDate;
  meetingBooked: boolean;
  held: boolean;
  settings: DomainSettings;
  today: CalendarDate;
  build: Build;
}): TimelineStep[] {
  const { review, meetingOn, meetingBooked, held, settings, today, build } = input;
  const provisional = !meetingBooked;
  const invitees = review?.invitees ?? [];
  const adviceRequests = review?.adviceRequests ?? [];
  const steps: TimelineStep[] = [];

  // Advice requests (lead time is the school's setting).
  const adviceRequestDue = adviceRequestDueBy(meetingOn, settings.adviceRequestWeeksBeforeMeeting);
  const adviceRequestWarnings: string[] = [];
  for (const request of adviceRequests) {
    if (meetingBooked && isAfter(request.requestedOn, adviceRequestDue)) {
      adviceRequestWarnings.push(
        `Advice asked of ${request.from} on ${formatCalendarDate(request.requestedOn)}, only ${formatDayCount(daysBetween(request.requestedOn, meetingOn))} before the meeting`,
      );
    }
  }
  if (adviceRequests.length > 0) {
    const missing = REQUIRED_REVIEW_INVITEES.filter(
      (required) =>
        required.role !== 'head-teacher-or-provider' && !adviceRequests.some((a) => a.role === required.role),
    );
    if (missing.length > 0) {
      adviceRequestWarnings.push(
        `No advice requested from ${missing.map((m) => m.label).join(', ')} (reg 20(4))`,
      );
    }
  }
  steps.push(
    build({
      id: 'advice-requested-by',
      label: 'Request advice and information',
      due: adviceRequestDue,
      rule: RULES.annualReviewAdviceRequest,
      owner: 'school',
      completedOn: latestRecorded(adviceRequests.map((a) => a.requestedOn)),
      provisional,
      warnings: adviceRequestWarnings,
    }),
  );

  // Invitations: done when every reg 20(2) role has been invited.
  const invitationsDue = invitationsDueBy(meetingOn);
  const missingRoles = REQUIRED_REVIEW_INVITEES.filter(
    (required) => !invitees.some((i) => i.role === required.role && i.invitedOn !== undefined),
  );
  const invitationWarnings: string[] = [];
  if (missingRoles.length > 0) {
    invitationWarnings.push(
      `Not yet invited: ${missingRoles.map((m) => `${m.label} (${m.paragraph})`).join(', ')}`,
    );
  }
  if (meetingBooked) {
    for (const invitee of invitees) {
      if (invitee.invitedOn === undefined) continue;
      const notice = daysBetween(invitee.invitedOn, meetingOn);
      if (notice < REVIEW_NOTICE_DAYS) {
        invitationWarnings.push(
          `Under 2 weeks’ notice: ${invitee.name} was invited on ${formatCalendarDate(invitee.invitedOn)}, ${formatDayCount(notice)} before the meeting (reg 20(3) needs 14)`,
        );
      }
    }
    if (missingRoles.length > 0 && isAfter(today, invitationsDue) && !held) {
      invitationWarnings.push(
        `The meeting on ${formatCalendarDate(meetingOn)} can no longer be given 2 weeks’ notice: move it to ${formatCalendarDate(addDays(today, REVIEW_NOTICE_DAYS))} or later`,
      );
    }
  }
  steps.push(
    build({
      id: 'invitations-sent-by',
      label: 'Send invitations',
      due: invitationsDue,
      rule: RULES.annualReviewNotice,
      owner: 'school',
      completedOn:
        missingRoles.length === 0
          ? latestRecorded(
              invitees
                .filter((i) => REQUIRED_REVIEW_INVITEES.some((r) => r.role === i.role))
                .map((i) => i.invitedOn),
            )
          : undefined,
      provisional,
      warnings: invitationWarnings,
    }),
  );

  // Circulating advice.
  const circulationDue = adviceCirculationDueBy(meetingOn);
  const circulationWarnings: string[] = [];
  const circulatedOn = review?.adviceCirculatedOn;
  if (circulatedOn && meetingBooked) {
    const daysAhead = daysBetween(circulatedOn, meetingOn);
    if (daysAhead < REVIEW_ADVICE_CIRCULATION_DAYS) {
      circulationWarnings.push(
        `Advice was circulated ${formatDayCount(daysAhead)} before the meeting: reg 20(4) needs at least 14`,
      );
    }
  }
  if (!circulatedOn) {
    for (const request of adviceRequests.filter((a) => a.receivedOn === undefined)) {
      circulationWarnings.push(
        `Advice from ${request.from} (asked ${formatCalendarDate(request.requestedOn)}) not yet received`,
      );
    }
  }
  steps.push(
    build({
      id: 'advice-circulated-by',
      label: 'Circulate advice to everyone invited',
      due: circulationDue,
      rule: RULES.annualReviewAdviceCirculation,
      owner: 'school',
      completedOn: circulatedOn,
      provisional,
      warnings: circulationWarnings,
    }),
  );

  // Once the meeting has happened, unrecorded preparation is history, not a to-do.
  return held ? steps.filter((s) => s.status === 'done') : steps;
}

function postMeetingSteps(input: {
  review: Review | undefined;
  meetingOn: CalendarDate;
  provisional: boolean;
  today: CalendarDate;
  build: Build;
  dueBy?: CalendarDate;
  /** For an earlier review's loose ends: 'previous-' ids, only what is still outstanding. */
  previous?: boolean;
}): TimelineStep[] {
  const { review, meetingOn, provisional, today, build, dueBy } = input;
  const idPrefix = input.previous ? 'previous-' : '';
  const labelPrefix = input.previous ? `Review of ${formatCalendarDate(meetingOn)}: ` : '';
  const steps: TimelineStep[] = [];

  const reportDue = reviewReportDueBy(meetingOn);
  const reportWarnings: string[] = [];
  if (review?.reportSentOn && isAfter(review.reportSentOn, reportDue)) {
    reportWarnings.push(
      `Report sent ${formatDayCount(daysBetween(meetingOn, review.reportSentOn))} after the meeting: reg 20(7) allows 14`,
    );
  }
  steps.push(
    build({
      id: `${idPrefix}review-report-sent-by`,
      label: `${labelPrefix}Send the review report to the LA and everyone invited`,
      due: reportDue,
      rule: RULES.annualReviewReport,
      owner: 'school',
      completedOn: review?.reportSentOn,
      provisional,
      warnings: reportWarnings,
    }),
  );

  const decisionDue = laDecisionDueBy(meetingOn);
  const decision = review?.laDecision;
  const decisionWarnings: string[] = [];
  if (decision && isAfter(decision.notifiedOn, decisionDue)) {
    decisionWarnings.push(
      `The LA decided ${formatDayCount(daysBetween(meetingOn, decision.notifiedOn))} after the meeting: reg 20(10) allows 28`,
    );
  }
  if (!decision && isAfter(today, decisionDue)) {
    decisionWarnings.push('No LA decision four weeks after the meeting: chase the LA SEN officer');
  }
  if (dueBy && isAfter(decisionDue, dueBy)) {
    decisionWarnings.push(
      `The LA’s four weeks run past the review deadline (${formatCalendarDate(dueBy)}): the review will not complete within 12 months`,
    );
  }
  steps.push(
    build({
      id: `${idPrefix}la-decision-by`,
      label: `${labelPrefix}LA decides to keep, amend or cease the plan`,
      due: decisionDue,
      rule: RULES.annualReviewLaDecision,
      owner: 'local-authority',
      completedOn: decision?.notifiedOn,
      provisional,
      warnings: decisionWarnings,
    }),
  );

  const amending = decision ? decision.decision === 'amend' : review?.recommendation === 'amend';
  if (amending) {
    const proposedOn = decision ? (decision.proposedAmendmentsSentOn ?? decision.notifiedOn) : undefined;
    const amendWarnings: string[] = [];
    if (decision?.proposedAmendmentsSentOn && isAfter(decision.proposedAmendmentsSentOn, decisionDue)) {
      amendWarnings.push(
        'The proposed amendments came after the four-week decision: Devon requires them with it, so the 12-week limit still applies',
      );
    }
    steps.push(
      build({
        id: `${idPrefix}final-amended-plan-by`,
        label: `${labelPrefix}LA issues the final amended plan`,
        due: finalAmendedPlanDueBy({ meetingOn, proposedAmendmentsSentOn: proposedOn }),
        rule: RULES.amendedPlan,
        owner: 'local-authority',
        completedOn: review?.finalAmendedPlanIssuedOn,
        provisional: provisional || !decision,
        warnings: amendWarnings,
      }),
    );
  }
  return input.previous ? steps.filter((s) => s.status !== 'done') : steps;
}

function underFiveStep(input: {
  plan: EhcPlan;
  pupil: Pupilish;
  dueBy: CalendarDate;
  settings: DomainSettings;
  build: Build;
}): TimelineStep | undefined {
  const { plan, pupil, dueBy, settings, build } = input;
  // Interim reviews count here: CoP 9.178 reviews need not follow the full reg 20 process.
  const lastAnyReview = latestRecorded([
    plan.issuedOn,
    ...plan.reviews.filter((r) => r.kind !== 'sen-support').map((r) => r.heldOn),
  ]);
  if (!lastAnyReview) return undefined;
  const due = lastDayOfPeriod(lastAnyReview, settings.underFiveReviewIntervalMonths);
  const underFiveOnDue = due < birthdayOf(pupil.dateOfBirth, UNDER_FIVE_AGE);
  if (!underFiveOnDue || due >= dueBy) return undefined;
  return build({
    id: 'under-five-review-by',
    label: `Consider an interim review (under 5: every ${settings.underFiveReviewIntervalMonths} months)`,
    due,
    rule: RULES.underFiveReview,
    owner: 'local-authority',
  });
}

/**
 * Every date of the current EHC plan review cycle (SEND Regulations 2014 regs 18-22; the rules in statutory-rules.ts), each with its rule, status and
 * warnings: advice requests, invitations, advice circulation, the latest meeting, the report, the LA
 * decision, the final amended plan, the 12-month deadline; the under-5 cadence; loose ends of the
 * previous review; and the next review's deadline once this meeting has been held.
 */
export function annualReviewTimeline(input: {
  plan: EhcPlan;
  pupil: Pupilish;
  settings: DomainSettings;
  today: CalendarDate;
  /** Start times ('HH:MM') of booked review meetings, by review id, for "Booked for … at 15:30". */
  bookedTimes?: Readonly<Record<string, string>> | undefined;
}): AnnualReviewTimeline {
  const { plan, pupil, settings, today } = input;
  const build = stepBuilder({ today, dueSoonDays: settings.dueSoonDays });
  const { current, previous, warnings } = selectCycle(plan);

  const anchor = previous
    ? reviewAnchorOf(previous, settings.reviewAnchor)
    : { on: plan.issuedOn, basis: 'plan-issued' as const };
  const dueBy = reviewDueBy(anchor.on);

  if (plan.ceasedOn && plan.ceasedOn <= today) {
    return {
      anchor,
      reviewDueBy: dueBy,
      latestMeetingDate: latestMeetingDate(dueBy, settings.meetingWeeksBeforeReviewDue),
      phaseTransferYear: false,
      preparingForAdulthoodRequired: false,
      steps: [],
      warnings: [`The EHC plan ceased on ${formatCalendarDate(plan.ceasedOn)}: no review dates apply`],
    };
  }

  // A phase-transfer year brings the latest meeting forward to about 22 November.
  const normalLatest = latestMeetingDate(dueBy, settings.meetingWeeksBeforeReviewDue);
  const transfer = nextPhaseTransfer({ pupil, school: settings.school, on: normalLatest });
  const phaseTransferYear =
    transfer !== undefined &&
    academicYearOf(normalLatest) === transfer.finalAcademicYear &&
    transfer.meetingBy < normalLatest &&
    transfer.meetingBy >= anchor.on &&
    // A phase-transfer review already held and decided is the one reg 18 asks for: the next is ordinary.
    previous?.kind !== 'phase-transfer';
  const latest = phaseTransferYear ? transfer.meetingBy : normalLatest;

  const currentMeeting = current ? meetingDateOf(current) : undefined;
  const held = current?.heldOn !== undefined;
  const meetingOn = currentMeeting ?? latest;
  const yearGroupAtMeeting = pupilYearGroupOn(pupil, meetingOn);
  const preparingForAdulthoodRequired =
    yearGroupAtMeeting !== undefined &&
    isInOrBeyondYear(yearGroupAtMeeting, PREPARING_FOR_ADULTHOOD_FROM_YEAR);

  const steps: TimelineStep[] = [];
  steps.push(
    ...preMeetingSteps({
      review: current,
      meetingOn,
      meetingBooked: currentMeeting !== undefined,
      held,
      settings,
      today,
      build,
    }),
  );

  const meetingWarnings: string[] = [];
  if (currentMeeting) {
    const verb = held ? 'Held on' : 'Booked for';
    if (isAfter(currentMeeting, dueBy)) {
      meetingWarnings.push(
        `${verb} ${formatCalendarDate(currentMeeting)}, after the review deadline (${formatCalendarDate(dueBy)}): the plan will not be reviewed within 12 months`,
      );
    } else if (isAfter(currentMeeting, latest)) {
      meetingWarnings.push(
        `${verb} ${formatCalendarDate(currentMeeting)}, after the latest date (${formatCalendarDate(latest)}) that leaves the LA its 4 weeks${phaseTransferYear ? ' and 8 weeks to amend before the phase-transfer deadline' : ''}`,
      );
    }
    if (currentMeeting < anchor.on) {
      warnings.push(
        `A review meeting on ${formatCalendarDate(currentMeeting)} is before the ${anchor.basis === 'plan-issued' ? 'plan was issued' : 'last review'}: check the dates`,
      );
    }
  }
  if (!held && currentMeeting && currentMeeting < today) {
    meetingWarnings.push(
      `The meeting booked for ${formatCalendarDate(currentMeeting)} has passed: record it as held, or rebook it`,
    );
  }
  if (held && current && current.invitees.length === 0) {
    meetingWarnings.push('No invitations are recorded for this review (reg 20(2)-(3))');
  }
  if (preparingForAdulthoodRequired && !current?.preparingForAdulthoodOnAgenda) {
    meetingWarnings.push(
      `${yearGroupAtMeeting ?? 'Year 9 or above'}: the review must consider preparing for adulthood and independent living (reg 20(6)); it is not on the agenda`,
    );
  }
  if (pupil.lookedAfter && settings.warnLookedAfterWithoutPepAlignment && !current?.pepAlignmentNote) {
    meetingWarnings.push(
      'Looked-after pupil: hold the review with the care plan or PEP review if possible, and note how they line up (CoP 9.169)',
    );
  }
  const bookedAt = currentMeeting && !held ? input.bookedTimes?.[current!.id] : undefined;
  steps.push(
    build({
      id: 'meeting-held-by',
      ...(currentMeeting && !held
        ? {
            label: `Booked for ${formatCalendarDate(currentMeeting)}${bookedAt ? ` at ${bookedAt}` : ''}`,
            // The latest lawful date stays the step's deadline; the booked date is what the SENCO reads.
            due: latest,
            booked: {
              on: currentMeeting,
              ...(bookedAt ? { startsAt: bookedAt } : {}),
              latestAllowed: latest,
            },
          }
        : {
            label: phaseTransferYear ? 'Hold the phase-transfer review meeting' : 'Hold the review meeting',
            due: latest,
          }),
      rule: phaseTransferYear ? RULES.phaseTransferMeeting : RULES.annualReviewLatestMeeting,
      owner: 'school',
      completedOn: current?.heldOn,
      warnings: meetingWarnings,
    }),
  );

  steps.push(
    ...postMeetingSteps({
      review: current,
      meetingOn,
      provisional: currentMeeting === undefined,
      today,
      build,
      dueBy,
    }),
  );

  const decidedOn = held ? current?.laDecision?.notifiedOn : undefined;
  steps.push(
    build({
      id: 'review-due-by',
      label: 'Review complete (LA decision notified) within 12 months',
      due: dueBy,
      rule: RULES.annualReviewDue,
      owner: 'local-authority',
      completedOn: decidedOn,
      warnings: wasCompletedLate({ due: dueBy, completedOn: decidedOn })
        ? [`Completed on ${formatCalendarDate(decidedOn ?? dueBy)}, after the 12 months ended`]
        : [],
    }),
  );

  if (held && current?.heldOn) {
    const nextAnchor = reviewAnchorOf({ ...current, heldOn: current.heldOn }, settings.reviewAnchor);
    steps.push(
      build({
        id: 'next-review-due-by',
        label: 'Next review due',
        due: reviewDueBy(nextAnchor.on),
        rule: RULES.annualReviewDue,
        owner: 'local-authority',
        // Moves when the LA's decision arrives, if the school anchors on it.
        provisional: settings.reviewAnchor === 'la-decision' && !current.laDecision,
      }),
    );
  }

  // Loose ends of an earlier review still open (the next one was booked before it closed).
  if (previous && previous !== current && !isClosed(previous)) {
    steps.push(
      ...postMeetingSteps({
        review: previous,
        meetingOn: previous.heldOn,
        provisional: false,
        today,
        build,
        previous: true,
      }),
    );
  }

  const underFive = underFiveStep({ plan, pupil, dueBy, settings, build });
  if (underFive) steps.push(underFive);

  return {
    anchor,
    reviewDueBy: dueBy,
    latestMeetingDate: latest,
    phaseTransferYear,
    ...(current ? { currentReviewId: current.id } : {}),
    ...(currentMeeting ? { meetingOn: currentMeeting } : {}),
    ...(yearGroupAtMeeting ? { yearGroupAtMeeting } : {}),
    preparingForAdulthoodRequired,
    steps: steps.sort(byDueDate),
    warnings,
  };
}

/** Convenience for lists: the 12-month deadline of the plan's current cycle. */
export function currentReviewDueBy(plan: EhcPlan, settings: DomainSettings): CalendarDate {
  const { previous } = selectCycle(plan);
  return reviewDueBy(previous ? reviewAnchorOf(previous, settings.reviewAnchor).on : plan.issuedOn);
}
