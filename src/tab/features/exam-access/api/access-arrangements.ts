import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AccessArrangementRecord,
  AccessArrangementsAnswer,
  SaveAccessArrangementBody,
} from '../../../../contract/exam-access.ts';
import type { ExamAccessArrangement } from '../../../../domain/exam-access.schema.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { pupilKey } from '../../../api/pupil.ts';
import { examAccessKeys } from './keys.ts';
import { conflictOf, type Conflict } from '../../../api/error-answers.ts';

/** GET /api/pupils/{id}/access-arrangements and the changes to them (src/server/api/exam-access-routes.ts). */

const path = (pupilId: string) => `/api/pupils/${encodeURIComponent(pupilId)}/access-arrangements`;

export function accessArrangementsQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: examAccessKeys.arrangements(pupilId),
    queryFn: () => api.get<AccessArrangementsAnswer>(path(pupilId)),
  });
}

export function useAccessArrangements(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(accessArrangementsQuery(api, pupilId));
}

/** A new arrangement (no id), or a change to one quoting the version it was made from. */
export type SaveArrangementRequest = {
  pupilId: string;
  arrangementId?: string | undefined;
  body: SaveAccessArrangementBody;
};

export function useSaveAccessArrangement() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveArrangementRequest): Promise<AccessArrangementRecord> => {
      const base = path(request.pupilId);
      if (request.arrangementId === undefined) return api.post(base, request.body);
      const eTag = request.body.expectedETag;
      return api.put(
        `${base}/${encodeURIComponent(request.arrangementId)}`,
        request.body,
        eTag ? { headers: { 'If-Match': eTag } } : undefined,
      );
    },
    onSettled: async (_d, _e, request) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: examAccessKeys.arrangements(request.pupilId) }),
        // The pupil's record lists the arrangements in force.
        queryClient.invalidateQueries({ queryKey: pupilKey(request.pupilId) }),
      ]);
    },
  });
}

/** A 409: the arrangement as now stored and who saved it, to merge from. */
export type ArrangementConflict = Conflict<ExamAccessArrangement>;

export function arrangementConflictOf(error: unknown): ArrangementConflict | undefined {
  return conflictOf<ExamAccessArrangement>(error);
}

export { fieldErrorsOf, schemaErrorsOf } from '../../../api/field-errors.ts';
