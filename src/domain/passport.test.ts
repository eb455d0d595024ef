import { describe, expect, it } from 'vitest';
import {
  nextPassportVersion,
  passportChanges,
  passportReviewDueOn,
  passportReviewStep,
  reviewedPassport,
} from './passport.ts';
import { passportSchema } from './passport.schema.ts';
import { buildPassport, buildSettings, d } from './testing/builders.ts';

const content = {
  aboutMe: 'I like trains.',
  strengths: ['Maths'],
  whatIFindHard: ['Writing at length'],
  whatHelpsMe: ['A writing frame'],
  communication: 'Check I have understood.',
  accessArrangements: ['Rest breaks'],
};

describe('passport versions', () => {
  it('starts at version 1, due review after the set interval', () => {
    const passport = nextPassportVersion({
      id: 'x',
      pupilId: 'p',
      content,
      reviewedOn: d('2025-09-10'),
      settings: buildSettings(),
    });
    expect(passport).toMatchObject({ version: 1, reviewedOn: '2025-09-10', reviewDueOn: '2026-09-10' });
    expect(passportSchema.safeParse(passport).success).toBe(true);
  });

  it('increments from the previous version and honours the setting', () => {
    const passport = nextPassportVersion({
      previous: buildPassport({ version: 3 }),
      id: 'x',
      pupilId: 'p',
      content,
      reviewedOn: d('2025-10-31'),
      settings: buildSettings({ passportReviewMonths: 4 }),
      updatedBy: 'SENCO',
    });
    expect(passport).toMatchObject({ version: 4, reviewDueOn: '2026-02-28', updatedBy: 'SENCO' });
  });

  it('marks a passport reviewed as the same version, due again by the same rule as a save', () => {
    const settings = buildSettings({ passportReviewMonths: 3 });
    const before = buildPassport({ version: 4, reviewedOn: d('2025-09-10'), reviewDueOn: d('2025-12-10') });
    const reviewed = reviewedPassport(before, d('2026-01-12'), settings);
    expect(reviewed).toEqual({ ...before, reviewedOn: '2026-01-12', reviewDueOn: '2026-04-12' });
    const saved = nextPassportVersion({
      previous: before,
      id: 'x',
      pupilId: before.pupilId,
      content,
      reviewedOn: d('2026-01-12'),
      settings,
    });
    expect(saved.reviewDueOn).toBe(reviewed.reviewDueOn);
    expect(passportReviewDueOn(d('2026-01-12'), settings)).toBe('2026-04-12');
  });

  it('lists what changed', () => {
    expect(passportChanges(content, { ...content, whatHelpsMe: ['A writing frame', 'Extra time'] })).toEqual([
      'whatHelpsMe',
    ]);
    expect(passportChanges(content, { ...content })).toEqual([]);
  });

  it('the review step is due on the review date', () => {
    const step = passportReviewStep({
      passport: buildPassport({ reviewDueOn: d('2026-09-10') }),
      settings: buildSettings(),
      today: d('2026-09-11'),
    });
    expect(step).toMatchObject({
      id: 'passport-review-by',
      status: 'overdue',
      rule: { basis: 'local-practice' },
    });
  });

  it('the schema wants the review due after the review', () => {
    const result = passportSchema.safeParse({ ...buildPassport(), reviewDueOn: '2025-09-10' });
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'Review due date must be after the reviewed date',
    ]);
  });
});
