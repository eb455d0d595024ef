import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ProvisionSummaryAnswer } from '../../contract/interventions.ts';
import type { ApiClient } from './api-client.ts';
import { useApiSession } from './api-context.tsx';
import { sharedKeys } from './query-keys.ts';

export const provisionSummaryKey = [...sharedKeys.provision, 'summary'] as const;

/** GET /api/provision/summary: costs and impact with no pupil in them (SEND team and headteacher). */
export function provisionSummaryQuery(api: ApiClient) {
  return queryOptions({
    queryKey: provisionSummaryKey,
    queryFn: () => api.get<ProvisionSummaryAnswer>('/api/provision/summary'),
  });
}

export function useProvisionSummary(options?: { enabled?: boolean }) {
  const { api } = useApiSession();
  return useQuery({ ...provisionSummaryQuery(api), enabled: options?.enabled ?? true });
}
