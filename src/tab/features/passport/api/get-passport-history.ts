import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type { PassportHistoryAnswer } from '../../../../contract/passports.ts';
import { passportKeys } from './keys.ts';

/** GET /api/pupils/{id}/passport/history: every version, newest first, and who read which (SEND team). */
export function passportHistoryQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: passportKeys.history(pupilId),
    queryFn: () =>
      api.get<PassportHistoryAnswer>(`/api/pupils/${encodeURIComponent(pupilId)}/passport/history`),
  });
}

export function usePassportHistory(pupilId: string, options?: { enabled?: boolean }) {
  const { api } = useApiSession();
  return useQuery({ ...passportHistoryQuery(api, pupilId), enabled: options?.enabled ?? true });
}
