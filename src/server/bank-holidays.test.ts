import { describe, expect, it } from 'vitest';
import { appealDeadline } from '../domain/appeal-window.ts';
import { d } from '../domain/testing/builders.ts';
import { nonWorkingDeadline } from '../domain/working-days.ts';
import { englishBankHolidaysAround, englishBankHolidaysIn } from './bank-holidays.ts';

// Expected days as published on GOV.UK (https://www.gov.uk/bank-holidays) for England and Wales.
describe('English bank holidays from the maintained calendar', () => {
  it('2026, with Boxing Day (a Saturday) substituted on Monday 28 December', () => {
    const days = englishBankHolidaysIn(2026);
    for (const day of [
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]) {
      expect(days).toContain(day);
    }
    expect(days).not.toContain('2026-12-24');
    expect(days.filter((day) => !day.startsWith('2026-'))).toEqual([]);
  });

  it('2027 and 2028: Christmas substitute days and New Year’s Day moved to Monday 3 January 2028', () => {
    expect(englishBankHolidaysIn(2027)).toEqual(expect.arrayContaining(['2027-12-27', '2027-12-28']));
    expect(englishBankHolidaysIn(2028)).toContain('2028-01-03');
  });

  it('covers the year before to two years after today', () => {
    const around = englishBankHolidaysAround(d('2026-12-03'));
    expect(around.has(d('2025-12-25'))).toBe(true);
    expect(around.has(d('2028-08-28'))).toBe(true);
    expect(around.has(d('2029-01-01'))).toBe(false);
  });

  it('feeds the domain: Easter Monday 2027 → act by Thursday; an appeal ending on Good Friday runs to Tuesday', () => {
    const holidays = englishBankHolidaysAround(d('2026-12-03'));
    expect(nonWorkingDeadline(d('2027-03-29'), holidays)?.text).toBe('Mon 29 Mar — act by Thu 25 Mar');
    expect(appealDeadline({ decisionOn: d('2027-01-26'), bankHolidays: holidays })).toBe('2027-03-30');
  });
});
