import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReviewAnswer, ReviewTrailBody } from '../../../../contract/ehc-plans.ts';
import type { Review } from '../../../../domain/review.schema.ts';
import { ApiError, type ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { sharedKeys } from '../../../api/query-keys.ts';
import { pupilKeys } from './keys.ts';

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
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const body = (error.body ?? {}) as {
    current?: { value?: Review; eTag?: string };
    changedBy?: string | null;
    changedAt?: string | null;
  };
  return {
    review: body.current?.value,
    eTag: body.current?.eTag,
    changedBy: body.changedBy ?? null,
    changedAt: body.changedAt ?? null,
  };
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
