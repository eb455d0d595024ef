import { loadDirectory } from '../directory/load-directory.ts';
import {
  EXTERNAL_PROFESSIONAL,
  appCaller,
  buildTestSchool,
  createTestContext,
  graphCall,
  ids,
  staffMember,
  userCaller,
} from '../directory/test-support.ts';
import { listCalendarActivity, registerCalendarRoutes } from './calendar-routes.ts';

const TEACHER = 's.patel@oakfield.example.org';
const TA = 'a.brooks@oakfield.example.org';

function setup() {
  const { ctx, clock } = createTestContext('2026-11-23T09:00:00Z');
  const school = buildTestSchool();
  loadDirectory(ctx, school);
  registerCalendarRoutes(ctx);
  return {
    ctx,
    clock,
    senco: userCaller(staffMember(school, ids.senco)),
    teacher: userCaller(staffMember(school, ids.willowTeacher)),
    ta: userCaller(staffMember(school, ids.willowTa)),
  };
}

type Ctx = ReturnType<typeof setup>;
type GraphEvent = {
  id: string;
  subject: string;
  isOrganizer: boolean;
  isCancelled: boolean;
  showAs: string;
  start: { dateTime: string; timeZone: string };
};

const london = (dateTime: string) => ({ dateTime, timeZone: 'Europe/London' });

function reviewMeeting(overrides: Record<string, unknown> = {}) {
  return {
    subject: 'Annual review: Ava',
    body: { contentType: 'HTML', content: '<p>Agenda</p>' },
    start: london('2026-12-01T10:00:00'),
    end: london('2026-12-01T11:00:00'),
    attendees: [
      { emailAddress: { address: TEACHER, name: 'Sam Patel' }, type: 'required' },
      { emailAddress: { address: EXTERNAL_PROFESSIONAL }, type: 'optional' },
    ],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    ...overrides,
  };
}

async function eventsOf(s: Ctx, userId: string): Promise<GraphEvent[]> {
  return (await graphCall(s.ctx, appCaller(), 'GET', `/users/${userId}/events`)).json.value as GraphEvent[];
}

describe('creating events', () => {
  it('creates a Teams meeting with an external attendee: joinUrl set, onlineMeetingUrl null, times in UTC', async () => {
    const s = setup();
    const res = await graphCall(s.ctx, s.senco, 'POST', '/me/events', { body: reviewMeeting() });
    expect(res.status).toBe(201);
    const ev = res.json as {
      onlineMeeting: { joinUrl: string };
      onlineMeetingUrl: unknown;
      start: unknown;
      body: { content: string };
      attendees: unknown;
      organizer: unknown;
    };
    expect(ev.onlineMeeting.joinUrl).toMatch(
      /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_[A-Za-z0-9+/=]+%40thread\.v2\/0\?context=%7b%22Tid%22%3a%22/,
    );
    expect(ev.onlineMeetingUrl).toBeNull();
    expect(ev).toMatchObject({
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      isOrganizer: true,
      type: 'singleInstance',
    });
    expect(ev.start).toEqual({ dateTime: '2026-12-01T10:00:00.0000000', timeZone: 'UTC' });
    expect(ev.body.content).toContain(ev.onlineMeeting.joinUrl);
    expect(ev.attendees).toEqual([
      {
        type: 'required',
        status: { response: 'none', time: '0001-01-01T00:00:00Z' },
        emailAddress: { name: 'Sam Patel', address: TEACHER },
      },
      {
        type: 'optional',
        status: { response: 'none', time: '0001-01-01T00:00:00Z' },
        emailAddress: { name: EXTERNAL_PROFESSIONAL, address: EXTERNAL_PROFESSIONAL },
      },
    ]);
    expect(ev.organizer).toEqual({
      emailAddress: { name: 'Jo Okafor', address: 'j.okafor@oakfield.example.org' },
    });
  });

  it('sends invitations and puts a tentative copy on the internal attendee’s calendar', async () => {
    const s = setup();
    const created = (await graphCall(s.ctx, s.senco, 'POST', '/me/events', { body: reviewMeeting() })).json;
    expect(listCalendarActivity(s.ctx)).toEqual([
      expect.objectContaining({
        kind: 'invitation',
        organizer: 'j.okafor@oakfield.example.org',
        subject: 'Annual review: Ava',
        recipients: [TEACHER, EXTERNAL_PROFESSIONAL],
        externalRecipients: [EXTERNAL_PROFESSIONAL],
        start: '2026-12-01T10:00:00.000Z',
        joinUrl: (created.onlineMeeting as { joinUrl: string }).joinUrl,
        at: '2026-11-23T09:00:00.000Z',
      }),
    ]);
    const copies = await eventsOf(s, ids.willowTeacher);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({
      subject: 'Annual review: Ava',
      isOrganizer: false,
      showAs: 'tentative',
    });
  });

  it('returns the same event for a retried create with the same transactionId, without a duplicate', async () => {
    const s = setup();
    const body = reviewMeeting({ transactionId: 'review-42-v1' });
    const first = await graphCall(s.ctx, s.senco, 'POST', '/me/events', { body });
    const retry = await graphCall(s.ctx, s.senco, 'POST', '/me/events', { body });
    expect(retry.status).toBe(201);
    expect(retry.json.id).toBe(first.json.id);
    expect(retry.json.transactionId).toBe('review-42-v1');
    expect(await eventsOf(s, ids.senco)).toHaveLength(1);
    expect(await eventsOf(s, ids.willowTeacher)).toHaveLength(1);
    expect(listCalendarActivity(s.ctx)).toHaveLength(1);
  });

  it('lets the app create in a named mailbox app-only, with that user as organizer', async () => {
    const s = setup();
    const res = await graphCall(s.ctx, appCaller(), 'POST', `/users/${ids.senco}/events`, {
      body: reviewMeeting(),
    });
    expect(res.status).toBe(201);
    expect(res.json.organizer).toEqual({
      emailAddress: { name: 'Jo Okafor', address: 'j.okafor@oakfield.example.org' },
    });
  });

  it('refuses another user’s mailbox to a signed-in user, and unknown properties', async () => {
    const s = setup();
    expect(
      (await graphCall(s.ctx, s.teacher, 'POST', `/users/${ids.senco}/events`, { body: reviewMeeting() }))
        .status,
    ).toBe(403);
    const typo = await graphCall(s.ctx, s.senco, 'POST', '/me/events', {
      body: reviewMeeting({ startTime: 'x' }),
    });
    expect(typo.status).toBe(400);
    expect(typo.json).toMatchObject({
      error: { message: expect.stringContaining("The property 'startTime' does not exist") as unknown },
    });
  });

  it('answers an unknown mailbox with ErrorInvalidUser and /me without a user with 400', async () => {
    const s = setup();
    const unknown = await graphCall(s.ctx, appCaller(), 'POST', '/users/nobody@oakfield.example.org/events', {
      body: reviewMeeting(),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { code: 'ErrorInvalidUser' } });
    expect((await graphCall(s.ctx, appCaller(), 'GET', '/me/events')).status).toBe(400);
  });

  it('refuses a time zone Outlook does not know', async () => {
    const s = setup();
    const res = await graphCall(s.ctx, s.senco, 'POST', '/me/events', {
      body: reviewMeeting({ start: { dateTime: '2026-12-01T10:00:00', timeZone: 'London' } }),
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'TimeZoneNotSupportedException' } });
  });
});

describe('reading events', () => {
  it('answers in UTC by default and in London time with Prefer, across the October clock change', async () => {
    const s = setup();
    await graphCall(s.ctx, s.senco, 'POST', '/me/events', {
      body: { subject: 'Before', start: london('2026-10-23T10:00:00'), end: london('2026-10-23T11:00:00') },
    });
    await graphCall(s.ctx, s.senco, 'POST', '/me/events', {
      body: { subject: 'After', start: london('2026-10-27T10:00:00'), end: london('2026-10-27T11:00:00') },
    });

    const utc = await graphCall(s.ctx, s.senco, 'GET', '/me/events?$orderby=start/dateTime');
    expect((utc.json.value as GraphEvent[]).map((e) => e.start)).toEqual([
      { dateTime: '2026-10-23T09:00:00.0000000', timeZone: 'UTC' },
      { dateTime: '2026-10-27T10:00:00.0000000', timeZone: 'UTC' },
    ]);
    expect(utc.headers).not.toHaveProperty('Preference-Applied');

    const local = await graphCall(s.ctx, s.senco, 'GET', '/me/events?$orderby=start/dateTime', {
      headers: { Prefer: 'outlook.timezone="Europe/London"' },
    });
    expect((local.json.value as GraphEvent[]).map((e) => e.start)).toEqual([
      { dateTime: '2026-10-23T10:00:00.0000000', timeZone: 'Europe/London' },
      { dateTime: '2026-10-27T10:00:00.0000000', timeZone: 'Europe/London' },
    ]);
    expect(local.headers?.['Preference-Applied']).toBe('outlook.timezone="Europe/London"');
  });

  it('filters on start, orders, pages with $skip and selects', async () => {
    const s = setup();
    for (const day of ['01', '02', '03', '04']) {
      await graphCall(s.ctx, s.senco, 'POST', '/me/events', {
        body: {
          subject: `Day ${day}`,
          start: london(`2026-12-${day}T09:00:00`),
          end: london(`2026-12-${day}T09:30:00`),
        },
      });
    }
    const first = await graphCall(
      s.ctx,
      s.senco,
      'GET',
      "/me/events?$filter=start/dateTime ge '2026-12-02T00:00:00'&$orderby=start/dateTime desc&$top=2&$select=subject",
    );
    expect(first.json.value).toEqual([
      expect.objectContaining({ subject: 'Day 04' }),
      expect.objectContaining({ subject: 'Day 03' }),
    ]);
    expect(Object.keys((first.json.value as object[])[0]!).sort()).toEqual(['@odata.etag', 'id', 'subject']);
    const next = String(first.json['@odata.nextLink']);
    expect(next).toContain('$skip=2');
    const second = await graphCall(s.ctx, s.senco, 'GET', next.replace(s.ctx.graphBaseUrl(), ''));
    expect(second.json.value).toEqual([expect.objectContaining({ subject: 'Day 02' })]);
    expect(second.json).not.toHaveProperty('@odata.nextLink');
  });

  it('pages ten at a time when no $top is given', async () => {
    const s = setup();
    for (let i = 0; i < 11; i += 1) {
      await graphCall(s.ctx, s.senco, 'POST', '/me/events', {
        body: { subject: `E${i}`, start: london('2026-12-01T09:00:00'), end: london('2026-12-01T09:30:00') },
      });
    }
    const res = await graphCall(s.ctx, s.senco, 'GET', '/me/events');
    expect(res.json.value).toHaveLength(10);
    expect(res.json['@odata.nextLink']).toContain('$skip=10');
  });
});

describe('changing and cancelling', () => {
  it('refuses cancel from an attendee with Graph’s 400', async () => {
    const s = setup();
    await graphCall(s.ctx, s.senco, 'POST', '/me/events', { body: reviewMeeting() });
    const [copy] = await eventsOf(s, ids.willowTeacher);
    const res = await graphCall(s.ctx, s.teacher, 'POST', `/me/events/${copy!.id}/cancel`, {
      body: { comment: 'Cannot make it' },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: { message: "Your request can't be completed. You need to be an organizer to cancel a meeting." },
    });
  });

  it('cancels as organizer: 202, gone from the organizer’s calendar, attendees sent a cancellation', async () => {
    const s = setup();
    const created = (await graphCall(s.ctx, s.senco, 'POST', '/me/events', { body: reviewMeeting() })).json;
    const res = await graphCall(s.ctx, s.senco, 'POST', `/me/events/${String(created.id)}/cancel`, {
      body: { comment: 'Parent asked to rearrange' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toBeUndefined();
    expect((await graphCall(s.ctx, s.senco, 'GET', `/me/events/${String(created.id)}`)).status).toBe(404);
    const [copy] = await eventsOf(s, ids.willowTeacher);
    expect(copy).toMatchObject({ isCancelled: true, subject: 'Canceled: Annual review: Ava' });
    expect(listCalendarActivity(s.ctx).at(-1)).toMatchObject({
      kind: 'cancellation',
      recipients: [TEACHER, EXTERNAL_PROFESSIONAL],
      comment: 'Parent asked to rearrange',
    });
  });

  it('deletes with 204 and, for the organizer of a meeting, sends cancellations', async () => {
    const s = setup();
    const created = (await graphCall(s.ctx, s.senco, 'POST', '/me/events', { body: reviewMeeting() })).json;
    const res = await graphCall(s.ctx, s.senco, 'DELETE', `/me/events/${String(created.id)}`);
    expect(res.status).toBe(204);
    expect(listCalendarActivity(s.ctx).map((a) => a.kind)).toEqual(['invitation', 'cancellation']);
  });

  it('moves a meeting: attendees get an update and their copy moves; a new attendee gets an invitation', async () => {
    const s = setup();
    const created = (await graphCall(s.ctx, s.senco, 'POST', '/me/events', { body: reviewMeeting() })).json;
    const res = await graphCall(s.ctx, s.senco, 'PATCH', `/me/events/${String(created.id)}`, {
      body: {
        start: london('2026-12-02T14:00:00'),
        end: london('2026-12-02T15:00:00'),
        attendees: [
          ...(reviewMeeting().attendees as object[]),
          { emailAddress: { address: TA }, type: 'required' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.start).toEqual({ dateTime: '2026-12-02T14:00:00.0000000', timeZone: 'UTC' });
    expect((res.json.onlineMeeting as { joinUrl: string }).joinUrl).toBe(
      (created.onlineMeeting as { joinUrl: string }).joinUrl,
    );
    const kinds = listCalendarActivity(s.ctx).map((a) => [a.kind, a.recipients]);
    expect(kinds).toEqual([
      ['invitation', [TEACHER, EXTERNAL_PROFESSIONAL]],
      ['invitation', [TA]],
      ['update', [TEACHER, EXTERNAL_PROFESSIONAL]],
    ]);
    expect((await eventsOf(s, ids.willowTeacher))[0]!.start.dateTime).toBe('2026-12-02T14:00:00.0000000');
    expect(await eventsOf(s, ids.willowTa)).toHaveLength(1);
  });
});

describe('getSchedule', () => {
  it('builds availabilityView from events and reports working hours; unknown addresses get an error entry', async () => {
    const s = setup();
    // The teacher's own busy lesson, and a meeting invitation (tentative) from the SENCO.
    await graphCall(s.ctx, s.teacher, 'POST', '/me/events', {
      body: { subject: 'Lesson', start: london('2026-12-01T10:00:00'), end: london('2026-12-01T11:00:00') },
    });
    await graphCall(s.ctx, s.senco, 'POST', '/me/events', {
      body: {
        subject: 'Catch-up',
        start: london('2026-12-01T13:00:00'),
        end: london('2026-12-01T13:30:00'),
        attendees: [{ emailAddress: { address: TEACHER } }],
      },
    });
    const res = await graphCall(s.ctx, s.senco, 'POST', '/me/calendar/getSchedule', {
      body: {
        schedules: [TEACHER, TA, EXTERNAL_PROFESSIONAL],
        startTime: london('2026-12-01T09:00:00'),
        endTime: london('2026-12-01T14:00:00'),
        availabilityViewInterval: 60,
      },
    });
    expect(res.status).toBe(200);
    const [teacher, ta, external] = res.json.value as { scheduleItems?: unknown[]; workingHours?: unknown }[];
    expect(teacher).toMatchObject({ scheduleId: TEACHER, availabilityView: '02001' });
    expect(teacher!.scheduleItems).toEqual([
      expect.objectContaining({
        status: 'busy',
        subject: 'Lesson',
        start: { dateTime: '2026-12-01T10:00:00.0000000', timeZone: 'UTC' },
      }),
      expect.objectContaining({ status: 'tentative', subject: 'Catch-up', isMeeting: true }),
    ]);
    expect(teacher!.workingHours).toEqual({
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '08:00:00.0000000',
      endTime: '16:30:00.0000000',
      timeZone: { name: 'GMT Standard Time' },
    });
    expect(ta).toMatchObject({ availabilityView: '00000', scheduleItems: [] });
    expect(external).toEqual({
      scheduleId: EXTERNAL_PROFESSIONAL,
      error: {
        message: `Unable to resolve e-mail address ${EXTERNAL_PROFESSIONAL} to an Active Directory object.`,
        responseCode: '5009',
      },
    });
  });

  it('splits the view into 30-minute slots by default', async () => {
    const s = setup();
    await graphCall(s.ctx, s.teacher, 'POST', '/me/events', {
      body: { subject: 'Lesson', start: london('2026-12-01T10:00:00'), end: london('2026-12-01T10:30:00') },
    });
    const res = await graphCall(s.ctx, appCaller(), 'POST', `/users/${ids.senco}/calendar/getSchedule`, {
      body: {
        schedules: [TEACHER],
        startTime: london('2026-12-01T09:00:00'),
        endTime: london('2026-12-01T11:00:00'),
      },
    });
    expect((res.json.value as { availabilityView: string }[])[0]!.availabilityView).toBe('0020');
  });
});

describe('findMeetingTimes', () => {
  const window = (day: string) => ({
    activityDomain: 'work',
    timeSlots: [{ start: london(`2026-12-${day}T08:00:00`), end: london(`2026-12-${day}T17:00:00`) }],
  });
  type Suggestion = {
    confidence: number;
    meetingTimeSlot: { start: { dateTime: string }; end: { dateTime: string } };
    attendeeAvailability: { availability: string; attendee: { emailAddress: { address: string } } }[];
  };

  it('suggests only times when attendees are free and inside everyone’s working hours', async () => {
    const s = setup();
    // Wednesday 2 December: the teacher teaches all morning; the part-time TA works 08:30–15:00.
    await graphCall(s.ctx, s.teacher, 'POST', '/me/events', {
      body: { subject: 'Teaching', start: london('2026-12-02T08:00:00'), end: london('2026-12-02T12:00:00') },
    });
    const request = (extra: Record<string, unknown>) => ({
      attendees: [
        { type: 'required', emailAddress: { address: TEACHER } },
        { type: 'required', emailAddress: { address: TA } },
      ],
      timeConstraint: window('02'),
      meetingDuration: 'PT1H',
      maxCandidates: 20,
      ...extra,
    });
    const everyone = await graphCall(s.ctx, s.senco, 'POST', '/me/findMeetingTimes', {
      body: request({ minimumAttendeePercentage: 100 }),
    });
    expect(everyone.status).toBe(200);
    expect(everyone.json.emptySuggestionsReason).toBe('');
    const slots = (everyone.json.meetingTimeSuggestions as Suggestion[]).map((m) => [
      m.meetingTimeSlot.start.dateTime.slice(11, 16),
      m.meetingTimeSlot.end.dateTime.slice(11, 16),
    ]);
    expect(slots).toEqual([
      ['12:00', '13:00'],
      ['12:30', '13:30'],
      ['13:00', '14:00'],
      ['13:30', '14:30'],
      ['14:00', '15:00'],
    ]);

    // With Graph's default minimum of 50%, times when one of the two is busy follow, ranked lower.
    const atLeastHalf = await graphCall(s.ctx, s.senco, 'POST', '/me/findMeetingTimes', {
      body: request({}),
    });
    const confidences = (atLeastHalf.json.meetingTimeSuggestions as Suggestion[]).map((m) => m.confidence);
    expect(confidences.slice(0, 5)).toEqual([100, 100, 100, 100, 100]);
    expect(new Set(confidences.slice(5))).toEqual(new Set([50]));
    const lower = (atLeastHalf.json.meetingTimeSuggestions as Suggestion[])[5]!;
    expect(lower.meetingTimeSlot.start.dateTime.slice(11, 16)).toBe('08:30');
    expect(lower.attendeeAvailability.map((a) => a.availability)).toEqual(['busy', 'free']);
  });

  it('says why when nobody can make it: the TA does not work on Thursdays', async () => {
    const s = setup();
    const res = await graphCall(s.ctx, s.senco, 'POST', '/me/findMeetingTimes', {
      body: {
        attendees: [{ type: 'required', emailAddress: { address: TA } }],
        timeConstraint: window('03'),
        meetingDuration: 'PT1H',
      },
    });
    expect(res.json).toMatchObject({
      emptySuggestionsReason: 'AttendeesUnavailable',
      meetingTimeSuggestions: [],
    });
  });

  it('reports the organizer unavailable when their own day is full', async () => {
    const s = setup();
    await graphCall(s.ctx, s.senco, 'POST', '/me/events', {
      body: {
        subject: 'Training day',
        start: london('2026-12-04T08:00:00'),
        end: london('2026-12-04T17:00:00'),
      },
    });
    const res = await graphCall(s.ctx, s.senco, 'POST', '/me/findMeetingTimes', {
      body: {
        attendees: [{ type: 'required', emailAddress: { address: TEACHER } }],
        timeConstraint: window('04'),
      },
    });
    expect(res.json.emptySuggestionsReason).toBe('OrganizerUnavailable');
  });

  it('treats an external attendee as unknown (49%), in London time when asked', async () => {
    const s = setup();
    const res = await graphCall(s.ctx, s.senco, 'POST', '/me/findMeetingTimes', {
      headers: { Prefer: 'outlook.timezone="Europe/London"' },
      body: {
        attendees: [
          { type: 'required', emailAddress: { address: TEACHER } },
          { type: 'required', emailAddress: { address: EXTERNAL_PROFESSIONAL } },
        ],
        timeConstraint: window('01'),
        meetingDuration: 'PT30M',
        maxCandidates: 1,
        returnSuggestionReasons: true,
      },
    });
    const [first] = res.json.meetingTimeSuggestions as (Suggestion & { suggestionReason: string })[];
    expect(first!.confidence).toBe(74.5);
    expect(first!.attendeeAvailability.map((a) => a.availability)).toEqual(['free', 'unknown']);
    expect(first!.meetingTimeSlot.start).toEqual({
      dateTime: '2026-12-01T08:00:00.0000000',
      timeZone: 'Europe/London',
    });
    expect(res.headers?.['Preference-Applied']).toBe('outlook.timezone="Europe/London"');
    expect(first!.suggestionReason).toMatch(/^Suggested because/);
  });

  it('is not available to app-only callers (Graph: application permissions not supported)', async () => {
    const s = setup();
    const res = await graphCall(s.ctx, appCaller(), 'POST', `/users/${ids.senco}/findMeetingTimes`, {
      body: { timeConstraint: window('01') },
    });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'ErrorAccessDenied' } });
  });
});
