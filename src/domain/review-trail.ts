import { adviceCirculationDueBy } from './annual-review-timeline.ts';
import { formatCalendarDate, isAfter, isBefore, type CalendarDate } from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import { mayCeaseFrom } from './ehc-plan-changes.ts';
import { CEASE_REASON_LABELS, type EhcPlan } from './ehc-plan.schema.ts';
import { appealDeadline } from './appeal-window.ts';
import type { Review } from './review.schema.ts';
import { RULES } from './statutory-rules.ts';
import { stepBuilder, type TimelineStep } from './timeline-step.ts';

/**
 * The review trail's per-person steps, beside the annual review timeline (which has the circulation, the
 * report to the LA at two weeks, the LA's decision at four and the final amended plan at twelve): each
 * professional's advice is due in time to be circulated two weeks before the meeting (SEND Regulations
 * 2014, reg 20(4), https://www.legislation.gov.uk/uksi/2014/1530/regulation/20). Only for reviews booked
 * and not yet held: once the meeting has happened, advice that never came is history, not a to-do.
 */
export function adviceReceivedSteps(input: {
  plan: Pick<EhcPlan, 'reviews'>;
  settings: Pick<DomainSettings, 'dueSoonDays'>;
  today: CalendarDate;
}): TimelineStep[] {
  const build = stepBuilder({ today: input.today, dueSoonDays: input.settings.dueSoonDays });
  return input.plan.reviews.flatMap((review) => {
    if (review.kind === 'sen-support' || review.heldOn || !review.meetingOn) return [];
    const due = adviceCirculationDueBy(review.meetingOn);
    return review.adviceRequests.map((request, index) =>
      build({
        id: `advice-received-${review.id}-${index + 1}-by`,
        label: `Advice from ${request.from} (asked ${formatCalendarDate(request.requestedOn)})`,
        due,
        rule: RULES.annualReviewAdviceCirculation,
        owner: 'school',
        completedOn: request.receivedOn,
      }),
    );
  });
}

/** What the plan's cease decision means today, in words for the timeline. */
export function ceaseWarnings(plan: Pick<EhcPlan, 'ceaseDecision' | 'ceasedOn'>): string[] {
  const decision = plan.ceaseDecision;
  if (!decision || plan.ceasedOn) return [];
  const decided = `The LA decided on ${formatCalendarDate(decision.notifiedOn)} to cease the plan: ${CEASE_REASON_LABELS[decision.reason]}.`;
  const from = mayCeaseFrom(decision);
  if (!from) {
    return [`${decided} An appeal is with the Tribunal: keep the plan until it is decided.`];
  }
  if (decision.appealLodgedOn) {
    return [`${decided} The appeal was decided on ${formatCalendarDate(from)}: the plan may end from then.`];
  }
  const lastDay = appealDeadline({
    decisionOn: decision.notifiedOn,
    mediationCertificateOn: decision.mediationCertificateOn,
  });
  return [
    `${decided} The family may appeal until ${formatCalendarDate(lastDay)}; keep the plan until then (it may end from ${formatCalendarDate(from)}).`,
  ];
}

/** Dates of a review's trail that cannot be right today: nothing is received, sent or decided in the future. */
export function trailProblems(
  review: Pick<
    Review,
    | 'heldOn'
    | 'adviceRequests'
    | 'adviceCirculatedOn'
    | 'reportSentOn'
    | 'laDecision'
    | 'finalAmendedPlanIssuedOn'
  >,
  today: CalendarDate,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const check = (field: string, label: string, on: CalendarDate | undefined) => {
    if (on && isAfter(on, today)) problems.push({ field, message: `${label} cannot be in the future` });
  };
  check('heldOn', 'Date held', review.heldOn);
  review.adviceRequests.forEach((request, i) => {
    check(`adviceRequests.${i}.requestedOn`, 'Advice request date', request.requestedOn);
    check(`adviceRequests.${i}.receivedOn`, 'Advice received date', request.receivedOn);
    if (request.receivedOn && isBefore(request.receivedOn, request.requestedOn)) {
      problems.push({
        field: `adviceRequests.${i}.receivedOn`,
        message: 'Advice received date cannot be before it was asked for',
      });
    }
  });
  check('adviceCirculatedOn', 'Advice circulation date', review.adviceCirculatedOn);
  check('reportSentOn', 'Report sent date', review.reportSentOn);
  check('laDecision.notifiedOn', 'LA decision date', review.laDecision?.notifiedOn);
  check('finalAmendedPlanIssuedOn', 'Final amended plan date', review.finalAmendedPlanIssuedOn);
  return problems;
}
