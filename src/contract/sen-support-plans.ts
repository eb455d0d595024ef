import { z } from 'zod';
import { expectedETagField } from './version-tag.ts';
import { type CalendarDate } from '../domain/calendar-date.ts';
import { calendarDateField } from '../domain/calendar-date-field.ts';
import { idField, optionalText, requiredText, textList } from '../domain/schema-fields.ts';
import {
  OUTCOME_PROGRESS,
  outcomeSchema,
  parentMeetingSchema,
  supportLayerField,
  type SenSupportPlan,
  type SupportLayer,
} from '../domain/sen-support-plan.schema.ts';
import type { ParentReviewCadence } from '../domain/sen-support-plan.ts';
import type { TimelineStep } from '../domain/timeline-step.ts';

/**
 * SEN support plans (assess-plan-do-review) between the tab and the server: GET, POST and PUT
 * /api/pupils/{id}/sen-support-plan, POST …/sen-support-plan/reviews and …/sen-support-plan/parent-meetings.
 * Every change but the first quotes the version it was made from (expectedETag or If-Match).
 */

const outcomeFields = outcomeSchema.shape;

export const planOutcomeBody = z.strictObject({
  description: outcomeFields.description,
  measure: outcomeFields.measure,
  provision: textList('Support for this outcome', 20, 500).optional(),
});

/** The Plan stage, as written with the pupil and the parents. */
export const planStageBody = z.strictObject({
  layer: supportLayerField,
  assessment: requiredText('What we know (assessment)', 5000, { multiline: true }),
  pupilViews: optionalText('The pupil’s views', 5000, { multiline: true }),
  parentViews: optionalText('The parents’ views', 5000, { multiline: true }),
  outcomes: z
    .array(planOutcomeBody, { error: 'Outcomes must be a list' })
    .min(1, { error: 'Add at least one outcome' })
    .max(12, { error: 'A plan can have at most 12 outcomes' }),
  reviewOn: calendarDateField('Review date'),
});
export type PlanStageBody = z.input<typeof planStageBody>;

export const createSenSupportPlanBody = planStageBody.extend({
  startedOn: calendarDateField('Plan start date'),
});
export type CreateSenSupportPlanBody = z.input<typeof createSenSupportPlanBody>;

export const updateSenSupportPlanBody = planStageBody.extend({
  cycleId: idField('Cycle'),
  expectedETag: expectedETagField,
});
export type UpdateSenSupportPlanBody = z.input<typeof updateSenSupportPlanBody>;

const meetingFields = parentMeetingSchema.shape;

/** A meeting held with the parents: who came and what was agreed. */
export const parentMeetingBody = z.strictObject({
  on: calendarDateField('Meeting date'),
  attendees: textList('Who attended', 20, 200).min(1, { error: 'Say who attended the meeting' }),
  agreed: requiredText('What was agreed', 5000, { multiline: true }),
  notes: meetingFields.notes,
  expectedETag: expectedETagField,
});
export type ParentMeetingBody = z.input<typeof parentMeetingBody>;

export const recordReviewBody = z.strictObject({
  cycleId: idField('Cycle'),
  reviewedOn: calendarDateField('Review date'),
  progress: z.array(
    z.strictObject({
      achieved: z.enum(OUTCOME_PROGRESS, { error: 'Choose the progress made towards each outcome' }),
      progressNotes: optionalText('Progress notes', 2000, { multiline: true }),
    }),
    { error: 'Progress must be a list' },
  ),
  reviewNotes: optionalText('Review notes', 5000, { multiline: true }),
  /** Held with the parents: recorded as a parent meeting on the review date. */
  parentMeeting: z
    .strictObject({
      attendees: textList('Who attended', 20, 200).min(1, { error: 'Say who attended the review' }),
      agreed: requiredText('What was agreed', 5000, { multiline: true }),
    })
    .optional(),
  /** When given, the next cycle starts on the review date with the outcomes not yet achieved. */
  nextReviewOn: calendarDateField('Next review date').optional(),
  expectedETag: expectedETagField,
});
export type RecordReviewBody = z.input<typeof recordReviewBody>;

/** The plan as the SENCO and the SEND team read it. */
export type FullSenSupportPlanAnswer = {
  access: 'full';
  pupilId: string;
  plan: SenSupportPlan | null;
  eTag: string | null;
  modifiedAt: string | null;
  modifiedBy: string | null;
  reviewStep: TimelineStep | null;
  parentReviewCadence: ParentReviewCadence | null;
  /** Academic years already over in which the plan was open, newest first: met or missed. */
  pastParentReviewYears: ParentReviewCadence[];
  /** The review date to propose for a cycle starting today (src/domain/sen-support-review-date.ts). */
  proposedReviewOn: CalendarDate;
};

/**
 * The plan as class teachers and assigned TAs read it: what they need in class, the outcomes sought and the
 * support for each (CoP 6.48: staff who work with the pupil should know them), without the assessment,
 * review notes or what was said in meetings with the parents.
 */
export type ClassSenSupportPlan = {
  layer: SupportLayer | null;
  startedOn: CalendarDate;
  reviewOn: CalendarDate;
  pupilViews: string | null;
  outcomes: { description: string; measure: string | null; provision: string[] }[];
};

/** `classPlan`, not `plan`: class staff never receive the whole plan under its name. */
export type ClassSenSupportPlanAnswer = {
  access: 'class';
  pupilId: string;
  classPlan: ClassSenSupportPlan | null;
};

export type SenSupportPlanAnswer = FullSenSupportPlanAnswer | ClassSenSupportPlanAnswer;
