import { describe, expect, it } from 'vitest';
import { d } from './testing/builders.ts';
import {
  firstWorkingDayAfter,
  formatShortDay,
  isWorkingDay,
  lastWorkingDayOnOrBefore,
  nextWorkingDayOnOrAfter,
  nonWorkingDeadline,
} from './working-days.ts';

// Test input: the English bank holidays around Easter 2027 and Christmas 2027 (Christmas Day and Boxing
// Day fall on a weekend, so the substitute days are Monday 27 and Tuesday 28 December).
const EASTER_2027 = new Set([d('2027-03-26'), d('2027-03-29')]);
const CHRISTMAS_2027 = new Set([d('2027-12-27'), d('2027-12-28'), d('2028-01-03')]);

describe('working days', () => {
  it('weekends are never working days; weekdays are unless they are bank holidays', () => {
    expect(isWorkingDay(d('2027-02-13'))).toBe(false); // Saturday
    expect(isWorkingDay(d('2027-02-14'))).toBe(false); // Sunday
    expect(isWorkingDay(d('2027-02-15'))).toBe(true);
    expect(isWorkingDay(d('2027-03-26'))).toBe(true); // without the list Good Friday is unknown
    expect(isWorkingDay(d('2027-03-26'), EASTER_2027)).toBe(false);
  });

  it('Christmas Day is never a working day, even without a list', () => {
    expect(isWorkingDay(d('2026-12-25'))).toBe(false);
    expect(isWorkingDay(d('2026-12-24'))).toBe(true);
  });

  it('walks over weekends and bank holidays in both directions', () => {
    expect(nextWorkingDayOnOrAfter(d('2027-03-26'), EASTER_2027)).toBe('2027-03-30');
    expect(lastWorkingDayOnOrBefore(d('2027-03-29'), EASTER_2027)).toBe('2027-03-25');
    expect(firstWorkingDayAfter(d('2027-12-24'), CHRISTMAS_2027)).toBe('2027-12-29');
    expect(nextWorkingDayOnOrAfter(d('2027-02-15'))).toBe('2027-02-15');
  });

  it('formats a day short, for beside a due date', () => {
    expect(formatShortDay(d('2027-02-14'))).toBe('Sun 14 Feb');
    expect(formatShortDay(d('2028-02-29'))).toBe('Tue 29 Feb');
  });
});

describe('a last day on a non-working day', () => {
  it('on a Sunday: shows the day and the Friday before', () => {
    expect(nonWorkingDeadline(d('2027-02-14'))).toEqual({
      reason: 'weekend',
      actBy: '2027-02-12',
      text: 'Sun 14 Feb — act by Fri 12 Feb',
    });
  });

  it('on a Saturday: the Friday before', () => {
    expect(nonWorkingDeadline(d('2027-02-13'))?.actBy).toBe('2027-02-12');
  });

  it('on a working day: nothing to say', () => {
    expect(nonWorkingDeadline(d('2027-02-12'))).toBeUndefined();
    expect(nonWorkingDeadline(d('2027-02-15'))).toBeUndefined();
  });

  it('on Easter Monday: back over the weekend and Good Friday to the Thursday', () => {
    expect(nonWorkingDeadline(d('2027-03-29'), EASTER_2027)).toEqual({
      reason: 'bank-holiday',
      actBy: '2027-03-25',
      text: 'Mon 29 Mar — act by Thu 25 Mar',
    });
  });

  it('on a Christmas substitute day: back to Christmas Eve', () => {
    expect(nonWorkingDeadline(d('2027-12-28'), CHRISTMAS_2027)?.text).toBe('Tue 28 Dec — act by Fri 24 Dec');
  });

  it('on 29 February in a leap year that falls on a Sunday', () => {
    expect(nonWorkingDeadline(d('2032-02-29'))?.text).toBe('Sun 29 Feb — act by Fri 27 Feb');
  });
});
