import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiClient } from './api-client.ts';
import { useApiSession } from './api-context.tsx';
import type { PupilAnswer } from '../../contract/pupils.ts';
import { sharedKeys } from './query-keys.ts';

/** GET /api/pupils/{id}: the record as the caller may see it; 404 when they may not. */
export const pupilKey = sharedKeys.pupilRecord;

export function pupilQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: pupilKey(pupilId),
    queryFn: () => api.get<PupilAnswer>(`/api/pupils/${encodeURIComponent(pupilId)}`),
  });
}

export function usePupil(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(pupilQuery(api, pupilId));
}
