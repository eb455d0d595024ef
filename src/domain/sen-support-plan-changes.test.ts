import { describe, expect, it } from 'vitest';
import { planParentReviewCadence } from './sen-support-plan.ts';
import {
  newSenSupportPlan,
  withParentMeeting,
  withPlanStage,
  withReview,
  type PlanChange,
} from './sen-support-plan-changes.ts';
import { senSupportPlanSchema, SUPPORT_LAYERS, type SenSupportPlan } from './sen-support-plan.schema.ts';
import { SEN_SUPPORT_PLAN_WORDING, supportLayerLabel } from './sen-support-plan-wording.ts';
import { buildSettings, d } from './testing/builders.ts';

const stage = {
  assessment: 'Reading age 18 months below.',
  pupilViews: 'I like stories.',
  parentViews: 'We read at bedtime.',
  outcomes: [
    { description: 'Reads 40 words by sight', measure: 'Word check', provision: ['Precision teaching'] },
    { description: 'Blends CVC words', provision: ['Phonics group'] },
  ],
  reviewOn: d('2026-12-11'),
};

const planOf = (change: PlanChange): SenSupportPlan => {
  if (!change.ok) throw new Error(change.problems.map((p) => p.message).join('; '));
  return senSupportPlanSchema.parse(change.plan);
};

const first = () =>
  planOf(
    newSenSupportPlan({
      id: 'plan-1',
      pupilId: 'pupil-1',
      cycleId: 'cycle-1',
      layer: 'targeted',
      startedOn: d('2026-09-14'),
      stage,
    }),
  );

describe('a new plan', () => {
  it('records the layer, the views and the support for each outcome', () => {
    const plan = first();
    expect(plan.layer).toBe('targeted');
    expect(plan.cycles[0]).toMatchObject({
      pupilViews: 'I like stories.',
      parentViews: 'We read at bedtime.',
    });
    expect(plan.cycles[0]?.outcomes[0]?.provision).toEqual(['Precision teaching']);
  });

  it('needs a review date after the start (the same day is not enough)', () => {
    const change = newSenSupportPlan({
      id: 'p',
      pupilId: 'x',
      cycleId: 'c',
      layer: 'universal',
      startedOn: d('2026-12-11'),
      stage,
    });
    expect(change).toEqual({
      ok: false,
      problems: [
        { field: 'reviewOn', message: 'Review date must be after the plan starts on 11 December 2026' },
      ],
    });
  });
});

describe('the plan stage', () => {
  it('changes the layer and the outcomes of the open cycle, keeping progress on an outcome whose words are unchanged', () => {
    const reviewedOnce = { ...first() };
    reviewedOnce.cycles = [
      {
        ...reviewedOnce.cycles[0]!,
        outcomes: [{ ...reviewedOnce.cycles[0]!.outcomes[0]!, achieved: 'partly' }],
      },
    ];
    const plan = planOf(
      withPlanStage(reviewedOnce, {
        cycleId: 'cycle-1',
        layer: 'targeted-plus',
        stage: { ...stage, pupilViews: undefined },
      }),
    );
    expect(plan.layer).toBe('targeted-plus');
    expect(plan.cycles[0]?.outcomes[0]?.achieved).toBe('partly');
    expect(plan.cycles[0]?.pupilViews).toBeUndefined();
  });

  it('refuses to change a reviewed cycle or one that is not in the plan', () => {
    const reviewed = planOf(
      withReview(
        first(),
        {
          cycleId: 'cycle-1',
          reviewedOn: d('2026-12-01'),
          progress: [{ achieved: 'achieved' }, { achieved: 'partly' }],
        },
        d('2026-12-02'),
      ),
    );
    expect(withPlanStage(reviewed, { cycleId: 'cycle-1', layer: 'targeted', stage })).toMatchObject({
      ok: false,
      problems: [
        { field: 'cycleId', message: 'This cycle was reviewed on 1 December 2026: it cannot be changed' },
      ],
    });
    expect(withPlanStage(first(), { cycleId: 'nope', layer: 'targeted', stage })).toMatchObject({
      ok: false,
      problems: [{ field: 'cycleId' }],
    });
  });
});

describe('a review', () => {
  const review = (reviewedOn: string, today: string, extra = {}) =>
    withReview(
      first(),
      {
        cycleId: 'cycle-1',
        reviewedOn: d(reviewedOn),
        progress: [{ achieved: 'achieved', progressNotes: 'Reads 45' }, { achieved: 'partly' }],
        reviewNotes: 'Good progress.',
        ...extra,
      },
      d(today),
    );

  it('records progress against each outcome and starts the next cycle with the outcomes not achieved', () => {
    const plan = planOf(
      review('2026-12-02', '2026-12-02', {
        parentMeeting: { attendees: ['Mother', 'SENCO'], agreed: 'Keep the phonics group.' },
        next: { cycleId: 'cycle-2', reviewOn: d('2027-03-19') },
      }),
    );
    const [done, next] = plan.cycles;
    expect(done?.outcomes.map((o) => o.achieved)).toEqual(['achieved', 'partly']);
    expect(done?.outcomes[0]?.progressNotes).toBe('Reads 45');
    expect(done?.parentMeetings).toEqual([
      { on: '2026-12-02', attendees: ['Mother', 'SENCO'], agreed: 'Keep the phonics group.' },
    ]);
    expect(next).toMatchObject({
      id: 'cycle-2',
      startedOn: '2026-12-02',
      reviewOn: '2027-03-19',
      assessment: 'Good progress.',
    });
    expect(next?.outcomes).toEqual([{ description: 'Blends CVC words', provision: ['Phonics group'] }]);
  });

  it('may be dated on the day the cycle started or today, not before or after', () => {
    expect(review('2026-09-14', '2026-12-02').ok).toBe(true);
    expect(review('2026-12-02', '2026-12-02').ok).toBe(true);
    expect(review('2026-09-13', '2026-12-02')).toMatchObject({
      ok: false,
      problems: [
        {
          field: 'reviewedOn',
          message: 'Reviewed date cannot be before the cycle started on 14 September 2026',
        },
      ],
    });
    expect(review('2026-12-03', '2026-12-02')).toMatchObject({
      ok: false,
      problems: [{ field: 'reviewedOn', message: 'Reviewed date cannot be after today' }],
    });
  });

  it('needs progress for every outcome and a next review after the review', () => {
    const change = withReview(
      first(),
      {
        cycleId: 'cycle-1',
        reviewedOn: d('2026-12-02'),
        progress: [{ achieved: 'partly' }],
        next: { cycleId: 'c2', reviewOn: d('2026-12-02') },
      },
      d('2026-12-02'),
    );
    expect(change.ok ? [] : change.problems.map((p) => p.field)).toEqual(['progress', 'next.reviewOn']);
  });
});

describe('parent meetings, three a year (CoP 6.65)', () => {
  const meet = (plan: SenSupportPlan, on: string) =>
    planOf(withParentMeeting(plan, { on: d(on), attendees: ['Mother'], agreed: 'Agreed' }, d('2027-07-21')));

  it('counts each meeting recorded towards the year, and the third meets it', () => {
    let plan = first();
    const cadence = (today: string) =>
      planParentReviewCadence({ plan, settings: buildSettings(), today: d(today) });
    plan = meet(plan, '2026-10-05');
    expect(cadence('2027-01-01')).toMatchObject({ held: 1, status: 'on-track' });
    plan = meet(plan, '2027-02-01');
    // Spring ends 31 March: two by then is on track; a third is owed by the end of the year.
    expect(cadence('2027-04-01')).toMatchObject({ held: 2, expectedByNow: 2, status: 'on-track' });
    plan = meet(plan, '2027-06-30');
    expect(cadence('2027-07-01')).toMatchObject({ held: 3, required: 3, status: 'met' });
  });

  it('refuses a meeting dated after today', () => {
    expect(
      withParentMeeting(first(), { on: d('2026-12-03'), attendees: ['Mother'] }, d('2026-12-02')),
    ).toMatchObject({ ok: false, problems: [{ field: 'on' }] });
    expect(
      withParentMeeting(first(), { on: d('2026-12-02'), attendees: ['Mother'] }, d('2026-12-02')).ok,
    ).toBe(true);
  });

  it('files a meeting under the cycle running on its date', () => {
    const two = planOf(
      withReview(
        first(),
        {
          cycleId: 'cycle-1',
          reviewedOn: d('2026-12-02'),
          progress: [{ achieved: 'partly' }, { achieved: 'partly' }],
          next: { cycleId: 'cycle-2', reviewOn: d('2027-03-19') },
        },
        d('2026-12-02'),
      ),
    );
    const plan = meet(meet(two, '2026-11-20'), '2026-12-10');
    expect(plan.cycles.map((c) => c.parentMeetings.map((m) => m.on))).toEqual([
      ['2026-11-20'],
      ['2026-12-10'],
    ]);
  });
});

describe('the layer of support and the plan’s wording', () => {
  it('has a label and a description for every layer, and says when none is recorded', () => {
    for (const layer of SUPPORT_LAYERS) {
      expect(SEN_SUPPORT_PLAN_WORDING.layers[layer].label).toMatch(/\w/);
      expect(SEN_SUPPORT_PLAN_WORDING.layers[layer].description).toMatch(/\w/);
    }
    expect(supportLayerLabel('targeted-plus')).toBe('Targeted plus');
    expect(supportLayerLabel(undefined)).toBe('Not yet recorded');
  });

  it('reads plans written before the layer was recorded, and refuses an unknown layer by name', () => {
    const old = { id: 'p', pupilId: 'x', cycles: first().cycles };
    expect(senSupportPlanSchema.parse(old).layer).toBeUndefined();
    const result = senSupportPlanSchema.safeParse({ ...old, layer: 'tier-2' });
    expect(result.success ? '' : result.error.issues[0]?.message).toBe(
      'Layer of support must be universal, targeted, targeted plus or specialist',
    );
  });
});
