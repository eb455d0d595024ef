import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, fromDayNumber, toDayNumber } from './calendar-date.ts';
import { d } from './testing/builders.ts';
import {
  ageOn,
  birthdayOf,
  compareYearGroups,
  isInOrBeyondYear,
  yearGroupFromNumber,
  yearGroupNumber,
  yearGroupOn,
  yearGroupOnDate,
  YEAR_GROUPS,
  yearAndClassesPhrase,
} from './year-group.ts';
import { yearGroupSchema } from './year-group.schema.ts';

describe('yearGroupOn (cohorts run 1 September to 31 August)', () => {
  it.each([
    ['2015-08-31', 2025, 'Y6', 'youngest of the cohort'],
    ['2015-09-01', 2025, 'Y5', 'oldest of the next cohort'],
    ['2014-09-01', 2025, 'Y6', 'oldest of the cohort'],
    ['2021-08-31', 2025, 'R', 'starts Reception just 4'],
    ['2020-09-01', 2025, 'R', 'starts Reception almost 5'],
    ['2021-09-01', 2025, 'N2', 'the year before Reception'],
    ['2022-09-01', 2025, 'N1', 'two years before Reception'],
    ['2023-08-31', 2025, 'N1', 'youngest N1'],
    ['2012-02-29', 2025, 'Y9', 'leap-day birthday'],
    ['2007-09-01', 2025, 'Y13', 'oldest sixth former'],
    ['2006-09-01', 2025, 'Y14', 'third year of sixth form'],
  ])('born %s, in %i: %s (%s)', (dob, year, expected) => {
    expect(yearGroupOn(d(dob), year)).toBe(expected);
  });

  it.each([
    ['2023-09-01', 2025, 'too young for nursery years'],
    ['2005-08-31', 2025, 'beyond Y14'],
  ])('born %s, in %i: none (%s)', (dob, year) => {
    expect(yearGroupOn(d(dob), year)).toBeUndefined();
  });

  it('moves a pupil taught out of cohort by the offset', () => {
    expect(yearGroupOn(d('2015-08-31'), 2025, -1)).toBe('Y5');
    expect(yearGroupOn(d('2015-08-31'), 2025, 1)).toBe('Y7');
  });

  it('uses the academic year of the date given', () => {
    expect(yearGroupOnDate(d('2015-03-10'), d('2025-08-31'))).toBe('Y5');
    expect(yearGroupOnDate(d('2015-03-10'), d('2025-09-01'))).toBe('Y6');
  });

  it('goes up exactly one year group each academic year (property)', () => {
    const dob = fc
      .integer({ min: toDayNumber(d('2005-09-01')), max: toDayNumber(d('2020-08-31')) })
      .map(fromDayNumber);
    fc.assert(
      fc.property(dob, fc.integer({ min: 2020, max: 2024 }), (birth, year) => {
        const now = yearGroupOn(birth, year);
        const next = yearGroupOn(birth, year + 1);
        return now === undefined || next === undefined || yearGroupNumber(next) === yearGroupNumber(now) + 1;
      }),
    );
  });
});

describe('year group numbers', () => {
  it('runs N1 = -2 to Y14 = 14', () => {
    expect(yearGroupNumber('N1')).toBe(-2);
    expect(yearGroupNumber('R')).toBe(0);
    expect(yearGroupNumber('Y14')).toBe(14);
    expect(YEAR_GROUPS.map(yearGroupNumber).map(yearGroupFromNumber)).toEqual([...YEAR_GROUPS]);
    expect(yearGroupFromNumber(15)).toBeUndefined();
  });

  it('compares and tests thresholds', () => {
    expect(compareYearGroups('Y8', 'Y9')).toBeLessThan(0);
    expect([isInOrBeyondYear('Y8', 9), isInOrBeyondYear('Y9', 9), isInOrBeyondYear('Y10', 9)]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('the schema names the allowed values', () => {
    expect(yearGroupSchema.safeParse('Y15').error?.issues[0]?.message).toMatch(
      /^Year group must be one of N1, N2, R/,
    );
  });
});

describe('ageOn and birthdayOf', () => {
  it.each([
    ['2020-03-10', '2025-03-09', 4, 'the day before the 5th birthday'],
    ['2020-03-10', '2025-03-10', 5, 'on the birthday'],
    ['2020-03-10', '2025-03-11', 5, 'the day after'],
    ['2020-02-29', '2025-02-28', 4, 'leap-day child on 28 February'],
    ['2020-02-29', '2025-03-01', 5, 'leap-day child on 1 March'],
    ['2020-02-29', '2024-02-29', 4, 'leap-day child in a leap year'],
  ])('born %s, on %s: %i (%s)', (dob, on, age) => {
    expect(ageOn(d(dob), d(on))).toBe(age);
  });

  it('leap-day birthdays fall on 1 March in common years', () => {
    expect(birthdayOf(d('2020-02-29'), 5)).toBe('2025-03-01');
    expect(birthdayOf(d('2020-02-29'), 4)).toBe('2024-02-29');
  });

  it('age rises by one 12 months on, except across a leap-day birthday (property)', () => {
    const dob = fc
      .integer({ min: toDayNumber(d('1990-01-01')), max: toDayNumber(d('2020-12-31')) })
      .map(fromDayNumber);
    const gap = fc.integer({ min: 0, max: 4000 });
    fc.assert(
      fc.property(dob, gap, (birth, days) => {
        const on = fromDayNumber(toDayNumber(birth) + days);
        return ageOn(birth, addMonths(on, 12)) - ageOn(birth, on) <= 1 && ageOn(birth, on) >= 0;
      }),
    );
  });
});

describe('yearAndClassesPhrase', () => {
  it('says the year once when the class name already says it', () => {
    expect(yearAndClassesPhrase('Year 6', ['Year 6 Alder'])).toBe('Year 6 Alder');
    expect(yearAndClassesPhrase('Reception', ['Reception Beech'])).toBe('Reception Beech');
  });
  it('keeps the year when a class name does not say it, and alone with no class', () => {
    expect(yearAndClassesPhrase('Year 6', ['6A'])).toBe('Year 6 · 6A');
    expect(yearAndClassesPhrase('Year 4', ['Year 3/4 Beech'])).toBe('Year 4 · Year 3/4 Beech');
    expect(yearAndClassesPhrase('Year 3', [])).toBe('Year 3');
  });
});
