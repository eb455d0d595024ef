import { z } from 'zod';
import { isBefore } from './calendar-date.ts';
import { calendarDateField } from './calendar-date-field.ts';
import { idField, optionalText, requiredText, textList } from './schema-fields.ts';

/**
 * SEN support plan: the graduated approach as assess-plan-do-review cycles (CoP 6.44-6.56). The data holds
 * keys and the school's words only; every heading and label a plan is shown or printed with is in
 * sen-support-plan-wording.ts, so a revised Code of Practice changes that module, not stored plans.
 */

/** Layers of support proposed for the Individual Support Plan (Schools White Paper, February 2026). */
export const SUPPORT_LAYERS = ['universal', 'targeted', 'targeted-plus', 'specialist'] as const;
export type SupportLayer = (typeof SUPPORT_LAYERS)[number];
export const supportLayerField = z.enum(SUPPORT_LAYERS, {
  error: 'Layer of support must be universal, targeted, targeted plus or specialist',
});

export const OUTCOME_PROGRESS = ['not-yet', 'partly', 'achieved'] as const;
export type OutcomeProgress = (typeof OUTCOME_PROGRESS)[number];

export const outcomeSchema = z.object({
  description: requiredText('Outcome', 1000, { multiline: true }),
  measure: optionalText('How progress is measured', 500),
  /** Do: the provision put in place for this outcome (CoP 6.48). */
  provision: textList('Provision for this outcome', 20, 500).optional(),
  /** Review: how far the outcome was met, and what shows it (CoP 6.54). */
  achieved: z
    .enum(OUTCOME_PROGRESS, {
      error: 'Progress must be not yet, partly or achieved',
    })
    .optional(),
  progressNotes: optionalText('Progress towards this outcome', 2000, { multiline: true }),
});

export const plannedProvisionSchema = z.object({
  description: requiredText('Provision', 1000, { multiline: true }),
  interventionId: idField('Intervention id').optional(),
});

export const parentMeetingSchema = z.object({
  on: calendarDateField('Parent meeting date'),
  attendees: textList('Attendees').default([]),
  notes: optionalText('Parent meeting notes', 5000, { multiline: true }),
  /** What was agreed with the parents at the meeting. */
  agreed: optionalText('What was agreed', 5000, { multiline: true }),
});

export const apdrCycleSchema = z
  .object({
    id: idField('Cycle id'),
    startedOn: calendarDateField('Cycle start date'),
    /** Assess. */
    assessment: requiredText('Assessment', 5000, { multiline: true }),
    /** The pupil's views and the parents' views, sought at the Plan stage (CoP 6.46-6.48, 6.64). */
    pupilViews: optionalText('The pupil’s views', 5000, { multiline: true }),
    parentViews: optionalText('The parents’ views', 5000, { multiline: true }),
    /** Plan: outcomes agreed with parents. */
    outcomes: z
      .array(outcomeSchema, { error: 'Outcomes must be a list' })
      .min(1, { error: 'Add at least one outcome' }),
    /** Do. */
    provision: z.array(plannedProvisionSchema, { error: 'Provision must be a list' }),
    /** Plan: "a clear date for review" (CoP 6.48). */
    reviewOn: calendarDateField('Review date'),
    /** Review. */
    reviewedOn: calendarDateField('Reviewed date').optional(),
    reviewNotes: optionalText('Review notes', 5000, { multiline: true }),
    parentMeetings: z.array(parentMeetingSchema, { error: 'Parent meetings must be a list' }).default([]),
  })
  .superRefine((cycle, ctx) => {
    if (!isBefore(cycle.startedOn, cycle.reviewOn)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reviewOn'],
        message: 'Review date must be after the cycle starts',
      });
    }
  });

export const senSupportPlanSchema = z.object({
  id: idField('SEN support plan id'),
  pupilId: idField('Pupil id'),
  /** Absent on plans written before the layer was recorded. */
  layer: supportLayerField.optional(),
  cycles: z
    .array(apdrCycleSchema, { error: 'Cycles must be a list' })
    .min(1, { error: 'Add at least one cycle' }),
});

export type Outcome = z.output<typeof outcomeSchema>;
export type ParentMeeting = z.output<typeof parentMeetingSchema>;
export type ApdrCycle = z.output<typeof apdrCycleSchema>;
export type SenSupportPlan = z.output<typeof senSupportPlanSchema>;
export type SenSupportPlanInput = z.input<typeof senSupportPlanSchema>;
