import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReviewAnswer, ReviewTrailBody } from '../../../../contract/ehc-plans.ts';
import type { Review } from '../../../../domain/review.schema.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { sharedKeys } from '../../../api/query-keys.ts';
import { pupilKeys } from './keys.ts';
import { conflictOf } from '../../../api/error-answers.ts';

/**
 * PUT /api/pupils/{id}/ehc-plan/reviews/{reviewId}: the whole trail of one review, made from the version of
 * the review record the form was opened on (the answer's reviewETags). The plan refetches after, so the
 * timeline shows the steps the trail completes.
 */
export type ReviewTrailWrite = { pupilId: string; reviewId: string; body: ReviewTrailBody };

export function saveReviewTrail(api: ApiClient, input: ReviewTrailWrite): Promise<ReviewAnswer> {
  const path = `/api/pupils/${encodeURIComponent(input.pupilId)}/ehc-plan/reviews/${encodeURIComponent(input.reviewId)}`;
  const eTag = input.body.expectedETag;
  return api.put<ReviewAnswer>(path, input.body, eTag ? { headers: { 'If-Match': eTag } } : undefined);
}

/** A 409: the review as now stored, who saved it and when. */
export type ReviewConflict = {
  review: Review | undefined;
  eTag: string | undefined;
  changedBy: string | null;
  changedAt: string | null;
};

export function reviewConflictOf(error: unknown): ReviewConflict | undefined {
  const conflict = conflictOf<Review>(error);
  return (
    conflict && {
      review: conflict.current?.value,
      eTag: conflict.eTag,
      changedBy: conflict.changedBy,
      changedAt: conflict.changedAt,
    }
  );
}

export function useSaveReviewTrail() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReviewTrailWrite) => saveReviewTrail(api, input),
    onSettled: async (_data, _error, input) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: pupilKeys.ehcPlan(input.pupilId) }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.dueWork }),
      ]);
    },
  });
}
