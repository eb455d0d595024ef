import { londonCalendarDate } from './school-clock.ts';

describe('londonCalendarDate', () => {
  it('is the UTC date in winter (GMT)', () => {
    expect(londonCalendarDate(new Date('2026-01-15T23:59:59Z'))).toBe('2026-01-15');
  });

  it('is the next day from 23:00 UTC in summer (BST), when it is already past midnight in England', () => {
    expect(londonCalendarDate(new Date('2026-07-01T22:59:59Z'))).toBe('2026-07-01');
    expect(londonCalendarDate(new Date('2026-07-01T23:00:00Z'))).toBe('2026-07-02');
  });

  it('follows the clocks changing: the last Sunday of October at 00:30 UTC is still BST', () => {
    expect(londonCalendarDate(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
  });
});
