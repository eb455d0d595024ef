import { z } from 'zod';
import { isCalendarDate } from './calendar-date.ts';

/**
 * A zod field for a calendar date arriving over HTTP as 'YYYY-MM-DD'. The error names the field:
 * calendarDateField('Date of birth') → "Date of birth must be a real date in the form YYYY-MM-DD".
 */
export function calendarDateField(label: string) {
  const message = `${label} must be a real date in the form YYYY-MM-DD`;
  // refine narrows with the type guard, so the output type is CalendarDate while the input stays string.
  return z.string({ error: message }).refine(isCalendarDate, { message });
}
