import { formatCalendarDate, isAfter, isBefore, type CalendarDate } from './calendar-date.ts';
import type { EhcNeedsAssessment } from './ehc-needs-assessment.schema.ts';

/**
 * What may be recorded of an EHC needs assessment request: each date is a day that has happened (not after
 * `today`) and none comes before the LA received the request, nor the request before it was sent; after a
 * decision not to assess, or not to issue a plan, there is no draft or final plan to record (SEND
 * Regulations 2014 regs 5, 10 and 13, https://www.legislation.gov.uk/uksi/2014/1530).
 */

export type RecordProblem = { field: string; message: string };

type Dated = { field: string; label: string; on: CalendarDate | undefined };

function datesOf(a: Omit<EhcNeedsAssessment, 'id' | 'pupilId'>): Dated[] {
  return [
    { field: 'decisionToAssess.notifiedOn', label: 'Decision date', on: a.decisionToAssess?.notifiedOn },
    { field: 'schoolAdvice.requestedOn', label: 'Advice request date', on: a.schoolAdvice?.requestedOn },
    { field: 'schoolAdvice.sentOn', label: 'Advice sent date', on: a.schoolAdvice?.sentOn },
    { field: 'notToIssueNotifiedOn', label: 'Decision not to issue date', on: a.notToIssueNotifiedOn },
    { field: 'draftPlanServedOn', label: 'Draft plan date', on: a.draftPlanServedOn },
    { field: 'consultation.receivedOn', label: 'Consultation received date', on: a.consultation?.receivedOn },
    {
      field: 'consultation.respondedOn',
      label: 'Consultation response date',
      on: a.consultation?.respondedOn,
    },
    { field: 'finalPlanIssuedOn', label: 'Final plan date', on: a.finalPlanIssuedOn },
    { field: 'mediationCertificateOn', label: 'Mediation certificate date', on: a.mediationCertificateOn },
  ];
}

export function needsAssessmentProblems(
  a: Omit<EhcNeedsAssessment, 'id' | 'pupilId'>,
  today: CalendarDate,
): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const received = a.receivedByLaOn;
  if (isAfter(received, today))
    problems.push({
      field: 'receivedByLaOn',
      message: 'Date the LA received the request cannot be in the future',
    });
  if (a.requestedOn && isAfter(a.requestedOn, received))
    problems.push({
      field: 'requestedOn',
      message: `Date the request was sent cannot be after the LA received it (${formatCalendarDate(received)})`,
    });
  for (const { field, label, on } of datesOf(a)) {
    if (!on) continue;
    if (isAfter(on, today)) problems.push({ field, message: `${label} cannot be in the future` });
    else if (isBefore(on, received))
      problems.push({
        field,
        message: `${label} cannot be before the LA received the request (${formatCalendarDate(received)})`,
      });
  }
  const refused =
    a.decisionToAssess?.decision === 'not-assess'
      ? 'the LA decided not to assess'
      : a.notToIssueNotifiedOn
        ? 'the LA decided not to issue a plan'
        : undefined;
  if (refused) {
    if (a.draftPlanServedOn)
      problems.push({ field: 'draftPlanServedOn', message: `There is no draft plan when ${refused}` });
    if (a.finalPlanIssuedOn)
      problems.push({ field: 'finalPlanIssuedOn', message: `There is no final plan when ${refused}` });
  }
  if (a.decisionToAssess?.decision === 'not-assess' && a.notToIssueNotifiedOn)
    problems.push({
      field: 'notToIssueNotifiedOn',
      message: 'There is no decision about issuing a plan when the LA decided not to assess',
    });
  if (a.finalPlanIssuedOn && a.draftPlanServedOn && isBefore(a.finalPlanIssuedOn, a.draftPlanServedOn))
    problems.push({
      field: 'finalPlanIssuedOn',
      message: 'Final plan date cannot be before the draft plan date',
    });
  return problems;
}
