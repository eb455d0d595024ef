import { sharedKeys } from '../../../api/query-keys.ts';

/** Exam access arrangements' query key, under the pupil's root. */
export const examAccessKeys = {
  arrangements: (pupilId: string) => [...sharedKeys.pupil(pupilId), 'access-arrangements'] as const,
};
