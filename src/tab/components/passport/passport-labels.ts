import type { PASSPORT_CONTENT_FIELDS } from '../../../domain/passport.ts';

export type PassportField = (typeof PASSPORT_CONTENT_FIELDS)[number];

/** Each part of a passport, in the words staff see it under. */
export const PASSPORT_FIELD_LABELS: Record<PassportField, string> = {
  aboutMe: 'About me',
  strengths: 'My strengths',
  whatIFindHard: 'What I find hard',
  whatHelpsMe: 'What helps me',
  communication: 'How I communicate',
  accessArrangements: 'Access arrangements',
};
