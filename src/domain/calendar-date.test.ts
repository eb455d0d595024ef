import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWeeks,
  addYears,
  calendarDate,
  calendarDateParts,
  compareCalendarDates,
  daysBetween,
  daysInMonth,
  earliestOf,
  formatCalendarDate,
  fromDayNumber,
  isCalendarDate,
  isLeapYear,
  isoWeekdayOf,
  lastDayOfPeriod,
  latestOf,
  parseCalendarDate,
  toDayNumber,
  type CalendarDate,
} from './calendar-date.ts';
import { calendarDateField } from './calendar-date-field.ts';
import { d } from './testing/builders.ts';

const arbitraryDate = fc
  .integer({ min: toDayNumber(d('1900-01-01')), max: toDayNumber(d('2200-12-31')) })
  .map(fromDayNumber);

describe('parseCalendarDate', () => {
  it.each([
    ['2024-02-29', true, 'leap day in a leap year'],
    ['2025-02-29', false, 'leap day in a common year'],
    ['1900-02-29', false, 'century not divisible by 400'],
    ['2000-02-29', true, 'century divisible by 400'],
    ['2025-04-31', false, '31st of a 30-day month'],
    ['2025-12-31', true, 'last day of the year'],
    ['2025-13-01', false, 'month 13'],
    ['2025-00-10', false, 'month 0'],
    ['2025-01-00', false, 'day 0'],
    ['2025-1-01', false, 'unpadded month'],
    ['2025-01-01T00:00:00Z', false, 'an instant, not a date'],
    [' 2025-01-01', false, 'leading space'],
    ['0000-01-01', false, 'year 0'],
  ])('%s → valid %s (%s)', (value, valid) => {
    expect(isCalendarDate(value)).toBe(valid);
    if (valid) expect(parseCalendarDate(value)).toBe(value);
    else expect(() => parseCalendarDate(value)).toThrow(RangeError);
  });

  it('rejects non-strings', () => {
    expect(isCalendarDate(20250101)).toBe(false);
    expect(isCalendarDate(undefined)).toBe(false);
  });
});

describe('calendarDate', () => {
  it('pads parts', () => expect(calendarDate(2026, 2, 5)).toBe('2026-02-05'));
  it('throws for an impossible day', () => expect(() => calendarDate(2026, 2, 29)).toThrow(RangeError));
});

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2026-02-15', 20499],
  ])('%s is day %i', (date, n) => {
    expect(toDayNumber(d(date))).toBe(n);
    expect(fromDayNumber(n)).toBe(date);
  });

  it('round-trips every day (property)', () => {
    fc.assert(fc.property(arbitraryDate, (date) => fromDayNumber(toDayNumber(date)) === date));
  });

  it('agrees with Date.UTC for years 1900-2200 (property)', () => {
    fc.assert(
      fc.property(arbitraryDate, (date) => {
        const { year, month, day } = calendarDateParts(date);
        return Date.UTC(year, month - 1, day) / 86_400_000 === toDayNumber(date);
      }),
    );
  });
});

describe('addDays and addWeeks', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29', 'into a leap day'],
    ['2025-02-28', 1, '2025-03-01', 'over the end of a common February'],
    ['2025-12-31', 1, '2026-01-01', 'over the year end'],
    ['2026-03-29', 1, '2026-03-30', 'over the spring clock change (no effect on dates)'],
    ['2025-10-26', -1, '2025-10-25', 'back over the autumn clock change'],
    ['2026-02-15', -14, '2026-02-01', 'two weeks back'],
  ])('%s + %i days = %s (%s)', (from, n, expected) => {
    expect(addDays(d(from), n)).toBe(expected);
  });

  it('addWeeks is seven days a week', () => expect(addWeeks(d('2025-11-22'), 12)).toBe('2026-02-14'));

  it('daysBetween undoes addDays (property)', () => {
    fc.assert(
      fc.property(
        arbitraryDate,
        fc.integer({ min: -5000, max: 5000 }),
        (date, n) => daysBetween(date, addDays(date, n)) === n,
      ),
    );
  });
});

describe('addMonths clamps month ends', () => {
  it.each([
    ['2024-02-29', 12, '2025-02-28', 'leap day + 12 months'],
    ['2024-02-29', 48, '2028-02-29', 'leap day + 4 years'],
    ['2025-01-31', 1, '2025-02-28', '31 January + 1 month, common year'],
    ['2024-01-31', 1, '2024-02-29', '31 January + 1 month, leap year'],
    ['2025-03-31', -1, '2025-02-28', 'back into February'],
    ['2025-08-31', 6, '2026-02-28', '31 August + 6 months'],
    ['2025-10-31', 1, '2025-11-30', 'into a 30-day month'],
    ['2025-03-10', 12, '2026-03-10', 'an ordinary day'],
    ['2025-12-15', 1, '2026-01-15', 'over the year end'],
    ['2026-01-15', -1, '2025-12-15', 'back over the year end'],
    ['2026-07-31', -5, '2026-02-28', 'five months before 31 July'],
  ])('%s + %i months = %s (%s)', (from, months, expected) => {
    expect(addMonths(d(from), months)).toBe(expected);
  });

  it('addYears is 12 months', () => expect(addYears(d('2024-02-29'), 1)).toBe('2025-02-28'));

  it('rejects fractional months', () => expect(() => addMonths(d('2025-01-01'), 1.5)).toThrow(RangeError));

  it('keeps the day when the target month has it, else lands on the month end (property)', () => {
    fc.assert(
      fc.property(arbitraryDate, fc.integer({ min: -240, max: 240 }), (date, months) => {
        const from = calendarDateParts(date);
        const to = calendarDateParts(addMonths(date, months));
        const monthsMoved = (to.year - from.year) * 12 + (to.month - from.month);
        const expectedDay = Math.min(from.day, daysInMonth(to.year, to.month));
        return monthsMoved === months && to.day === expectedDay;
      }),
    );
  });

  it('is monotonic: a later start never gives an earlier result (property)', () => {
    fc.assert(
      fc.property(
        arbitraryDate,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -120, max: 120 }),
        (date, gap, months) => {
          return addMonths(date, months) <= addMonths(addDays(date, gap), months);
        },
      ),
    );
  });
});

describe('lastDayOfPeriod ("the period of N months starting with")', () => {
  it.each([
    ['2025-03-10', 12, '2026-03-09', 'ordinary day: the day before the anniversary'],
    ['2024-02-29', 12, '2025-02-28', 'leap day: February has no 29th, so its last day'],
    ['2024-03-01', 12, '2025-02-28', '1 March: the day before is 28 February'],
    ['2023-03-01', 12, '2024-02-29', '1 March into a leap year'],
    ['2025-08-31', 6, '2026-02-28', '31 August + 6 months: no 31 February'],
    ['2025-09-01', 3, '2025-11-30', 'three months from the first'],
  ])('%s for %i months ends %s (%s)', (start, months, expected) => {
    expect(lastDayOfPeriod(d(start), months)).toBe(expected);
  });

  it('ends before the same day N months on, and after the previous one (property)', () => {
    fc.assert(
      fc.property(arbitraryDate, fc.integer({ min: 1, max: 36 }), (start, months) => {
        const end = lastDayOfPeriod(start, months);
        return (
          end < addDays(addMonths(start, months), 1) && end >= addMonths(start, months - 1) && end > start
        );
      }),
    );
  });
});

describe('comparisons and helpers', () => {
  it('compares as dates', () => {
    expect(compareCalendarDates(d('2025-01-02'), d('2025-01-10'))).toBe(-1);
    expect(compareCalendarDates(d('2025-01-10'), d('2025-01-10'))).toBe(0);
    expect(compareCalendarDates(d('2026-01-01'), d('2025-12-31'))).toBe(1);
  });

  it('string order is date order (property)', () => {
    fc.assert(fc.property(arbitraryDate, arbitraryDate, (a, b) => a < b === toDayNumber(a) < toDayNumber(b)));
  });

  it('finds the earliest and latest', () => {
    const dates: CalendarDate[] = [d('2025-05-01'), d('2024-12-31'), d('2025-01-15')];
    expect(earliestOf(dates[0]!, ...dates.slice(1))).toBe('2024-12-31');
    expect(latestOf(dates[0]!, ...dates.slice(1))).toBe('2025-05-01');
  });

  it.each([
    ['2025-01-01', 3],
    ['2026-02-15', 7],
    ['2025-10-02', 4],
  ])('%s is ISO weekday %i', (date, weekday) => expect(isoWeekdayOf(d(date))).toBe(weekday));

  it('knows leap years', () => {
    expect([1900, 2000, 2024, 2025].map(isLeapYear)).toEqual([false, true, true, false]);
  });

  it('formats UK long dates without locale data', () => {
    expect(formatCalendarDate(d('2026-02-15'))).toBe('15 February 2026');
    expect(formatCalendarDate(d('2025-11-01'))).toBe('1 November 2025');
  });
});

describe('calendarDateField', () => {
  const schema = calendarDateField('Date of birth');

  it('accepts a real date', () => expect(schema.parse('2016-02-29')).toBe('2016-02-29'));

  it.each([['2015-02-29'], ['29/02/2016'], [20160229]])('rejects %s naming the field', (value) => {
    const result = schema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Date of birth must be a real date in the form YYYY-MM-DD');
  });
});
