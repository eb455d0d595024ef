/**
 * Booking through the whole app against the stand-in: the server exchanges the SENCO's token on behalf of
 * them, books a Teams meeting in their own Outlook with the reg 20(2) invitees, records it (and the review's
 * meeting date), survives throttling and double clicks with one event, and keeps both sides true.
 */
import { randomUUID } from 'node:crypto';
import type { BookingProposal, MeetingAnswer, OutlookCheckAnswer } from '../../contract/bookings.ts';
import { addDays, isoWeekdayOf, type CalendarDate } from '../../domain/calendar-date.ts';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';

let app: TestApp;
let sencoToken: string;
let teacherToken: string;
let sencoId: string;
let sencoUpn: string;
let teacherUpn: string;

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const senco = app.local365.school.staff.find((s) => s.role === 'senco')!;
  const teacher = app.local365.school.staff.find((s) => s.role === 'teacher')!;
  sencoId = senco.id;
  sencoUpn = senco.upn;
  teacherUpn = teacher.upn;
  sencoToken = await app.userToken(senco.upn);
  teacherToken = await app.userToken(teacher.upn);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});
afterEach(() => app.local365.faults.clear());

async function api(method: string, path: string, body?: unknown, token = sencoToken) {
  const res = await fetch(`${app.baseUrl}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const used = new Set<string>();
/** A pupil with an open EHC plan not yet used by another test. */
function pupilWithPlan(): string {
  const records = app.running.records;
  const pupil = records.pupils().find((p) => {
    const plan = records.ehcPlan(p.id)?.value;
    return plan && !plan.ceasedOn && !used.has(p.id) && plan.coordinator.email;
  });
  if (!pupil) throw new Error('The demo school has no pupil with an EHC plan left');
  used.add(pupil.id);
  return pupil.id;
}

/** A school day at least `days` ahead. */
function schoolDayAhead(today: CalendarDate, days: number): CalendarDate {
  let day = addDays(today, days);
  while (isoWeekdayOf(day) > 5) day = addDays(day, 1);
  return day;
}

async function sencoEvents() {
  const res = (await app.userGraph(sencoUpn).client.api('/me/events').top(1000).get()) as {
    value: { id: string; subject: string; body: { content: string }; transactionId: string | null }[];
  };
  return res.value;
}

async function proposal(pupilId: string, kind = 'annual-review') {
  const res = await api('GET', `/pupils/${pupilId}/bookings/proposal?kind=${kind}`);
  expect(res.status).toBe(200);
  return res.body as unknown as BookingProposal;
}

function bookingBody(p: BookingProposal, on: CalendarDate, extra: Record<string, unknown> = {}) {
  return {
    requestId: randomUUID(),
    kind: p.kind,
    on,
    startsAt: '15:00',
    durationMinutes: 60,
    attendees: [
      ...p.invitees.filter((i) => i.email).map(({ why: _why, ...i }) => i),
      { name: 'Class teacher', role: 'class-teacher', email: teacherUpn, internal: true },
    ],
    acceptedWarnings: [],
    ...extra,
  };
}

describe('booking an annual review', () => {
  it('proposes the window and the reg 20(2) invitees from the record', async () => {
    const pupilId = pupilWithPlan();
    const p = await proposal(pupilId);
    const plan = app.running.records.ehcPlan(pupilId)!.value;
    expect(p.window).not.toBeNull();
    expect(p.window!.earliest >= addDays(p.today, 14)).toBe(true);
    expect(p.invitees).toContainEqual(
      expect.objectContaining({ role: 'la-sen-officer', email: plan.coordinator.email }),
    );
    // The head teacher comes from the directory (job title and Headteacher app role), with their email.
    const head = app.local365.school.staff.find((s) => s.role === 'headteacher')!;
    expect(p.invitees.filter((i) => i.role === 'head-teacher-or-provider')).toEqual([
      expect.objectContaining({ name: head.displayName, email: head.upn, internal: true }),
    ]);
    const emails = p.invitees.flatMap((i) => (i.email ? [i.email.toLowerCase()] : []));
    expect(new Set(emails).size).toBe(emails.length);
    expect(p.subject).toMatch(/^[A-Z]\.[A-Z]\. annual review$/);
  });

  it('books a Teams meeting in the SENCO’s Outlook, records it with the review, and a double click makes one event', async () => {
    const pupilId = pupilWithPlan();
    const p = await proposal(pupilId);
    const on = schoolDayAhead(p.today, 45);
    const check = await api('POST', `/pupils/${pupilId}/bookings/check`, { kind: 'annual-review', on });
    const accepted = (check.body['warnings'] as { code: string }[]).map((w) => w.code);
    const body = bookingBody(p, on, { acceptedWarnings: accepted });
    const [first, second] = await Promise.all([
      api('POST', `/pupils/${pupilId}/bookings`, body),
      api('POST', `/pupils/${pupilId}/bookings`, body),
    ]);
    expect([first.status, second.status].sort()).toEqual(expect.arrayContaining([201]));
    const answer = (first.status === 201 ? first : second).body as unknown as MeetingAnswer;
    expect(answer.meeting).toMatchObject({ status: 'booked', on, startsAt: '15:00', pupilIds: [pupilId] });
    expect(answer.meeting.outlook?.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(answer.meeting.outlook?.organizerUserId).toBe(sencoId);

    const events = (await sencoEvents()).filter(
      (e) => e.transactionId === `sencohub-meeting-${body.requestId}`,
    );
    expect(events).toHaveLength(1);
    const pupil = app.running.records.pupil(pupilId)!;
    for (const need of pupil.needs) expect(events[0]!.body.content).not.toContain(need.code);
    expect(events[0]!.subject).not.toContain(pupil.legalSurname);

    const plan = app.running.records.ehcPlan(pupilId)!.value;
    const review = plan.reviews.find((r) => r.id === answer.meeting.reviewId);
    expect(review?.meetingOn).toBe(on);
    expect(review?.invitees.map((i) => i.email)).toContain(teacherUpn);
  });

  it('refuses a date with warnings the SENCO has not seen, naming them', async () => {
    const pupilId = pupilWithPlan();
    const p = await proposal(pupilId);
    const body = bookingBody(p, schoolDayAhead(p.today, 2));
    const res = await api('POST', `/pupils/${pupilId}/bookings`, body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('two weeks');
    expect(app.running.records.meeting(body.requestId)).toBeUndefined();
    expect((await sencoEvents()).some((e) => e.transactionId === `sencohub-meeting-${body.requestId}`)).toBe(
      false,
    );
  });

  it('throttled during booking answers 503 with the meeting marked pending, and the retry makes one event', async () => {
    const pupilId = pupilWithPlan();
    const p = await proposal(pupilId);
    const on = schoolDayAhead(p.today, 50);
    const check = await api('POST', `/pupils/${pupilId}/bookings/check`, { kind: 'annual-review', on });
    const body = bookingBody(p, on, {
      acceptedWarnings: (check.body['warnings'] as { code: string }[]).map((w) => w.code),
    });
    // Outlook makes the event but every answer is lost until the client gives up.
    app.local365.faults.set({
      failure: {
        status: 429,
        count: 20,
        retryAfterSeconds: 0,
        method: 'POST',
        pathPrefix: '/me/events',
        afterApplying: true,
      },
    });
    const failed = await api('POST', `/pupils/${pupilId}/bookings`, body);
    expect(failed.status).toBe(503);
    expect(app.running.records.meeting(body.requestId)?.status).toBe('pending');
    app.local365.faults.clear();

    const retried = await api('POST', `/pupils/${pupilId}/bookings`, body);
    expect(retried.status).toBe(200);
    expect((retried.body as unknown as MeetingAnswer).meeting.status).toBe('booked');
    const events = (await sencoEvents()).filter(
      (e) => e.transactionId === `sencohub-meeting-${body.requestId}`,
    );
    expect(events).toHaveLength(1);
  });

  it('moves and cancels in Outlook from SENCO Hub, and notices a move and a cancellation made in Outlook', async () => {
    const pupilId = pupilWithPlan();
    const p = await proposal(pupilId);
    const on = schoolDayAhead(p.today, 40);
    const check = await api('POST', `/pupils/${pupilId}/bookings/check`, { kind: 'annual-review', on });
    const accepted = (check.body['warnings'] as { code: string }[]).map((w) => w.code);
    const booked = (
      await api('POST', `/pupils/${pupilId}/bookings`, bookingBody(p, on, { acceptedWarnings: accepted }))
    ).body as unknown as MeetingAnswer;
    const id = booked.meeting.id;
    const eventId = booked.meeting.outlook!.eventId;

    const to = schoolDayAhead(p.today, 47);
    const movedCheck = await api('POST', `/pupils/${pupilId}/bookings/check`, {
      kind: 'annual-review',
      on: to,
    });
    const moved = await api('PATCH', `/pupils/${pupilId}/bookings/${id}`, {
      on: to,
      startsAt: '09:15',
      durationMinutes: 45,
      acceptedWarnings: (movedCheck.body['warnings'] as { code: string }[]).map((w) => w.code),
    });
    expect(moved.status).toBe(200);
    const event = (await app
      .userGraph(sencoUpn)
      .client.api(`/me/events/${eventId}`)
      .header('Prefer', 'outlook.timezone="Europe/London"')
      .get()) as {
      start: { dateTime: string };
    };
    expect(event.start.dateTime.slice(0, 16)).toBe(`${to}T09:15`);

    // Nothing changed in Outlook yet: opening the pupil finds nothing to do.
    expect(
      ((await api('POST', `/pupils/${pupilId}/bookings/outlook-check`)).body as unknown as OutlookCheckAnswer)
        .changes,
    ).toEqual([]);

    // The SENCO drags it in Outlook to a date past the window: SENCO Hub notices and warns.
    const late = addDays(p.window!.latest, 7);
    await app
      .userGraph(sencoUpn)
      .client.api(`/me/events/${eventId}`)
      .patch({
        start: { dateTime: `${late}T10:00:00`, timeZone: 'Europe/London' },
        end: { dateTime: `${late}T11:00:00`, timeZone: 'Europe/London' },
      });
    const noticed = (await api('POST', `/pupils/${pupilId}/bookings/outlook-check`))
      .body as unknown as OutlookCheckAnswer;
    expect(noticed.changes).toHaveLength(1);
    expect(noticed.changes[0]).toMatchObject({ kind: 'moved', from: to, meeting: { on: late } });
    expect(noticed.changes[0]!.warnings.map((w) => w.code)).toContain('after-latest');
    const review = app.running.records
      .ehcPlan(pupilId)!
      .value.reviews.find((r) => r.id === booked.meeting.reviewId);
    expect(review?.meetingOn).toBe(late);

    const cancelled = await api('POST', `/pupils/${pupilId}/bookings/${id}/cancel`, {
      message: 'We need to rearrange: a new invitation will follow.',
    });
    expect(cancelled.status).toBe(200);
    expect((await sencoEvents()).some((e) => e.id === eventId)).toBe(false);
    // The class teacher's copy is cancelled, as the cancellation message does when it arrives.
    const copies = (await app
      .userGraph(teacherUpn)
      .client.api('/me/events')
      .filter(`iCalUId eq '${booked.meeting.outlook!.iCalUId}'`)
      .get()) as { value: { isCancelled: boolean }[] };
    expect(copies.value.map((c) => c.isCancelled)).toEqual([true]);
    expect(app.running.records.meeting(id)?.status).toBe('cancelled');

    // Another booking cancelled in Outlook itself.
    const again = (
      await api('POST', `/pupils/${pupilId}/bookings`, bookingBody(p, on, { acceptedWarnings: accepted }))
    ).body as unknown as MeetingAnswer;
    await app
      .userGraph(sencoUpn)
      .client.api(`/me/events/${again.meeting.outlook!.eventId}/cancel`)
      .post({ comment: 'Off' });
    const seen = (await api('POST', `/pupils/${pupilId}/bookings/outlook-check`))
      .body as unknown as OutlookCheckAnswer;
    expect(seen.changes).toEqual([
      expect.objectContaining({ kind: 'cancelled', meetingId: again.meeting.id }),
    ]);
    expect(app.running.records.meeting(again.meeting.id)?.status).toBe('cancelled');
  });
});

describe('a multi-agency meeting', () => {
  it('is booked through the same flow with its purpose, and says what it is for without naming the pupil', async () => {
    const pupilId = pupilWithPlan();
    const p = await proposal(pupilId, 'multi-agency');
    expect(p.window).toBeNull();
    const res = await api('POST', `/pupils/${pupilId}/bookings`, {
      ...bookingBody(p, schoolDayAhead(p.today, 10)),
      purpose: 'team-around-the-child',
      notes: 'Bring the attendance summary.',
      actions: [{ what: 'Send the early help assessment', who: 'SENCO' }],
    });
    expect(res.status).toBe(201);
    const meeting = (res.body as unknown as MeetingAnswer).meeting;
    expect(meeting).toMatchObject({
      kind: 'multi-agency',
      purpose: 'team-around-the-child',
      status: 'booked',
    });
    expect(meeting.actions).toHaveLength(1);
    const event = (await sencoEvents()).find((e) => e.id === meeting.outlook!.eventId)!;
    expect(event.subject).toMatch(/^[A-Z]\.[A-Z]\. team around the child meeting$/);
    expect(event.body.content).not.toContain('attendance summary');
  });

  it('asks what it is for', async () => {
    const pupilId = pupilWithPlan();
    const p = await proposal(pupilId, 'multi-agency');
    const res = await api('POST', `/pupils/${pupilId}/bookings`, bookingBody(p, schoolDayAhead(p.today, 10)));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('purpose');
  });
});

describe('free times', () => {
  it('are school-hours times when the SENCO and the internal invitees are free', async () => {
    const pupilId = pupilWithPlan();
    const p = await proposal(pupilId);
    const from = schoolDayAhead(p.today, 20);
    const res = await api('POST', `/pupils/${pupilId}/bookings/free-times`, {
      from,
      to: addDays(from, 6),
      durationMinutes: 60,
      attendees: [{ name: 'Class teacher', role: 'class-teacher', email: teacherUpn, internal: true }],
    });
    expect(res.status).toBe(200);
    const times = res.body['times'] as { on: string; startsAt: string; endsAt: string }[];
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) {
      expect(isoWeekdayOf(t.on as CalendarDate)).toBeLessThanOrEqual(5);
      expect(t.startsAt >= '08:30' && t.endsAt <= '16:00').toBe(true);
    }
  });
});

describe('who may book', () => {
  it('a class teacher may not: the pupil is not theirs to see', async () => {
    const pupilId = pupilWithPlan();
    const res = await api('GET', `/pupils/${pupilId}/bookings/proposal`, undefined, teacherToken);
    expect(res.status).toBe(404);
  });
});

describe('school hours', () => {
  it('warn about a meeting ending after the school day, as the settings say', async () => {
    const pupilId = pupilWithPlan();
    const p = await proposal(pupilId, 'multi-agency');
    expect(p.schoolDay).toEqual(app.running.records.settings().value.schoolDay);
    const on = schoolDayAhead(p.today, 10);
    const late = await api('POST', `/pupils/${pupilId}/bookings/check`, {
      kind: 'multi-agency',
      on,
      startsAt: '15:30',
      durationMinutes: 60,
    });
    expect(late.body['warnings']).toEqual([
      expect.objectContaining({
        code: 'outside-school-hours',
        message: expect.stringContaining('15:30 to 16:30'),
      }),
    ]);
    const inside = await api('POST', `/pupils/${pupilId}/bookings/check`, {
      kind: 'multi-agency',
      on,
      startsAt: '15:00',
      durationMinutes: 60,
    });
    expect(inside.body['warnings']).toEqual([]);
    // Booking it anyway needs the warning accepted.
    const refused = await api('POST', `/pupils/${pupilId}/bookings`, {
      ...bookingBody(p, on, { purpose: 'early-help' }),
      startsAt: '15:30',
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('outside school hours');
  });
});
