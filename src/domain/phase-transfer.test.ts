import { describe, expect, it } from 'vitest';
import type { DomainSettingsInput } from './domain-settings.ts';
import type { EhcPlan } from './ehc-plan.schema.ts';
import {
  finalYearGroupOf,
  nextPhaseTransfer,
  phaseTransferAmendedBy,
  phaseTransferMeetingBy,
  phaseTransferSteps,
  post16TransferAmendedBy,
  transferKindFrom,
} from './phase-transfer.ts';
import { buildEhcPlan, buildPupil, buildReview, buildSettings, d } from './testing/builders.ts';

const school = (input: DomainSettingsInput['school']) => buildSettings({ school: input }).school;

describe('finalYearGroupOf and transferKindFrom', () => {
  it.each([
    [{ phase: 'nursery' }, 'N2', 'early-years-to-school'],
    [{ phase: 'infant' }, 'Y2', 'infant-to-junior'],
    [{ phase: 'junior' }, 'Y6', 'primary-to-secondary'],
    [{ phase: 'primary' }, 'Y6', 'primary-to-secondary'],
    [{ phase: 'primary', finalYearGroup: 'Y4' }, 'Y4', 'primary-to-middle'],
    [{ phase: 'middle' }, 'Y8', 'middle-to-secondary'],
    [{ phase: 'secondary' }, 'Y11', 'secondary-to-post-16'],
    [{ phase: 'secondary', sixthForm: true }, 'Y13', 'secondary-to-post-16'],
    [{ phase: 'all-through' }, 'Y11', 'secondary-to-post-16'],
    [{ phase: 'pru', finalYearGroup: 'Y11' }, 'Y11', 'secondary-to-post-16'],
  ] as const)('%j ends at %s: %s', (settings, finalYear, kind) => {
    const final = finalYearGroupOf(school(settings));
    expect(final).toBe(finalYear);
    expect(final && transferKindFrom(final)).toBe(kind);
  });

  it('a PRU without a final year group detects no transfer', () => {
    expect(finalYearGroupOf(school({ phase: 'pru' }))).toBeUndefined();
  });

  it('no phase ends at Reception or Year 1', () => {
    expect(transferKindFrom('R')).toBeUndefined();
    expect(transferKindFrom('Y1')).toBeUndefined();
  });
});

describe('deadlines ("before 15 February" / "before 31 March")', () => {
  it.each([
    ['primary-to-secondary', 2026, '2026-02-14'],
    ['early-years-to-school', 2028, '2028-02-14'],
    ['secondary-to-post-16', 2026, '2026-03-30'],
  ] as const)('%s in %i: amended by %s', (kind, year, expected) => {
    expect(phaseTransferAmendedBy(kind, year)).toBe(expected);
  });

  it.each([
    ['2026-02-14', '2025-11-22', 'Tees Law: about 22-23 November'],
    ['2026-03-30', '2026-01-05', 'post-16: early January'],
  ])('amended by %s → meet by %s (%s)', (amendedBy, expected) => {
    expect(phaseTransferMeetingBy(d(amendedBy))).toBe(expected);
  });

  it.each([
    ['2026-01-15', '2025-08-15', 'an ordinary day'],
    ['2026-07-31', '2026-02-28', 'no 31 February: the end of the month is still five months before'],
    ['2028-07-31', '2028-02-29', 'into a leap February'],
  ])('post-16 to post-16 on %s: amended by %s (%s)', (transferOn, expected, _why) => {
    expect(post16TransferAmendedBy(d(transferOn))).toBe(expected);
  });
});

describe('nextPhaseTransfer from date of birth', () => {
  it('a Year 6 pupil at a primary school transfers next September', () => {
    const transfer = nextPhaseTransfer({
      pupil: buildPupil({ dateOfBirth: d('2015-03-10') }),
      school: school({ phase: 'primary' }),
      on: d('2025-10-01'),
    });
    expect(transfer).toMatchObject({
      kind: 'primary-to-secondary',
      fromYearGroup: 'Y6',
      finalAcademicYear: 2025,
      transferOn: '2026-09-01',
      windowOpensOn: '2025-09-01',
      amendedBy: '2026-02-14',
      meetingBy: '2025-11-22',
      rule: { id: 'phase-transfer', citation: 'SEND Regulations 2014, reg 18(1)(b)' },
    });
  });

  it('a Year 5 pupil transfers the year after', () => {
    const transfer = nextPhaseTransfer({
      pupil: buildPupil({ dateOfBirth: d('2016-03-10') }),
      school: school({ phase: 'primary' }),
      on: d('2025-10-01'),
    });
    expect(transfer).toMatchObject({ finalAcademicYear: 2026, amendedBy: '2027-02-14' });
  });

  it.each([
    ['2015-08-31', 'Y6', '2026-02-14'],
    ['2015-09-01', 'Y5', '2027-02-14'],
  ])('cohort boundary: born %s is %s, amended by %s', (dob, _yearGroup, amendedBy) => {
    const transfer = nextPhaseTransfer({
      pupil: buildPupil({ dateOfBirth: d(dob) }),
      school: school({ phase: 'primary' }),
      on: d('2025-10-01'),
    });
    expect(transfer?.amendedBy).toBe(amendedBy);
  });

  it('Year 11 at a secondary without a sixth form: 31 March', () => {
    const transfer = nextPhaseTransfer({
      pupil: buildPupil({ dateOfBirth: d('2010-01-15') }),
      school: school({ phase: 'secondary' }),
      on: d('2025-10-01'),
    });
    expect(transfer).toMatchObject({
      kind: 'secondary-to-post-16',
      amendedBy: '2026-03-30',
      rule: { id: 'phase-transfer-post-16' },
    });
  });

  it('Year 11 at a school with a sixth form stays on: the transfer is after Year 13', () => {
    const transfer = nextPhaseTransfer({
      pupil: buildPupil({ dateOfBirth: d('2010-01-15') }),
      school: school({ phase: 'secondary', sixthForm: true }),
      on: d('2025-10-01'),
    });
    expect(transfer?.amendedBy).toBe('2028-03-30');
  });

  it('a pupil held back a year transfers a year later', () => {
    const transfer = nextPhaseTransfer({
      pupil: buildPupil({ dateOfBirth: d('2015-03-10'), yearGroupOffset: -1 }),
      school: school({ phase: 'primary' }),
      on: d('2025-10-01'),
    });
    expect(transfer?.finalAcademicYear).toBe(2026);
  });

  it('nursery children move to school', () => {
    const transfer = nextPhaseTransfer({
      pupil: buildPupil({ dateOfBirth: d('2021-12-01') }),
      school: school({ phase: 'nursery' }),
      on: d('2025-10-01'),
    });
    expect(transfer).toMatchObject({ kind: 'early-years-to-school', amendedBy: '2026-02-14' });
  });

  it('none for a pupil already past the school’s final year', () => {
    expect(
      nextPhaseTransfer({
        pupil: buildPupil({ dateOfBirth: d('2013-03-10') }),
        school: school({ phase: 'primary' }),
        on: d('2025-10-01'),
      }),
    ).toBeUndefined();
  });
});

describe('phaseTransferSteps', () => {
  const year6 = buildPupil({ dateOfBirth: d('2015-03-10') });
  const steps = (today: string, plan: Partial<EhcPlan> = {}, settings: DomainSettingsInput = {}) =>
    phaseTransferSteps({
      plan: buildEhcPlan({ issuedOn: d('2024-06-01'), ...plan }),
      pupil: year6,
      settings: buildSettings(settings),
      today: d(today),
    });

  it.each([
    ['2025-02-13', false, 'the day before the 12 months before the deadline'],
    ['2025-02-14', true, '12 months before the deadline'],
    ['2026-08-31', true, 'the day before transfer'],
  ])('today %s → shown %s (%s)', (today, shown) => {
    expect(steps(today).length > 0).toBe(shown);
  });

  it('after the transfer there is nothing to show (the pupil has left)', () => {
    // On 1 September 2026 the pupil is in Y7, past this primary school's final year.
    expect(steps('2026-09-01')).toEqual([]);
  });

  it('shows the meeting and amendment deadlines with their rules', () => {
    expect(steps('2025-10-01').map((s) => [s.id, s.due, s.owner, s.rule.id, s.status])).toEqual([
      ['phase-transfer-meeting-by', '2025-11-22', 'school', 'phase-transfer-meeting', 'upcoming'],
      ['phase-transfer-amended-by', '2026-02-14', 'local-authority', 'phase-transfer', 'upcoming'],
    ]);
  });

  it('is done by a review in the final year and the LA’s amended plan', () => {
    const review = buildReview({
      kind: 'phase-transfer',
      meetingOn: d('2025-11-20'),
      heldOn: d('2025-11-20'),
      laDecision: { decision: 'amend', notifiedOn: d('2025-12-15') },
      finalAmendedPlanIssuedOn: d('2026-02-10'),
    });
    const result = steps('2026-02-12', { reviews: [review] });
    expect(result.map((s) => [s.id, s.status, s.completedOn, s.warnings])).toEqual([
      ['phase-transfer-meeting-by', 'done', '2025-11-20', []],
      ['phase-transfer-amended-by', 'done', '2026-02-10', []],
    ]);
  });

  it('warns when the review was held after 22 November', () => {
    const review = buildReview({
      kind: 'phase-transfer',
      meetingOn: d('2025-11-24'),
      heldOn: d('2025-11-24'),
    });
    expect(steps('2025-12-01', { reviews: [review] })[0]?.warnings[0]).toContain('less than 12 weeks remain');
  });

  it('warns when the booked review is too late for the deadline', () => {
    const review = buildReview({ kind: 'phase-transfer', meetingOn: d('2025-12-03') });
    expect(steps('2025-10-01', { reviews: [review] })[0]?.warnings[0]).toBe(
      'The review booked for 3 December 2025 is after 22 November 2025: the LA may not be able to amend the plan before the 15 February 2026 deadline',
    );
  });

  it('says a review more than 12 months before transfer does not count', () => {
    const summer = buildReview({ meetingOn: d('2025-07-01'), heldOn: d('2025-07-01') });
    const result = steps('2025-10-01', { reviews: [summer] });
    expect(result[0]?.status).toBe('upcoming');
    expect(result[0]?.warnings).toEqual([
      'The review on 1 July 2025 was more than 12 months before the transfer: another review is needed from 1 September 2025',
    ]);
  });

  it('tracks a planned post-16 to post-16 move (reg 18(2))', () => {
    const result = phaseTransferSteps({
      plan: buildEhcPlan({
        plannedPost16Transfer: { transferOn: d('2026-01-05'), institution: 'City College' },
      }),
      pupil: buildPupil({ dateOfBirth: d('2008-03-01') }),
      settings: buildSettings({ school: { phase: 'pru' } }),
      today: d('2025-07-01'),
    });
    expect(result.map((s) => [s.id, s.label, s.due, s.rule.citation, s.status])).toEqual([
      [
        'post-16-transfer-amended-by',
        'Plan amended to name City College',
        '2025-08-05',
        'SEND Regulations 2014, reg 18(2)',
        'upcoming',
      ],
    ]);
  });
});
