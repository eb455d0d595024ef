/**
 * The periodic Outlook check through the whole app against the stand-in: with nobody signed in it says it
 * could not check (never a silent gap); once the SENCO has used SENCO Hub, a meeting moved in their Outlook
 * is moved here after one run (review date and timeline with it, and a warning when the new date breaks a
 * rule), and one cancelled there is cancelled here with the review back to "to book".
 */
import { randomUUID } from 'node:crypto';
import type { BookingProposal, MeetingAnswer, OutlookStatusAnswer } from '../../contract/bookings.ts';
import { addDays, isoWeekdayOf, type CalendarDate } from '../../domain/calendar-date.ts';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';

let app: TestApp;
let sencoToken: string;
let sencoUpn: string;
/** One clock for the server and the stand-in: moving it on makes the SENCO's access token run out. */
let offset = 0;

beforeAll(async () => {
  app = await startTestApp({}, { now: () => new Date(Date.now() + offset) });
  await app.running.ready;
  const senco = app.local365.school.staff.find((s) => s.role === 'senco')!;
  sencoUpn = senco.upn;
  sencoToken = await app.userToken(senco.upn);
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.baseUrl}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${sencoToken}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const status = async () =>
  (await api('GET', '/bookings/outlook-status')).body as unknown as OutlookStatusAnswer;

function schoolDayAhead(today: CalendarDate, days: number): CalendarDate {
  let day = addDays(today, days);
  while (isoWeekdayOf(day) > 5) day = addDays(day, 1);
  return day;
}

/** A review booked through the API as the SENCO (the on-behalf-of exchange, as when they book in the tab). */
async function bookReview(): Promise<{
  pupilId: string;
  meeting: MeetingAnswer['meeting'];
  latest: CalendarDate;
}> {
  const records = app.running.records;
  const pupil = records.pupils().find((p) => {
    const plan = records.ehcPlan(p.id)?.value;
    return (
      plan &&
      !plan.ceasedOn &&
      plan.coordinator.email &&
      !records.meetingsFor(p.id).some((m) => m.status === 'booked' && m.kind === 'annual-review')
    );
  })!;
  const p = (await api('GET', `/pupils/${pupil.id}/bookings/proposal?kind=annual-review`))
    .body as unknown as BookingProposal;
  const on = schoolDayAhead(p.today, 30);
  const check = await api('POST', `/pupils/${pupil.id}/bookings/check`, { kind: 'annual-review', on });
  const booked = await api('POST', `/pupils/${pupil.id}/bookings`, {
    requestId: randomUUID(),
    kind: 'annual-review',
    on,
    startsAt: '14:30',
    durationMinutes: 60,
    attendees: p.invitees.filter((i) => i.email).map(({ why: _why, ...i }) => i),
    acceptedWarnings: (check.body['warnings'] as { code: string }[]).map((w) => w.code),
  });
  expect(booked.status).toBe(201);
  return {
    pupilId: pupil.id,
    meeting: (booked.body as unknown as MeetingAnswer).meeting,
    latest: p.window!.latest,
  };
}

const reviewOf = (pupilId: string, reviewId: string | undefined) =>
  app.running.records.ehcPlan(pupilId)!.value.reviews.find((r) => r.id === reviewId);

it('says Outlook has not been checked, and since when, while no token can be had for the SENCO', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    // The first run (at start) said so in the server's log; later runs finding the same say nothing.
    await app.running.outlookCheck.runOnce();
    await app.running.outlookCheck.runOnce();
    expect(warn.mock.calls.map((c) => String(c[0])).filter((l) => /could not be read/.test(l))).toEqual([]);
  } finally {
    warn.mockRestore();
  }
  const answer = await status();
  // The demo school's reviews were booked by the SENCO, who has not signed in to this server yet.
  expect(answer.organised).toBeGreaterThan(0);
  expect(answer.checkedAt).toBeNull();
  expect(answer.notCheckedSince).toEqual(expect.any(String));
  expect(answer.problem?.kind).toBe('no-token');
});

it('after one run, a meeting moved in Outlook has its new date, with a warning when it breaks a rule', async () => {
  const { pupilId, meeting, latest } = await bookReview();
  const late = schoolDayAhead(latest, 7);
  await app
    .userGraph(sencoUpn)
    .client.api(`/me/events/${meeting.outlook!.eventId}`)
    .patch({
      start: { dateTime: `${late}T14:00:00`, timeZone: 'Europe/London' },
      end: { dateTime: `${late}T15:00:00`, timeZone: 'Europe/London' },
    });

  const report = await app.running.outlookCheck.runOnce();
  const senco = report.organisers.find((o) => o.organiserUserId === meeting.outlook!.organizerUserId)!;
  expect(senco.problem).toBeUndefined();
  expect(senco.changes).toEqual([expect.objectContaining({ kind: 'moved', meetingId: meeting.id })]);

  expect(app.running.records.meeting(meeting.id)).toMatchObject({ on: late, startsAt: '14:00' });
  expect(reviewOf(pupilId, meeting.reviewId)?.meetingOn).toBe(late);
  const answer = await status();
  expect(answer.notCheckedSince).toBeNull();
  expect(answer.checkedAt).toEqual(expect.any(String));
  expect(answer.changes[0]).toMatchObject({ kind: 'moved', from: meeting.on, meeting: { on: late } });
  expect(answer.changes[0]!.warnings.map((w) => w.code)).toContain('after-latest');
});

it('after one run, a meeting cancelled in Outlook is cancelled here and its review is back to be booked', async () => {
  const { pupilId, meeting } = await bookReview();
  await app
    .userGraph(sencoUpn)
    .client.api(`/me/events/${meeting.outlook!.eventId}/cancel`)
    .post({ comment: 'Cannot make it' });

  await app.running.outlookCheck.runOnce();
  expect(app.running.records.meeting(meeting.id)?.status).toBe('cancelled');
  expect(reviewOf(pupilId, meeting.reviewId)?.meetingOn).toBeUndefined();
  expect((await status()).changes[0]).toMatchObject({ kind: 'cancelled', meetingId: meeting.id });

  // A run with nothing changed changes nothing, and reads no meeting: the calendar's delta said nothing moved.
  const quiet = await app.running.outlookCheck.runOnce();
  expect(quiet.organisers.flatMap((o) => o.changes)).toEqual([]);
  const senco = quiet.organisers.find((o) => o.organiserUserId === meeting.outlook!.organizerUserId)!;
  expect(senco.problem).toBeUndefined();
  expect(senco.checked).toBe(0);
});

it('once Entra refuses the refresh token (sessions revoked), says Outlook has not been checked since the last good run', async () => {
  await bookReview();
  await app.running.outlookCheck.runOnce();
  const good = await status();
  expect(good.notCheckedSince).toBeNull();
  expect(good.checkedAt).toEqual(expect.any(String));

  const sencoId = app.local365.school.staff.find((s) => s.role === 'senco')!.id;
  expect(app.local365.identity.refreshTokens.revokeUser(sencoId)).toBeGreaterThan(0);
  offset += 2 * 3_600_000; // the access token held has run out: only the refresh token could help
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  let report: Awaited<ReturnType<typeof app.running.outlookCheck.runOnce>>;
  try {
    report = await app.running.outlookCheck.runOnce();
    await app.running.outlookCheck.runOnce();
    // Said once in the server's log as the SENCO's calendar stops being readable, not at each run.
    const unreadable = warn.mock.calls.map((c) => String(c[0])).filter((l) => /could not be read/.test(l));
    expect(unreadable).toEqual([
      expect.stringContaining(`calendar of organiser ${sencoId} could not be read (no-token)`),
    ]);
  } finally {
    warn.mockRestore();
  }
  expect(report!.organisers.find((o) => o.organiserUserId === sencoId)?.problem?.kind).toBe('no-token');
  sencoToken = await app.userToken(sencoUpn); // the tab's token ran out with the clock too
  const answer = await status();
  expect(answer.notCheckedSince).toBe(good.checkedAt);
  expect(answer.problem).toMatchObject({
    kind: 'no-token',
    message: expect.stringContaining('sign in again'),
  });
});
