import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentOf, registerSummary, senSupportReviewCadence } from './register-analytics.ts';
import type { Pupil } from './pupil.schema.ts';
import {
  buildApdrCycle,
  buildEhcpPupil,
  buildPupil,
  buildSenSupportPlan,
  buildSenSupportPupil,
  buildSettings,
  d,
} from './testing/builders.ts';

const ON = d('2026-01-15');
// Born 2015-03-10: Y6 in 2025/26; born 2016-03-10: Y5.
const roll: Pupil[] = [
  buildPupil({ classIds: ['6A'], pupilPremium: true }),
  buildPupil({ classIds: ['6A'] }),
  buildPupil({ classIds: ['6B'], eal: true }),
  buildPupil({ classIds: ['5A'], dateOfBirth: d('2016-03-10') }),
  buildPupil({ classIds: ['5A'], dateOfBirth: d('2016-03-10') }),
  buildPupil({ classIds: ['5A'], dateOfBirth: d('2016-03-10') }),
  buildSenSupportPupil({
    classIds: ['6A'],
    needs: [
      { code: 'SPLD', rank: 1 },
      { code: 'SEMH', rank: 2 },
    ],
    pupilPremium: true,
  }),
  buildSenSupportPupil({ classIds: ['6B'], needs: [{ code: 'SLCN', rank: 1 }], lookedAfter: true }),
  buildSenSupportPupil({ classIds: ['5A'], dateOfBirth: d('2016-03-10'), needs: [{ code: 'DS', rank: 1 }] }),
  buildEhcpPupil({
    classIds: ['6A'],
    needs: [
      { code: 'ASD', rank: 1 },
      { code: 'SLCN', rank: 2 },
    ],
    freeSchoolMeals: true,
  }),
];

describe('registerSummary', () => {
  const summary = registerSummary({ pupils: roll, on: ON });

  it('counts provision across the whole roll', () => {
    expect(summary.roll).toBe(10);
    expect(summary.byStatus).toEqual({
      N: { count: 6, percent: 60 },
      K: { count: 3, percent: 30 },
      E: { count: 1, percent: 10 },
    });
    expect(summary.senCount).toBe(4);
  });

  it('counts primary and secondary needs among pupils at K and E', () => {
    expect(summary.byPrimaryNeed.SPLD).toEqual({ count: 1, percent: 25 });
    expect(summary.byPrimaryNeed.DS).toEqual({ count: 1, percent: 25 });
    expect(summary.byPrimaryNeed.MLD).toEqual({ count: 0, percent: 0 });
    expect(summary.bySecondaryNeed.SLCN).toEqual({ count: 1, percent: 25 });
    expect(summary.byBroadArea['cognition-and-learning']).toEqual({ count: 2, percent: 50 });
    expect(summary.byBroadArea['communication-and-interaction']).toEqual({ count: 2, percent: 50 });
  });

  it('breaks down by year group, class and flag', () => {
    expect(summary.byYearGroup).toEqual([
      { yearGroup: 'Y5', roll: 4, senSupport: 1, ehcPlan: 0, sen: { count: 1, percent: 25 } },
      { yearGroup: 'Y6', roll: 6, senSupport: 2, ehcPlan: 1, sen: { count: 3, percent: 50 } },
    ]);
    expect(summary.byClass.map((c) => [c.classId, c.roll, c.sen.count])).toEqual([
      ['5A', 4, 1],
      ['6A', 4, 2],
      ['6B', 2, 1],
    ]);
    expect(summary.byFlag.pupilPremium).toEqual({
      roll: 2,
      senSupport: 1,
      ehcPlan: 0,
      sen: { count: 1, percent: 50 },
    });
    expect(summary.byFlag.lookedAfter.sen.percent).toBe(100);
    expect(summary.byFlag.eal.sen.count).toBe(0);
  });

  it('an empty roll gives zeros, not NaN', () => {
    const empty = registerSummary({ pupils: [], on: ON });
    expect(empty.byStatus.K).toEqual({ count: 0, percent: 0 });
    expect(empty.byYearGroup).toEqual([]);
  });

  it('N + K + E always make up the roll, and year groups sum to it (property)', () => {
    const status = fc.constantFrom<'N' | 'K' | 'E'>('N', 'K', 'E');
    const dob = fc.constantFrom(d('2015-03-10'), d('2016-10-01'), d('2010-01-01'), d('2024-06-01'));
    fc.assert(
      fc.property(fc.array(fc.tuple(status, dob), { maxLength: 40 }), (rows) => {
        const pupils = rows.map(([code, dateOfBirth]) =>
          buildPupil({ dateOfBirth, senProvision: code === 'N' ? [] : [{ code, startOn: d('2025-01-01') }] }),
        );
        const s = registerSummary({ pupils, on: ON });
        const byStatus = s.byStatus.N.count + s.byStatus.K.count + s.byStatus.E.count;
        const byYear = s.byYearGroup.reduce((sum, y) => sum + y.roll, 0);
        return byStatus === pupils.length && byYear === pupils.length;
      }),
      { numRuns: 50 },
    );
  });

  it('rounds percentages to one place', () => {
    expect([percentOf(1, 3), percentOf(2, 3), percentOf(0, 0)]).toEqual([33.3, 66.7, 0]);
  });
});

describe('senSupportReviewCadence', () => {
  it('lists pupils at K, behind first', () => {
    const onTrack = buildSenSupportPupil({ legalForename: 'Amy' });
    const behind = buildSenSupportPupil({ legalForename: 'Ben' });
    const noPlan = buildSenSupportPupil({ legalForename: 'Cal' });
    const plans = [
      buildSenSupportPlan({
        pupilId: onTrack.id,
        cycles: [buildApdrCycle({ parentMeetings: [{ on: d('2025-10-10'), attendees: [] }] })],
      }),
      buildSenSupportPlan({ pupilId: behind.id }),
    ];
    const result = senSupportReviewCadence({
      pupils: [onTrack, behind, noPlan, buildEhcpPupil()],
      plans,
      settings: buildSettings(),
      today: d('2026-01-05'),
    });
    expect(result.map((r) => [r.pupilName.split(' ')[0], r.status, r.held, r.hasPlan])).toEqual([
      ['Ben', 'behind', 0, true],
      ['Cal', 'behind', 0, false],
      ['Amy', 'on-track', 1, true],
    ]);
  });
});
