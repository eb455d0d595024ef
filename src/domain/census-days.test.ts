import { describe, expect, it } from 'vitest';
import {
  censusDay,
  censusDaysOf,
  nextCensusDay,
  nthWeekdayOfMonth,
  previousCensusDay,
} from './census-days.ts';
import { d } from './testing/builders.ts';

describe('censusDay', () => {
  it.each([
    ['autumn', 2024, '2024-10-03'],
    ['spring', 2024, '2025-01-16'],
    ['summer', 2024, '2025-05-15'],
    ['autumn', 2025, '2025-10-02'],
    ['spring', 2025, '2026-01-15'],
    ['summer', 2025, '2026-05-21'],
    // 1 October 2026 is itself a Thursday.
    ['autumn', 2026, '2026-10-01'],
  ] as const)('%s %i is %s', (term, year, expected) => {
    expect(censusDay(term, year)).toBe(expected);
  });

  it('lists a year’s three census days with their rules', () => {
    const days = censusDaysOf(2025);
    expect(days.map((c) => c.date)).toEqual(['2025-10-02', '2026-01-15', '2026-05-21']);
    expect(days.map((c) => c.rule.id)).toEqual(['census-autumn', 'census-spring', 'census-summer']);
  });
});

describe('nextCensusDay', () => {
  it.each([
    ['2026-01-14', '2026-01-15', 'the day before'],
    ['2026-01-15', '2026-01-15', 'on census day itself'],
    ['2026-01-16', '2026-05-21', 'the day after'],
    ['2026-05-22', '2026-10-01', 'after summer census: next autumn'],
    ['2025-09-01', '2025-10-02', 'start of the year'],
  ])('from %s → %s (%s)', (today, expected) => {
    expect(nextCensusDay(d(today)).date).toBe(expected);
  });

  it('knows the term and academic year', () => {
    expect(nextCensusDay(d('2026-06-01'))).toMatchObject({ term: 'autumn', academicYear: 2026 });
  });
});

describe('previousCensusDay', () => {
  it.each([
    ['2026-01-15', '2025-10-02'],
    ['2026-01-16', '2026-01-15'],
    ['2025-09-30', '2025-05-15'],
  ])('before %s → %s', (today, expected) => {
    expect(previousCensusDay(d(today)).date).toBe(expected);
  });
});

describe('nthWeekdayOfMonth', () => {
  it('finds the last Monday of a month with five', () => {
    expect(nthWeekdayOfMonth({ year: 2025, month: 9, weekday: 1, n: 5 })).toBe('2025-09-29');
  });

  it('throws when the month has no such day', () => {
    expect(() => nthWeekdayOfMonth({ year: 2026, month: 2, weekday: 1, n: 5 })).toThrow(RangeError);
  });
});
