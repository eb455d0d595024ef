import { z } from 'zod';
import { isBefore } from './calendar-date.ts';
import { calendarDateField } from './calendar-date-field.ts';
import { BROAD_AREAS_OF_NEED } from './needs.ts';
import { amountField, booleanField, idField, requiredText, wholeNumberField } from './schema-fields.ts';

/** An intervention on the provision map: who delivers it, how often, what it costs, and its pupils. */

export const interventionPupilSchema = z.object({
  pupilId: idField('Pupil id'),
  joinedOn: calendarDateField('Joined date').optional(),
  leftOn: calendarDateField('Left date').optional(),
  entryMeasure: z.number({ error: 'Entry measure must be a number' }).optional(),
  exitMeasure: z.number({ error: 'Exit measure must be a number' }).optional(),
  sessionsAttended: wholeNumberField('Sessions attended', { min: 0 }).optional(),
  sessionsOffered: wholeNumberField('Sessions offered', { min: 0 }).optional(),
});

export const interventionSchema = z
  .object({
    id: idField('Intervention id'),
    name: requiredText('Intervention name'),
    areaOfNeed: z.enum(BROAD_AREAS_OF_NEED, { error: 'Area of need is not recognised' }),
    staff: z.array(
      z.object({
        name: requiredText('Staff name'),
        role: requiredText('Staff role', 100),
        /** Entra object id, when the member of staff is a user in the school's tenant (who delivers it). */
        userId: idField('Staff user id').optional(),
      }),
      { error: 'Staff must be a list' },
    ),
    /** Group: one set of sessions shared by all pupils. Individual: each pupil has their own sessions. */
    delivery: z.enum(['group', 'individual'], { error: 'Delivery must be group or individual' }),
    sessionsPerWeek: z
      .number({ error: 'Sessions per week must be a number' })
      .positive({ error: 'Sessions per week must be more than 0' }),
    minutesPerSession: wholeNumberField('Minutes per session', { min: 1, max: 600 }),
    /** Cost of the staff time for one hour of delivery, in pounds. */
    costPerHour: amountField('Cost per hour'),
    /**
     * Cost of one session, in pounds, when the school costs it by the session (a bought-in service); when
     * set, it is the cost of delivery and the hourly cost is not used.
     */
    costPerSession: amountField('Cost per session').optional(),
    /** One-off resource costs, in pounds. */
    resourceCost: amountField('Resource cost').default(0),
    startOn: calendarDateField('Start date'),
    endOn: calendarDateField('End date').optional(),
    /** Weeks actually delivered (term time). Default: the weeks from start to end. */
    deliveryWeeks: z
      .number({ error: 'Delivery weeks must be a number' })
      .positive({ error: 'Delivery weeks must be more than 0' })
      .optional(),
    measure: z
      .object({ name: requiredText('Measure name', 100), higherIsBetter: booleanField('Higher is better') })
      .optional(),
    pupils: z.array(interventionPupilSchema, { error: 'Pupils must be a list' }).default([]),
  })
  .superRefine((intervention, ctx) => {
    if (intervention.endOn && isBefore(intervention.endOn, intervention.startOn)) {
      ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'End date cannot be before the start date' });
    }
  });

export type InterventionPupil = z.output<typeof interventionPupilSchema>;
export type Intervention = z.output<typeof interventionSchema>;
export type InterventionInput = z.input<typeof interventionSchema>;
