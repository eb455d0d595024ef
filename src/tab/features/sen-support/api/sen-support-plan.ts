import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateSenSupportPlanBody,
  FullSenSupportPlanAnswer,
  ParentMeetingBody,
  RecordReviewBody,
  SenSupportPlanAnswer,
  UpdateSenSupportPlanBody,
} from '../../../../contract/sen-support-plans.ts';
import type { SenSupportPlan } from '../../../../domain/sen-support-plan.schema.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { sharedKeys } from '../../../api/query-keys.ts';
import { pupilKey } from '../../../api/pupil.ts';
import { senSupportKeys } from './keys.ts';
import { conflictOf, type Conflict } from '../../../api/error-answers.ts';

/** GET /api/pupils/{id}/sen-support-plan and the changes to it (src/server/api/sen-support-routes.ts). */

const path = (pupilId: string) => `/api/pupils/${encodeURIComponent(pupilId)}/sen-support-plan`;

export function senSupportPlanQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: senSupportKeys.plan(pupilId),
    queryFn: () => api.get<SenSupportPlanAnswer>(path(pupilId)),
  });
}

export function useSenSupportPlan(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(senSupportPlanQuery(api, pupilId));
}

export type PlanChangeRequest =
  | { kind: 'create'; pupilId: string; body: CreateSenSupportPlanBody }
  | { kind: 'plan-stage'; pupilId: string; body: UpdateSenSupportPlanBody }
  | { kind: 'review'; pupilId: string; body: RecordReviewBody }
  | { kind: 'parent-meeting'; pupilId: string; body: ParentMeetingBody };

function send(api: ApiClient, request: PlanChangeRequest): Promise<FullSenSupportPlanAnswer> {
  const base = path(request.pupilId);
  const eTag = 'expectedETag' in request.body ? request.body.expectedETag : undefined;
  const options = eTag ? { headers: { 'If-Match': eTag } } : undefined;
  switch (request.kind) {
    case 'create':
      return api.post(base, request.body);
    case 'plan-stage':
      return api.put(base, request.body, options);
    case 'review':
      return api.post(`${base}/reviews`, request.body, options);
    case 'parent-meeting':
      return api.post(`${base}/parent-meetings`, request.body, options);
  }
}

/** Saves a change; the plan shown becomes the one the server answers. */
export function useSavePlanChange() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PlanChangeRequest) => send(api, request),
    onSuccess: (answer) => {
      queryClient.setQueryData<SenSupportPlanAnswer>(senSupportKeys.plan(answer.pupilId), answer);
    },
    onSettled: async (_d, _e, request) => {
      await Promise.all([
        // The pupil's record shows the plan's stage; the home view lists its reviews and parent meetings due.
        queryClient.invalidateQueries({ queryKey: pupilKey(request.pupilId) }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.dueWork }),
      ]);
    },
  });
}

/** A 409: the plan as now stored and who saved it, to merge from. */
export type PlanConflict = Conflict<SenSupportPlan>;

export function planConflictOf(error: unknown): PlanConflict | undefined {
  return conflictOf<SenSupportPlan>(error);
}

export { fieldErrorsOf, schemaErrorsOf } from '../../../api/field-errors.ts';
