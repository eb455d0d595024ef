import { yearAndClassesPhrase } from '../../domain/year-group.ts';
import { formatCalendarDate, isCalendarDate, type CalendarDate } from '../../domain/calendar-date.ts';

/** How the tab writes dates, money and shares: UK English, as a school office would. */

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '3 March 2026'. */
export function longDate(date: CalendarDate | null | undefined): string {
  return date && isCalendarDate(date) ? formatCalendarDate(date) : '—';
}

/** '3 Mar 2026'. */
export function shortDate(date: CalendarDate | null | undefined): string {
  if (!date || !isCalendarDate(date)) return '—';
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${SHORT_MONTHS[Number(m) - 1] ?? ''} ${y}`;
}

/** '3 Mar 2026 at 14:05', in the school's time zone. */
export function dateTime(iso: string | null | undefined): string {
  return instantInLondon(iso, 'short');
}

/** '3 December 2026 at 14:05', in the school's time zone: the month in full, as dates in text are. */
export function longDateTime(iso: string | null | undefined): string {
  return instantInLondon(iso, 'long');
}

function instantInLondon(iso: string | null | undefined, month: 'short' | 'long'): string {
  if (!iso) return '—';
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return '—';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month,
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(when);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}`;
}

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const wholePounds = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  maximumFractionDigits: 0,
});

export function money(amount: number | null | undefined, options?: { whole?: boolean }): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) return '—';
  return (options?.whole ? wholePounds : pounds).format(amount);
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

/** 'in 3 days', 'today', '2 days ago' between two calendar dates. */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** 'Year 6', 'Reception', 'Nursery 2'. */
export function yearGroupLabel(yearGroup: string | null | undefined): string {
  if (!yearGroup) return '—';
  if (yearGroup === 'R') return 'Reception';
  if (yearGroup.startsWith('N')) return `Nursery ${yearGroup.slice(1)}`;
  if (yearGroup.startsWith('Y')) return `Year ${yearGroup.slice(1)}`;
  return yearGroup;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/**
 * A pupil's year and classes in one phrase without saying the year twice: 'Year 6 Alder' when the class's
 * name already says its year, 'Year 6 · 6A' when it does not, 'Year 6' with no class.
 */
export function yearAndClasses(
  yearGroup: string | null | undefined,
  classes: readonly { displayName: string }[],
): string {
  return yearAndClassesPhrase(
    yearGroupLabel(yearGroup),
    classes.map((c) => c.displayName),
  );
}

/** A need with its broad area in brackets, unless the area's name is the need's own ('Social, emotional and mental health'). */
export function needWithArea(need: string, area: string | undefined): string {
  return area && area.toLocaleLowerCase('en-GB') !== need.toLocaleLowerCase('en-GB')
    ? `${need} (${area})`
    : need;
}
