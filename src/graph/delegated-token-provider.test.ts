import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { createDelegatedTokens, UnattendedTokenUnavailableError } from './delegated-token-provider.ts';
import { createGraphConnection } from './graph-client.ts';
import { outlookCalendar } from './outlook-calendar.ts';

/**
 * Tokens had without the person (the periodic Outlook check), against the stand-in's Entra: the on-behalf-of
 * exchange leaves a refresh token, later tokens come from it with no user request, and once Entra refuses it
 * (sessions revoked) the provider says so and holds nothing, rather than failing quietly.
 */

let app: TestApp;
let sencoUpn: string;
let sencoId: string;
const grants: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  const senco = app.local365.school.staff.find((s) => s.role === 'senco')!;
  sencoUpn = senco.upn;
  sencoId = senco.id;
});
afterAll(async () => {
  await app?.stop();
});

function tokensAt(clock: { now: number }) {
  return createDelegatedTokens(
    {
      kind: 'local',
      tokenUrl: `${app.baseUrl}/local365/token`,
      clientId: app.config.clientId,
      fetch: async (input, init) => {
        grants.push(new URLSearchParams(init?.body as string).get('grant_type') ?? '');
        return fetch(input, init);
      },
    },
    { now: () => new Date(clock.now) },
  );
}

const calendarWith = (getToken: () => Promise<string>) =>
  outlookCalendar(createGraphConnection({ root: app.config.graphRoot, getToken }));

it('holds nothing for a person until they have used SENCO Hub, then reads their Outlook without them', async () => {
  const clock = { now: Date.now() };
  const tokens = tokensAt(clock);
  expect(tokens.unattended(sencoId)).toBeUndefined();

  const made = await calendarWith(tokens.forUser(sencoId, await app.userToken(sencoUpn))).createMeeting({
    subject: 'A.B. annual review',
    body: '<p>Agenda</p>',
    start: '2027-01-14T15:30',
    end: '2027-01-14T16:30',
    attendees: [],
    transactionId: `unattended-${Date.now()}`,
  });

  // Two hours on, the access token has run out and nobody is signed in: the refresh token gives another.
  clock.now += 2 * 3_600_000;
  grants.length = 0;
  const getToken = tokens.unattended(sencoId);
  expect(getToken).toBeDefined();
  const read = await calendarWith(getToken!).readMeeting(made.id);
  expect(read?.start).toBe('2027-01-14T15:30');
  expect(grants).toEqual(['refresh_token']);
});

it('says so, and holds nothing after, once Entra refuses the refresh token', async () => {
  const clock = { now: Date.now() };
  const tokens = tokensAt(clock);
  await tokens.forUser(sencoId, await app.userToken(sencoUpn))();
  app.local365.identity.refreshTokens.revokeUser(sencoId);
  clock.now += 2 * 3_600_000;
  const err = await tokens.unattended(sencoId)!().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnattendedTokenUnavailableError);
  expect((err as UnattendedTokenUnavailableError).reason).toBe('refused');
  expect(tokens.unattended(sencoId)).toBeUndefined();
});

it('the stand-in refuses the refresh token to another client and for another resource', async () => {
  const assertion = await app.userToken(sencoUpn);
  const post = async (fields: Record<string, string>) => {
    const res = await fetch(`${app.baseUrl}/local365/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };
  const obo = {
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    client_id: app.config.clientId,
    assertion,
    requested_token_use: 'on_behalf_of',
  };
  const without = await post({ ...obo, scope: 'https://graph.microsoft.com/Calendars.ReadWrite' });
  expect(without.body['refresh_token']).toBeUndefined();
  const withOffline = await post({
    ...obo,
    scope: 'https://graph.microsoft.com/Calendars.ReadWrite offline_access',
  });
  const refreshToken = withOffline.body['refresh_token']!;
  expect(refreshToken).toEqual(expect.any(String));

  const refresh = (fields: Record<string, string>) =>
    post({
      grant_type: 'refresh_token',
      client_id: app.config.clientId,
      refresh_token: refreshToken,
      scope: 'https://graph.microsoft.com/Calendars.ReadWrite offline_access',
      ...fields,
    });
  const otherClient = await refresh({ client_id: '00000000-0000-4000-8000-000000000bad' });
  expect(otherClient.status).toBe(400);
  expect(otherClient.body['error_description']).toContain('AADSTS70000');
  const ourApi = await refresh({ scope: `${app.config.clientId}/access_as_user` });
  expect(ourApi.status).toBe(400);
  expect(ourApi.body['error']).toBe('invalid_grant');
  const ok = await refresh({});
  expect(ok.status).toBe(200);
  expect(ok.body['refresh_token']).not.toBe(refreshToken);
  expect(ok.body['scope']).toContain('Calendars.ReadWrite');
});
