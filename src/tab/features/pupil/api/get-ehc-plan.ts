import { queryOptions, useQuery } from '@tanstack/react-query';
import type { EhcPlanAnswer } from '../../../../contract/ehc-plans.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { pupilKeys } from './keys.ts';

export type { EhcPlanAnswer };

export function ehcPlanQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: pupilKeys.ehcPlan(pupilId),
    queryFn: () => api.get<EhcPlanAnswer>(`/api/pupils/${encodeURIComponent(pupilId)}/ehc-plan`),
  });
}

export function useEhcPlan(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(ehcPlanQuery(api, pupilId));
}
