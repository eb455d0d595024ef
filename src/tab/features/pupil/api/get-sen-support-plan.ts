import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SenSupportPlan } from '../../../../domain/sen-support-plan.schema.ts';
import type { ParentReviewCadence } from '../../../../domain/sen-support-plan.ts';
import type { TimelineStep } from '../../../../domain/timeline-step.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** GET /api/pupils/{id}/sen-support-plan: the APDR cycles, the next review and parent meetings this year. */
export type SenSupportPlanAnswer =
  | { plan: null }
  | {
      plan: SenSupportPlan;
      eTag: string;
      modifiedAt: string;
      modifiedBy: string | null;
      reviewStep: TimelineStep | null;
      parentReviewCadence: ParentReviewCadence;
      /** Academic years already over in which the plan was open, newest first: met or missed. */
      pastParentReviewYears: ParentReviewCadence[];
    };

export function senSupportPlanQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: ['pupils', pupilId, 'sen-support-plan'] as const,
    queryFn: () =>
      api.get<SenSupportPlanAnswer>(`/api/pupils/${encodeURIComponent(pupilId)}/sen-support-plan`),
  });
}

export function useSenSupportPlan(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(senSupportPlanQuery(api, pupilId));
}
