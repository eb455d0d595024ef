import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CensusCheckAnswer } from '../../../../contract/register.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { homeKeys } from './keys.ts';

export type { CensusCheckAnswer };

/** GET /api/register/census-check: the next census day and the data problems to fix before it (SEND team). */
export function censusCheckQuery(api: ApiClient) {
  return queryOptions({
    queryKey: homeKeys.censusCheck,
    queryFn: () => api.get<CensusCheckAnswer>('/api/register/census-check'),
  });
}

export function useCensusCheck(options?: { enabled?: boolean }) {
  const { api } = useApiSession();
  return useQuery({ ...censusCheckQuery(api), enabled: options?.enabled ?? true });
}
