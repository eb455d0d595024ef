import type { CalendarDate } from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import type { Referral } from './referral.schema.ts';
import type { Rule } from './statutory-rules.ts';
import { isOverdue, stepBuilder, type TimelineStep } from './timeline-step.ts';

/**
 * When a referral is answered, and when its response is overdue. A referral is answered by its first report
 * (or by being closed); until then its response is due on `responseDueOn` and overdue from the day after.
 */

export const REFERRAL_RESPONSE_RULE: Rule = {
  id: 'referral-response',
  summary:
    'Chase a referral whose response is late: the date is the one the service gave (or the school expects); the school involves specialists where a pupil makes little progress despite well-founded support.',
  citation: 'Local practice; SEND Code of Practice 2015, paras 6.58–6.62',
  source: 'https://www.gov.uk/government/publications/send-code-of-practice-0-to-25',
  basis: 'local-practice',
};

/** The day the referral was answered: its earliest report, or when it was closed, whichever came first. */
export function referralAnsweredOn(
  referral: Pick<Referral, 'reports' | 'closedOn'>,
): CalendarDate | undefined {
  const days = [
    ...referral.reports.map((r) => r.receivedOn),
    ...(referral.closedOn ? [referral.closedOn] : []),
  ];
  return days.sort()[0];
}

/** Overdue: not answered and today is after the response due date (due today is not overdue). */
export function isReferralOverdue(referral: Referral, today: CalendarDate): boolean {
  return isOverdue({ due: referral.responseDueOn, completedOn: referralAnsweredOn(referral) }, today);
}

/** The response as a step for the home view's due work. */
export function referralResponseStep(input: {
  referral: Referral;
  serviceName: string;
  settings: Pick<DomainSettings, 'dueSoonDays'>;
  today: CalendarDate;
}): TimelineStep {
  const { referral, serviceName, settings, today } = input;
  return stepBuilder({ today, dueSoonDays: settings.dueSoonDays })({
    id: 'referral-response-by',
    label: `Response to the referral to ${serviceName}`,
    due: referral.responseDueOn,
    rule: REFERRAL_RESPONSE_RULE,
    owner: 'local-authority',
    completedOn: referralAnsweredOn(referral),
  });
}
