import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { TokenRequestError } from './app-token-provider.ts';
import { ConsentRequiredError, createDelegatedTokens } from './delegated-token-provider.ts';
import { createGraphConnection } from './graph-client.ts';
import { outlookCalendar } from './outlook-calendar.ts';

/**
 * The booking calendar through the real Graph client against the stand-in: on-behalf-of tokens from the
 * stand-in's Entra (and its refusals), Teams meetings with external invitees, transactionId making a retried
 * create one event, moves and cancellations both ways, and throttling during a booking.
 */

let app: TestApp;
let sencoUpn: string;
let teacherUpn: string;
let teacherId: string;
let tokenRequests = 0;

beforeAll(async () => {
  app = await startTestApp();
  const staff = app.local365.school.staff;
  sencoUpn = staff.find((s) => s.role === 'senco')!.upn;
  const teacher = staff.find((s) => s.role === 'teacher')!;
  teacherUpn = teacher.upn;
  teacherId = teacher.id;
});
afterAll(async () => {
  await app?.stop();
});

function tokens(scopes?: readonly string[]) {
  return createDelegatedTokens(
    {
      url: `${app.baseUrl}/local365/token`,
      clientId: app.config.clientId,
      credential: { clientSecret: app.local365.identity.demoAppCredential.clientSecret },
      fetch: (input, init) => {
        tokenRequests++;
        return fetch(input, init);
      },
    },
    scopes ? { scopes } : {},
  );
}

async function calendarAs(upn: string, delegated = tokens()) {
  const assertion = await app.userToken(upn);
  const connection = createGraphConnection({
    root: app.config.graphRoot,
    getToken: delegated.forUser(`user:${upn}`, assertion),
    retry: { maxRetries: 3, delaySeconds: 0 },
  });
  return outlookCalendar(connection);
}

const EXTERNAL = 'la.officer@county.example.gov.uk';

function draft(overrides: Partial<Parameters<ReturnType<typeof outlookCalendar>['createMeeting']>[0]> = {}) {
  return {
    subject: 'A.B. annual review',
    body: '<p>Agenda</p>',
    start: '2027-01-12T14:00',
    end: '2027-01-12T15:00',
    attendees: [
      { email: teacherUpn, name: 'Class teacher' },
      { email: EXTERNAL, name: 'LA SEN officer' },
    ],
    transactionId: randomUUID(),
    ...overrides,
  };
}

describe('delegated Graph on behalf of the signed-in SENCO', () => {
  it('exchanges the tab’s token once per user and keeps it until it nears expiry', async () => {
    const delegated = tokens();
    const calendar = await calendarAs(sencoUpn, delegated);
    const before = tokenRequests;
    const first = await calendar.createMeeting(draft());
    await calendar.readMeeting(first.id);
    await calendar.readMeeting(first.id);
    expect(tokenRequests - before).toBe(1);
  });

  it('is refused for a token that is not for SENCO Hub (a Graph token as the assertion)', async () => {
    const graphToken = await (
      await fetch(`${app.baseUrl}/local365/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ upn: sencoUpn, scope: 'https://graph.microsoft.com/.default' }),
      })
    ).json();
    const getToken = tokens().forUser('someone', (graphToken as { access_token: string }).access_token);
    const err = await getToken().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TokenRequestError);
    expect((err as Error).message).toContain('AADSTS50013');
  });

  it('says consent is missing, naming the permission, when the school has not granted it', async () => {
    const getToken = tokens(['Calendars.ReadWrite.Shared']).forUser('x', await app.userToken(sencoUpn));
    const err = await getToken().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConsentRequiredError);
    expect((err as ConsentRequiredError).scopes).toEqual(['Calendars.ReadWrite.Shared']);
  });

  it('says consent is missing from a calendar call too, not as a failed Graph request', async () => {
    // The Graph client turns an error thrown while getting the token into its own, keeping only the message;
    // a calendar given its token function gets the token first, so the booking can say what is missing.
    const getToken = tokens(['Calendars.ReadWrite.Shared']).forUser('y', await app.userToken(sencoUpn));
    const calendar = outlookCalendar(
      createGraphConnection({ root: app.config.graphRoot, getToken }),
      getToken,
    );
    const err = await calendar.readMeeting('any-event').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConsentRequiredError);
  });
});

describe('a review meeting in the SENCO’s Outlook', () => {
  it('is a Teams meeting in Europe/London time with internal and external invitees', async () => {
    const calendar = await calendarAs(sencoUpn);
    const event = await calendar.createMeeting(draft());
    expect(event.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(event.iCalUId).toBeTruthy();
    expect(event.start).toBe('2027-01-12T14:00');
    expect(event.attendees.map((a) => a.email).sort()).toEqual([EXTERNAL, teacherUpn].sort());
    // The class teacher has it in their own calendar, as Exchange delivers an invitation.
    const theirs = await app
      .userGraph(teacherUpn)
      .client.api(`/users/${teacherId}/events`)
      .filter(`iCalUId eq '${event.iCalUId}'`)
      .get();
    expect((theirs as { value: unknown[] }).value).toHaveLength(1);
  });

  it('made twice with one transactionId is one event (a double click)', async () => {
    const calendar = await calendarAs(sencoUpn);
    const request = draft();
    const [a, b] = await Promise.all([calendar.createMeeting(request), calendar.createMeeting(request)]);
    const c = await calendar.createMeeting(request);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
  });

  it('throttled with its answer lost after Outlook made it is still one event', async () => {
    const calendar = await calendarAs(sencoUpn);
    const request = draft({ start: '2027-01-13T09:00', end: '2027-01-13T10:00' });
    app.local365.faults.set({
      failure: {
        status: 429,
        count: 2,
        retryAfterSeconds: 0,
        method: 'POST',
        pathPrefix: '/me/events',
        afterApplying: true,
      },
    });
    try {
      const event = await calendar.createMeeting(request);
      expect(app.local365.faults.failedCount).toBe(2);
      const again = await calendar.createMeeting(request);
      expect(again.id).toBe(event.id);
    } finally {
      app.local365.faults.clear();
    }
  });

  it('moved and cancelled from SENCO Hub reaches Outlook; moved and cancelled in Outlook is read back', async () => {
    const calendar = await calendarAs(sencoUpn);
    const event = await calendar.createMeeting(draft());
    const moved = await calendar.updateMeeting(event.id, {
      start: '2027-01-19T10:00',
      end: '2027-01-19T11:00',
    });
    expect(moved.start).toBe('2027-01-19T10:00');
    expect(moved.joinUrl).toBe(event.joinUrl);

    // The SENCO drags it in Outlook itself (another client, same mailbox).
    await app
      .userGraph(sencoUpn)
      .client.api(`/me/events/${event.id}`)
      .patch({
        start: { dateTime: '2027-01-26T13:30:00', timeZone: 'Europe/London' },
        end: { dateTime: '2027-01-26T14:30:00', timeZone: 'Europe/London' },
      });
    expect((await calendar.readMeeting(event.id))?.start).toBe('2027-01-26T13:30');

    await calendar.cancelMeeting(event.id, 'The review is moving to next term.');
    expect(await calendar.readMeeting(event.id)).toBeUndefined();
    // Cancelling again (a retry) is not an error.
    await calendar.cancelMeeting(event.id, 'The review is moving to next term.');

    const other = await calendar.createMeeting(draft());
    await app.userGraph(sencoUpn).client.api(`/me/events/${other.id}/cancel`).post({ comment: 'Off' });
    expect(await calendar.readMeeting(other.id)).toBeUndefined();
  });

  it('finds times when the SENCO and the internal invitees are free', async () => {
    const calendar = await calendarAs(sencoUpn);
    // Fill the teacher's and the SENCO's morning of 2 February 2027 with a meeting.
    await calendar.createMeeting(
      draft({
        start: '2027-02-02T09:00',
        end: '2027-02-02T12:00',
        attendees: [{ email: teacherUpn, name: 'T' }],
      }),
    );
    const times = await calendar.findFreeTimes({
      attendees: [{ email: teacherUpn, name: 'T' }],
      slots: [{ start: '2027-02-02T08:30', end: '2027-02-02T15:30' }],
      durationMinutes: 60,
      maxCandidates: 20,
    });
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) {
      expect(t.start >= '2027-02-02T12:00' || t.end <= '2027-02-02T09:00').toBe(true);
      expect(t.start >= '2027-02-02T08:30' && t.end <= '2027-02-02T15:30').toBe(true);
    }
  });
});
