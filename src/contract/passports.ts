import { z } from 'zod';
import { passportSchema, type Passport, type PassportAcknowledgement } from '../domain/passport.schema.ts';
import type {
  ClassPassportAnswer,
  FullPassportAnswer,
  MyAcknowledgement,
  PassportAnswer,
  StaffPassport,
} from '../domain/pupil-views.ts';
import { wholeNumberField } from '../domain/schema-fields.ts';
import { expectedETagField } from './version-tag.ts';

/**
 * Pupil passports between the tab and the server:
 *
 * GET  /api/pupils/{id}/passport                   → PassportAnswer (full for the SEND team, class for staff)
 * GET  /api/pupils/{id}/passport/history           → PassportHistoryAnswer
 * PUT  /api/pupils/{id}/passport                   savePassportBody → SavedPassportAnswer
 * POST /api/pupils/{id}/passport/review            reviewPassportBody → SavedPassportAnswer
 * POST /api/pupils/{id}/passport/acknowledgements  acknowledgePassportBody → AcknowledgementAnswer (201)
 */

export type { ClassPassportAnswer, FullPassportAnswer, MyAcknowledgement, PassportAnswer, StaffPassport };

export function isFullPassportAnswer(answer: PassportAnswer): answer is FullPassportAnswer {
  return 'eTag' in answer;
}

const passportFields = passportSchema.shape;

export const savePassportBody = z.strictObject({
  aboutMe: passportFields.aboutMe,
  strengths: passportFields.strengths,
  whatIFindHard: passportFields.whatIFindHard,
  whatHelpsMe: passportFields.whatHelpsMe,
  communication: passportFields.communication,
  accessArrangements: passportFields.accessArrangements,
  expectedETag: expectedETagField,
});
export type SavePassportBody = z.input<typeof savePassportBody>;

export const reviewPassportBody = z.strictObject({ expectedETag: expectedETagField });

export const acknowledgePassportBody = z.strictObject({
  passportVersion: wholeNumberField('Passport version', { min: 1 }),
});
export type AcknowledgePassportBody = z.input<typeof acknowledgePassportBody>;

export type PassportHistoryAnswer = {
  pupilId: string;
  /** Newest first. */
  versions: readonly Passport[];
  acknowledgements: readonly PassportAcknowledgement[];
};

/** A new version saved, or the current one reviewed with nothing to change. */
export type SavedPassportAnswer = {
  pupilId: string;
  passport: Passport;
  eTag: string;
  modifiedAt: string;
  modifiedBy: string | null;
};

export type AcknowledgementAnswer = PassportAcknowledgement;
