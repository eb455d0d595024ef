import { z } from 'zod';
import { calendarDateField, isBefore } from './calendar-date.ts';
import { idField, optionalText, requiredText, textList } from './schema-fields.ts';

/** SEN support plan: the graduated approach as assess-plan-do-review cycles (CoP 6.44-6.56). */

export const outcomeSchema = z.object({
  description: requiredText('Outcome', 1000, { multiline: true }),
  measure: optionalText('How progress is measured', 500),
  achieved: z
    .enum(['not-yet', 'partly', 'achieved'], {
      error: 'Outcome progress must be not-yet, partly or achieved',
    })
    .optional(),
});

export const plannedProvisionSchema = z.object({
  description: requiredText('Provision', 1000, { multiline: true }),
  interventionId: idField('Intervention id').optional(),
});

export const parentMeetingSchema = z.object({
  on: calendarDateField('Parent meeting date'),
  attendees: textList('Attendees').default([]),
  notes: optionalText('Parent meeting notes', 5000, { multiline: true }),
});

export const apdrCycleSchema = z
  .object({
    id: idField('Cycle id'),
    startedOn: calendarDateField('Cycle start date'),
    /** Assess. */
    assessment: requiredText('Assessment', 5000, { multiline: true }),
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
  cycles: z
    .array(apdrCycleSchema, { error: 'Cycles must be a list' })
    .min(1, { error: 'Add at least one cycle' }),
});

export type Outcome = z.output<typeof outcomeSchema>;
export type ParentMeeting = z.output<typeof parentMeetingSchema>;
export type ApdrCycle = z.output<typeof apdrCycleSchema>;
export type SenSupportPlan = z.output<typeof senSupportPlanSchema>;
export type SenSupportPlanInput = z.input<typeof senSupportPlanSchema>;
