import { z } from 'zod';
import { expectedETagField } from './version-tag.ts';
import { calendarDateField } from '../domain/calendar-date-field.ts';
import { PROFESSIONS, type ExternalProfessional } from '../domain/professional.schema.ts';
import type { Referral } from '../domain/referral.schema.ts';
import { referralReportSchema } from '../domain/referral.schema.ts';
import { emailField, idField, optionalText, requiredText } from '../domain/schema-fields.ts';

/**
 * Professionals involved with pupils and referrals to their services: bodies (one schema for the form and
 * the server) and answers.
 *
 * POST /api/professionals                       professionalCreateBody → ProfessionalAnswer (201)
 * POST /api/pupils/{pupilId}/professionals      professionalLinkBody → ProfessionalsAnswer
 * GET  /api/pupils/{pupilId}/referrals          → ReferralsAnswer
 * POST /api/pupils/{pupilId}/referrals          referralCreateBody → ReferralAnswer (201)
 * PUT  /api/pupils/{pupilId}/referrals/{id}     referralUpdateBody → ReferralAnswer
 */

const clientId = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .regex(/^[A-Za-z0-9-]{8,64}$/, { error: `${label} must be 8 to 64 letters, digits or hyphens` });

export const professionalCreateBody = z.strictObject({
  /** Made by the tab when the form opens: sent twice, stored once. */
  id: clientId('Professional id').optional(),
  name: requiredText('Name'),
  profession: z.enum(PROFESSIONS, { error: 'Profession is not recognised' }),
  organisation: requiredText('Organisation', 200),
  email: emailField('Email').optional(),
  phone: optionalText('Phone', 40),
  notes: optionalText('Notes', 2000, { multiline: true }),
  /** The pupil they are involved with, linked at once. */
  pupilId: idField('Pupil id').optional(),
});

export const professionalLinkBody = z.strictObject({ professionalId: idField('Professional') });

const referralFields = {
  service: z.enum(PROFESSIONS, { error: 'Service is not recognised' }),
  professionalId: idField('Professional').optional(),
  sentOn: calendarDateField('Date sent'),
  question: requiredText('What was asked', 2000, { multiline: true }),
  responseDueOn: calendarDateField('Response due date'),
  reports: z.array(referralReportSchema, { error: 'Reports must be a list' }).max(50).optional(),
  closedOn: calendarDateField('Date closed').optional(),
};

export const referralCreateBody = z.strictObject({
  id: clientId('Referral id').optional(),
  ...referralFields,
});

export const referralUpdateBody = z.strictObject({
  ...referralFields,
  expectedETag: expectedETagField,
});

export type ProfessionalCreateBody = z.input<typeof professionalCreateBody>;
export type ReferralCreateBody = z.input<typeof referralCreateBody>;
export type ReferralUpdateBody = z.input<typeof referralUpdateBody>;

export type ProfessionalAnswer = { professional: ExternalProfessional };
export type ProfessionalsAnswer = { pupilId: string; professionals: readonly ExternalProfessional[] };
/** A referral with the version a change quotes, and whether its response is overdue today. */
export type ReferralView = Referral & { eTag: string; overdue: boolean; answeredOn: string | null };
export type ReferralAnswer = { referral: ReferralView };
export type ReferralsAnswer = { pupilId: string; referrals: ReferralView[] };

/** GET /api/professionals: every professional recorded, to pick one to link to a pupil (SEND team). */
export type AllProfessionalsAnswer = { professionals: readonly ExternalProfessional[] };
