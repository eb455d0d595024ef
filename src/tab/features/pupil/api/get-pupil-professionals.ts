import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ExternalProfessional } from '../../../../domain/professional.schema.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** GET /api/pupils/{id}/professionals: professionals outside the school involved with the pupil. */
export type PupilProfessionals = { pupilId: string; professionals: ExternalProfessional[] };

export function pupilProfessionalsQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: ['pupils', pupilId, 'professionals'] as const,
    queryFn: () => api.get<PupilProfessionals>(`/api/pupils/${encodeURIComponent(pupilId)}/professionals`),
  });
}

export function usePupilProfessionals(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(pupilProfessionalsQuery(api, pupilId));
}
