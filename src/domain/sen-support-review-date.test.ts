import { describe, expect, it } from 'vitest';
import { isSchoolDay, nextSenSupportReviewDate, type SchoolTerm } from './sen-support-review-date.ts';
import { d } from './testing/builders.ts';

/** An English school's year 2026-27 (six half terms folded into three terms with their half-term weeks). */
const terms: SchoolTerm[] = [
  { from: d('2026-09-03'), to: d('2026-10-23') },
  { from: d('2026-11-02'), to: d('2026-12-18') },
  { from: d('2027-01-05'), to: d('2027-02-12') },
  { from: d('2027-02-22'), to: d('2027-03-26') },
  { from: d('2027-04-12'), to: d('2027-05-28') },
  { from: d('2027-06-07'), to: d('2027-07-21') },
];
const next = (from: string, today: string, options: { terms?: SchoolTerm[]; weeks?: number } = {}) =>
  nextSenSupportReviewDate({
    from: d(from),
    today: d(today),
    terms: options.terms ?? terms,
    ...(options.weeks === undefined ? {} : { intervalWeeks: options.weeks }),
  });

describe('nextSenSupportReviewDate (about a term on, on a school day, within 12 months)', () => {
  it('proposes twelve weeks on when that is a school day', () => {
    // Thursday 10 September 2026 + 12 weeks = Thursday 3 December 2026, in the autumn term.
    expect(next('2026-09-10', '2026-09-10')).toBe('2026-12-03');
  });

  it('moves a date in the holidays back to the last day of the term before', () => {
    // 1 October + 12 weeks = 24 December: the Christmas holiday; the term ends on Friday 18 December.
    expect(next('2026-10-01', '2026-10-01')).toBe('2026-12-18');
  });

  it('moves a weekend back to the Friday', () => {
    // Saturday 5 December 2026, no term dates known: Friday 4 December.
    expect(next('2026-09-12', '2026-09-12', { terms: [] })).toBe('2026-12-04');
  });

  it('counts from today when the cycle started in the past', () => {
    expect(next('2026-01-05', '2026-09-10')).toBe('2026-12-03');
  });

  it('goes forward to the next school day when the day before would not be after today', () => {
    // From the last day of the summer term with a one-week interval: 28 July is in the holidays and the last
    // school day before it is today, so the first day of the autumn term.
    const withAutumn = [...terms, { from: d('2027-09-02'), to: d('2027-10-22') }];
    expect(next('2027-07-21', '2027-07-21', { terms: withAutumn, weeks: 1 })).toBe('2027-09-02');
  });

  it('never proposes more than 12 months after the cycle started', () => {
    // Started 1 December 2025, looked at on 10 September 2026: twelve weeks on would be 3 December, but the
    // 12 months end on Monday 30 November 2026.
    expect(next('2025-12-01', '2026-09-10')).toBe('2026-11-30');
    // The 12 months end on Sunday 29 November: back to Friday 27 November.
    expect(next('2025-11-30', '2026-09-10')).toBe('2026-11-27');
  });

  it('proposes the first school day after today when the 12 months are already over', () => {
    expect(next('2025-06-01', '2026-09-10')).toBe('2026-09-11');
    // Today is the last day of the 12 months: tomorrow is Saturday, so Monday.
    expect(next('2025-09-12', '2026-09-11')).toBe('2026-09-14');
  });

  it('refuses an interval outside 1 to 52 weeks', () => {
    expect(() => next('2026-09-10', '2026-09-10', { weeks: 0 })).toThrow(/1 to 52 weeks/);
    expect(() => next('2026-09-10', '2026-09-10', { weeks: 53 })).toThrow(/1 to 52 weeks/);
  });

  it('always proposes a school day after today', () => {
    for (const today of ['2026-09-03', '2026-10-24', '2026-12-18', '2027-02-13', '2027-04-12']) {
      const proposed = next(today, today);
      expect(proposed > today).toBe(true);
      expect(isSchoolDay(proposed, terms)).toBe(true);
    }
  });
});
