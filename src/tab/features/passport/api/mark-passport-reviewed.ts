import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type { PassportAnswer, SavedPassportAnswer } from '../../../../contract/passports.ts';
import { passportKey } from '../../../api/passport.ts';
import { sharedKeys } from '../../../api/query-keys.ts';

/**
 * POST /api/pupils/{id}/passport/review: the passport reviewed with nothing to change. The same version,
 * with today's review date and the next review due; everyone who confirmed reading it still has.
 */
export function markPassportReviewed(api: ApiClient, input: { pupilId: string; expectedETag: string }) {
  return api.post<SavedPassportAnswer>(
    `/api/pupils/${encodeURIComponent(input.pupilId)}/passport/review`,
    { expectedETag: input.expectedETag },
    { headers: { 'If-Match': input.expectedETag } },
  );
}

export function useMarkPassportReviewed() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { pupilId: string; expectedETag: string }) => markPassportReviewed(api, input),
    onSuccess: (saved) => {
      // Same version: the readers and their confirmations stay as they were.
      queryClient.setQueryData<PassportAnswer>(passportKey(saved.pupilId), (old) =>
        old && 'eTag' in old
          ? {
              ...old,
              passport: saved.passport,
              eTag: saved.eTag,
              modifiedAt: saved.modifiedAt,
              modifiedBy: saved.modifiedBy,
            }
          : old,
      );
    },
    onSettled: async (_data, _error, input) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: sharedKeys.pupil(input.pupilId) }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.register }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.dueWork }),
      ]);
    },
  });
}
