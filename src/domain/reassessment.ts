import {
  addDays,
  addMonths,
  addWeeks,
  formatCalendarDate,
  isOnOrAfter,
  type CalendarDate,
} from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import { appealStep, exceptionWarnings } from './ehc-needs-assessment.ts';
import type { EhcPlan } from './ehc-plan.schema.ts';
import {
  REASSESSMENT_DECISION_DAYS,
  REASSESSMENT_FINAL_PLAN_WEEKS,
  REASSESSMENT_REFUSAL_WINDOW_MONTHS,
  RULES,
} from './statutory-rules.ts';
import { byDueDate, stepBuilder, type TimelineStep } from './timeline-step.ts';

/** reg 25(1): decision within 15 (calendar) days of the request. */
export function reassessmentDecisionDueBy(receivedByLaOn: CalendarDate): CalendarDate {
  return addDays(receivedByLaOn, REASSESSMENT_DECISION_DAYS);
}

/** reg 27(2): final plan within 14 weeks of the decision to re-assess. */
export function reassessmentFinalPlanDueBy(decisionOn: CalendarDate): CalendarDate {
  return addWeeks(decisionOn, REASSESSMENT_FINAL_PLAN_WEEKS);
}

/** reg 24: the LA may refuse when it assessed in the 6 months before the request. */
export function mayRefuseReassessment(input: {
  lastAssessedOn: CalendarDate;
  requestedOn: CalendarDate;
}): boolean {
  return isOnOrAfter(input.lastAssessedOn, addMonths(input.requestedOn, -REASSESSMENT_REFUSAL_WINDOW_MONTHS));
}

/** Steps for the plan's most recent re-assessment request (SEND Regulations 2014 reg 24 and reg 25; the rules in statutory-rules.ts). */
export function reassessmentSteps(input: {
  plan: EhcPlan;
  settings: DomainSettings;
  today: CalendarDate;
  /** English bank holidays (the server's holiday calendar), for the Tribunal Rules' working days. */
  bankHolidays?: readonly CalendarDate[] | ReadonlySet<CalendarDate> | undefined;
}): TimelineStep[] {
  const { plan, settings, today } = input;
  const request = [...plan.reassessments]
    .sort((a, b) => (a.receivedByLaOn < b.receivedByLaOn ? -1 : 1))
    .at(-1);
  if (!request) return [];
  const step = stepBuilder({ today, dueSoonDays: settings.dueSoonDays });
  const steps: TimelineStep[] = [];

  const lastAssessedOn = plan.lastAssessedOn ?? plan.issuedOn;
  const decisionWarnings = mayRefuseReassessment({ lastAssessedOn, requestedOn: request.receivedByLaOn })
    ? [
        `The LA may refuse: it assessed within the 6 months before the request (${plan.lastAssessedOn ? 'last assessed' : 'plan issued'} ${formatCalendarDate(lastAssessedOn)}; reg 24)`,
      ]
    : [];
  const decisionDue = reassessmentDecisionDueBy(request.receivedByLaOn);
  steps.push(
    step({
      id: 'reassessment-decision-by',
      label: 'LA decides whether to re-assess',
      due: decisionDue,
      rule: RULES.reassessmentDecision,
      owner: 'local-authority',
      completedOn: request.decisionNotifiedOn,
      warnings: decisionWarnings,
    }),
  );

  if (request.decision === 'refuse' && request.decisionNotifiedOn) {
    steps.push(
      step({
        id: 'reassessment-appeal-by',
        label: 'Last day for the family to appeal the refusal to re-assess',
        ...appealStep(request.decisionNotifiedOn, request.mediationCertificateOn, input.bankHolidays),
        rule: RULES.appealWindow,
        owner: 'family',
      }),
    );
    return steps.sort(byDueDate);
  }

  const decidedOn = request.decision === 'reassess' ? request.decisionNotifiedOn : undefined;
  steps.push(
    step({
      id: 'reassessment-final-plan-by',
      label: 'LA issues the amended or replacement plan',
      due: reassessmentFinalPlanDueBy(decidedOn ?? decisionDue),
      rule: RULES.reassessmentFinalPlan,
      owner: 'local-authority',
      completedOn: request.finalPlanIssuedOn,
      provisional: decidedOn === undefined,
      warnings: exceptionWarnings(request.exceptions),
    }),
  );
  return steps.sort(byDueDate);
}
