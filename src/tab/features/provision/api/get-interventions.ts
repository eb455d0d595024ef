import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InterventionsAnswer } from '../../../../contract/interventions.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { provisionKeys } from './keys.ts';

/** GET /api/interventions: the provision map for the SEND team; the interventions they deliver for others. */
export function interventionsQuery(api: ApiClient) {
  return queryOptions({
    queryKey: provisionKeys.interventions,
    queryFn: () => api.get<InterventionsAnswer>('/api/interventions'),
  });
}

export function useInterventions(options?: { enabled?: boolean }) {
  const { api } = useApiSession();
  return useQuery({ ...interventionsQuery(api), enabled: options?.enabled ?? true });
}
