import { z } from 'zod';
import { type CalendarDate } from '../domain/calendar-date.ts';
import { calendarDateField } from '../domain/calendar-date-field.ts';
import {
  MULTI_AGENCY_PURPOSES,
  meetingActionSchema,
  type Meeting,
  type MultiAgencyPurpose,
} from '../domain/meeting.schema.ts';
import type { BookingWarning } from '../domain/review-booking.ts';
import { INVITEE_ROLES, type InviteeRole } from '../domain/review.schema.ts';
import { emailField, optionalText, requiredText, wholeNumberField } from '../domain/schema-fields.ts';

/** Requests and answers of booking meetings in Outlook (src/server/api/booking-routes.ts). */

export const BOOKABLE_KINDS = ['annual-review', 'multi-agency'] as const;
export type BookableKind = (typeof BOOKABLE_KINDS)[number];

const timeField = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `${label} must be HH:MM (24-hour)` });

export const bookingAttendeeSchema = z.object({
  name: requiredText('Attendee name'),
  role: z.enum(INVITEE_ROLES, { error: 'Attendee role is not recognised' }),
  /** Staff and professionals are invited by email; without one, the person is listed but not invited. */
  email: emailField('Attendee email').optional(),
  /** Staff of the school: their calendars are searched for free times. */
  internal: z.boolean({ error: 'Internal must be true or false' }).default(false),
});
export type BookingAttendee = z.output<typeof bookingAttendeeSchema>;

export const freeTimesRequestSchema = z
  .object({
    from: calendarDateField('From'),
    to: calendarDateField('To'),
    durationMinutes: wholeNumberField('Duration (minutes)', { min: 15, max: 240 }),
    attendees: z.array(bookingAttendeeSchema, { error: 'Attendees must be a list' }).max(40),
  })
  .strict();
export type FreeTimesRequest = z.input<typeof freeTimesRequestSchema>;

export const bookingCheckSchema = z
  .object({
    kind: z.enum(BOOKABLE_KINDS, { error: 'Kind must be annual-review or multi-agency' }),
    on: calendarDateField('Meeting date'),
    /** With a time, the school's hours are checked too. */
    startsAt: timeField('Start time').optional(),
    durationMinutes: wholeNumberField('Duration (minutes)', { min: 15, max: 240 }).optional(),
  })
  .strict();

export const bookMeetingSchema = z
  .object({
    /** Made once when the dialog opens: the same request sent twice books one meeting. */
    requestId: z.uuid({ error: 'Request id must be a UUID' }),
    kind: z.enum(BOOKABLE_KINDS, { error: 'Kind must be annual-review or multi-agency' }),
    purpose: z.enum(MULTI_AGENCY_PURPOSES, { error: 'Meeting purpose is not recognised' }).optional(),
    on: calendarDateField('Meeting date'),
    startsAt: timeField('Start time'),
    durationMinutes: wholeNumberField('Duration (minutes)', { min: 15, max: 240 }),
    location: optionalText('Location', 200),
    attendees: z
      .array(bookingAttendeeSchema, { error: 'Attendees must be a list' })
      .min(1, {
        error: 'Invite at least one person',
      })
      .max(40, { error: 'Invite at most 40 people' }),
    notes: optionalText('Meeting notes', 10_000, { multiline: true }),
    actions: z.array(meetingActionSchema, { error: 'Actions must be a list' }).default([]),
    /** The warnings the SENCO has seen and chosen to book despite (codes). */
    acceptedWarnings: z.array(z.string().max(40)).max(10).default([]),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.kind === 'multi-agency' && !body.purpose)
      ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'Say what the meeting is for' });
    if (body.kind === 'annual-review' && body.purpose)
      ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'A review has no purpose to choose' });
  });
export type BookMeetingRequest = z.input<typeof bookMeetingSchema>;

export const rescheduleMeetingSchema = z
  .object({
    on: calendarDateField('Meeting date'),
    startsAt: timeField('Start time'),
    durationMinutes: wholeNumberField('Duration (minutes)', { min: 15, max: 240 }),
    acceptedWarnings: z.array(z.string().max(40)).max(10).default([]),
  })
  .strict();
export type RescheduleMeetingRequest = z.input<typeof rescheduleMeetingSchema>;

export const cancelMeetingSchema = z
  .object({ message: requiredText('Message to attendees', 1000, { multiline: true }) })
  .strict();
export type CancelMeetingRequest = z.input<typeof cancelMeetingSchema>;

/** What the dialog opens with. */
export type BookingProposal = {
  pupilId: string;
  kind: BookableKind;
  today: CalendarDate;
  /** Annual reviews: the window; multi-agency meetings have none. */
  window: {
    earliest: CalendarDate;
    latest: CalendarDate;
    phaseTransfer?: { label: string; amendedBy: CalendarDate };
  } | null;
  /** Invitees from the pupil's record: reg 20(2) for a review; family and linked professionals otherwise. */
  invitees: (BookingAttendee & { why: string })[];
  /** Staff who can be added (name, email). */
  staff: { name: string; email: string }[];
  subject: string;
  agenda: string[];
  schoolDay: { starts: string; ends: string };
  /** Multi-agency purposes and their labels. */
  purposes: { value: MultiAgencyPurpose; label: string }[];
};

export type FreeTimesAnswer = {
  times: { on: CalendarDate; startsAt: string; endsAt: string; warnings: BookingWarning[] }[];
};

export type BookingCheckAnswer = { warnings: BookingWarning[] };

export type MeetingAnswer = { meeting: Meeting; warnings: BookingWarning[] };

export type OutlookCheckAnswer = {
  changes: {
    meetingId: string;
    kind: 'moved' | 'cancelled';
    from?: CalendarDate;
    meeting: Meeting;
    warnings: BookingWarning[];
  }[];
  /** Set when Outlook could not be read (consent missing, Microsoft 365 busy): nothing was concluded. */
  problem?: string;
};

export type { InviteeRole };

/** A change made in Outlook that SENCO Hub noticed and brought its records into line with. */
export type NoticedOutlookChange = {
  /** When it was noticed (ISO instant). */
  at: string;
  pupilId: string;
  pupilName: string;
  meetingId: string;
  kind: 'moved' | 'cancelled';
  from?: CalendarDate;
  meeting: Meeting;
  /** The booking rules the new date breaks (a move). */
  warnings: BookingWarning[];
};

/** Why Outlook could not be read for the SENCO. */
export type OutlookCheckProblem = {
  kind: 'no-token' | 'consent' | 'busy' | 'failed';
  message: string;
};

/**
 * GET /api/bookings/outlook-status and POST /api/bookings/outlook-check: how current SENCO Hub is with the
 * meetings the caller booked, as the periodic check (and any check they asked for) left it.
 */
export type OutlookStatusAnswer = {
  /** Booked meetings the caller organised that are still to come or recent. */
  organised: number;
  /** When Outlook was last read in full for them (ISO instant), if since SENCO Hub started. */
  checkedAt: string | null;
  /** Set when changes made in Outlook may not be reflected: not checked since this instant (ISO). */
  notCheckedSince: string | null;
  problem: OutlookCheckProblem | null;
  /** Changes noticed lately, newest first. */
  changes: NoticedOutlookChange[];
};
