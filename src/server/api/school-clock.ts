import { parseCalendarDate, type CalendarDate } from '../../domain/calendar-date.ts';

const LONDON = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The school's calendar date at an instant: the date in England, whatever the server's time zone. Statutory
 * deadlines are calendar days in England, so "today" must not be the UTC date (an hour off all summer).
 */
export function londonCalendarDate(instant: Date): CalendarDate {
  return parseCalendarDate(LONDON.format(instant));
}
