import { parseCalendarDate, type CalendarDate } from '../../domain/calendar-date.ts';

/**
 * Bank holidays in England and Wales, as GOV.UK publishes them (https://www.gov.uk/bank-holidays, also as
 * JSON at https://www.gov.uk/bank-holidays.json), for the years reminders are scheduled in. Substitute days
 * are the ones listed (Boxing Day 2026 falls on a Saturday: Monday 28 December instead).
 * Extend each year from the GOV.UK list; a date missing here only means a reminder may post on that day.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly CalendarDate[] = [
  // 2026
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  // 2027
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
].map(parseCalendarDate);
