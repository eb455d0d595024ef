import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  NeedsAssessmentMilestonesBody,
  NeedsAssessmentRequestBody,
  NeedsAssessmentSavedAnswer,
  NeedsAssessmentsAnswer,
} from '../../../contract/needs-assessments.ts';
import type { EhcNeedsAssessment } from '../../../domain/ehc-needs-assessment.schema.ts';
import type { ApiClient } from '../../api/api-client.ts';
import { useApiSession } from '../../api/api-context.tsx';
import { sharedKeys } from '../../api/query-keys.ts';
import { needsAssessmentKeys } from './api/keys.ts';
import { conflictOf } from '../../api/error-answers.ts';

/**
 * A pupil's EHC needs assessment requests with their clocks: GET and POST
 * /api/pupils/{id}/needs-assessments, PUT /api/pupils/{id}/needs-assessments/{assessmentId} from the version
 * the form was opened on (If-Match).
 */

const pathOf = (pupilId: string) => `/api/pupils/${encodeURIComponent(pupilId)}/needs-assessments`;

export function needsAssessmentsQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: needsAssessmentKeys.list(pupilId),
    queryFn: () => api.get<NeedsAssessmentsAnswer>(pathOf(pupilId)),
  });
}

export function useNeedsAssessments(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(needsAssessmentsQuery(api, pupilId));
}

export type NeedsAssessmentWrite =
  | { kind: 'request'; pupilId: string; body: NeedsAssessmentRequestBody }
  | {
      kind: 'milestones';
      pupilId: string;
      assessmentId: string;
      eTag: string;
      body: NeedsAssessmentMilestonesBody;
    };

export function saveNeedsAssessment(
  api: ApiClient,
  input: NeedsAssessmentWrite,
): Promise<NeedsAssessmentSavedAnswer> {
  if (input.kind === 'request')
    return api.post<NeedsAssessmentSavedAnswer>(pathOf(input.pupilId), input.body);
  return api.put<NeedsAssessmentSavedAnswer>(
    `${pathOf(input.pupilId)}/${encodeURIComponent(input.assessmentId)}`,
    { ...input.body, expectedETag: input.eTag },
    { headers: { 'If-Match': input.eTag } },
  );
}

/** A 409: the request as now stored, who saved it and when. */
export type NeedsAssessmentConflict = {
  assessment: EhcNeedsAssessment | undefined;
  eTag: string | undefined;
  changedBy: string | null;
  changedAt: string | null;
};

export function needsAssessmentConflictOf(error: unknown): NeedsAssessmentConflict | undefined {
  const conflict = conflictOf<EhcNeedsAssessment>(error);
  return (
    conflict && {
      assessment: conflict.current?.value,
      eTag: conflict.eTag,
      changedBy: conflict.changedBy,
      changedAt: conflict.changedAt,
    }
  );
}

export function useSaveNeedsAssessment() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NeedsAssessmentWrite) => saveNeedsAssessment(api, input),
    onSettled: async (_data, _error, input) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: needsAssessmentKeys.list(input.pupilId) }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.dueWork }),
      ]);
    },
  });
}

export { fieldErrorsOf } from '../../api/field-errors.ts';
