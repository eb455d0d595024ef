import { describe, expect, it } from 'vitest';
import { censusCheck } from './census-check.ts';
import type { Pupil } from './pupil.schema.ts';
import { buildEhcpPupil, buildEhcPlan, buildPupil, buildSenSupportPupil, d } from './testing/builders.ts';
import type { Upn } from './upn.ts';

const SPRING_2026 = d('2026-01-15');
const codes = (pupil: Pupil, on = SPRING_2026) =>
  censusCheck({ pupils: [pupil], on }).issues.map((i) => i.code);

describe('censusCheck', () => {
  it('passes clean N, K and E pupils', () => {
    const e = buildEhcpPupil();
    const result = censusCheck({
      pupils: [buildPupil(), buildSenSupportPupil(), e],
      plans: [buildEhcPlan({ pupilId: e.id, issuedOn: d('2023-09-01') })],
      on: SPRING_2026,
    });
    expect(result).toMatchObject({
      on: '2026-01-15',
      pupilsChecked: 3,
      issues: [],
      errorCount: 0,
      warningCount: 0,
    });
  });

  it.each([
    ['K with no primary need', buildSenSupportPupil({ needs: [] }), ['no-primary-need']],
    ['E with no primary need', buildEhcpPupil({ needs: [] }), ['no-primary-need']],
    [
      'two open provisions',
      buildPupil({
        senProvision: [
          { code: 'K', startOn: d('2024-09-01') },
          { code: 'E', startOn: d('2025-06-01') },
        ],
        needs: [{ code: 'ASD', rank: 1 }],
      }),
      ['two-open-provisions'],
    ],
    ['NSA on an EHC plan', buildEhcpPupil({ needs: [{ code: 'NSA', rank: 1 }] }), ['nsa-with-ehc-plan']],
    ['NSA on SEN support', buildSenSupportPupil({ needs: [{ code: 'NSA', rank: 1 }] }), []],
    ['needs on a pupil at N', buildPupil({ needs: [{ code: 'MLD', rank: 1 }] }), ['needs-without-sen']],
    [
      'a legacy code still open',
      buildPupil({
        senProvision: [{ code: 'S', startOn: d('2013-01-01') }],
        needs: [{ code: 'MLD', rank: 1 }],
      }),
      ['legacy-provision-open'],
    ],
    ['a temporary UPN', buildPupil({ upn: 'G80120000101A' as Upn }), ['temporary-upn']],
    ['a wrong check letter', buildPupil({ upn: 'Z801200001001' as Upn }), ['invalid-upn']],
    ['a date of birth giving no year group', buildPupil({ dateOfBirth: d('2024-01-01') }), ['no-year-group']],
  ])('%s → %j', (_what, pupil, expected) => {
    expect(codes(pupil)).toEqual(expected);
  });

  it.each([
    ['2025-01-15', ['down-syndrome-before-2025'], 'the day before the January 2025 census'],
    ['2025-01-16', [], 'the January 2025 census day'],
  ])('DS on %s → %j (%s)', (on, expected, _why) => {
    expect(codes(buildSenSupportPupil({ needs: [{ code: 'DS', rank: 1 }] }), d(on))).toEqual(expected);
  });

  it('checks provision on the census day itself, not today', () => {
    const pupil = buildPupil({
      senProvision: [{ code: 'K', startOn: d('2026-01-16') }],
      needs: [{ code: 'SPLD', rank: 1, startOn: d('2026-01-16') }],
    });
    expect(codes(pupil, d('2026-01-15'))).toEqual([]);
    expect(codes(pupil, d('2026-01-16'))).toEqual([]);
    expect(codes(buildPupil({ senProvision: [{ code: 'K', startOn: d('2026-01-15') }] }))).toEqual([
      'no-primary-need',
    ]);
  });

  it('matches provision E with EHC plans in force when plans are given', () => {
    const atE = buildEhcpPupil();
    const atK = buildSenSupportPupil();
    const result = censusCheck({
      pupils: [atE, atK],
      plans: [
        buildEhcPlan({ pupilId: atE.id, issuedOn: d('2023-09-01'), ceasedOn: d('2026-01-15') }),
        buildEhcPlan({ pupilId: atK.id, issuedOn: d('2026-01-15') }),
      ],
      on: SPRING_2026,
    });
    expect(result.issues.map((i) => [i.pupilId, i.code, i.severity])).toEqual([
      [atE.id, 'ehc-plan-not-recorded', 'warning'],
      [atK.id, 'ehc-plan-without-e', 'error'],
    ]);
  });

  it('reports each issue with the pupil, severity, message and rule', () => {
    const pupil = buildSenSupportPupil({ legalForename: 'Zoë', legalSurname: "O'Brien", needs: [] });
    const [issue] = censusCheck({ pupils: [pupil], on: SPRING_2026 }).issues;
    expect(issue).toEqual({
      pupilId: pupil.id,
      pupilName: "Zoë O'Brien",
      severity: 'error',
      code: 'no-primary-need',
      message: 'No primary need is recorded for a pupil at K',
      rule: expect.objectContaining({ id: 'census-primary-need' }),
    });
  });

  it('counts errors and warnings', () => {
    const result = censusCheck({
      pupils: [buildSenSupportPupil({ needs: [] }), buildPupil({ upn: 'G80120000101A' as Upn })],
      on: SPRING_2026,
    });
    expect([result.errorCount, result.warningCount]).toEqual([1, 1]);
  });
});
