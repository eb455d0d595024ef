import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { isFullPassportAnswer, type PassportAnswer } from '../../contract/passports.ts';
import type { ApiClient } from './api-client.ts';
import { useApiSession } from './api-context.tsx';
import { sharedKeys } from './query-keys.ts';

export { isFullPassportAnswer };

export const passportKey = sharedKeys.passport;

/** GET /api/pupils/{id}/passport: the full answer for the SEND team, the class answer for class staff. */
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
