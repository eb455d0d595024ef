import { describe, expect, it } from 'vitest';
import { DEFAULT_DOMAIN_SETTINGS, domainSettingsSchema, resolveDomainSettings } from './domain-settings.ts';

describe('domain settings', () => {
  it('documents its defaults', () => {
    expect(DEFAULT_DOMAIN_SETTINGS).toEqual({
      underFiveReviewIntervalMonths: 6,
      dueSoonDays: 14,
      adviceRequestWeeksBeforeMeeting: 6,
      meetingWeeksBeforeReviewDue: 4,
      reviewAnchor: 'review-meeting',
      senSupportParentReviewsPerYear: 3,
      passportReviewMonths: 12,
      thresholdWarningPercent: 80,
      warnLookedAfterWithoutPepAlignment: true,
      school: { phase: 'primary', sixthForm: false },
      termDates: [],
      reminders: { digestWeekday: 1, postTime: '07:30' },
      // The IRMS toolkit's period for SEN files: date of birth + 25 years (retention.ts).
      retention: { years: 25, holds: [] },
      schoolDay: { starts: '08:30', ends: '16:00' },
    });
  });

  it('refuses a digest at the weekend and a time that is not one, naming the field', () => {
    expect(() => resolveDomainSettings({ reminders: { digestWeekday: 6 } })).toThrow(
      /Digest day must be Monday to Friday/,
    );
    expect(() => resolveDomainSettings({ reminders: { postTime: '7.30am' } })).toThrow(
      /Posting time must be a time like 07:30/,
    );
    expect(() =>
      resolveDomainSettings({ reminders: { channel: { teamId: 't', channelId: 'general' } } }),
    ).toThrow(/Channel is not a Teams channel id/);
  });

  it('fills in what is left out', () => {
    expect(resolveDomainSettings({ school: { phase: 'secondary', sixthForm: true } }).school).toEqual({
      phase: 'secondary',
      sixthForm: true,
    });
  });

  it('keeps the school’s name as written, and takes a blank one for no name', () => {
    expect(resolveDomainSettings({ school: { name: '  Oakfield Primary School ' } }).school.name).toBe(
      'Oakfield Primary School',
    );
    expect(resolveDomainSettings({ school: { name: ' \u200b ' } }).school.name).toBeUndefined();
    expect(resolveDomainSettings({}).school.name).toBeUndefined();
    expect(
      domainSettingsSchema.safeParse({ school: { name: 'x'.repeat(201) } }).error?.issues[0],
    ).toMatchObject({
      path: ['school', 'name'],
      message: 'School name must be at most 200 characters',
    });
  });

  it('keeps the notional SEN budget in pounds and pence, and has none until it is recorded', () => {
    expect(DEFAULT_DOMAIN_SETTINGS.notionalSenBudget).toBeUndefined();
    expect(resolveDomainSettings({ notionalSenBudget: 84_250.5 }).notionalSenBudget).toBe(84_250.5);
    expect(resolveDomainSettings({ notionalSenBudget: 0 }).notionalSenBudget).toBe(0);
  });

  it.each([
    [{ meetingWeeksBeforeReviewDue: 3 }, 'Meeting lead time (weeks) must be at least 4'],
    [{ notionalSenBudget: -1 }, 'Notional SEN budget cannot be negative'],
    [{ notionalSenBudget: '£80,000' }, 'Notional SEN budget must be a number'],
    [{ senSupportParentReviewsPerYear: 2 }, 'SEN support parent reviews a year must be at least 3'],
    [{ adviceRequestWeeksBeforeMeeting: 2 }, 'Advice request lead time (weeks) must be at least 3'],
    [{ dueSoonDays: 1.5 }, 'Due-soon window (days) must be a whole number'],
    [
      { school: { phase: 'sixth-form-college' } },
      'School phase must be one of nursery, infant, junior, primary, middle, secondary, all-through, pru',
    ],
    [
      { school: { phase: 'primary', finalYearGroup: 'Y15' } },
      'Year group must be one of N1, N2, R, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8, Y9, Y10, Y11, Y12, Y13, Y14',
    ],
  ])('rejects %j: %s', (input, message) => {
    expect(domainSettingsSchema.safeParse(input).error?.issues[0]?.message).toBe(message);
  });
});

describe('school hours', () => {
  it('default to 08:30 to 16:00', () => {
    expect(resolveDomainSettings({}).schoolDay).toEqual({ starts: '08:30', ends: '16:00' });
  });

  it.each([
    [{ starts: '08:45', ends: '15:15' }, undefined],
    [
      { starts: '08:40', ends: '16:00' },
      ['schoolDay.starts', 'School day start must be on the quarter hour'],
    ],
    [{ starts: '08:30', ends: '16:10' }, ['schoolDay.ends', 'School day end must be on the quarter hour']],
    [
      { starts: '09:00', ends: '09:00' },
      ['schoolDay.ends', 'School day end must be after its start (09:00)'],
    ],
    [{ starts: '10:00', ends: '09:45' }, ['schoolDay.ends', 'School day end must be after its start']],
    [
      { starts: '8:30', ends: '16:00' },
      ['schoolDay.starts', 'School day start must be a time such as 08:30'],
    ],
  ])('%j → %j', (schoolDay, problem) => {
    const result = domainSettingsSchema.safeParse({ schoolDay });
    if (!problem) {
      expect(result.success).toBe(true);
      return;
    }
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(problem[0]);
    expect(issue.message).toContain(problem[1]);
  });
});
