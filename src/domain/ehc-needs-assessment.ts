import { appealWindow } from './appeal-window.ts';
import {
  addDays,
  addWeeks,
  daysBetween,
  formatCalendarDate,
  formatDayCount,
  isAfter,
  type CalendarDate,
} from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import type { EhcNeedsAssessment } from './ehc-needs-assessment.schema.ts';
import { TIME_LIMIT_EXCEPTION_LABELS, type TimeLimitException } from './ehc-plan.schema.ts';
import {
  DRAFT_PLAN_REPRESENTATION_DAYS,
  EHCNA_ADVICE_WEEKS,
  EHCNA_DECISION_WEEKS,
  EHCNA_FINAL_PLAN_WEEKS,
  EHCNA_NOT_TO_ISSUE_WEEKS,
  RULES,
  SCHOOL_CONSULTATION_RESPONSE_DAYS,
} from './statutory-rules.ts';
import { byDueDate, stepBuilder, type TimelineStep } from './timeline-step.ts';

/** reg 5(1): decision whether to assess. */
export function decisionToAssessDueBy(receivedByLaOn: CalendarDate): CalendarDate {
  return addWeeks(receivedByLaOn, EHCNA_DECISION_WEEKS);
}

/** reg 8: advice within 6 weeks of the request for it. */
export function assessmentAdviceDueBy(requestedOn: CalendarDate): CalendarDate {
  return addWeeks(requestedOn, EHCNA_ADVICE_WEEKS);
}

/** reg 10(1): notice of a decision not to issue a plan. */
export function notToIssueDueBy(receivedByLaOn: CalendarDate): CalendarDate {
  return addWeeks(receivedByLaOn, EHCNA_NOT_TO_ISSUE_WEEKS);
}

/** reg 13(1)(a): 15 days "beginning with the day on which the draft plan was served", so served + 14. */
export function draftCommentsCloseOn(draftServedOn: CalendarDate): CalendarDate {
  return addDays(draftServedOn, DRAFT_PLAN_REPRESENTATION_DAYS - 1);
}

/** CoP 9.83 as LAs apply it: 15 calendar days, day 1 the day after receipt. */
export function consultationResponseDueBy(receivedOn: CalendarDate): CalendarDate {
  return addDays(receivedOn, SCHOOL_CONSULTATION_RESPONSE_DAYS);
}

/** reg 13(2): final plan within 20 weeks of the request. */
export function finalPlanDueBy(receivedByLaOn: CalendarDate): CalendarDate {
  return addWeeks(receivedByLaOn, EHCNA_FINAL_PLAN_WEEKS);
}

/** Warnings naming each recorded reg 10(4) exception: the LA's time limit may lawfully be missed. */
export function exceptionWarnings(exceptions: readonly TimeLimitException[]): string[] {
  return exceptions.map((e) => `The time limit may not apply: ${TIME_LIMIT_EXCEPTION_LABELS[e]}`);
}

function lateBy(label: string, due: CalendarDate, done: CalendarDate | undefined): string[] {
  return done && isAfter(done, due)
    ? [`${label} ${formatDayCount(daysBetween(due, done))} late (due ${formatCalendarDate(due)})`]
    : [];
}

/** The appeal step's last day and, when r 12 moved it, why. */
export function appealStep(
  decisionOn: CalendarDate,
  mediationCertificateOn: CalendarDate | undefined,
  bankHolidays: readonly CalendarDate[] | ReadonlySet<CalendarDate> | undefined,
): { due: CalendarDate; warnings: string[] } {
  const window = appealWindow({ decisionOn, mediationCertificateOn, bankHolidays });
  return { due: window.lastDay, warnings: window.explanation ? [window.explanation] : [] };
}

/**
 * The 20-week EHC needs assessment clock from the LA's receipt of the request (SEND Regulations 2014 regs 5, 10 and 13; the rules in statutory-rules.ts),
 * with the school's own advice and consultation deadlines and the family's appeal window after a refusal.
 */
export function ehcNeedsAssessmentTimeline(input: {
  assessment: EhcNeedsAssessment;
  settings: DomainSettings;
  today: CalendarDate;
  /** English bank holidays (the server's holiday calendar), for the Tribunal Rules' working days. */
  bankHolidays?: readonly CalendarDate[] | ReadonlySet<CalendarDate> | undefined;
}): TimelineStep[] {
  const { assessment: a, settings, today } = input;
  const step = stepBuilder({ today, dueSoonDays: settings.dueSoonDays });
  const exceptions = exceptionWarnings(a.exceptions);
  const steps: TimelineStep[] = [];
  const received = a.receivedByLaOn;

  const decisionDue = decisionToAssessDueBy(received);
  steps.push(
    step({
      id: 'decision-to-assess-by',
      label: 'LA decides whether to assess',
      due: decisionDue,
      rule: RULES.ehcnaDecision,
      owner: 'local-authority',
      completedOn: a.decisionToAssess?.notifiedOn,
      warnings: [...lateBy('Decision came', decisionDue, a.decisionToAssess?.notifiedOn), ...exceptions],
    }),
  );

  if (a.schoolAdvice) {
    const adviceDue = assessmentAdviceDueBy(a.schoolAdvice.requestedOn);
    steps.push(
      step({
        id: 'school-advice-by',
        label: 'Send the school’s advice to the LA',
        due: adviceDue,
        rule: RULES.ehcnaAdvice,
        owner: 'school',
        completedOn: a.schoolAdvice.sentOn,
        warnings: lateBy('Advice sent', adviceDue, a.schoolAdvice.sentOn),
      }),
    );
  }

  if (a.decisionToAssess?.decision === 'not-assess') {
    steps.push(
      step({
        id: 'appeal-by',
        label: 'Last day for the family to appeal the decision not to assess',
        ...appealStep(a.decisionToAssess.notifiedOn, a.mediationCertificateOn, input.bankHolidays),
        rule: RULES.appealWindow,
        owner: 'family',
      }),
    );
    return steps.sort(byDueDate);
  }

  const issueDecisionDue = notToIssueDueBy(received);
  steps.push(
    step({
      id: 'issue-decision-by',
      label: 'LA tells the family if it will not issue a plan',
      due: issueDecisionDue,
      rule: RULES.ehcnaNotToIssue,
      owner: 'local-authority',
      // A served draft shows the LA decided to issue.
      completedOn: a.notToIssueNotifiedOn ?? a.draftPlanServedOn,
      warnings: [...lateBy('Decision came', issueDecisionDue, a.notToIssueNotifiedOn), ...exceptions],
    }),
  );

  if (a.notToIssueNotifiedOn) {
    steps.push(
      step({
        id: 'appeal-by',
        label: 'Last day for the family to appeal the decision not to issue a plan',
        ...appealStep(a.notToIssueNotifiedOn, a.mediationCertificateOn, input.bankHolidays),
        rule: RULES.appealWindow,
        owner: 'family',
      }),
    );
    return steps.sort(byDueDate);
  }

  if (a.draftPlanServedOn) {
    const closes = draftCommentsCloseOn(a.draftPlanServedOn);
    steps.push(
      step({
        id: 'draft-comments-close',
        label: 'Family’s 15 days to comment on the draft plan end',
        due: closes,
        rule: RULES.draftPlanRepresentations,
        owner: 'family',
        // A window, not a task: it is over once the day has passed.
        completedOn: isAfter(today, closes) ? closes : undefined,
      }),
    );
  }

  if (a.consultation) {
    const responseDue = consultationResponseDueBy(a.consultation.receivedOn);
    steps.push(
      step({
        id: 'consultation-response-by',
        label: 'Respond to the LA’s consultation on naming the school',
        due: responseDue,
        rule: RULES.schoolConsultation,
        owner: 'school',
        completedOn: a.consultation.respondedOn,
        warnings: lateBy('Response sent', responseDue, a.consultation.respondedOn),
      }),
    );
  }

  const finalDue = finalPlanDueBy(received);
  steps.push(
    step({
      id: 'final-plan-by',
      label: 'LA issues the final EHC plan',
      due: finalDue,
      rule: RULES.ehcnaFinalPlan,
      owner: 'local-authority',
      completedOn: a.finalPlanIssuedOn,
      warnings: [...lateBy('Final plan issued', finalDue, a.finalPlanIssuedOn), ...exceptions],
    }),
  );
  return steps.sort(byDueDate);
}
