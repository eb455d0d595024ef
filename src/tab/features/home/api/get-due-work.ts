import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DueWorkAnswer, DueWorkQueryParams } from '../../../../contract/due-work.ts';
import { queryString, type ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { homeKeys } from './keys.ts';

/** How far ahead home looks. */
export const DUE_WITHIN_DAYS = 42;

/** GET /api/due-work: what is overdue or due soon across the register, most urgent first (SEND team). */
export function dueWorkQuery(api: ApiClient) {
  return queryOptions({
    queryKey: homeKeys.dueWork(DUE_WITHIN_DAYS),
    queryFn: () => {
      const params: DueWorkQueryParams = { within: DUE_WITHIN_DAYS };
      return api.get<DueWorkAnswer>(`/api/due-work${queryString(params)}`);
    },
  });
}

export function useDueWork() {
  const { api } = useApiSession();
  return useQuery(dueWorkQuery(api));
}
