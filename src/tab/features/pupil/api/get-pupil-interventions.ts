import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PupilIntervention, PupilInterventionsAnswer } from '../../../../contract/pupils.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { pupilKeys } from './keys.ts';

export type { PupilIntervention, PupilInterventionsAnswer };

/** GET /api/pupils/{id}/interventions: the interventions the pupil is in, with entry and exit measures. */
export function pupilInterventionsQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: pupilKeys.interventions(pupilId),
    queryFn: () =>
      api.get<PupilInterventionsAnswer>(`/api/pupils/${encodeURIComponent(pupilId)}/interventions`),
  });
}

export function usePupilInterventions(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(pupilInterventionsQuery(api, pupilId));
}
