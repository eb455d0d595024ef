import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangeEhcPlanBody, EhcPlanAnswer, RecordEhcPlanBody } from '../../../../contract/ehc-plans.ts';
import type { EhcPlan } from '../../../../domain/ehc-plan.schema.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { sharedKeys } from '../../../api/query-keys.ts';
import { pupilKeys } from './keys.ts';
import { conflictOf } from '../../../api/error-answers.ts';

/**
 * POST (record) and PUT (amend or re-issue) /api/pupils/{id}/ehc-plan, made from the version the form was
 * opened on. The answer is the whole plan with its timeline, which replaces the cached one.
 */

export type EhcPlanWrite =
  | { kind: 'record'; pupilId: string; body: RecordEhcPlanBody }
  | { kind: 'change'; pupilId: string; body: ChangeEhcPlanBody };

export function saveEhcPlan(api: ApiClient, input: EhcPlanWrite): Promise<EhcPlanAnswer> {
  const path = `/api/pupils/${encodeURIComponent(input.pupilId)}/ehc-plan`;
  const eTag = input.body.expectedETag;
  const options = eTag ? { headers: { 'If-Match': eTag } } : undefined;
  return input.kind === 'record'
    ? api.post<EhcPlanAnswer>(path, input.body, options)
    : api.put<EhcPlanAnswer>(path, input.body, options);
}

/** A 409: the plan as now stored, who saved it and when. */
export type EhcPlanConflict = {
  plan: EhcPlan | undefined;
  eTag: string | undefined;
  changedBy: string | null;
  changedAt: string | null;
};

export function ehcPlanConflictOf(error: unknown): EhcPlanConflict | undefined {
  const conflict = conflictOf<EhcPlan>(error);
  return (
    conflict && {
      plan: conflict.current?.value,
      eTag: conflict.eTag,
      changedBy: conflict.changedBy,
      changedAt: conflict.changedAt,
    }
  );
}

export function useSaveEhcPlan() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EhcPlanWrite) => saveEhcPlan(api, input),
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
