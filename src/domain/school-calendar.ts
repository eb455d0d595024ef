import { z } from 'zod';
import {
  addDays,
  isBefore,
  isOnOrAfter,
  isOnOrBefore,
  isoWeekdayOf,
  type CalendarDate,
} from './calendar-date.ts';
import { calendarDateField } from './calendar-date-field.ts';
import { optionalText } from './schema-fields.ts';

/**
 * School days, for reminders: a weekday inside one of the school's terms that is not a bank holiday. Term dates
 * are the school's own (each LA or trust publishes them); bank holidays are an argument (England and Wales:
 * https://www.gov.uk/bank-holidays), never looked up here.
 */

export const termSchema = z
  .object({
    name: optionalText('Term name', 60),
    from: calendarDateField('Term start'),
    to: calendarDateField('Term end'),
  })
  .superRefine((term, ctx) => {
    if (isBefore(term.to, term.from)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Term end cannot be before the term start' });
    }
  });
export type Term = z.output<typeof termSchema>;

export const termDatesSchema = z
  .array(termSchema, { error: 'Term dates must be a list' })
  .max(30, { error: 'Term dates: at most 30 terms' })
  .superRefine((terms, ctx) => {
    const sorted = [...terms].sort((a, b) => a.from.localeCompare(b.from));
    for (let i = 1; i < sorted.length; i += 1) {
      const previous = sorted[i - 1]!;
      const term = sorted[i]!;
      if (isOnOrBefore(term.from, previous.to)) {
        ctx.addIssue({
          code: 'custom',
          path: [terms.indexOf(term), 'from'],
          message: 'Term dates overlap: a term starts before the one before it ends',
        });
      }
    }
  });

/** Monday 1 … Friday 5: the weekly digest goes on a school day. */
export const DIGEST_WEEKDAYS = [1, 2, 3, 4, 5] as const;
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const remindersChannelSchema = z.object({
  /** The team's Microsoft 365 group id. */
  teamId: z.string({ error: 'Team is required' }).trim().min(1, { error: 'Team is required' }).max(100),
  teamName: optionalText('Team name', 256),
  /** The channel's id as Teams gives it (19:…@thread.tacv2). */
  channelId: z
    .string({ error: 'Channel is required' })
    .trim()
    .regex(/^19:[^\s/]{1,200}$/, { error: 'Channel is not a Teams channel id (19:…)' }),
  channelName: optionalText('Channel name', 256),
});
export type RemindersChannel = z.output<typeof remindersChannelSchema>;

export const remindersSettingsSchema = z.object({
  /** Where reminders are posted. Absent until the SENCO chooses one: nothing is posted meanwhile. */
  channel: remindersChannelSchema.optional(),
  /** ISO weekday of the weekly digest. Default 1 (Monday). */
  digestWeekday: z
    .number({ error: 'Digest day must be Monday to Friday' })
    .int({ error: 'Digest day must be Monday to Friday' })
    .min(1, { error: 'Digest day must be Monday to Friday' })
    .max(5, { error: 'Digest day must be Monday to Friday' })
    .default(1),
  /** Time of day (UK time, 24-hour HH:MM) the digest and the day's nudges are posted from. Default 07:30. */
  postTime: z
    .string({ error: 'Posting time must be a time like 07:30' })
    .regex(TIME_OF_DAY, { error: 'Posting time must be a time like 07:30' })
    .default('07:30'),
});
export type RemindersSettings = z.output<typeof remindersSettingsSchema>;

export type SchoolCalendar = {
  readonly terms: readonly Term[];
  /** Bank holidays (England and Wales), as dates. */
  readonly bankHolidays: readonly CalendarDate[];
};

/** A weekday inside a term (any weekday when no terms are recorded) that is not a bank holiday. */
export function isSchoolDay(date: CalendarDate, calendar: SchoolCalendar): boolean {
  if (isoWeekdayOf(date) > 5) return false;
  if (calendar.bankHolidays.includes(date)) return false;
  if (calendar.terms.length === 0) return true;
  return calendar.terms.some((t) => isOnOrAfter(date, t.from) && isOnOrBefore(date, t.to));
}

/** The `n`th school day on or after `from` (n = 1: the first), looking at most `limit` days ahead. */
export function nthSchoolDayFrom(
  from: CalendarDate,
  n: number,
  calendar: SchoolCalendar,
  limit = 366,
): CalendarDate | undefined {
  let seen = 0;
  for (let i = 0; i <= limit; i += 1) {
    const day = addDays(from, i);
    if (isSchoolDay(day, calendar) && ++seen === n) return day;
  }
  return undefined;
}

/** Monday of the ISO week `date` falls in. */
export function weekStartOf(date: CalendarDate): CalendarDate {
  return addDays(date, 1 - isoWeekdayOf(date));
}

/** Minutes after midnight of an HH:MM time. */
export function minutesOfTime(time: string): number {
  const match = TIME_OF_DAY.exec(time);
  if (!match) throw new RangeError(`Not a time of day: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}
