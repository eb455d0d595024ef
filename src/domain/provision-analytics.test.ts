import { describe, expect, it } from 'vitest';
import {
  budgetComparison,
  costByAreaOfNeed,
  costByPupil,
  deliveryWeeksOf,
  interventionCost,
  interventionCostLine,
  interventionHours,
  interventionImpact,
} from './provision-analytics.ts';
import { buildIntervention, buildInterventionPupil, buildSettings, d } from './testing/builders.ts';

// 3 × 30 minutes a week at £20 an hour, Monday 8 September to Friday 12 December 2025 (14 calendar weeks).
const pupils = ['a', 'b', 'c', 'd'].map((pupilId) => buildInterventionPupil({ pupilId }));
const reading = buildIntervention({ id: 'reading', pupils });
const END = d('2025-12-12');

describe('cost', () => {
  it.each([
    ['2025-09-07', 0, 'before it starts'],
    ['2025-09-08', 1, 'its first day'],
    ['2025-09-14', 1, 'the first week'],
    ['2025-09-15', 2, 'into the second week'],
    ['2025-12-12', 14, 'the last day'],
    ['2026-03-01', 14, 'after it ended'],
  ])('weeks as of %s: %i (%s)', (asOf, weeks, _why) => {
    expect(deliveryWeeksOf(reading, d(asOf))).toBe(weeks);
  });

  it('group: one set of sessions shared', () => {
    expect(interventionHours(reading, END)).toBe(21);
    expect(interventionCost(reading, END)).toBe(420);
    expect(interventionCostLine(reading, END)).toEqual({
      interventionId: 'reading',
      name: 'Reading catch-up',
      areaOfNeed: 'cognition-and-learning',
      pupils: 4,
      hours: 21,
      cost: 420,
      costPerPupil: 105,
    });
  });

  it('individual: sessions for each pupil', () => {
    const individual = buildIntervention({ delivery: 'individual', pupils: pupils.slice(0, 2) });
    expect(interventionCost(individual, END)).toBe(840);
  });

  it('delivery weeks leave out holidays, and resources are added', () => {
    expect(interventionCost(buildIntervention({ deliveryWeeks: 13, resourceCost: 49.99 }), END)).toBe(439.99);
    expect(interventionCost(buildIntervention({ resourceCost: 50 }), d('2025-09-01'))).toBe(0);
  });

  it('keeps to the penny', () => {
    expect(
      interventionCost(
        buildIntervention({ costPerHour: 17.37, sessionsPerWeek: 1, minutesPerSession: 20 }),
        END,
      ),
    ).toBe(81.06);
  });

  it('per pupil across interventions and per area of need', () => {
    const talk = buildIntervention({
      areaOfNeed: 'communication-and-interaction',
      delivery: 'individual',
      sessionsPerWeek: 1,
      minutesPerSession: 60,
      pupils: [buildInterventionPupil({ pupilId: 'a' })],
    });
    expect(costByPupil([reading, talk], END)).toEqual({ a: 385, b: 105, c: 105, d: 105 });
    expect(costByAreaOfNeed([reading, talk], END)).toMatchObject({
      'cognition-and-learning': 420,
      'communication-and-interaction': 280,
      'social-emotional-and-mental-health': 0,
    });
  });
});

describe('impact', () => {
  const measured = buildIntervention({
    pupils: [
      buildInterventionPupil({
        entryMeasure: 10,
        exitMeasure: 16,
        sessionsAttended: 30,
        sessionsOffered: 36,
      }),
      buildInterventionPupil({
        entryMeasure: 12,
        exitMeasure: 12,
        sessionsAttended: 36,
        sessionsOffered: 36,
      }),
      buildInterventionPupil({ entryMeasure: 8, exitMeasure: 11 }),
      buildInterventionPupil({ entryMeasure: 9 }),
    ],
  });

  it('mean change, share improved, cost per pupil improved and attendance', () => {
    expect(interventionImpact(measured, END)).toEqual({
      interventionId: measured.id,
      measured: 3,
      improved: 2,
      meanChange: 3,
      improvedPercent: 66.7,
      costPerPupilImproved: 210,
      attendancePercent: 91.7,
    });
  });

  it('respects measures where lower is better', () => {
    const lowerIsBetter = { ...measured, measure: { name: 'Errors per page', higherIsBetter: false } };
    expect(interventionImpact(lowerIsBetter, END)).toMatchObject({
      improved: 0,
      meanChange: -3,
      improvedPercent: 0,
    });
    expect(interventionImpact(lowerIsBetter, END).costPerPupilImproved).toBeUndefined();
  });

  it('says nothing it cannot know', () => {
    expect(interventionImpact(reading, END)).toEqual({ interventionId: 'reading', measured: 0, improved: 0 });
  });
});

describe('budgetComparison (£6,000 threshold)', () => {
  // One pupil each: £20/h × 5h/week × weeks.
  const oneToOne = (pupilId: string, weeks: number) =>
    buildIntervention({
      delivery: 'individual',
      sessionsPerWeek: 5,
      minutesPerSession: 60,
      deliveryWeeks: weeks,
      pupils: [buildInterventionPupil({ pupilId })],
    });

  it.each([
    [47, [], [], '£4,700: under the 80% warning line'],
    [48, [], ['p'], '£4,800: exactly 80%'],
    [60, [], ['p'], '£6,000: at the threshold, not over it'],
    [61, ['p'], [], '£6,100: over'],
  ])('%i weeks → over %j, near %j (%s)', (weeks, over, near, _why) => {
    const result = budgetComparison({
      interventions: [oneToOne('p', weeks)],
      notionalSenBudget: 10_000,
      settings: buildSettings(),
      asOf: END,
    });
    expect(result.pupilsOverThreshold.map((p) => p.pupilId)).toEqual(over);
    expect(result.pupilsNearThreshold.map((p) => p.pupilId)).toEqual(near);
  });

  it('compares the total with the notional SEN budget', () => {
    const result = budgetComparison({
      interventions: [oneToOne('p', 61), reading],
      notionalSenBudget: 5_000,
      settings: buildSettings(),
      asOf: END,
    });
    expect(result).toMatchObject({
      totalCost: 6520,
      remaining: -1520,
      percentUsed: 130.4,
      threshold: 6000,
      thresholdRule: { id: 'high-needs-threshold' },
    });
  });
});
