import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CensusCheckResult } from '../../../../domain/census-check.ts';
import type { CensusDay } from '../../../../domain/census-days.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** GET /api/register/census-check: the next census day and the data problems to fix before it (SEND team). */
export type CensusCheckAnswer = CensusCheckResult & { censusDay: CensusDay };

export function censusCheckQuery(api: ApiClient) {
  return queryOptions({
    queryKey: ['register', 'census-check'] as const,
    queryFn: () => api.get<CensusCheckAnswer>('/api/register/census-check'),
  });
}

export function useCensusCheck(options?: { enabled?: boolean }) {
  const { api } = useApiSession();
  return useQuery({ ...censusCheckQuery(api), enabled: options?.enabled ?? true });
}
