import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { Passport } from '../../../../domain/passport.schema.ts';
import type { TimelineStep } from '../../../../domain/timeline-step.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type { MyAcknowledgement, PassportAcknowledgement, StaffPassport } from '../../../api/pupil-views.ts';

/** GET /api/pupils/{id}/passport as the SENCO and SEND team get it: with its version tag and who read it. */
export type FullPassportAnswer = {
  pupilId: string;
  passport: Passport | null;
  eTag: string | null;
  modifiedAt: string | null;
  modifiedBy: string | null;
  reviewStep: TimelineStep | null;
  acknowledgements: PassportAcknowledgement[];
  myAcknowledgement: MyAcknowledgement | null;
};

/** … and as class staff get it. */
export type ClassPassportAnswer = {
  pupilId: string;
  passport: StaffPassport | null;
  myAcknowledgement: MyAcknowledgement | null;
};

export type PassportAnswer = FullPassportAnswer | ClassPassportAnswer;

export function isFullPassportAnswer(answer: PassportAnswer): answer is FullPassportAnswer {
  return 'eTag' in answer;
}

export const passportKey = (pupilId: string) => ['pupils', pupilId, 'passport'] as const;

export function getPassport(api: ApiClient, pupilId: string): Promise<PassportAnswer> {
  return api.get<PassportAnswer>(`/api/pupils/${encodeURIComponent(pupilId)}/passport`);
}

export function passportQuery(api: ApiClient, pupilId: string) {
  return queryOptions({ queryKey: passportKey(pupilId), queryFn: () => getPassport(api, pupilId) });
}

export function usePassport(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(passportQuery(api, pupilId));
}

/** A passport's dates as the editor shows them. */
export type PassportDates = { reviewedOn: CalendarDate; reviewDueOn: CalendarDate };
