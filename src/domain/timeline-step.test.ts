import { describe, expect, it } from 'vitest';
import { RULES } from './statutory-rules.ts';
import { d } from './testing/builders.ts';
import { byDueDate, byUrgency, isOverdue, stepBuilder, stepStatus, wasCompletedLate } from './timeline-step.ts';

describe('stepStatus (due 2026-01-26, due-soon window 14 days)', () => {
  it.each([
    ['2026-01-11', 'upcoming', '15 days before'],
    ['2026-01-12', 'due-soon', '14 days before: the window opens'],
    ['2026-01-25', 'due-soon', 'the day before'],
    ['2026-01-26', 'due-soon', 'the due day itself is still on time'],
    ['2026-01-27', 'overdue', 'the day after'],
  ] as const)('today %s → %s (%s)', (today, expected, _why) => {
    expect(stepStatus({ due: d('2026-01-26') }, d(today), 14)).toBe(expected);
  });

  it('is done once completion is recorded, even late', () => {
    expect(stepStatus({ due: d('2026-01-26'), completedOn: d('2026-02-10') }, d('2026-03-01'), 14)).toBe(
      'done',
    );
  });

  it('a zero-day window makes only the due day due soon', () => {
    expect(stepStatus({ due: d('2026-01-26') }, d('2026-01-25'), 0)).toBe('upcoming');
    expect(stepStatus({ due: d('2026-01-26') }, d('2026-01-26'), 0)).toBe('due-soon');
  });
});

describe('isOverdue and wasCompletedLate', () => {
  it.each([
    ['2026-01-26', false],
    ['2026-01-27', true],
  ])('today %s → overdue %s', (today, expected) => {
    expect(isOverdue({ due: d('2026-01-26') }, d(today))).toBe(expected);
  });

  it('a completed step is never overdue', () => {
    expect(isOverdue({ due: d('2026-01-26'), completedOn: d('2026-01-30') }, d('2026-02-01'))).toBe(false);
  });

  it.each([
    ['2026-01-26', false],
    ['2026-01-27', true],
  ])('completed %s → late %s', (completedOn, expected) => {
    expect(wasCompletedLate({ due: d('2026-01-26'), completedOn: d(completedOn) })).toBe(expected);
  });
});

describe('stepBuilder and byUrgency', () => {
  const build = stepBuilder({ today: d('2026-01-20'), dueSoonDays: 14 });
  const spec = { rule: RULES.annualReviewNotice, owner: 'school' as const, label: 'x' };

  it('builds plain data with defaults', () => {
    expect(build({ ...spec, id: 'a', due: d('2026-01-26') })).toEqual({
      ...spec,
      id: 'a',
      due: '2026-01-26',
      status: 'due-soon',
      provisional: false,
      warnings: [],
    });
  });

  it('orders overdue, due soon, upcoming, done; then by date', () => {
    const steps = [
      build({ ...spec, id: 'done', due: d('2026-01-01'), completedOn: d('2026-01-01') }),
      build({ ...spec, id: 'upcoming', due: d('2026-03-01') }),
      build({ ...spec, id: 'overdue-late', due: d('2026-01-19') }),
      build({ ...spec, id: 'due-soon', due: d('2026-01-22') }),
      build({ ...spec, id: 'overdue-early', due: d('2026-01-02') }),
    ];
    expect(steps.sort(byUrgency).map((s) => s.id)).toEqual([
      'overdue-early',
      'overdue-late',
      'due-soon',
      'upcoming',
      'done',
    ]);
  });

  it('puts a booked meeting at its booked day, between the advice before it and the report after it', () => {
    const steps = [
      build({ ...spec, id: 'report', due: d('2027-01-05') }),
      build({
        ...spec,
        id: 'meeting',
        due: d('2027-01-07'),
        booked: { on: d('2026-12-22'), startsAt: '09:15', latestAllowed: d('2027-01-07') },
      }),
      build({ ...spec, id: 'advice', due: d('2026-12-08') }),
    ];
    expect(steps.sort(byDueDate).map((s) => s.id)).toEqual(['advice', 'meeting', 'report']);
  });
});
