import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentOf, registerSummary, senSupportReviewCadence } from './register-analytics.ts';
import type { Pupil } from './pupil.schema.ts';
import type { RollPupil } from './roll.ts';
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

/** The roll as the roster gives it: everyone in `pupils`, with their classes and year group. */
const rollOf = (pupils: readonly Pupil[]): RollPupil[] =>
  pupils.map((p) => ({
    upn: p.upn,
    yearGroup: p.dateOfBirth === d('2016-03-10') ? 'Y5' : 'Y6',
    classIds: p.classIds,
  }));

describe('registerSummary', () => {
  const summary = registerSummary({ pupils: roll, roll: rollOf(roll), on: ON });

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
    const empty = registerSummary({ pupils: [], roll: [], on: ON });
    expect(empty.byStatus.K).toEqual({ count: 0, percent: 0 });
    expect(empty.byYearGroup).toEqual([]);
  });

  it('N + K + E always make up the roll, and year groups sum to it (property)', () => {
    // Here the records hold every pupil and the roll lists nobody: each is counted once, from their record.
    const status = fc.constantFrom<'N' | 'K' | 'E'>('N', 'K', 'E');
    const dob = fc.constantFrom(d('2015-03-10'), d('2016-10-01'), d('2010-01-01'), d('2024-06-01'));
    fc.assert(
      fc.property(fc.array(fc.tuple(status, dob), { maxLength: 40 }), (rows) => {
        const pupils = rows.map(([code, dateOfBirth]) =>
          buildPupil({ dateOfBirth, senProvision: code === 'N' ? [] : [{ code, startOn: d('2025-01-01') }] }),
        );
        const s = registerSummary({ pupils, roll: [], on: ON });
        const byStatus = s.byStatus.N.count + s.byStatus.K.count + s.byStatus.E.count;
        const byYear = s.byYearGroup.reduce((sum, y) => sum + y.roll, 0);
        return byStatus === pupils.length && byYear === pupils.length;
      }),
      { numRuns: 50 },
    );
  });

  describe('on the whole roll, not just the SEND records', () => {
    // The SEND records hold only pupils with SEND; the roll holds everyone.
    const records = roll.filter((p) => p.senProvision.length > 0);
    const onRoll = rollOf(roll);

    it('counts pupils on roll with no SEND record as N, so percentages are of the whole roll', () => {
      const s = registerSummary({ pupils: records, roll: onRoll, on: ON });
      expect(s.roll).toBe(10);
      expect(s.notOnRoll).toBe(0);
      expect(s.byStatus).toEqual({
        N: { count: 6, percent: 60 },
        K: { count: 3, percent: 30 },
        E: { count: 1, percent: 10 },
      });
      expect(s.byYearGroup.map((y) => [y.yearGroup, y.roll, y.sen.percent])).toEqual([
        ['Y5', 4, 25],
        ['Y6', 6, 50],
      ]);
      expect(s.byClass.map((c) => [c.classId, c.roll, c.sen.count])).toEqual([
        ['5A', 4, 1],
        ['6A', 4, 2],
        ['6B', 2, 1],
      ]);
      // Shares of need stay shares of the pupils at K or E.
      expect(s.byPrimaryNeed.SPLD).toEqual({ count: 1, percent: 25 });
    });

    it('gives the same numbers whether or not the records also hold pupils at N', () => {
      const fromRecords = registerSummary({ pupils: records, roll: onRoll, on: ON });
      const fromAll = registerSummary({ pupils: roll, roll: onRoll, on: ON });
      expect(fromRecords.byStatus).toEqual(fromAll.byStatus);
      expect(fromRecords.byYearGroup).toEqual(fromAll.byYearGroup);
      expect(fromRecords.byClass).toEqual(fromAll.byClass);
    });

    it('matches the roll to the records by UPN whatever its case, and counts nobody twice', () => {
      const lower = onRoll.map((r) => ({ ...r, upn: r.upn.toLowerCase() }));
      expect(registerSummary({ pupils: records, roll: lower, on: ON }).roll).toBe(10);
    });

    it('still counts a pupil in the SEND records whom the roll does not list, and says how many', () => {
      const [left, ...rest] = records;
      const s = registerSummary({
        pupils: records,
        roll: onRoll.filter((r) => r.upn !== left?.upn),
        on: ON,
      });
      expect(s.roll).toBe(10);
      expect(s.notOnRoll).toBe(1);
      expect(s.byStatus.K.count + s.byStatus.E.count).toBe(rest.length + 1);
    });

    it('takes a pupil without a SEND record to their year group and classes on the roll', () => {
      const s = registerSummary({
        pupils: [],
        roll: [
          { upn: 'A1', yearGroup: 'R', classIds: ['robins'] },
          { upn: 'A2', yearGroup: undefined, classIds: ['robins', 'nurture'] },
        ],
        on: ON,
      });
      expect(s.byYearGroup.map((y) => [y.yearGroup, y.roll])).toEqual([
        ['R', 1],
        ['unknown', 1],
      ]);
      expect(s.byClass.map((c) => [c.classId, c.roll])).toEqual([
        ['nurture', 1],
        ['robins', 2],
      ]);
      // Each class carries the year most of its pupils are in, so classes can be listed by year.
      expect(s.byClass.map((c) => [c.classId, c.yearGroup])).toEqual([
        ['nurture', 'unknown'],
        ['robins', 'R'],
      ]);
      expect(s.byStatus.N).toEqual({ count: 2, percent: 100 });
    });

    it('places a pupil in the classes the roll gives, when the record says otherwise', () => {
      const moved = records[0]!;
      const s = registerSummary({
        pupils: [moved],
        roll: [{ upn: moved.upn, yearGroup: 'Y6', classIds: ['6B'] }],
        on: ON,
      });
      expect(s.byClass.map((c) => c.classId)).toEqual(['6B']);
    });
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

  it('puts first those who missed last year, whose plan was open all of it', () => {
    const missedLastYear = buildSenSupportPupil({ legalForename: 'Dee' });
    const startedThisYear = buildSenSupportPupil({ legalForename: 'Eve' });
    const plans = [
      buildSenSupportPlan({
        pupilId: missedLastYear.id,
        cycles: [buildApdrCycle({ startedOn: d('2024-09-10') })],
      }),
      buildSenSupportPlan({
        pupilId: startedThisYear.id,
        cycles: [buildApdrCycle({ startedOn: d('2025-09-10') })],
      }),
    ];
    const result = senSupportReviewCadence({
      pupils: [startedThisYear, missedLastYear],
      plans,
      settings: buildSettings(),
      today: d('2025-10-01'),
    });
    expect(result.map((r) => [r.pupilName.split(' ')[0], r.status, r.lastYear?.status ?? null])).toEqual([
      ['Dee', 'on-track', 'missed'],
      ['Eve', 'on-track', null],
    ]);
  });
});
