import { describe, expect, it } from 'vitest';
import { appealDeadline, appealWindow } from './appeal-window.ts';
import { d } from './testing/builders.ts';

// Test input: English bank holidays near the ends tested (Easter 2027; New Year 2028's substitute day).
const HOLIDAYS = [d('2027-03-26'), d('2027-03-29'), d('2027-12-27'), d('2027-12-28'), d('2028-01-03')];

const lastDay = (decisionOn: string, mediationCertificateOn?: string) =>
  appealDeadline({
    decisionOn: d(decisionOn),
    ...(mediationCertificateOn ? { mediationCertificateOn: d(mediationCertificateOn) } : {}),
    bankHolidays: HOLIDAYS,
  });

describe('appeal window: Tribunal Rules 2008 r 20(1), moved by r 12', () => {
  it('two months from the decision when that day is a working day', () => {
    expect(lastDay('2026-01-16')).toBe('2026-03-16');
    expect(appealWindow({ decisionOn: d('2026-01-16') })).toEqual({
      periodEnds: '2026-03-16',
      lastDay: '2026-03-16',
      explanation: '',
    });
  });

  it('one month from a later mediation certificate', () => {
    expect(lastDay('2026-01-16', '2026-03-02')).toBe('2026-04-02');
    // an earlier certificate does not shorten the two months
    expect(lastDay('2026-01-16', '2026-01-20')).toBe('2026-03-16');
  });

  describe('r 12(2): a period ending on a non-working day runs to the next working day', () => {
    it('Saturday → Monday', () => {
      const window = appealWindow({ decisionOn: d('2026-01-14'), bankHolidays: HOLIDAYS });
      expect(window).toMatchObject({
        periodEnds: '2026-03-14',
        lastDay: '2026-03-16',
        movedBy: 'non-working-day',
      });
      expect(window.explanation).toContain('r 12(2)');
      expect(window.explanation).toContain('16 March 2026');
    });

    it('Good Friday → over Easter Monday to the Tuesday', () => {
      expect(lastDay('2027-01-26')).toBe('2027-03-30');
    });

    it('without the holiday list only weekends move the day', () => {
      expect(appealDeadline({ decisionOn: d('2027-01-26') })).toBe('2027-03-26');
    });
  });

  describe('r 12(3)(a): 25 December to 1 January inclusive', () => {
    it('ending on Christmas Eve: not moved', () => {
      expect(lastDay('2026-10-24')).toBe('2026-12-24');
    });

    it('ending on Christmas Day: the first working day after 1 January', () => {
      const window = appealWindow({ decisionOn: d('2026-10-25'), bankHolidays: HOLIDAYS });
      expect(window).toMatchObject({ lastDay: '2027-01-04', movedBy: 'christmas' });
      expect(window.explanation).toContain('4 January 2027');
    });

    it('ending on 1 January itself', () => {
      expect(lastDay('2025-11-01')).toBe('2026-01-02');
    });

    it('ending on 2 January: outside the run, a working day, not moved', () => {
      expect(lastDay('2025-11-02')).toBe('2026-01-02');
    });

    it('skips a New Year substitute bank holiday', () => {
      // 25 December 2027 is a Saturday; 1 January 2028 a Saturday, its substitute Monday 3 January.
      expect(lastDay('2027-10-25')).toBe('2028-01-04');
    });
  });

  describe('r 12(3)(a): any day in August', () => {
    it('1 August → the first working day after 31 August', () => {
      const window = appealWindow({ decisionOn: d('2026-06-01') });
      expect(window).toMatchObject({ periodEnds: '2026-08-01', lastDay: '2026-09-01', movedBy: 'august' });
    });

    it('31 August, and from a mediation certificate', () => {
      expect(lastDay('2026-06-30')).toBe('2026-09-01');
      expect(lastDay('2026-06-01', '2026-07-15')).toBe('2026-09-01');
    });

    it('when 1 September is a Saturday the appeal runs to Monday 3 September', () => {
      expect(lastDay('2029-06-10')).toBe('2029-09-03');
    });

    it('31 July and 1 September are not moved', () => {
      expect(lastDay('2026-05-31')).toBe('2026-07-31');
      expect(lastDay('2026-07-01')).toBe('2026-09-01');
    });
  });

  describe('month ends and leap years', () => {
    it('31 December → 28 February (clamped), a Sunday → Monday 1 March', () => {
      expect(lastDay('2026-12-31')).toBe('2027-03-01');
    });

    it('31 December 2027 → 29 February 2028, a Tuesday', () => {
      expect(lastDay('2027-12-31')).toBe('2028-02-29');
    });

    it('29 February 2032 is a Sunday → Monday 1 March', () => {
      expect(lastDay('2031-12-29')).toBe('2032-03-01');
    });
  });
});
