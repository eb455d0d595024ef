import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SenHistoryAnswer } from '../../../../contract/pupils.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { pupilKeys } from './keys.ts';

/** GET /api/pupils/{id}/history: SEN status and needs over time (SEND team). */
export type PupilHistory = SenHistoryAnswer;

export function pupilHistoryQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: pupilKeys.history(pupilId),
    queryFn: () => api.get<PupilHistory>(`/api/pupils/${encodeURIComponent(pupilId)}/history`),
  });
}

export function usePupilHistory(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(pupilHistoryQuery(api, pupilId));
}
