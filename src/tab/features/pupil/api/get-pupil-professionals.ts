import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ProfessionalsAnswer } from '../../../../contract/professionals.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { pupilKeys } from './keys.ts';

/** GET /api/pupils/{id}/professionals: professionals outside the school involved with the pupil. */
export function pupilProfessionalsQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: pupilKeys.professionals(pupilId),
    queryFn: () => api.get<ProfessionalsAnswer>(`/api/pupils/${encodeURIComponent(pupilId)}/professionals`),
  });
}

export function usePupilProfessionals(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(pupilProfessionalsQuery(api, pupilId));
}
