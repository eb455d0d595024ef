import { z } from 'zod';
import { isBefore } from './calendar-date.ts';
import { calendarDateField } from './calendar-date-field.ts';
import { PROFESSIONS } from './professional.schema.ts';
import { idField, optionalText, requiredText } from './schema-fields.ts';

/**
 * A referral the school made about a pupil to a service outside it (educational psychology, speech and
 * language therapy, CAMHS, early help…): when it was sent, what was asked, when a response is due, and the
 * reports received since. SEND Code of Practice 2015, paras 6.58–6.62 (involving specialists).
 */

export const referralReportSchema = z.object({
  receivedOn: calendarDateField('Date the report was received'),
  title: requiredText('Report title', 200),
  summary: optionalText('Report summary', 2000, { multiline: true }),
});

export const referralSchema = z
  .object({
    id: idField('Referral id'),
    pupilId: idField('Pupil id'),
    /** The service referred to. */
    service: z.enum(PROFESSIONS, { error: 'Service is not recognised' }),
    /** The professional it went to, when known (one of the professionals involved). */
    professionalId: idField('Professional id').optional(),
    sentOn: calendarDateField('Date sent'),
    question: requiredText('What was asked', 2000, { multiline: true }),
    responseDueOn: calendarDateField('Response due date'),
    reports: z.array(referralReportSchema, { error: 'Reports must be a list' }).max(50).default([]),
    /** Closed without (or after) a report: withdrawn, declined by the service, or dealt with. */
    closedOn: calendarDateField('Date closed').optional(),
  })
  .superRefine((referral, ctx) => {
    if (isBefore(referral.responseDueOn, referral.sentOn)) {
      ctx.addIssue({
        code: 'custom',
        path: ['responseDueOn'],
        message: 'Response due date cannot be before the date sent',
      });
    }
    referral.reports.forEach((report, index) => {
      if (isBefore(report.receivedOn, referral.sentOn)) {
        ctx.addIssue({
          code: 'custom',
          path: ['reports', index, 'receivedOn'],
          message: 'A report cannot be received before the referral was sent',
        });
      }
    });
    if (referral.closedOn && isBefore(referral.closedOn, referral.sentOn)) {
      ctx.addIssue({
        code: 'custom',
        path: ['closedOn'],
        message: 'Date closed cannot be before the date sent',
      });
    }
  });

export type ReferralReport = z.output<typeof referralReportSchema>;
export type Referral = z.output<typeof referralSchema>;
export type ReferralInput = z.input<typeof referralSchema>;
