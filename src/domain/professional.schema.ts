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
  /** Since site schema 4. */
  'early-help',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

/** The services' names as a SENCO says them, for text such as "Response to the referral to CAMHS". */
export const PROFESSION_NAMES: Record<Profession, string> = {
  'educational-psychologist': 'Educational psychologist',
  'speech-and-language-therapist': 'Speech and language therapist',
  'occupational-therapist': 'Occupational therapist',
  physiotherapist: 'Physiotherapist',
  paediatrician: 'Paediatrician',
  camhs: 'CAMHS',
  'school-nurse': 'School nurse',
  'social-worker': 'Social worker',
  'specialist-teacher': 'Specialist teacher',
  'sensory-support-teacher': 'Sensory support teacher',
  'virtual-school': 'Virtual school',
  'la-sen-officer': 'LA SEN officer',
  other: 'Other professional',
  'early-help': 'Early help',
};

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
