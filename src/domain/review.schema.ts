import { z } from 'zod';
import { isBefore } from './calendar-date.ts';
import { calendarDateField } from './calendar-date-field.ts';
import { booleanField, emailField, idField, optionalText, requiredText } from './schema-fields.ts';

export const REVIEW_KINDS = ['annual', 'interim', 'phase-transfer', 'sen-support'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const INVITEE_ROLES = [
  'parent-or-young-person',
  'pupil',
  'head-teacher-or-provider',
  'la-sen-officer',
  'health-professional',
  'social-care-officer',
  'senco',
  'class-teacher',
  'designated-teacher',
  'virtual-school',
  'educational-psychologist',
  'other-professional',
  'other',
] as const;
export type InviteeRole = (typeof INVITEE_ROLES)[number];

/** Who must be invited to an EHC plan review meeting: SEND Regulations 2014, reg 20(2)(a)-(e). */
export const REQUIRED_REVIEW_INVITEES: readonly { role: InviteeRole; label: string; paragraph: string }[] = [
  { role: 'parent-or-young-person', label: 'the parent or young person', paragraph: 'reg 20(2)(a)' },
  {
    role: 'head-teacher-or-provider',
    label: 'the head teacher or early years provider',
    paragraph: 'reg 20(2)(b)',
  },
  { role: 'la-sen-officer', label: 'an LA SEN officer', paragraph: 'reg 20(2)(c)' },
  { role: 'health-professional', label: 'a health care professional', paragraph: 'reg 20(2)(d)' },
  { role: 'social-care-officer', label: 'an LA social care officer', paragraph: 'reg 20(2)(e)' },
];

export const LA_DECISIONS = ['maintain', 'amend', 'cease'] as const;
export type LaDecisionKind = (typeof LA_DECISIONS)[number];

const laDecisionEnum = (label: string) =>
  z.enum(LA_DECISIONS, { error: `${label} must be maintain, amend or cease` });

export const inviteeSchema = z.object({
  name: requiredText('Invitee name'),
  role: z.enum(INVITEE_ROLES, { error: 'Invitee role is not recognised' }),
  email: emailField('Invitee email').optional(),
  professionalId: idField('Professional id').optional(),
  invitedOn: calendarDateField('Invitation date').optional(),
  attended: booleanField('Attended').optional(),
});
export type Invitee = z.output<typeof inviteeSchema>;

export const adviceRequestSchema = z.object({
  from: requiredText('Advice from'),
  role: z.enum(INVITEE_ROLES, { error: 'Advice-giver role is not recognised' }),
  professionalId: idField('Professional id').optional(),
  requestedOn: calendarDateField('Advice request date'),
  receivedOn: calendarDateField('Advice received date').optional(),
});
export type AdviceRequest = z.output<typeof adviceRequestSchema>;

export const laDecisionSchema = z.object({
  decision: laDecisionEnum('LA decision'),
  /** When the LA notified the family and school (the reg 20(10) notice). */
  notifiedOn: calendarDateField('LA decision date'),
  /** Devon: the proposed amendments should come with the decision; recorded if they came separately. */
  proposedAmendmentsSentOn: calendarDateField('Proposed amendments date').optional(),
});
export type LaDecision = z.output<typeof laDecisionSchema>;

export const reviewSchema = z
  .object({
    id: idField('Review id'),
    kind: z.enum(REVIEW_KINDS, { error: `Review kind must be one of ${REVIEW_KINDS.join(', ')}` }),
    /** The booked meeting date. */
    meetingOn: calendarDateField('Meeting date').optional(),
    /** Recorded once the meeting has actually happened (normally the same as meetingOn). */
    heldOn: calendarDateField('Date held').optional(),
    invitees: z.array(inviteeSchema, { error: 'Invitees must be a list' }).default([]),
    adviceRequests: z.array(adviceRequestSchema, { error: 'Advice requests must be a list' }).default([]),
    adviceCirculatedOn: calendarDateField('Advice circulation date').optional(),
    preparingForAdulthoodOnAgenda: booleanField('Preparing for adulthood on the agenda').default(false),
    /** How the review lines up with the looked-after pupil's PEP (CoP 9.169). */
    pepAlignmentNote: optionalText('PEP alignment note', 2000, { multiline: true }),
    /** The meeting's recommendation to the LA. */
    recommendation: laDecisionEnum('Recommendation').optional(),
    /** The amendments the meeting recommends, when it recommends amending the plan. */
    amendmentsRecommended: optionalText('Amendments recommended', 5000, { multiline: true }),
    reportSentOn: calendarDateField('Report sent date').optional(),
    laDecision: laDecisionSchema.optional(),
    finalAmendedPlanIssuedOn: calendarDateField('Final amended plan date').optional(),
    notes: optionalText('Review notes', 10_000, { multiline: true }),
  })
  .superRefine((review, ctx) => {
    if (review.reportSentOn && !review.heldOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['reportSentOn'],
        message: 'Report sent date needs the date the meeting was held',
      });
    }
    if (review.reportSentOn && review.heldOn && isBefore(review.reportSentOn, review.heldOn)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reportSentOn'],
        message: 'Report sent date cannot be before the meeting',
      });
    }
    if (review.laDecision && !review.heldOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['laDecision'],
        message: 'LA decision needs the date the meeting was held',
      });
    }
    if (review.finalAmendedPlanIssuedOn && review.laDecision?.decision !== 'amend') {
      ctx.addIssue({
        code: 'custom',
        path: ['finalAmendedPlanIssuedOn'],
        message: 'Final amended plan date needs an LA decision to amend',
      });
    }
  });

export type Review = z.output<typeof reviewSchema>;
export type ReviewInput = z.input<typeof reviewSchema>;

/** Annual and phase-transfer reviews count as EHC plan reviews; an interim one once the LA has decided on it. */
export function isStatutoryReview(review: Pick<Review, 'kind' | 'laDecision'>): boolean {
  if (review.kind === 'annual' || review.kind === 'phase-transfer') return true;
  return review.kind === 'interim' && review.laDecision !== undefined;
}

/** The meeting date that counts: held if recorded, else booked. */
export function meetingDateOf(review: Pick<Review, 'meetingOn' | 'heldOn'>) {
  return review.heldOn ?? review.meetingOn;
}

/**
 * The order a plan's reviews are listed in, wherever they are stored: by the meeting date that counts (held,
 * else booked), reviews not yet booked last. A sort is stable, so reviews of one day keep the order they were
 * recorded in.
 */
export function byReviewDate(
  a: Pick<Review, 'meetingOn' | 'heldOn'>,
  b: Pick<Review, 'meetingOn' | 'heldOn'>,
): number {
  const x = meetingDateOf(a) ?? '9999-99-99';
  const y = meetingDateOf(b) ?? '9999-99-99';
  return x < y ? -1 : x > y ? 1 : 0;
}
