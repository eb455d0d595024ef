import { parseCalendarDate, type CalendarDate } from '../../domain/calendar-date.ts';

const LONDON = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The school's date and minutes after midnight at an instant (England's clock, whatever the server's zone). */
export function londonTime(instant: Date): { date: CalendarDate; minutes: number } {
  const parts = Object.fromEntries(LONDON.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: parseCalendarDate(`${parts['year']}-${parts['month']}-${parts['day']}`),
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}
