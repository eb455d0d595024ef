import { z } from 'zod';
import { calendarDateField } from './calendar-date-field.ts';
import { REQUESTERS, timeLimitExceptionsField } from './ehc-plan.schema.ts';
import { idField } from './schema-fields.ts';

/**
 * An EHC needs assessment request and what the school has recorded of its progress. The LA owns the
 * clock; the school tracks it (and its own advice and consultation deadlines).
 */
export const ehcNeedsAssessmentSchema = z.object({
  id: idField('Assessment request id'),
  pupilId: idField('Pupil id'),
  requestedBy: z.enum(REQUESTERS, {
    error: 'Requested by must be school, parent, young-person, health or other',
  }),
  /** The day the request was sent (for the record; the clock starts when the LA receives it). */
  requestedOn: calendarDateField('Date the request was sent').optional(),
  /** The day the LA received the request: every 6/16/20-week limit counts from here. */
  receivedByLaOn: calendarDateField('Date the LA received the request'),
  decisionToAssess: z
    .object({
      decision: z.enum(['assess', 'not-assess'], { error: 'Decision must be assess or not-assess' }),
      notifiedOn: calendarDateField('Decision date'),
    })
    .optional(),
  /** The LA's request for the school's educational advice, and when the school sent it. */
  schoolAdvice: z
    .object({
      requestedOn: calendarDateField('Advice request date'),
      sentOn: calendarDateField('Advice sent date').optional(),
    })
    .optional(),
  notToIssueNotifiedOn: calendarDateField('Decision not to issue date').optional(),
  draftPlanServedOn: calendarDateField('Draft plan date').optional(),
  /** The LA's consultation with this school about naming it (CFA s 40). */
  consultation: z
    .object({
      receivedOn: calendarDateField('Consultation received date'),
      respondedOn: calendarDateField('Consultation response date').optional(),
    })
    .optional(),
  finalPlanIssuedOn: calendarDateField('Final plan date').optional(),
  mediationCertificateOn: calendarDateField('Mediation certificate date').optional(),
  exceptions: timeLimitExceptionsField,
});

export type EhcNeedsAssessment = z.output<typeof ehcNeedsAssessmentSchema>;
export type EhcNeedsAssessmentInput = z.input<typeof ehcNeedsAssessmentSchema>;
