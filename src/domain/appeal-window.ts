import {
  addMonths,
  calendarDate,
  calendarDateParts,
  formatCalendarDate,
  latestOf,
  type CalendarDate,
} from './calendar-date.ts';
import {
  APPEAL_MONTHS_AFTER_DECISION,
  APPEAL_MONTHS_AFTER_MEDIATION_CERTIFICATE,
} from './statutory-rules.ts';
import {
  bankHolidaySet,
  firstWorkingDayAfter,
  nextWorkingDayOnOrAfter,
  type BankHolidays,
} from './working-days.ts';

/**
 * The time for a parent or young person to appeal to the First-tier Tribunal (SEND) against an appealable
 * decision (Children and Families Act 2014, s 51), read from the Tribunal Procedure (First-tier Tribunal)
 * (Health, Education and Social Care Chamber) Rules 2008:
 *
 * - r 20(1): the notice of appeal must reach the Tribunal no later than 2 months after written notice of the
 *   decision was sent, or 1 month after the mediation certificate was issued (CFA 2014 s 55), whichever is
 *   later (https://www.legislation.gov.uk/uksi/2008/2699/rule/20).
 * - r 12(3)(a): in a special educational needs case, when that time ends on a day from 25 December to
 *   1 January inclusive, or on any day in August, the notice is in time on the first working day after
 *   1 January or 31 August, as appropriate.
 * - r 12(2): otherwise, when the time ends on a day that is not a working day, the act is in time on the
 *   next working day (https://www.legislation.gov.uk/uksi/2008/2699/rule/12).
 *
 * Bank holidays are an argument (see working-days.ts); without them only weekends and Christmas Day count.
 */

/** Which paragraph of r 12 moved the last day, if any. */
export type AppealWindowMove = 'christmas' | 'august' | 'non-working-day';

export type AppealWindow = {
  /** Where the bare r 20 period ends: 2 months from the decision or 1 month from the certificate. */
  readonly periodEnds: CalendarDate;
  /** The last day an appeal is in time, once r 12 has moved the end off the days it excludes. */
  readonly lastDay: CalendarDate;
  readonly movedBy?: AppealWindowMove;
  /** A sentence for the timeline when the end moved; empty otherwise. */
  readonly explanation: string;
};

export type AppealWindowInput = {
  decisionOn: CalendarDate;
  mediationCertificateOn?: CalendarDate | undefined;
  /** English bank holidays around the end of the period (from the server's holiday calendar). */
  bankHolidays?: BankHolidays | readonly CalendarDate[] | undefined;
};

function inChristmasRun(date: CalendarDate): boolean {
  const { month, day } = calendarDateParts(date);
  return (month === 12 && day >= 25) || (month === 1 && day === 1);
}

export function appealWindow(input: AppealWindowInput): AppealWindow {
  const holidays = bankHolidaySet(input.bankHolidays);
  const afterDecision = addMonths(input.decisionOn, APPEAL_MONTHS_AFTER_DECISION);
  const periodEnds = input.mediationCertificateOn
    ? latestOf(
        afterDecision,
        addMonths(input.mediationCertificateOn, APPEAL_MONTHS_AFTER_MEDIATION_CERTIFICATE),
      )
    : afterDecision;
  const { year, month } = calendarDateParts(periodEnds);

  if (inChristmasRun(periodEnds)) {
    const firstJanuary = calendarDate(month === 12 ? year + 1 : year, 1, 1);
    const lastDay = firstWorkingDayAfter(firstJanuary, holidays);
    return {
      periodEnds,
      lastDay,
      movedBy: 'christmas',
      explanation: `The period ends on ${formatCalendarDate(periodEnds)}, between 25 December and 1 January: an appeal is in time on the first working day after 1 January, ${formatCalendarDate(lastDay)} (Tribunal Rules 2008, r 12(3)(a)).`,
    };
  }
  if (month === 8) {
    const lastDay = firstWorkingDayAfter(calendarDate(year, 8, 31), holidays);
    return {
      periodEnds,
      lastDay,
      movedBy: 'august',
      explanation: `The period ends on ${formatCalendarDate(periodEnds)}, in August: an appeal is in time on the first working day after 31 August, ${formatCalendarDate(lastDay)} (Tribunal Rules 2008, r 12(3)(a)).`,
    };
  }
  const lastDay = nextWorkingDayOnOrAfter(periodEnds, holidays);
  if (lastDay === periodEnds) return { periodEnds, lastDay, explanation: '' };
  return {
    periodEnds,
    lastDay,
    movedBy: 'non-working-day',
    explanation: `The period ends on ${formatCalendarDate(periodEnds)}, not a working day: an appeal is in time on the next working day, ${formatCalendarDate(lastDay)} (Tribunal Rules 2008, r 12(2)).`,
  };
}

/**
 * Last day to appeal an appealable decision: the r 20 period moved by r 12 (see appealWindow). Pass the
 * English bank holidays for the bank-holiday part of r 12(2); weekends, Christmas and August need no list.
 */
export function appealDeadline(input: AppealWindowInput): CalendarDate {
  return appealWindow(input).lastDay;
}
