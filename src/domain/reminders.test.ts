import { describe, expect, it } from 'vitest';
import { addDays, type CalendarDate } from './calendar-date.ts';
import { remindersDue, type ReminderInput } from './reminders.ts';
import { isSchoolDay, nthSchoolDayFrom, termDatesSchema } from './school-calendar.ts';
import {
  buildApdrCycle,
  buildEhcPlan,
  buildEhcpPupil,
  buildIntervention,
  buildInterventionPupil,
  buildPassport,
  buildReview,
  buildSenSupportPlan,
  buildSenSupportPupil,
  buildSettings,
  d,
} from './testing/builders.ts';

const TERMS = [
  { from: d('2026-09-02'), to: d('2026-10-23') },
  { from: d('2026-11-02'), to: d('2026-12-18') },
  { from: d('2027-01-05'), to: d('2027-02-12') },
];
const BANK_HOLIDAYS = [d('2026-12-25'), d('2026-12-28'), d('2027-01-01')];

function inputOn(today: CalendarDate, overrides: Partial<ReminderInput> = {}): ReminderInput {
  return {
    today,
    settings: buildSettings({ termDates: TERMS }),
    bankHolidays: BANK_HOLIDAYS,
    pupils: [],
    interventions: [],
    ...overrides,
  };
}

/** Runs every day from `from` for `days` days; answers the first day each key was due. */
function firstDays(
  from: CalendarDate,
  days: number,
  base: Partial<ReminderInput>,
): Map<string, CalendarDate> {
  const first = new Map<string, CalendarDate>();
  for (let i = 0; i < days; i += 1) {
    const today = addDays(from, i);
    for (const r of remindersDue(inputOn(today, base))) if (!first.has(r.key)) first.set(r.key, today);
  }
  return first;
}

describe('school days', () => {
  const calendar = { terms: TERMS, bankHolidays: BANK_HOLIDAYS };
  it('are weekdays in a term that are not bank holidays', () => {
    expect(isSchoolDay(d('2026-12-07'), calendar)).toBe(true);
    expect(isSchoolDay(d('2026-12-12'), calendar)).toBe(false); // Saturday
    expect(isSchoolDay(d('2026-10-28'), calendar)).toBe(false); // half term
    expect(isSchoolDay(d('2026-12-21'), calendar)).toBe(false); // Christmas holidays
    expect(isSchoolDay(d('2026-12-25'), { terms: [], bankHolidays: BANK_HOLIDAYS })).toBe(false);
    expect(isSchoolDay(d('2026-12-24'), { terms: [], bankHolidays: BANK_HOLIDAYS })).toBe(true);
  });
  it('are counted across holidays', () => {
    expect(nthSchoolDayFrom(d('2026-12-17'), 3, calendar)).toBe('2027-01-05');
  });
  it('term dates refuse an end before the start, and overlaps, naming the field', () => {
    const backwards = termDatesSchema.safeParse([{ from: '2026-12-18', to: '2026-11-02' }]);
    expect(backwards.error?.issues[0]).toMatchObject({
      path: [0, 'to'],
      message: 'Term end cannot be before the term start',
    });
    const overlap = termDatesSchema.safeParse([
      { from: '2026-09-02', to: '2026-10-23' },
      { from: '2026-10-20', to: '2026-12-18' },
    ]);
    expect(overlap.error?.issues[0]?.message).toMatch(/overlap/);
  });
});

describe('the weekly digest', () => {
  it('goes on the chosen weekday, on the next school day when that is a bank holiday, never in holidays', () => {
    const settings = buildSettings({ termDates: TERMS, reminders: { digestWeekday: 1 } });
    const days = firstDays(d('2026-11-30'), 42, { settings });
    const digests = [...days].filter(([k]) => k.startsWith('weekly-digest')).map(([, day]) => day);
    // 30 Nov, 7 Dec, 14 Dec; none in the holidays; 28 Dec is a bank holiday in the holidays anyway; 5 Jan (Tue, term starts).
    expect(digests).toEqual(['2026-11-30', '2026-12-07', '2026-12-14', '2027-01-05']);
  });
  it('counts what is overdue and due this week, by what is to be done', () => {
    const pupil = buildSenSupportPupil({ id: 'p1' });
    const [digest] = remindersDue(
      inputOn(d('2026-12-07'), {
        pupils: [{ pupil, passport: buildPassport({ pupilId: 'p1', reviewDueOn: d('2026-12-01') }) }],
      }),
    );
    expect(digest?.kind).toBe('weekly-digest');
    expect(digest?.digest).toEqual({
      overdue: 1,
      dueThisWeek: 0,
      byKind: [{ label: 'passport reviews', count: 1 }],
    });
  });
});

describe('nudges', () => {
  it('a passport review is nudged a week before it is due, once, with a stable key', () => {
    const pupil = buildSenSupportPupil({ id: 'p1', legalForename: 'Amelia', legalSurname: 'Stone' });
    const days = firstDays(d('2026-11-23'), 30, {
      pupils: [{ pupil, passport: buildPassport({ pupilId: 'p1', reviewDueOn: d('2026-12-14') }) }],
    });
    expect(days.get('passport-review|p1|2026-12-14')).toBe('2026-12-07');
  });

  it('a nudge whose day falls in a holiday goes on the first school day after; a long-missed one is left to the digest', () => {
    const pupil = buildSenSupportPupil({ id: 'p1' });
    const onFirstDay = remindersDue(
      inputOn(d('2027-01-05'), {
        pupils: [{ pupil, passport: buildPassport({ pupilId: 'p1', reviewDueOn: d('2027-01-04') }) }],
      }),
    );
    expect(onFirstDay.map((r) => r.key)).toContain('passport-review|p1|2027-01-04');
    const weeksLater = remindersDue(
      inputOn(d('2027-02-01'), {
        pupils: [{ pupil, passport: buildPassport({ pupilId: 'p1', reviewDueOn: d('2027-01-04') }) }],
      }),
    );
    expect(weeksLater.map((r) => r.kind)).toEqual(['weekly-digest']);
  });

  it('a plan with no meeting booked: book now when the review window opens', () => {
    const pupil = buildEhcpPupil({ id: 'p2', dateOfBirth: d('2017-01-10') });
    const plan = buildEhcPlan({ pupilId: 'p2', issuedOn: d('2026-03-10') });
    const days = firstDays(d('2026-11-02'), 60, { pupils: [{ pupil, ehcPlan: plan }] });
    // Due by 9 March 2027; latest meeting 9 February; advice 6 weeks before that, plus two weeks to book.
    expect(days.get('book-review|p2|2027-02-09')).toBe('2026-12-15');
    expect([...days.keys()].filter((k) => k.includes('|p2|'))).toEqual(['book-review|p2|2027-02-09']);
  });

  it('a booked review: advice, invitations, report to the LA, then the LA decision and amended plan when late', () => {
    const pupil = buildEhcpPupil({ id: 'p3', dateOfBirth: d('2017-01-10') });
    const booked = buildEhcPlan({
      pupilId: 'p3',
      issuedOn: d('2026-03-10'),
      reviews: [buildReview({ meetingOn: d('2027-01-26') })],
    });
    const before = firstDays(d('2026-12-01'), 60, { pupils: [{ pupil, ehcPlan: booked }] });
    expect(before.get('advice|p3|2026-12-15')).toBe('2026-12-08');
    expect(before.get('invitations|p3|2027-01-12')).toBe('2027-01-05');
    expect(before.get('advice|p3|2027-01-12')).toBe('2027-01-05');
    expect(before.has('book-review|p3|2027-02-09')).toBe(false);

    const held = buildEhcPlan({
      ...booked,
      reviews: [
        buildReview({ meetingOn: d('2027-01-26'), heldOn: d('2027-01-26'), recommendation: 'amend' }),
      ],
    });
    const after = firstDays(d('2027-01-26'), 18, { pupils: [{ pupil, ehcPlan: held }] });
    expect(after.get('report-to-la|p3|2027-02-09')).toBe('2027-02-04');
    const decisionLate = firstDays(d('2027-02-20'), 20, {
      pupils: [{ pupil, ehcPlan: held }],
      settings: buildSettings({ termDates: [...TERMS, { from: d('2027-02-22'), to: d('2027-03-26') }] }),
    });
    expect(decisionLate.get('la-decision-overdue|p3|2027-02-23')).toBe('2027-02-24');
  });

  it('SEN support reviews two weeks ahead; interventions ending a week ahead when exit data is missing', () => {
    const pupil = buildSenSupportPupil({ id: 'p4' });
    const plan = buildSenSupportPlan({
      pupilId: 'p4',
      cycles: [buildApdrCycle({ reviewOn: d('2026-12-18') })],
    });
    const intervention = buildIntervention({
      id: 'int-1',
      endOn: d('2026-12-11'),
      pupils: [buildInterventionPupil({ pupilId: 'p4' }), buildInterventionPupil({ exitMeasure: 12 })],
    });
    const days = firstDays(d('2026-11-23'), 30, {
      pupils: [{ pupil, senSupportPlan: plan }],
      interventions: [intervention],
    });
    expect(days.get('sen-support-review|p4|2026-12-18')).toBe('2026-12-04');
    expect(days.get('intervention-ending|int-1|2026-12-11')).toBe('2026-12-04');
    const done = buildIntervention({ ...intervention, pupils: [buildInterventionPupil({ exitMeasure: 3 })] });
    expect(
      firstDays(d('2026-11-23'), 30, { interventions: [done] }).has('intervention-ending|int-1|2026-12-11'),
    ).toBe(false);
  });

  it('census day two weeks ahead, only with data problems', () => {
    // Spring census 2027: Thursday 21 January. A pupil on K without a primary need is an error.
    const broken = buildSenSupportPupil({ id: 'p5', needs: [] });
    const days = firstDays(d('2027-01-05'), 10, { pupils: [{ pupil: broken }] });
    expect(days.get('census|school|2027-01-21')).toBe('2027-01-07');
    const fine = firstDays(d('2027-01-05'), 10, { pupils: [{ pupil: buildSenSupportPupil({ id: 'p6' }) }] });
    expect([...fine.keys()].some((k) => k.startsWith('census'))).toBe(false);
  });

  it('nothing on a non-school day; nothing for pupils without SEN; no completed step', () => {
    const pupil = buildSenSupportPupil({ id: 'p1' });
    const passport = buildPassport({ pupilId: 'p1', reviewDueOn: d('2026-12-14') });
    expect(remindersDue(inputOn(d('2026-12-12'), { pupils: [{ pupil, passport }] }))).toEqual([]);
    const noSen = { ...pupil, senProvision: [] };
    expect(
      remindersDue(inputOn(d('2026-12-08'), { pupils: [{ pupil: noSen, passport }] })).map((r) => r.kind),
    ).toEqual(['weekly-digest']);
  });
});
