import { describe, expect, it } from 'vitest';
import {
  nextApdrReviewOn,
  parentMeetingDatesOf,
  parentReviewCadence,
  planParentReviewCadence,
  planPastParentReviewYears,
  senSupportReviewStep,
} from './sen-support-plan.ts';
import { senSupportPlanSchema } from './sen-support-plan.schema.ts';
import { buildApdrCycle, buildSenSupportPlan, buildSettings, d } from './testing/builders.ts';

describe('parentReviewCadence (at least three a year, paced by term)', () => {
  const cadence = (dates: string[], today: string, required = 3) =>
    parentReviewCadence({ meetingDates: dates.map(d), academicYear: 2025, today: d(today), required });

  it.each([
    [[], '2025-12-31', 'on-track', 0, 'autumn not yet over'],
    [[], '2026-01-01', 'behind', 1, 'autumn over with none held'],
    [['2025-10-01'], '2026-01-01', 'on-track', 1, 'one in autumn'],
    [['2025-10-01'], '2026-04-01', 'behind', 2, 'spring over with one held'],
    [['2025-10-01', '2026-02-01'], '2026-08-31', 'on-track', 2, 'last day of the year'],
    [['2025-10-01', '2026-02-01'], '2026-09-01', 'missed', 3, 'the year is over'],
    [['2025-10-01', '2025-11-01', '2025-12-01'], '2025-12-02', 'met', 0, 'three early'],
  ] as const)('%j on %s → %s (expected %i by now; %s)', (dates, today, status, expected, _why) => {
    const result = cadence([...dates], today);
    expect(result.status).toBe(status);
    expect(result.expectedByNow).toBe(expected);
  });

  it('counts only meetings in the year and not after today', () => {
    expect(cadence(['2025-08-31', '2025-09-01', '2026-05-01'], '2026-04-30').held).toBe(1);
  });

  it('paces a higher requirement', () => {
    expect(cadence(['2025-10-01'], '2026-01-01', 4)).toMatchObject({ expectedByNow: 2, status: 'behind' });
  });
});

describe('a past year’s parent reviews (the year is over, so the answer is final)', () => {
  const meetings = (...dates: string[]) => dates.map((on) => ({ on: d(on), attendees: [] }));
  const plan = (startedOn: string, ...dates: string[]) =>
    buildSenSupportPlan({
      cycles: [buildApdrCycle({ startedOn: d(startedOn), parentMeetings: meetings(...dates) })],
    });
  const past = (p: ReturnType<typeof plan>, today: string) =>
    planPastParentReviewYears({ plan: p, settings: buildSettings(), today: d(today) }).map((c) => [
      c.academicYear,
      c.held,
      c.required,
      c.status,
    ]);

  it('shows a year with two of three reviews as missed from the day after it ends', () => {
    const twoHeld = plan('2025-09-15', '2025-10-01', '2026-02-01');
    // 31 August is still the year itself: not yet missed, and nothing past to show.
    expect(past(twoHeld, '2026-08-31')).toEqual([]);
    expect(
      planParentReviewCadence({ plan: twoHeld, settings: buildSettings(), today: d('2026-08-31') }),
    ).toMatchObject({ academicYear: 2025, status: 'on-track' });
    // 1 September: the route’s current year is the new one; the old one is over and missed.
    expect(past(twoHeld, '2026-09-01')).toEqual([[2025, 2, 3, 'missed']]);
    expect(
      planParentReviewCadence({ plan: twoHeld, settings: buildSettings(), today: d('2026-09-01') }),
    ).toMatchObject({ academicYear: 2026, held: 0, status: 'on-track' });
  });

  it('counts a review on 31 August for the year ending then, and one on 1 September for the next', () => {
    const p = plan('2025-09-15', '2025-10-01', '2026-02-01', '2026-08-31', '2026-09-01');
    expect(past(p, '2026-09-02')).toEqual([[2025, 3, 3, 'met']]);
    expect(planParentReviewCadence({ plan: p, settings: buildSettings(), today: d('2026-09-02') }).held).toBe(
      1,
    );
  });

  it('owes only the terms the plan was open for: begun in March, two reviews', () => {
    expect(past(plan('2026-03-15', '2026-05-01', '2026-07-01'), '2026-10-01')).toEqual([[2025, 2, 2, 'met']]);
    expect(past(plan('2026-03-15', '2026-05-01'), '2026-10-01')).toEqual([[2025, 1, 2, 'missed']]);
    // Begun on the last day of spring: only the summer share is owed.
    expect(past(plan('2026-03-31'), '2026-10-01')).toEqual([[2025, 0, 1, 'missed']]);
  });

  it('goes back year by year to the plan’s start, newest first, at most three', () => {
    const p = plan('2022-09-10', '2023-10-01', '2023-11-01', '2024-01-10', '2024-03-01');
    expect(past(p, '2026-10-01')).toEqual([
      [2025, 0, 3, 'missed'],
      [2024, 0, 3, 'missed'],
      [2023, 4, 3, 'met'],
    ]);
  });

  it('a plan begun this year has no past years', () => {
    expect(past(plan('2026-09-10'), '2026-10-01')).toEqual([]);
  });

  it('does not call this year behind for terms before the plan began', () => {
    const lateStart = plan('2026-02-01');
    expect(
      planParentReviewCadence({ plan: lateStart, settings: buildSettings(), today: d('2026-04-01') }),
    ).toMatchObject({ required: 2, expectedByNow: 1, status: 'behind' });
    expect(
      planParentReviewCadence({ plan: lateStart, settings: buildSettings(), today: d('2026-03-31') }),
    ).toMatchObject({ required: 2, expectedByNow: 0, status: 'on-track' });
  });
});

describe('SEN support plan', () => {
  it('the review step uses the current cycle’s agreed date', () => {
    const plan = buildSenSupportPlan({
      cycles: [
        buildApdrCycle({
          startedOn: d('2025-04-01'),
          reviewOn: d('2025-07-01'),
          reviewedOn: d('2025-07-01'),
        }),
        buildApdrCycle({ startedOn: d('2025-09-15'), reviewOn: d('2025-12-12') }),
      ],
    });
    const step = senSupportReviewStep({ plan, settings: buildSettings(), today: d('2025-12-12') });
    expect(step).toMatchObject({
      id: 'sen-support-review-by',
      due: '2025-12-12',
      status: 'due-soon',
      rule: { id: 'sen-support-review-date' },
    });
  });

  it('prompts the next cycle once reviewed, and notes a late review', () => {
    const plan = buildSenSupportPlan({
      cycles: [buildApdrCycle({ reviewOn: d('2025-12-12'), reviewedOn: d('2025-12-15') })],
    });
    const step = senSupportReviewStep({ plan, settings: buildSettings(), today: d('2025-12-20') });
    expect(step?.status).toBe('done');
    expect(step?.warnings).toEqual([
      'Reviewed on 15 December 2025, after the agreed date',
      'This cycle has been reviewed: start the next assess-plan-do-review cycle with a new review date',
    ]);
  });

  it('gathers parent meetings across cycles once each', () => {
    const plan = buildSenSupportPlan({
      cycles: [
        buildApdrCycle({ parentMeetings: [{ on: d('2025-12-12'), attendees: [] }] }),
        buildApdrCycle({
          parentMeetings: [
            { on: d('2025-10-01'), attendees: [] },
            { on: d('2025-12-12'), attendees: [] },
          ],
        }),
      ],
    });
    expect(parentMeetingDatesOf(plan)).toEqual(['2025-10-01', '2025-12-12']);
    expect(
      planParentReviewCadence({ plan, settings: buildSettings(), today: d('2026-01-05') }),
    ).toMatchObject({
      held: 2,
      status: 'on-track',
    });
  });

  it('the schema wants a review date after the start and at least one outcome', () => {
    const result = senSupportPlanSchema.safeParse({
      id: 's',
      pupilId: 'p',
      cycles: [
        {
          id: 'c',
          startedOn: '2025-09-15',
          assessment: 'x',
          outcomes: [],
          provision: [],
          reviewOn: '2025-09-15',
        },
      ],
    });
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'Add at least one outcome',
      'Review date must be after the cycle starts',
    ]);
    const late = senSupportPlanSchema.safeParse({
      id: 's',
      pupilId: 'p',
      cycles: [
        {
          id: 'c',
          startedOn: '2025-09-15',
          assessment: 'x',
          outcomes: [{ description: 'y' }],
          provision: [],
          reviewOn: '2025-09-15',
        },
      ],
    });
    expect(late.error?.issues.map((i) => i.message)).toEqual(['Review date must be after the cycle starts']);
  });
});

describe('nextApdrReviewOn (the next assess-plan-do-review review)', () => {
  it('is the review date of the cycle started last, whatever order the cycles are stored in', () => {
    const later = buildApdrCycle({ startedOn: d('2026-01-05'), reviewOn: d('2026-03-27') });
    const earlier = buildApdrCycle({
      startedOn: d('2025-09-15'),
      reviewOn: d('2025-12-12'),
      reviewedOn: d('2025-12-12'),
    });
    expect(nextApdrReviewOn(buildSenSupportPlan({ cycles: [earlier, later] }))).toBe('2026-03-27');
    expect(nextApdrReviewOn(buildSenSupportPlan({ cycles: [later, earlier] }))).toBe('2026-03-27');
  });

  it('is none once the cycle in progress has been reviewed, or before any cycle', () => {
    const reviewed = buildApdrCycle({ reviewedOn: d('2025-12-10') });
    expect(nextApdrReviewOn(buildSenSupportPlan({ cycles: [reviewed] }))).toBeUndefined();
    expect(nextApdrReviewOn(buildSenSupportPlan({ cycles: [] }))).toBeUndefined();
  });
});
