import { describe, expect, it } from 'vitest';
import { isReferralOverdue, referralAnsweredOn, referralResponseStep } from './referral.ts';
import { referralSchema, type Referral } from './referral.schema.ts';
import { d } from './testing/builders.ts';

const referral = (overrides: Partial<Referral> = {}): Referral => ({
  id: 'ref-1',
  pupilId: 'pupil-1',
  service: 'educational-psychologist',
  sentOn: d('2026-10-05'),
  question: 'Assessment of working memory and processing speed',
  responseDueOn: d('2026-11-30'),
  reports: [],
  ...overrides,
});

describe('referral responses overdue', () => {
  it.each([
    ['2026-11-29', false, 'the day before it is due'],
    ['2026-11-30', false, 'the day it is due'],
    ['2026-12-01', true, 'the day after'],
  ])('on %s overdue: %s (%s)', (today, overdue) => {
    expect(isReferralOverdue(referral(), d(today))).toBe(overdue);
  });

  it('a report received (even late) answers it', () => {
    const answered = referral({
      reports: [{ receivedOn: d('2026-12-02'), title: 'EP report' }],
    });
    expect(isReferralOverdue(answered, d('2026-12-03'))).toBe(false);
    expect(referralAnsweredOn(answered)).toBe('2026-12-02');
  });

  it('closing it answers it; the earliest of report and closing is when', () => {
    expect(isReferralOverdue(referral({ closedOn: d('2026-11-01') }), d('2026-12-03'))).toBe(false);
    expect(
      referralAnsweredOn(
        referral({ closedOn: d('2026-11-20'), reports: [{ receivedOn: d('2026-11-10'), title: 'Report' }] }),
      ),
    ).toBe('2026-11-10');
  });

  it('as a step on the due work, named by the service', () => {
    const step = referralResponseStep({
      referral: referral(),
      serviceName: 'Educational psychologist',
      settings: { dueSoonDays: 14 },
      today: d('2026-12-01'),
    });
    expect(step).toMatchObject({
      id: 'referral-response-by',
      label: 'Response to the referral to Educational psychologist',
      status: 'overdue',
      due: '2026-11-30',
    });
    expect(
      referralResponseStep({
        referral: referral(),
        serviceName: 'EP',
        settings: { dueSoonDays: 14 },
        today: d('2026-11-30'),
      }).status,
    ).toBe('due-soon');
  });
});

describe('a referral as entered', () => {
  it('names the field when the response is due before it was sent', () => {
    const result = referralSchema.safeParse({ ...referral(), responseDueOn: '2026-10-01' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['responseDueOn'],
      message: 'Response due date cannot be before the date sent',
    });
  });

  it('refuses a report received before the referral was sent, and an unknown service', () => {
    const result = referralSchema.safeParse({
      ...referral(),
      service: 'astrologer',
      reports: [{ receivedOn: '2026-09-01', title: 'Report' }],
    });
    expect(result.error?.issues.map((i) => i.message)).toContain('Service is not recognised');
    const early = referralSchema.safeParse({
      ...referral(),
      reports: [{ receivedOn: '2026-09-01', title: 'R' }],
    });
    expect(early.error?.issues[0]?.message).toBe('A report cannot be received before the referral was sent');
  });
});
