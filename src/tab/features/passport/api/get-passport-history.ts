import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Passport } from '../../../../domain/passport.schema.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type { PassportAcknowledgement } from '../../../../domain/passport.schema.ts';

/** GET /api/pupils/{id}/passport/history: every version, newest first, and who read which (SEND team). */
export type PassportHistory = {
  pupilId: string;
  versions: Passport[];
  acknowledgements: PassportAcknowledgement[];
};

export const passportHistoryKey = (pupilId: string) => ['pupils', pupilId, 'passport', 'history'] as const;

export function passportHistoryQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: passportHistoryKey(pupilId),
    queryFn: () => api.get<PassportHistory>(`/api/pupils/${encodeURIComponent(pupilId)}/passport/history`),
  });
}

export function usePassportHistory(pupilId: string, options?: { enabled?: boolean }) {
  const { api } = useApiSession();
  return useQuery({ ...passportHistoryQuery(api, pupilId), enabled: options?.enabled ?? true });
}
