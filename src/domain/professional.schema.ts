import { z } from 'zod';
import { emailField, idField, optionalText, requiredText } from './schema-fields.ts';

export const PROFESSIONS = [
  'educational-psychologist',
  'speech-and-language-therapist',
  'occupational-therapist',
  'physiotherapist',
  'paediatrician',
  'camhs',
  'school-nurse',
  'social-worker',
  'specialist-teacher',
  'sensory-support-teacher',
  'virtual-school',
  'la-sen-officer',
  'other',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

/** Someone outside the school who gives advice or attends reviews. */
export const externalProfessionalSchema = z.object({
  id: idField('Professional id'),
  name: requiredText('Professional name'),
  profession: z.enum(PROFESSIONS, { error: 'Profession is not recognised' }),
  organisation: requiredText('Organisation', 200),
  email: emailField('Professional email').optional(),
  phone: optionalText('Professional phone', 40),
  notes: optionalText('Notes', 2000, { multiline: true }),
});

export type ExternalProfessional = z.output<typeof externalProfessionalSchema>;
export type ExternalProfessionalInput = z.input<typeof externalProfessionalSchema>;
