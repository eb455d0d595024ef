import { describe, expect, it } from 'vitest';
import { pepCheck } from './looked-after.ts';
import { buildPupil, d } from './testing/builders.ts';

describe('pepCheck (looked-after children aged 3 to 18)', () => {
  it.each([
    ['2022-11-02', 'not-applicable', 'turns 3 tomorrow'],
    ['2022-11-01', 'missing', '3 today'],
    ['2006-11-02', 'missing', '19th birthday tomorrow: still 18'],
    ['2006-11-01', 'not-applicable', '19 today'],
  ] as const)('born %s, on 1 November 2025 → %s (%s)', (dob, status, _why) => {
    expect(pepCheck(buildPupil({ lookedAfter: true, dateOfBirth: d(dob) }), d('2025-11-01')).status).toBe(
      status,
    );
  });

  it('names the gap and the rule', () => {
    expect(
      pepCheck(buildPupil({ lookedAfter: true, dateOfBirth: d('2015-03-10') }), d('2025-11-01')),
    ).toEqual({
      status: 'missing',
      message: 'Looked after, aged 10 on 1 November 2025, with no Personal Education Plan recorded',
      rule: expect.objectContaining({ id: 'personal-education-plan' }),
    });
  });

  it('is satisfied by a recorded PEP, and ignores pupils who are not looked after', () => {
    expect(
      pepCheck(buildPupil({ lookedAfter: true, pepReviewedOn: d('2025-10-01') }), d('2025-11-01')),
    ).toEqual({
      status: 'recorded',
      reviewedOn: '2025-10-01',
    });
    expect(pepCheck(buildPupil(), d('2025-11-01')).status).toBe('not-applicable');
  });
});
