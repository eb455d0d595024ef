import { addMonths, latestOf, type CalendarDate } from './calendar-date.ts';
import {
  APPEAL_MONTHS_AFTER_DECISION,
  APPEAL_MONTHS_AFTER_MEDIATION_CERTIFICATE,
} from './statutory-rules.ts';

/**
 * Last day to appeal an appealable decision: 2 months after the decision letter or 1 month after the
 * mediation certificate, whichever is later (the rule and its citation: statutory-rules.ts).
 */
export function appealDeadline(input: {
  decisionOn: CalendarDate;
  mediationCertificateOn?: CalendarDate | undefined;
}): CalendarDate {
  const afterDecision = addMonths(input.decisionOn, APPEAL_MONTHS_AFTER_DECISION);
  if (!input.mediationCertificateOn) return afterDecision;
  return latestOf(
    afterDecision,
    addMonths(input.mediationCertificateOn, APPEAL_MONTHS_AFTER_MEDIATION_CERTIFICATE),
  );
}
