import { calendarDate, calendarDateParts, type CalendarDate } from './calendar-date.ts';

/**
 * An English academic year, named by the calendar year in which it starts: 2025 is 1 September 2025
 * to 31 August 2026 ('2025/26').
 */
export type AcademicYear = number;

const ACADEMIC_YEAR_START_MONTH = 9;

export function academicYearOf(date: CalendarDate): AcademicYear {
  const { year, month } = calendarDateParts(date);
  return month >= ACADEMIC_YEAR_START_MONTH ? year : year - 1;
}

/** 1 September. */
export function academicYearStart(academicYear: AcademicYear): CalendarDate {
  return calendarDate(academicYear, ACADEMIC_YEAR_START_MONTH, 1);
}

/** 31 August. */
export function academicYearEnd(academicYear: AcademicYear): CalendarDate {
  return calendarDate(academicYear + 1, 8, 31);
}

/** '2025/26'. */
export function academicYearLabel(academicYear: AcademicYear): string {
  return `${academicYear}/${String((academicYear + 1) % 100).padStart(2, '0')}`;
}

/** Reads '2025/26' (or '2025-26'); undefined when the two halves are not consecutive years. */
export function parseAcademicYearLabel(label: string): AcademicYear | undefined {
  const match = /^(\d{4})[/-](\d{2})$/.exec(label.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  return (start + 1) % 100 === Number(match[2]) ? start : undefined;
}
