import { sharedKeys } from '../../../api/query-keys.ts';

/** The SEN support plan's query key, under the pupil's root. */
export const senSupportKeys = {
  plan: (pupilId: string) => [...sharedKeys.pupil(pupilId), 'sen-support-plan'] as const,
};
