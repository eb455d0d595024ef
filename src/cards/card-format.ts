import { calendarDateParts, type CalendarDate } from '../domain/calendar-date.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** `2 December 2026`, as dates are written in the school's words. */
export function formatCalendarDateLong(date: CalendarDate): string {
  const { year, month, day } = calendarDateParts(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** `Reception`, `Year 4`, `Nursery 2`: a year group as the school says it. */
export function yearGroupLabel(yearGroup: string | null | undefined): string | undefined {
  if (!yearGroup) return undefined;
  if (yearGroup === 'R') return 'Reception';
  if (yearGroup.startsWith('N')) return `Nursery ${yearGroup.slice(1)}`;
  if (yearGroup.startsWith('Y')) return `Year ${yearGroup.slice(1)}`;
  return yearGroup;
}
