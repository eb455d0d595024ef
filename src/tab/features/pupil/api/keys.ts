import { sharedKeys } from '../../../api/query-keys.ts';

/** The pupil page's query keys: each under the pupil's root, so a write about the pupil can refresh them all. */
export const pupilKeys = {
  history: (pupilId: string) => [...sharedKeys.pupil(pupilId), 'history'] as const,
  ehcPlan: sharedKeys.ehcPlan,
  professionals: sharedKeys.professionals,
  meetings: (pupilId: string) => [...sharedKeys.pupil(pupilId), 'meetings'] as const,
  interventions: (pupilId: string) => [...sharedKeys.pupil(pupilId), 'interventions'] as const,
  audit: (pupilId: string, limit: number) => [...sharedKeys.pupil(pupilId), 'audit', limit] as const,
};
