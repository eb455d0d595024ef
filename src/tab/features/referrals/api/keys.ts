import { sharedKeys } from '../../../api/query-keys.ts';

/** Referrals' query keys, under the pupil's root. */
export const referralKeys = {
  list: (pupilId: string) => [...sharedKeys.pupil(pupilId), 'referrals'] as const,
};
