import { z } from 'zod';
import { calendarDateField } from './calendar-date-field.ts';
import { BROAD_AREAS_OF_NEED, type BroadAreaOfNeed } from './needs.ts';
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

/** The four broad areas of need a plan's sections are written under (SEND Code of Practice 2015, 6.28). */
export const PLAN_AREAS_OF_NEED = BROAD_AREAS_OF_NEED.filter(
  (area): area is Exclude<BroadAreaOfNeed, 'uncategorised'> => area !== 'uncategorised',
);
const areaOfNeedField = z.enum(PLAN_AREAS_OF_NEED, {
  error: `Area of need must be one of ${PLAN_AREAS_OF_NEED.join(', ')}`,
});

/** Section E of the plan: an outcome sought, under the broad area of need it belongs to (CoP 9.69). */
export const ehcOutcomeSchema = z.object({
  area: areaOfNeedField,
  outcome: requiredText('Outcome', 1000, { multiline: true }),
});
export type EhcOutcome = z.output<typeof ehcOutcomeSchema>;

/** Section F of the plan: special educational provision, under the area of need it meets (CoP 9.69). */
export const ehcProvisionSchema = z.object({
  area: areaOfNeedField,
  provision: requiredText('Provision', 1500, { multiline: true }),
});
export type EhcProvision = z.output<typeof ehcProvisionSchema>;

/** Where the plan came from, when the school records it. */
export const EHC_PLAN_ORIGINS = ['needs-assessment', 'existing-plan', 'transfer-from-another-la'] as const;
export type EhcPlanOrigin = (typeof EHC_PLAN_ORIGINS)[number];

/** What a recorded change did to the plan; each is dated and kept (the plan's own history). */
export const EHC_PLAN_CHANGE_KINDS = [
  'recorded',
  'amended',
  're-issued',
  'cease-decision',
  'cease-decision-withdrawn',
  'ceased',
] as const;
export type EhcPlanChangeKind = (typeof EHC_PLAN_CHANGE_KINDS)[number];

export const ehcPlanChangeSchema = z.object({
  kind: z.enum(EHC_PLAN_CHANGE_KINDS, { error: 'Plan change kind is not recognised' }),
  /** The day the change took effect (the amended plan's date, the decision letter's date…). */
  on: calendarDateField('Change date'),
  /** When it was recorded in SENCO Hub, and by whom. */
  recordedAt: z.iso.datetime({ error: 'Recorded at must be a date and time' }),
  recordedBy: requiredText('Recorded by'),
  summary: optionalText('What changed', 500, { multiline: true }),
});
export type EhcPlanChange = z.output<typeof ehcPlanChangeSchema>;

/** Why the LA may stop maintaining a plan: CFA 2014 s 45(1)(a) and (b). */
export const CEASE_REASONS = ['no-longer-responsible', 'no-longer-necessary'] as const;
export type CeaseReason = (typeof CEASE_REASONS)[number];

export const CEASE_REASON_LABELS: Record<CeaseReason, string> = {
  'no-longer-responsible': 'the LA is no longer responsible for the pupil (s 45(1)(a))',
  'no-longer-necessary': 'the plan is no longer necessary (s 45(1)(b))',
};

/** The LA's decision to cease to maintain the plan (SEND Regulations 2014, reg 31), and any appeal against it. */
export const ceaseDecisionSchema = z.object({
  /** The date of the LA's notice of its decision: the appeal period runs from here. */
  notifiedOn: calendarDateField('Cease decision date'),
  reason: z.enum(CEASE_REASONS, { error: 'Reason must be no-longer-responsible or no-longer-necessary' }),
  mediationCertificateOn: calendarDateField('Mediation certificate date').optional(),
  appealLodgedOn: calendarDateField('Appeal lodged date').optional(),
  /** The day the Tribunal decided the appeal (upholding the LA; an appeal allowed withdraws the decision). */
  appealDeterminedOn: calendarDateField('Appeal decided date').optional(),
});
export type CeaseDecision = z.output<typeof ceaseDecisionSchema>;

export const ehcPlanSchema = z.object({
  id: idField('EHC plan id'),
  pupilId: idField('Pupil id'),
  localAuthority: requiredText('Local authority', 100),
  /**
   * Date the final plan was issued (re-issued after a re-assessment: the new plan's date; earlier dates are in
   * `changes`): the first 12-month review period starts here.
   */
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
  origin: z.enum(EHC_PLAN_ORIGINS, { error: 'Where the plan came from is not recognised' }).optional(),
  /** Section E. */
  outcomes: z
    .array(ehcOutcomeSchema, { error: 'Outcomes must be a list' })
    .max(30, { error: 'A plan can have at most 30 outcomes' })
    .default([]),
  /** Section F. */
  provision: z
    .array(ehcProvisionSchema, { error: 'Provision must be a list' })
    .max(30, { error: 'A plan can have at most 30 provision entries' })
    .default([]),
  /** Section I: the school or other institution named. */
  placement: optionalText('Placement', 200),
  ceaseDecision: ceaseDecisionSchema.optional(),
  /** Every change recorded through SENCO Hub, oldest first. */
  changes: z.array(ehcPlanChangeSchema, { error: 'Plan changes must be a list' }).default([]),
});

export type EhcPlan = z.output<typeof ehcPlanSchema>;
export type EhcPlanInput = z.input<typeof ehcPlanSchema>;
