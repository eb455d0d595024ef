import { z } from 'zod';
import { calendarDateField } from './calendar-date-field.ts';
import { idField, optionalText, requiredText, wholeNumberField } from './schema-fields.ts';

/** JCQ access arrangements for exams (JCQ, Adjustments for candidates with disabilities and learning difficulties). */
export const EXAM_ARRANGEMENTS = [
  'extra-time-25',
  'extra-time-up-to-50',
  'supervised-rest-breaks',
  'reader',
  'computer-reader',
  'scribe',
  'speech-recognition',
  'word-processor',
  'separate-room',
  'prompter',
  'modified-paper',
  'other',
] as const;
export type ExamArrangement = (typeof EXAM_ARRANGEMENTS)[number];

export const examAccessArrangementSchema = z.object({
  id: idField('Access arrangement id'),
  pupilId: idField('Pupil id'),
  arrangement: z.enum(EXAM_ARRANGEMENTS, { error: 'Access arrangement is not recognised' }),
  /** 'delegated': the SENCo decides in the centre; 'aao': applied for through Access Arrangements Online. */
  route: z.enum(['delegated', 'aao'], { error: 'Route must be delegated or aao' }),
  status: z.enum(['proposed', 'applied', 'approved', 'rejected', 'withdrawn'], {
    error: 'Status must be proposed, applied, approved, rejected or withdrawn',
  }),
  /** The JCQ regulations year checked against, named by its starting year (2025 = 2025-26). */
  regulationsAcademicYear: wholeNumberField('JCQ regulations year', { min: 2000, max: 2100 }),
  /** How the arrangement reflects the candidate's normal way of working in class. */
  normalWayOfWorkingEvidence: optionalText('Normal way of working evidence', 5000, { multiline: true }),
  form8: z
    .object({
      assessedOn: calendarDateField('Form 8 assessment date'),
      assessor: optionalText('Assessor', 200),
      scores: z.array(
        z.object({
          test: requiredText('Test name', 200),
          standardisedScore: wholeNumberField('Standardised score', { min: 40, max: 160 }),
        }),
        { error: 'Form 8 scores must be a list' },
      ),
    })
    .optional(),
  approvedOn: calendarDateField('Approved date').optional(),
  expiresOn: calendarDateField('Expiry date').optional(),
  notes: optionalText('Notes', 5000, { multiline: true }),
});

export type ExamAccessArrangement = z.output<typeof examAccessArrangementSchema>;
export type ExamAccessArrangementInput = z.input<typeof examAccessArrangementSchema>;
