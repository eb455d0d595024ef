import { z } from 'zod';
import { calendarDateField } from './calendar-date-field.ts';
import { emailField, idField, optionalText, requiredText, wholeNumberField } from './schema-fields.ts';

export const MEETING_KINDS = [
  'annual-review',
  'interim-review',
  'phase-transfer-review',
  'sen-support-review',
  'parent-meeting',
  'multi-agency',
  'other',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** What a multi-agency meeting that is not a review is for. */
export const MULTI_AGENCY_PURPOSES = [
  'team-around-the-child',
  'ep-consultation',
  'transition',
  'early-help',
  'camhs',
  'other',
] as const;
export type MultiAgencyPurpose = (typeof MULTI_AGENCY_PURPOSES)[number];

export const MULTI_AGENCY_PURPOSE_LABELS: Record<MultiAgencyPurpose, string> = {
  'team-around-the-child': 'team around the child meeting',
  'ep-consultation': 'educational psychologist consultation',
  transition: 'transition meeting',
  'early-help': 'early help meeting',
  camhs: 'CAMHS meeting',
  other: 'multi-agency meeting',
};

/**
 * Where a booking stands. 'pending': the record is written and the Outlook event not yet confirmed (a booking
 * interrupted by throttling or a crash shows as "not booked — retry"); 'booked': the event exists; 'cancelled'.
 */
export const MEETING_STATUSES = ['pending', 'booked', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const meetingActionSchema = z.object({
  what: requiredText('Action', 500),
  who: requiredText('Action owner', 200),
  by: calendarDateField('Action due date').optional(),
  doneOn: calendarDateField('Action done date').optional(),
});
export type MeetingAction = z.output<typeof meetingActionSchema>;

/** A meeting on the SENCO's calendar. Times are school-local wall-clock ('HH:MM'), not instants. */
export const meetingSchema = z.object({
  id: idField('Meeting id'),
  kind: z.enum(MEETING_KINDS, { error: 'Meeting kind is not recognised' }),
  pupilIds: z.array(idField('Pupil id'), { error: 'Pupils must be a list' }).default([]),
  reviewId: idField('Review id').optional(),
  on: calendarDateField('Meeting date'),
  startsAt: z
    .string({ error: 'Start time must be text' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Start time must be HH:MM (24-hour)' })
    .optional(),
  durationMinutes: wholeNumberField('Duration (minutes)', { min: 5, max: 480 }).optional(),
  location: optionalText('Location', 200),
  attendees: z
    .array(
      z.object({
        name: requiredText('Attendee name'),
        role: optionalText('Attendee role', 100),
        email: emailField('Attendee email').optional(),
      }),
      { error: 'Attendees must be a list' },
    )
    .default([]),
  notes: optionalText('Meeting notes', 10_000, { multiline: true }),
  purpose: z.enum(MULTI_AGENCY_PURPOSES, { error: 'Meeting purpose is not recognised' }).optional(),
  actions: z.array(meetingActionSchema, { error: 'Actions must be a list' }).default([]),
  /** Meetings recorded before booking from SENCO Hub have no status: they were booked by hand. */
  status: z.enum(MEETING_STATUSES, { error: 'Meeting status is not recognised' }).default('booked'),
  /** The Outlook event in the organiser's calendar, once booked through SENCO Hub. */
  outlook: z
    .object({
      eventId: requiredText('Outlook event id', 500),
      iCalUId: requiredText('Outlook iCalUId', 500),
      joinUrl: z.string().max(2000).optional(),
      organizerUserId: idField('Organiser id'),
    })
    .optional(),
});

export type Meeting = z.output<typeof meetingSchema>;
export type MeetingInput = z.input<typeof meetingSchema>;

/** Start times of booked review meetings, by review id: what a timeline shows as "Booked for … at 15:30". */
export function bookedReviewTimes(meetings: readonly Meeting[]): Record<string, string> {
  const times: Record<string, string> = {};
  for (const m of meetings)
    if (m.status === 'booked' && m.reviewId && m.startsAt) times[m.reviewId] = m.startsAt;
  return times;
}
