import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  academicYearEnd,
  academicYearLabel,
  academicYearOf,
  academicYearStart,
  parseAcademicYearLabel,
} from './academic-year.ts';
import { addDays, fromDayNumber, toDayNumber } from './calendar-date.ts';
import { d } from './testing/builders.ts';

describe('academicYearOf', () => {
  it.each([
    ['2025-08-31', 2024, 'the day before the year starts'],
    ['2025-09-01', 2025, 'the first day'],
    ['2025-09-02', 2025, 'the day after'],
    ['2025-12-31', 2025, 'new year’s eve'],
    ['2026-01-01', 2025, 'new year’s day'],
    ['2024-02-29', 2023, 'leap day'],
  ])('%s is in %i (%s)', (date, year) => expect(academicYearOf(d(date))).toBe(year));

  it('every day lies between its year’s start and end (property)', () => {
    const day = fc
      .integer({ min: toDayNumber(d('1990-01-01')), max: toDayNumber(d('2100-12-31')) })
      .map(fromDayNumber);
    fc.assert(
      fc.property(day, (date) => {
        const year = academicYearOf(date);
        return academicYearStart(year) <= date && date <= academicYearEnd(year);
      }),
    );
  });

  it('a year ends the day before the next begins', () => {
    expect(addDays(academicYearEnd(2025), 1)).toBe(academicYearStart(2026));
  });
});

describe('academic year labels', () => {
  it.each([
    [2025, '2025/26'],
    [2099, '2099/00'],
    [2009, '2009/10'],
  ])('%i is %s', (year, label) => {
    expect(academicYearLabel(year)).toBe(label);
    expect(parseAcademicYearLabel(label)).toBe(year);
  });

  it('accepts a hyphen and rejects non-consecutive years', () => {
    expect(parseAcademicYearLabel('2025-26')).toBe(2025);
    expect(parseAcademicYearLabel('2025/27')).toBeUndefined();
    expect(parseAcademicYearLabel('25/26')).toBeUndefined();
  });
});
