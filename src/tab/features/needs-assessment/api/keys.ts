import { sharedKeys } from '../../../api/query-keys.ts';

/** Needs assessments' query key, under the pupil's root. */
export const needsAssessmentKeys = {
  list: (pupilId: string) => [...sharedKeys.pupil(pupilId), 'needs-assessments'] as const,
};
