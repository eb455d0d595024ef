import { describe, expect, it } from 'vitest';
import {
  accessArrangementIssues,
  examArrangementsNamedIn,
  form8SupportsExtraTime,
  unrecordedPassportArrangements,
} from './exam-access.ts';
import type { ExamAccessArrangement } from './exam-access.schema.ts';
import { buildExamAccessArrangement, buildPupil, d } from './testing/builders.ts';

describe('form8SupportsExtraTime', () => {
  it.each([
    [[84, 84], true, 'two below average'],
    [[84, 89], true, 'one below, one low average'],
    [[84, 90], false, '90 is average'],
    [[85, 85], false, 'two low average'],
    [[80], false, 'one score'],
    [[70, 95, 84], true, 'two of three below average'],
  ])('%j → %s (%s)', (scores, expected, _why) => expect(form8SupportsExtraTime(scores)).toBe(expected));
});

describe('accessArrangementIssues', () => {
  // Born 2012-06-01: Y8 until 31 August 2025, Y9 from 1 September 2025.
  const pupil = buildPupil({ dateOfBirth: d('2012-06-01') });
  const issues = (overrides: Partial<ExamAccessArrangement>, today = '2025-11-01') =>
    accessArrangementIssues({
      arrangement: buildExamAccessArrangement(overrides),
      pupil,
      today: d(today),
    }).map((i) => i.message);
  const form8 = (assessedOn: string, scores: number[]) => ({
    assessedOn: d(assessedOn),
    scores: scores.map((standardisedScore) => ({ test: 'Speed test', standardisedScore })),
  });

  it('is quiet for a current, evidenced arrangement', () =>
    expect(issues({ form8: form8('2025-09-15', [80, 82]) })).toEqual([]));

  it('asks for a check against this year’s JCQ regulations', () => {
    expect(
      issues({ regulationsAcademicYear: 2024, form8: form8('2025-09-15', [80, 82]) }, '2025-09-01'),
    ).toEqual(['Checked against the 2024/25 JCQ regulations: check it against 2025/26']);
    expect(
      issues({ regulationsAcademicYear: 2024, form8: form8('2025-09-15', [80, 82]) }, '2025-08-31'),
    ).toEqual([]);
  });

  it.each([
    ['2025-08-31', 1, 'Y8'],
    ['2025-09-01', 0, 'Y9'],
  ])('a Form 8 assessment on %s → %i issues (%s)', (assessedOn, count, _why) => {
    expect(issues({ form8: form8(assessedOn, [80, 82]) })).toHaveLength(count);
  });

  it('flags missing evidence, low scores, no Form 8 and expiry', () => {
    expect(issues({ normalWayOfWorkingEvidence: undefined, form8: form8('2025-09-15', [95, 99]) })).toEqual([
      'No evidence recorded that this is the candidate’s normal way of working',
      'The Form 8 scores do not reach the usual threshold for 25% extra time',
    ]);
    expect(issues({})).toEqual(['No Form 8 assessment is recorded for 25% extra time']);
    expect(issues({ arrangement: 'reader', route: 'delegated', expiresOn: d('2025-10-31') })).toEqual([
      'The approval expired on 31 October 2025',
    ]);
  });

  it('ignores withdrawn arrangements', () =>
    expect(issues({ status: 'withdrawn', normalWayOfWorkingEvidence: undefined })).toEqual([]));
});

describe('the passport’s free-text access arrangements against the records', () => {
  it('names the items that mention an exam arrangement not recorded, and keeps the rest out of it', () => {
    const items = ['25% extra time', 'Reader for tests', 'Sits near the front', 'Computer reader in English'];
    expect(unrecordedPassportArrangements({ passportItems: items, recorded: [] })).toEqual([
      '25% extra time',
      'Reader for tests',
      'Computer reader in English',
    ]);
    expect(
      unrecordedPassportArrangements({
        passportItems: items,
        recorded: [
          { arrangement: 'extra-time-25', status: 'approved' },
          { arrangement: 'reader', status: 'withdrawn' },
          { arrangement: 'computer-reader', status: 'proposed' },
        ],
      }),
    ).toEqual(['Reader for tests']);
  });

  it('reads a computer reader as that, not also as a reader', () => {
    expect(examArrangementsNamedIn('Computer reader')).toEqual(['computer-reader']);
    expect(examArrangementsNamedIn('Rest breaks and a separate room')).toEqual([
      'supervised-rest-breaks',
      'separate-room',
    ]);
  });
});
