import { describe, expect, it } from 'vitest';
import { addSchoolDays, isSchoolDay, recordTransferStep, type Closure } from './record-transfer.ts';
import { buildSettings, d } from './testing/builders.ts';

const halfTerm: Closure[] = [{ from: d('2025-10-27'), to: d('2025-10-31') }];

describe('school days', () => {
  it.each([
    ['2025-10-24', true, 'a Friday'],
    ['2025-10-25', false, 'a Saturday'],
    ['2025-10-27', false, 'first day of half term'],
    ['2025-10-31', false, 'last day of half term'],
    ['2025-11-03', true, 'back at school'],
  ])('%s → %s (%s)', (date, expected, _why) => expect(isSchoolDay(d(date), halfTerm)).toBe(expected));

  it('counts from the day after, skipping weekends and closures', () => {
    expect(addSchoolDays(d('2025-10-17'), 1, [])).toBe('2025-10-20');
    expect(addSchoolDays(d('2025-10-17'), 15, [])).toBe('2025-11-07');
    expect(addSchoolDays(d('2025-10-17'), 15, halfTerm)).toBe('2025-11-14');
    expect(addSchoolDays(d('2025-10-17'), 0, [])).toBe('2025-10-17');
  });

  it('rejects a negative count', () =>
    expect(() => addSchoolDays(d('2025-10-17'), -1, [])).toThrow(RangeError));
});

describe('recordTransferStep', () => {
  it('is due 15 school days after the school learns of the new registration', () => {
    const step = recordTransferStep({
      learnedOn: d('2025-10-17'),
      closures: halfTerm,
      settings: buildSettings(),
      today: d('2025-11-14'),
    });
    expect(step).toMatchObject({
      due: '2025-11-14',
      status: 'due-soon',
      rule: { citation: 'Education (Pupil Information) (England) Regulations 2005, reg 9(3B)' },
    });
  });

  it('is done once sent', () => {
    const step = recordTransferStep({
      learnedOn: d('2025-10-17'),
      sentOn: d('2025-10-20'),
      closures: [],
      settings: buildSettings(),
      today: d('2025-12-01'),
    });
    expect(step.status).toBe('done');
  });
});
