import { z } from 'zod';
import { calendarDateField } from './calendar-date.ts';
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
});

export type Meeting = z.output<typeof meetingSchema>;
export type MeetingInput = z.input<typeof meetingSchema>;
