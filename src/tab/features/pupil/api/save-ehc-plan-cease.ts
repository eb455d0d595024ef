import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ceaseEhcPlanBody,
  CeaseDecisionBody,
  EhcPlanAnswer,
  withdrawCeaseDecisionBody,
} from '../../../../contract/ehc-plans.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { sharedKeys } from '../../../api/query-keys.ts';
import { pupilKeys } from './keys.ts';

/**
 * PUT /api/pupils/{id}/ehc-plan/cease-decision (the LA's decision to cease, and any appeal) and POST
 * /api/pupils/{id}/ehc-plan/cessation (the day the plan ended), POST .../cease-decision/withdrawal (the
 * decision withdrawn, or the appeal allowed), each from the plan's version. The answer is
 * the whole plan, which replaces the cached one.
 */
export type CeaseWrite =
  | { kind: 'decision'; pupilId: string; body: CeaseDecisionBody }
  | { kind: 'cessation'; pupilId: string; body: z.input<typeof ceaseEhcPlanBody> }
  | { kind: 'withdrawal'; pupilId: string; body: z.input<typeof withdrawCeaseDecisionBody> };

export function saveCease(api: ApiClient, input: CeaseWrite): Promise<EhcPlanAnswer> {
  const base = `/api/pupils/${encodeURIComponent(input.pupilId)}/ehc-plan`;
  const eTag = input.body.expectedETag;
  const options = eTag ? { headers: { 'If-Match': eTag } } : undefined;
  if (input.kind === 'decision') return api.put<EhcPlanAnswer>(`${base}/cease-decision`, input.body, options);
  return input.kind === 'withdrawal'
    ? api.post<EhcPlanAnswer>(`${base}/cease-decision/withdrawal`, input.body, options)
    : api.post<EhcPlanAnswer>(`${base}/cessation`, input.body, options);
}

export function useSaveCease() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CeaseWrite) => saveCease(api, input),
    onSuccess: (answer) => {
      queryClient.setQueryData<EhcPlanAnswer>(pupilKeys.ehcPlan(answer.pupilId), answer);
    },
    onSettled: async (_data, _error, input) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: pupilKeys.ehcPlan(input.pupilId) }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.dueWork }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.register }),
      ]);
    },
  });
}
