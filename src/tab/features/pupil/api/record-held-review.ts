import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RecordReviewBody, ReviewAnswer } from '../../../../contract/ehc-plans.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { sharedKeys } from '../../../api/query-keys.ts';
import { pupilKeys } from './keys.ts';

/**
 * POST /api/pupils/{id}/ehc-plan/reviews: a review meeting held without a booking in SENCO Hub (arranged by
 * the LA, or before the school used SENCO Hub), recorded after it was held so its trail can go on. The plan
 * refetches after, so the timeline counts from the meeting.
 */
export type HeldReviewWrite = { pupilId: string; body: RecordReviewBody };

export function recordHeldReview(api: ApiClient, input: HeldReviewWrite): Promise<ReviewAnswer> {
  return api.post<ReviewAnswer>(
    `/api/pupils/${encodeURIComponent(input.pupilId)}/ehc-plan/reviews`,
    input.body,
  );
}

export function useRecordHeldReview() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: HeldReviewWrite) => recordHeldReview(api, input),
    onSettled: async (_data, _error, input) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: pupilKeys.ehcPlan(input.pupilId) }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.dueWork }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.register }),
      ]);
    },
  });
}
