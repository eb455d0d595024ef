import { isOnOrBefore, type CalendarDate } from '../../domain/calendar-date.ts';
import type { DomainSettings } from '../../domain/domain-settings.ts';
import type { DueWorkItem } from '../../domain/due-work-views.ts';
import { PROFESSION_NAMES } from '../../domain/professional.schema.ts';
import { referralResponseStep } from '../../domain/referral.ts';
import { pupilDisplayName } from '../../domain/pupil.schema.ts';
import type { SendRecordsReader } from '../../graph/send-records.ts';

/**
 * The due work's referral responses: every referral not yet answered (no report, not closed) whose response
 * is due by `horizon` or overdue, for pupils still on the roll. Whether the pupil is on the SEN register
 * does not matter: a referral is often made before a pupil is placed on it.
 */
export function referralDueWork(input: {
  records: Pick<SendRecordsReader, 'referrals' | 'pupil'>;
  settings: Pick<DomainSettings, 'dueSoonDays'>;
  today: CalendarDate;
  horizon: CalendarDate;
}): DueWorkItem[] {
  const { records, settings, today, horizon } = input;
  return records.referrals().flatMap(({ value: referral }) => {
    const pupil = records.pupil(referral.pupilId);
    if (!pupil) return [];
    const step = referralResponseStep({
      referral,
      serviceName: PROFESSION_NAMES[referral.service],
      settings,
      today,
    });
    if (step.status === 'done' || !isOnOrBefore(step.due, horizon)) return [];
    return [{ pupilId: pupil.id, pupilName: pupilDisplayName(pupil), kind: 'referral' as const, step }];
  });
}
