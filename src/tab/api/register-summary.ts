import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RegisterSummaryAnswer } from '../../contract/register.ts';
import type { ApiClient } from './api-client.ts';
import { useApiSession } from './api-context.tsx';
import { sharedKeys } from './query-keys.ts';

export type { RegisterSummaryAnswer };

/** GET /api/register/summary: the register's numbers, with no pupil in them (SEND team and headteacher). */
export function registerSummaryQuery(api: ApiClient) {
  return queryOptions({
    queryKey: [...sharedKeys.register, 'summary'] as const,
    queryFn: () => api.get<RegisterSummaryAnswer>('/api/register/summary'),
  });
}

export function useRegisterSummary(options?: { enabled?: boolean }) {
  const { api } = useApiSession();
  return useQuery({ ...registerSummaryQuery(api), enabled: options?.enabled ?? true });
}
