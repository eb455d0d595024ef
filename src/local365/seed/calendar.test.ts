import {
  academicYearOf,
  addMonths,
  addYears,
  isIsoDate,
  isoWeekday,
  toDayNumber,
  toIsoDate,
} from './calendar.ts';

describe('calendar', () => {
  it('agrees with Date.UTC on day numbers across leap years and centuries', () => {
    for (const date of ['1970-01-01', '2000-02-29', '2014-09-01', '2026-11-22', '2100-03-01', '1899-12-31']) {
      const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
      expect(toDayNumber(date)).toBe(utc / 86_400_000);
      expect(toIsoDate(toDayNumber(date))).toBe(date);
    }
  });

  it('round-trips every day for ten years', () => {
    const start = toDayNumber('2020-01-01');
    for (let d = start; d < start + 3653; d++) expect(toDayNumber(toIsoDate(d))).toBe(d);
  });

  it('rejects impossible dates', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(() => toDayNumber('2026-13-01')).toThrow(RangeError);
    expect(() => toDayNumber('22/11/2026')).toThrow(RangeError);
  });

  it('names ISO weekdays (22 November 2026 is a Sunday)', () => {
    expect(isoWeekday(toDayNumber('2026-11-22'))).toBe(7);
    expect(isoWeekday(toDayNumber('2026-11-23'))).toBe(1);
  });

  it('clamps month arithmetic to the end of the month', () => {
    expect(toIsoDate(addMonths(toDayNumber('2026-01-31'), 1))).toBe('2026-02-28');
    expect(toIsoDate(addYears(toDayNumber('2024-02-29'), 1))).toBe('2025-02-28');
    expect(toIsoDate(addYears(toDayNumber('2026-11-22'), -1))).toBe('2025-11-22');
  });

  it('starts the academic year on 1 September', () => {
    expect(academicYearOf(toDayNumber('2026-08-31'))).toBe(2025);
    expect(academicYearOf(toDayNumber('2026-09-01'))).toBe(2026);
  });
});
