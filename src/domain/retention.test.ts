import { d } from './testing/builders.ts';
import {
  DEFAULT_RETENTION_YEARS,
  pupilRetention,
  retentionEndsOn,
  retentionReview,
  retentionSettingsSchema,
  withHold,
} from './retention.ts';

const settings = retentionSettingsSchema.parse({});
const hold = { reason: 'SEND Tribunal appeal lodged', since: d('2026-11-01'), placedBy: 'Katie Dawson' };
const left = { id: 'left', upn: 'A123456789012', dateOfBirth: d('2001-12-10') };
const onRoll = { id: 'here', upn: 'B123456789012', dateOfBirth: d('1990-01-01') };
const roll = new Set(['B123456789012']);

describe('retention of SEND records', () => {
  it('keeps them, by default, until the pupil’s date of birth + 25 years (the IRMS toolkit’s period)', () => {
    expect(settings.years).toBe(DEFAULT_RETENTION_YEARS);
    expect(DEFAULT_RETENTION_YEARS).toBe(25);
    expect(retentionEndsOn(d('2001-12-10'), 25)).toBe('2026-12-10');
    // A 29 February birthday ends on 28 February in a common year.
    expect(retentionEndsOn(d('2004-02-29'), 25)).toBe('2029-02-28');
  });

  it('makes a pupil off the roll due on the day their period ends, not before', () => {
    const on = (today: string) => pupilRetention(left, { rollUpns: roll, settings, today: d(today) }).state;
    expect(on('2026-12-09')).toBe('kept');
    expect(on('2026-12-10')).toBe('due');
  });

  it('never makes a pupil on the roll due, whatever their age, matching the roll by UPN in any case', () => {
    expect(pupilRetention(onRoll, { rollUpns: roll, settings, today: d('2026-12-03') }).state).toBe(
      'on-roll',
    );
    const lower = { ...onRoll, upn: 'b123456789012' };
    expect(pupilRetention(lower, { rollUpns: roll, settings, today: d('2026-12-03') }).state).toBe('on-roll');
  });

  it('keeps a pupil whose period is over while a legal hold stands, and deletes once it is lifted', () => {
    const held = withHold(settings, 'left', hold);
    const today = d('2027-01-01');
    expect(pupilRetention(left, { rollUpns: roll, settings: held, today })).toMatchObject({
      state: 'held',
      hold: { pupilId: 'left', reason: 'SEND Tribunal appeal lodged' },
    });
    const lifted = withHold(held, 'left', undefined);
    expect(lifted.holds).toEqual([]);
    expect(pupilRetention(left, { rollUpns: roll, settings: lifted, today }).state).toBe('due');
  });

  it('uses the school’s longer period when set (some LAs advise date of birth + 31 years for EHC plans)', () => {
    const longer = retentionSettingsSchema.parse({ years: 31 });
    expect(pupilRetention(left, { rollUpns: roll, settings: longer, today: d('2027-01-01') }).state).toBe(
      'kept',
    );
  });

  it('refuses a period shorter than the toolkit’s or not a whole number, naming the field', () => {
    expect(() => retentionSettingsSchema.parse({ years: 18 })).toThrow(
      /Retention period \(years after date of birth\) must be at least 25/,
    );
    expect(() => retentionSettingsSchema.parse({ years: 25.5 })).toThrow(/Retention period/);
  });

  it('refuses two holds for one pupil and a hold without a reason', () => {
    const twice = {
      holds: [
        { pupilId: 'x', ...hold },
        { pupilId: 'x', ...hold },
      ],
    };
    expect(() => retentionSettingsSchema.parse(twice)).toThrow(/one hold per pupil/);
    expect(() => retentionSettingsSchema.parse({ holds: [{ pupilId: 'x', ...hold, reason: '  ' }] })).toThrow(
      /Reason for the hold is required/,
    );
  });

  it('lists who is due, who is held and whose period ends within the notice window, oldest first', () => {
    const pupils = [
      left,
      onRoll,
      { id: 'soon', upn: 'C123456789012', dateOfBirth: d('2001-12-20') },
      { id: 'later', upn: 'D123456789012', dateOfBirth: d('2002-03-01') },
      { id: 'older', upn: 'E123456789012', dateOfBirth: d('1999-05-05') },
      { id: 'kept', upn: 'F123456789012', dateOfBirth: d('2000-01-01') },
    ];
    const review = retentionReview({
      pupils,
      rollUpns: roll,
      settings: withHold(settings, 'kept', hold),
      today: d('2026-12-03'),
      withinDays: 30,
    });
    expect(review.due.map((r) => r.pupilId)).toEqual(['older']);
    expect(review.held.map((r) => r.pupilId)).toEqual(['kept']);
    expect(review.upcoming.map((r) => [r.pupilId, r.endsOn])).toEqual([
      ['left', '2026-12-10'],
      ['soon', '2026-12-20'],
    ]);
  });
});
