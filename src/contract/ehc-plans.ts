import { z } from 'zod';
import { type CalendarDate } from '../domain/calendar-date.ts';
import { calendarDateField } from '../domain/calendar-date-field.ts';
import type { EhcPlanTimeline } from '../domain/ehc-plan-timeline.ts';
import {
  CEASE_REASONS,
  EHC_PLAN_ORIGINS,
  ehcOutcomeSchema,
  ehcProvisionSchema,
  type CeaseDecision,
  type EhcPlan,
} from '../domain/ehc-plan.schema.ts';
import {
  adviceRequestSchema,
  INVITEE_ROLES,
  LA_DECISIONS,
  laDecisionSchema,
  type Review,
} from '../domain/review.schema.ts';
import { emailField, idField, optionalText, requiredText } from '../domain/schema-fields.ts';

/**
 * A pupil's EHC plan between the tab and the server: what the SENCO sends to record, amend, re-issue or cease
 * a plan and to keep a review's trail, and what the server answers. Every body may also carry `expectedETag`
 * (or send it as If-Match): the version the change was made from.
 */

const expectedETag = z.string({ error: 'Expected eTag must be text' }).optional();

/** Sections E, F and I, the LA and its plan co-ordinator: what recording, amending and re-issuing write. */
export const ehcPlanDetailsFields = {
  localAuthority: requiredText('Local authority', 100),
  coordinator: z.strictObject(
    {
      name: requiredText('Plan co-ordinator name'),
      email: emailField('Plan co-ordinator email').optional(),
    },
    { error: 'Plan co-ordinator must have a name' },
  ),
  outcomes: z
    .array(ehcOutcomeSchema, { error: 'Outcomes must be a list' })
    .max(30, { error: 'A plan can have at most 30 outcomes' }),
  provision: z
    .array(ehcProvisionSchema, { error: 'Provision must be a list' })
    .max(30, { error: 'A plan can have at most 30 provision entries' }),
  placement: optionalText('Placement', 200),
};

/** POST /api/pupils/{id}/ehc-plan: a plan the LA has issued (or a new one after the last plan ended). */
export const recordEhcPlanBody = z.strictObject({
  ...ehcPlanDetailsFields,
  issuedOn: calendarDateField('Issue date'),
  origin: z.enum(EHC_PLAN_ORIGINS, {
    error:
      'Where the plan came from must be a needs assessment, an existing plan or a transfer from another LA',
  }),
  lastAssessedOn: calendarDateField('Assessment date').optional(),
  expectedETag,
});
export type RecordEhcPlanBody = z.input<typeof recordEhcPlanBody>;

export const PLAN_CHANGES = ['amended', 're-issued'] as const;

/** PUT /api/pupils/{id}/ehc-plan: the LA's amendments, or a new plan after a re-assessment. */
export const changeEhcPlanBody = z.strictObject({
  ...ehcPlanDetailsFields,
  change: z.enum(PLAN_CHANGES, { error: 'Change must be amended or re-issued' }),
  /** The date on the amended or re-issued plan. */
  on: calendarDateField('Date of the change'),
  summary: optionalText('What changed', 500, { multiline: true }),
  expectedETag,
});
export type ChangeEhcPlanBody = z.input<typeof changeEhcPlanBody>;

/** PUT /api/pupils/{id}/ehc-plan/cease-decision: the LA's decision to cease, and any appeal against it. */
export const ceaseDecisionBody = z.strictObject({
  notifiedOn: calendarDateField('Cease decision date'),
  reason: z.enum(CEASE_REASONS, {
    error: 'Reason must be that the LA is no longer responsible or the plan is no longer necessary',
  }),
  mediationCertificateOn: calendarDateField('Mediation certificate date').optional(),
  appealLodgedOn: calendarDateField('Appeal lodged date').optional(),
  appealDeterminedOn: calendarDateField('Appeal decided date').optional(),
  expectedETag,
});
export type CeaseDecisionBody = z.input<typeof ceaseDecisionBody>;

/** POST /api/pupils/{id}/ehc-plan/cease-decision/withdrawal: the LA withdrew it, or the appeal was allowed. */
export const withdrawCeaseDecisionBody = z.strictObject({
  withdrawnOn: calendarDateField('Withdrawal date'),
  summary: optionalText('Why', 500, { multiline: true }),
  expectedETag,
});

/** POST /api/pupils/{id}/ehc-plan/cessation: the day the plan ended. */
export const ceaseEhcPlanBody = z.strictObject({
  ceasedOn: calendarDateField('End date'),
  expectedETag,
});

/**
 * A review's trail as the SENCO keeps it: the whole trail each time (a step left out is cleared). The
 * booking's invitees and meeting stay as they are; the review's own rules (review.schema.ts) are checked on
 * the trail merged into the stored review.
 */
export const reviewTrailFields = {
  heldOn: calendarDateField('Date held').optional(),
  adviceRequests: z
    .array(adviceRequestSchema, { error: 'Advice requests must be a list' })
    .max(30, { error: 'A review can have at most 30 advice requests' })
    .default([]),
  adviceCirculatedOn: calendarDateField('Advice circulation date').optional(),
  recommendation: z
    .enum(LA_DECISIONS, { error: 'Recommendation must be maintain, amend or cease' })
    .optional(),
  amendmentsRecommended: optionalText('Amendments recommended', 5000, { multiline: true }),
  reportSentOn: calendarDateField('Report sent date').optional(),
  laDecision: laDecisionSchema.optional(),
  finalAmendedPlanIssuedOn: calendarDateField('Final amended plan date').optional(),
  notes: optionalText('Review notes', 10_000, { multiline: true }),
};

/** PUT /api/pupils/{id}/ehc-plan/reviews/{reviewId}. */
export const reviewTrailBody = z.strictObject({ ...reviewTrailFields, expectedETag });
export type ReviewTrailBody = z.input<typeof reviewTrailBody>;

export const RECORDED_REVIEW_KINDS = ['annual', 'interim', 'phase-transfer'] as const;

/** POST /api/pupils/{id}/ehc-plan/reviews: a review held without a booking in SENCO Hub, recorded after. */
export const recordReviewBody = z.strictObject({
  /**
   * The review record's id, chosen by the tab when the form opens: a request sent again (a retry, a second
   * click) finds the review it made and records no second one.
   */
  id: idField('Review id').optional(),
  kind: z.enum(RECORDED_REVIEW_KINDS, { error: 'Review kind must be annual, interim or phase-transfer' }),
  meetingOn: calendarDateField('Meeting date'),
  /** Who came to the meeting (stored as invitees who attended). */
  attendees: z
    .array(
      z.strictObject({
        name: requiredText('Attendee name'),
        role: z.enum(INVITEE_ROLES, { error: 'Attendee role is not recognised' }),
      }),
      { error: 'Attendees must be a list' },
    )
    .max(30, { error: 'A review can have at most 30 attendees' })
    .default([]),
  ...reviewTrailFields,
});
export type RecordReviewBody = z.input<typeof recordReviewBody>;

/** The plan's cease decision with what it means today. */
export type CeaseView = {
  decision: CeaseDecision;
  /** Last day to appeal (appeal-window.ts). */
  lastDayToAppeal: CalendarDate;
  /** Undefined while an appeal waits for the Tribunal. */
  mayCeaseFrom: CalendarDate | null;
};

/** GET /api/pupils/{id}/ehc-plan, and the answer to every change of the plan. */
export type EhcPlanAnswer =
  | { pupilId: string; today: CalendarDate; plan: null; timeline: null }
  | {
      pupilId: string;
      today: CalendarDate;
      plan: EhcPlan;
      eTag: string;
      modifiedAt: string;
      modifiedBy: string | null;
      timeline: EhcPlanTimeline;
      /** The version of each review record, by review id: what an update of its trail quotes. */
      reviewETags: Record<string, string>;
      cease: CeaseView | null;
    };

/** The answer to a change of a review record. */
export type ReviewAnswer = {
  pupilId: string;
  review: Review;
  eTag: string;
  modifiedAt: string;
  modifiedBy: string | null;
};
