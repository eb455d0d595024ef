import { z } from 'zod';
import { calendarDateField } from './calendar-date.ts';
import { emailField, idField, optionalText, requiredText } from './schema-fields.ts';
import { reviewSchema } from './review.schema.ts';

/** Reasons the LA may lawfully miss an assessment time limit: SEND Regulations 2014, reg 10(4)(a)-(d). */
export const TIME_LIMIT_EXCEPTIONS = [
  'school-closure',
  'early-years-closure',
  'exceptional-personal-circumstances',
  'absent-from-area',
] as const;
export type TimeLimitException = (typeof TIME_LIMIT_EXCEPTIONS)[number];

export const TIME_LIMIT_EXCEPTION_LABELS: Record<TimeLimitException, string> = {
  'school-closure': 'advice was asked of a school during a closure of 4 weeks or more (reg 10(4)(a))',
  'early-years-closure':
    'advice was asked of an early years provider during a closure of 4 weeks or more (reg 10(4)(b))',
  'exceptional-personal-circumstances':
    'exceptional personal circumstances affected the child or family (reg 10(4)(c))',
  'absent-from-area': 'the child or family was away from the LA’s area for 4 weeks or more (reg 10(4)(d))',
};

export const timeLimitExceptionsField = z
  .array(z.enum(TIME_LIMIT_EXCEPTIONS, { error: 'Time-limit exception is not recognised' }), {
    error: 'Time-limit exceptions must be a list',
  })
  .default([]);

export const REQUESTERS = ['school', 'parent', 'young-person', 'health', 'other'] as const;
export type Requester = (typeof REQUESTERS)[number];

export const reassessmentRequestSchema = z.object({
  id: idField('Re-assessment id'),
  requestedBy: z.enum(REQUESTERS, {
    error: 'Requested by must be school, parent, young-person, health or other',
  }),
  /** The day the LA received the request: the 15-day clock starts here. */
  receivedByLaOn: calendarDateField('Re-assessment request date'),
  decision: z
    .enum(['reassess', 'refuse'], { error: 'Re-assessment decision must be reassess or refuse' })
    .optional(),
  decisionNotifiedOn: calendarDateField('Re-assessment decision date').optional(),
  finalPlanIssuedOn: calendarDateField('Re-assessment final plan date').optional(),
  mediationCertificateOn: calendarDateField('Mediation certificate date').optional(),
  exceptions: timeLimitExceptionsField,
});
export type ReassessmentRequest = z.output<typeof reassessmentRequestSchema>;

export const ehcPlanSchema = z.object({
  id: idField('EHC plan id'),
  pupilId: idField('Pupil id'),
  localAuthority: requiredText('Local authority', 100),
  /** Date the final plan was issued: the first 12-month review period starts here. */
  issuedOn: calendarDateField('Plan issue date'),
  /** Date of the last EHC needs assessment or re-assessment (for the 6-month refusal rule). */
  lastAssessedOn: calendarDateField('Last assessment date').optional(),
  coordinator: z.object({
    name: requiredText('EHC co-ordinator name'),
    email: emailField('EHC co-ordinator email').optional(),
  }),
  reviews: z.array(reviewSchema, { error: 'Reviews must be a list' }).default([]),
  reassessments: z.array(reassessmentRequestSchema, { error: 'Re-assessments must be a list' }).default([]),
  /** A move between post-16 institutions at another time of year (reg 18(2)). */
  plannedPost16Transfer: z
    .object({
      transferOn: calendarDateField('Post-16 transfer date'),
      institution: optionalText('Next institution', 200),
    })
    .optional(),
  ceasedOn: calendarDateField('Plan ceased date').optional(),
});

export type EhcPlan = z.output<typeof ehcPlanSchema>;
export type EhcPlanInput = z.input<typeof ehcPlanSchema>;
