import { z } from 'zod';
import { expectedETagField } from './version-tag.ts';
import { isBefore } from '../domain/calendar-date.ts';
import { calendarDateField } from '../domain/calendar-date-field.ts';
import { BROAD_AREAS_OF_NEED } from '../domain/needs.ts';
import type { FullIntervention } from '../domain/provision-views.ts';
import {
  amountField,
  booleanField,
  idField,
  requiredText,
  wholeNumberField,
} from '../domain/schema-fields.ts';

/**
 * Editing the provision map: the bodies the tab's forms send and the server checks, with one schema each,
 * and what the server answers. Built from the domain's intervention schema's fields, so the words of an
 * error are the same in the form and in a 400.
 *
 * POST /api/interventions                                   interventionCreateBody → InterventionAnswer (201)
 * PUT  /api/interventions/{id}                              interventionUpdateBody → InterventionAnswer
 * POST /api/interventions/{id}/pupils                       interventionPupilAddBody → InterventionAnswer (201)
 * POST /api/interventions/{id}/pupils/{pupilId}/leave       interventionPupilLeaveBody → InterventionAnswer
 */

export const MAX_PUPILS_PER_INTERVENTION = 40;

const staffMemberBody = z.strictObject({
  name: requiredText('Staff name'),
  role: requiredText('Staff role', 100),
  /**
   * The member of staff's Entra id when they have an account: a TA named this way delivers the intervention
   * in SENCO Hub (records its sessions, sees its pupils' passports while it runs).
   */
  userId: idField('Staff user id').optional(),
});

const positiveNumber = (label: string, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .positive({ error: `${label} must be more than 0` })
    .max(max, { error: `${label} must be at most ${max}` });

/** Everything about an intervention but its pupils. */
const interventionDetailsShape = {
  name: requiredText('Intervention name'),
  areaOfNeed: z.enum(BROAD_AREAS_OF_NEED, { error: 'Area of need is not recognised' }),
  staff: z
    .array(staffMemberBody, { error: 'Staff must be a list' })
    .min(1, { error: 'Staff: name at least one person who delivers it' })
    .max(10, { error: 'Staff can have at most 10 people' }),
  delivery: z.enum(['group', 'individual'], { error: 'Delivery must be group or individual' }),
  sessionsPerWeek: positiveNumber('Sessions per week', 20),
  minutesPerSession: wholeNumberField('Minutes per session', { min: 1, max: 600 }),
  /** Cost of an hour of the staff's time, in pounds; or */
  costPerHour: amountField('Cost per hour').optional(),
  /** cost of one session, in pounds (a bought-in service). One of the two. */
  costPerSession: amountField('Cost per session').optional(),
  resourceCost: amountField('Resource cost').optional(),
  startOn: calendarDateField('Start date'),
  endOn: calendarDateField('End date').optional(),
  /** Weeks actually delivered (term time), when not the weeks from start to end. */
  deliveryWeeks: positiveNumber('Delivery weeks', 60).optional(),
  measure: z
    .strictObject({
      name: requiredText('Measure name', 100),
      higherIsBetter: booleanField('Higher is better'),
    })
    .optional(),
};

type DetailsCheck = {
  startOn: string;
  endOn?: string | undefined;
  costPerHour?: number | undefined;
  costPerSession?: number | undefined;
  staff: { userId?: string | undefined }[];
};

function checkDetails(details: DetailsCheck, ctx: z.RefinementCtx): void {
  if (details.endOn && isBefore(details.endOn as never, details.startOn as never)) {
    ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'End date cannot be before the start date' });
  }
  if ((details.costPerHour === undefined) === (details.costPerSession === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['costPerHour'],
      message: 'Cost: give either a cost per hour of staff time or a cost per session',
    });
  }
  const seen = new Set<string>();
  details.staff.forEach((member, index) => {
    if (member.userId === undefined) return;
    if (seen.has(member.userId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['staff', index, 'userId'],
        message: 'This member of staff is named twice',
      });
    }
    seen.add(member.userId);
  });
}

const newPupilBody = z.strictObject({
  pupilId: idField('Pupil id'),
  entryMeasure: z
    .number({ error: 'Entry measure must be a number' })
    .refine(Number.isFinite, { message: 'Entry measure must be a finite number' })
    .optional(),
});

export const interventionCreateBody = z
  .strictObject({
    /**
     * Made by the tab when the form opens, so a create sent again (a retry after a lost answer) is stored
     * once: the same id finishes and answers the intervention already stored.
     */
    id: z
      .string({ error: 'Intervention id must be text' })
      .regex(/^[A-Za-z0-9-]{8,64}$/, { error: 'Intervention id must be 8 to 64 letters, digits or hyphens' })
      .optional(),
    ...interventionDetailsShape,
    pupils: z
      .array(newPupilBody, { error: 'Pupils must be a list' })
      .max(MAX_PUPILS_PER_INTERVENTION, {
        error: `Pupils: at most ${MAX_PUPILS_PER_INTERVENTION} in one intervention`,
      })
      .default([]),
  })
  .superRefine((body, ctx) => {
    checkDetails(body, ctx);
    const seen = new Set<string>();
    body.pupils.forEach((p, index) => {
      if (seen.has(p.pupilId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['pupils', index, 'pupilId'],
          message: 'This pupil is named twice',
        });
      }
      seen.add(p.pupilId);
    });
  });

export const interventionUpdateBody = z
  .strictObject({
    ...interventionDetailsShape,
    expectedETag: expectedETagField,
  })
  .superRefine(checkDetails);

export const interventionPupilAddBody = z.strictObject({
  ...newPupilBody.shape,
  joinedOn: calendarDateField('Joined date').optional(),
});

export const interventionPupilLeaveBody = z.strictObject({
  leftOn: calendarDateField('Left date').optional(),
  expectedETag: expectedETagField,
});

export type InterventionCreateBody = z.input<typeof interventionCreateBody>;
export type InterventionUpdateBody = z.input<typeof interventionUpdateBody>;
export type InterventionPupilAddBody = z.input<typeof interventionPupilAddBody>;
export type InterventionPupilLeaveBody = z.input<typeof interventionPupilLeaveBody>;

/** The intervention as now stored, as the SEND team sees it on the provision map. */
export type InterventionAnswer = { intervention: FullIntervention };
