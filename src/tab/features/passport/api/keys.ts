import { sharedKeys } from '../../../api/query-keys.ts';

/** The passport's query keys: the passport itself is shared (the pupil page and class view read it). */
export const passportKeys = {
  passport: sharedKeys.passport,
  history: (pupilId: string) => [...sharedKeys.passport(pupilId), 'history'] as const,
};
