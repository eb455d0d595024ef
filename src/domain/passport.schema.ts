import { z } from 'zod';
import { isBefore } from './calendar-date.ts';
import { calendarDateField } from './calendar-date-field.ts';
import { idField, optionalText, requiredText, textList, wholeNumberField } from './schema-fields.ts';

/**
 * A pupil passport (one-page profile): what class teachers need to know, in the pupil's words where
 * possible. Each save makes a new version with the date it was reviewed and when it is next due.
 */
export const passportSchema = z
  .object({
    id: idField('Passport id'),
    pupilId: idField('Pupil id'),
    version: wholeNumberField('Passport version', { min: 1 }),
    aboutMe: requiredText('About me', 2000, { multiline: true }),
    strengths: textList('Strengths'),
    whatIFindHard: textList('What I find hard'),
    whatHelpsMe: textList('What helps me'),
    communication: optionalText('Communication', 2000, { multiline: true }),
    accessArrangements: textList('Access arrangements'),
    reviewedOn: calendarDateField('Reviewed date'),
    reviewDueOn: calendarDateField('Review due date'),
    updatedBy: optionalText('Updated by', 200),
  })
  .superRefine((passport, ctx) => {
    if (!isBefore(passport.reviewedOn, passport.reviewDueOn)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reviewDueOn'],
        message: 'Review due date must be after the reviewed date',
      });
    }
  });

export type Passport = z.output<typeof passportSchema>;
export type PassportInput = z.input<typeof passportSchema>;

/** The parts of a passport a person edits; id, version and dates are set by nextPassportVersion. */
export type PassportContent = Pick<
  Passport,
  'aboutMe' | 'strengths' | 'whatIFindHard' | 'whatHelpsMe' | 'communication' | 'accessArrangements'
>;

/** A class teacher or TA confirming they have read a pupil's passport. */
export type PassportAcknowledgement = {
  pupilId: string;
  passportVersion: number;
  userId: string;
  name: string;
  at: string;
};
