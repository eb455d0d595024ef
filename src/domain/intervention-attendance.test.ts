import { describe, expect, it } from 'vitest';
import {
  sameSessionAccount,
  attendancePercent,
  pupilAttendance,
  wasInInterventionOn,
  type SessionAttendance,
} from './intervention-attendance.ts';
import { interventionCostLine, interventionImpact } from './provision-analytics.ts';
import { buildIntervention, buildInterventionPupil, d } from './testing/builders.ts';

const session = (date: string, attended: string[], absent: string[] = []): SessionAttendance => ({
  date: d(date),
  attendedPupilIds: attended,
  absentPupilIds: absent,
});

// A week of three sessions: Amy at all three, Ben absent once, Cal absent twice.
const week = [
  session('2026-11-30', ['amy', 'ben', 'cal']),
  session('2026-12-01', ['amy', 'cal'], ['ben']),
  session('2026-12-02', ['amy', 'ben'], ['cal']),
];

describe('sessions offered and attended', () => {
  it('counts each pupil named in a session as offered it, and the attended ones as attending', () => {
    expect(pupilAttendance({ pupilId: 'amy' }, week)).toEqual({ sessionsAttended: 3, sessionsOffered: 3 });
    expect(pupilAttendance({ pupilId: 'ben' }, week)).toEqual({ sessionsAttended: 2, sessionsOffered: 3 });
    expect(pupilAttendance({ pupilId: 'cal' }, week)).toEqual({ sessionsAttended: 2, sessionsOffered: 3 });
  });

  it('says nothing for a pupil no session names and no count was brought in for', () => {
    expect(pupilAttendance({ pupilId: 'dan' }, week)).toEqual({});
    expect(attendancePercent(pupilAttendance({ pupilId: 'dan' }, week))).toBeUndefined();
  });

  it('adds recorded sessions to counts brought in from before', () => {
    expect(pupilAttendance({ pupilId: 'ben', sessionsAttended: 10, sessionsOffered: 12 }, week)).toEqual({
      sessionsAttended: 12,
      sessionsOffered: 15,
    });
  });

  it('does not invent an offered count from an attended count alone', () => {
    expect(pupilAttendance({ pupilId: 'ben', sessionsAttended: 10 }, week)).toEqual({ sessionsAttended: 12 });
  });

  it('a percentage to one decimal place, never over 100', () => {
    expect(attendancePercent({ sessionsAttended: 2, sessionsOffered: 3 })).toBe(66.7);
    expect(attendancePercent({ sessionsAttended: 3, sessionsOffered: 3 })).toBe(100);
    expect(attendancePercent({ sessionsAttended: 5, sessionsOffered: 3 })).toBe(100);
    expect(attendancePercent({ sessionsAttended: 0, sessionsOffered: 0 })).toBeUndefined();
  });

  it.each([
    ['2026-09-06', false, 'before the intervention started'],
    ['2026-09-07', true, 'the day it started'],
    ['2026-10-31', true, 'the day the pupil left'],
    ['2026-11-01', false, 'after the pupil left'],
  ])('a pupil could be in a session on %s: %s (%s)', (date, expected) => {
    expect(wasInInterventionOn({ leftOn: d('2026-10-31') }, d('2026-09-07'), d(date))).toBe(expected);
  });

  it('a pupil who joined late could not be in earlier sessions', () => {
    expect(wasInInterventionOn({ joinedOn: d('2026-10-05') }, d('2026-09-07'), d('2026-10-04'))).toBe(false);
    expect(wasInInterventionOn({ joinedOn: d('2026-10-05') }, d('2026-09-07'), d('2026-10-05'))).toBe(true);
  });
});

describe('cost per pupil with sessions offered and attended', () => {
  // 3 × 30 minutes a week at £20 an hour, 8 September to 12 December 2025: 14 weeks, 21 hours, £420.
  const withAttendance = (counts: [string, number, number][]) =>
    buildIntervention({
      id: 'reading',
      pupils: counts.map(([pupilId, sessionsAttended, sessionsOffered]) =>
        buildInterventionPupil({ pupilId, sessionsAttended, sessionsOffered }),
      ),
    });
  const END = d('2025-12-12');

  it('the cost over the sessions pupils attended', () => {
    // 42 sessions offered to each of three pupils; 40 + 30 + 14 = 84 attended.
    const line = interventionCostLine(
      withAttendance([
        ['a', 40, 42],
        ['b', 30, 42],
        ['c', 14, 42],
      ]),
      END,
    );
    expect(line).toMatchObject({
      cost: 420,
      costPerPupil: 140,
      sessionsOffered: 126,
      sessionsAttended: 84,
      costPerSessionAttended: 5,
    });
    expect(interventionImpact(withAttendance([['a', 40, 42]]), END).attendancePercent).toBe(95.2);
  });

  it('no attended sessions: no cost per session attended, never a division by zero', () => {
    const line = interventionCostLine(withAttendance([['a', 0, 6]]), END);
    expect(line.sessionsOffered).toBe(6);
    expect(line.costPerSessionAttended).toBeUndefined();
    expect(interventionCostLine(withAttendance([]), END).costPerPupil).toBeUndefined();
  });

  it('costed by the session: sessions delivered at the cost per session, the hourly cost unused', () => {
    const bought = buildIntervention({ costPerSession: 45, costPerHour: 0, sessionsPerWeek: 1, pupils: [] });
    // 14 weeks × 1 session × £45.
    expect(interventionCostLine(bought, END).cost).toBe(630);
    const individual = buildIntervention({
      costPerSession: 45,
      sessionsPerWeek: 1,
      delivery: 'individual',
      pupils: [buildInterventionPupil({ pupilId: 'a' }), buildInterventionPupil({ pupilId: 'b' })],
    });
    expect(interventionCostLine(individual, END).cost).toBe(1260);
  });
});

describe('two accounts of one session day', () => {
  const day = { date: d('2026-11-02'), attendedPupilIds: ['p1', 'p2'], absentPupilIds: ['p3'], note: 'Good' };

  it('agree when they name the same pupils in any order with the same note', () => {
    expect(sameSessionAccount(day, { ...day, attendedPupilIds: ['p2', 'p1'] })).toBe(true);
    expect(sameSessionAccount({ ...day, note: undefined }, { ...day, note: '' })).toBe(true);
  });

  it('differ when a pupil moves between attended and absent, or the note changes', () => {
    expect(sameSessionAccount(day, { ...day, attendedPupilIds: ['p1'], absentPupilIds: ['p2', 'p3'] })).toBe(
      false,
    );
    expect(sameSessionAccount(day, { ...day, note: 'Short session' })).toBe(false);
  });
});
