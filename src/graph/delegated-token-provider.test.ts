import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { certificateCredential } from './app-token-provider.ts';
import {
  ConsentRequiredError,
  createDelegatedTokens,
  UnattendedTokenUnavailableError,
} from './delegated-token-provider.ts';
import { createGraphConnection } from './graph-client.ts';
import { outlookCalendar } from './outlook-calendar.ts';
import { clientAssertion, type ClientCredential } from './token-endpoint.ts';

/**
 * Tokens had without the person (the periodic Outlook check), against the stand-in's Entra, through our own
 * requests at the token endpoint: the on-behalf-of exchange (with the app's client secret, or a certificate
 * client assertion) leaves a refresh token; after the access token has run out, later tokens come from it with
 * no user request, each answer's refresh token replacing the spent one; once Entra refuses it (sessions
 * revoked, consent withdrawn) the provider says so and holds nothing. The stand-in refuses a client that
 * cannot prove itself as Entra does.
 */

let app: TestApp;
let sencoUpn: string;
let sencoId: string;
/** One clock for the server, the stand-in and the providers: moving it on makes tokens run out. */
const clock = { offset: 0 };
const now = () => new Date(Date.now() + clock.offset);
const HOURS = 3_600_000;
const GRAPH_SCOPE = 'https://graph.microsoft.com/Calendars.ReadWrite offline_access';

beforeAll(async () => {
  app = await startTestApp({}, { now });
  const senco = app.local365.school.staff.find((s) => s.role === 'senco')!;
  sencoUpn = senco.upn;
  sencoId = senco.id;
});
afterAll(async () => {
  await app?.stop();
});

const tokenUrl = () => `${app.baseUrl}/local365/token`;
const secret = (): ClientCredential => ({
  clientSecret: app.local365.identity.demoAppCredential.clientSecret,
});
const certificate = (): ClientCredential => ({
  certificate: certificateCredential(app.local365.identity.demoAppCredential.certificatePem),
});

type Sent = { grant: string; fields: URLSearchParams };

function tokensWith(credential: ClientCredential, sent: Sent[] = [], respond?: typeof fetch) {
  return createDelegatedTokens(
    {
      url: tokenUrl(),
      clientId: app.config.clientId,
      credential,
      fetch: async (input, init) => {
        const fields = new URLSearchParams(init?.body as string);
        sent.push({ grant: fields.get('grant_type') ?? '', fields });
        return (respond ?? fetch)(input, init);
      },
    },
    { now },
  );
}

const calendarWith = (getToken: () => Promise<string>) =>
  outlookCalendar(createGraphConnection({ root: app.config.graphRoot, getToken }));

async function post(fields: Record<string, string>) {
  const res = await fetch(tokenUrl(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe.each([
  ['a client secret', secret, 'client_secret'],
  ['a certificate client assertion', certificate, 'client_assertion'],
] as const)('with %s', (_name, credential, proofField) => {
  it('exchanges on behalf of the SENCO, then reads their Outlook without them after the token ran out, again and again', async () => {
    const sent: Sent[] = [];
    const tokens = tokensWith(credential(), sent);
    expect(tokens.unattended(sencoId)).toBeUndefined();

    const made = await calendarWith(tokens.forUser(sencoId, await app.userToken(sencoUpn))).createMeeting({
      subject: 'A.B. annual review',
      body: '<p>Agenda</p>',
      start: '2027-01-14T15:30',
      end: '2027-01-14T16:30',
      attendees: [],
      transactionId: `unattended-${proofField}-${Date.now()}`,
    });
    expect(sent.map((s) => s.grant)).toEqual(['urn:ietf:params:oauth:grant-type:jwt-bearer']);
    expect(sent[0]!.fields.get('scope')).toContain('offline_access');
    expect(sent[0]!.fields.get('requested_token_use')).toBe('on_behalf_of');
    expect(sent[0]!.fields.has(proofField)).toBe(true);

    // Twice over, the access token runs out with nobody signed in: each refresh spends the refresh token
    // held and keeps the new one (the stand-in's are single use, so the second would fail otherwise).
    for (const round of [1, 2]) {
      clock.offset += 2 * HOURS;
      sent.length = 0;
      const getToken = tokens.unattended(sencoId);
      expect(getToken).toBeDefined();
      const read = await calendarWith(getToken!).readMeeting(made.id);
      expect(read?.start, `round ${round}`).toBe('2027-01-14T15:30');
      expect(sent.map((s) => s.grant)).toEqual(['refresh_token']);
      expect(sent[0]!.fields.has(proofField)).toBe(true);
    }
  });
});

it('a certificate assertion is signed afresh for each request, naming the certificate by x5t#S256', async () => {
  const sent: Sent[] = [];
  const tokens = tokensWith(certificate(), sent);
  await tokens.forUser(sencoId, await app.userToken(sencoUpn))();
  clock.offset += 2 * HOURS;
  await tokens.unattended(sencoId)!();
  const [first, second] = sent.map((s) => s.fields.get('client_assertion')!);
  expect(first).not.toBe(second);
  const header = JSON.parse(Buffer.from(first!.split('.')[0]!, 'base64url').toString()) as Record<
    string,
    string
  >;
  const claims = JSON.parse(Buffer.from(first!.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  expect(header).toMatchObject({ alg: 'PS256', typ: 'JWT', 'x5t#S256': expect.any(String) });
  expect(claims).toMatchObject({ aud: tokenUrl(), iss: app.config.clientId, sub: app.config.clientId });
  expect(sent[0]!.fields.get('client_assertion_type')).toBe(
    'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  );
});

it('a refresh token is spent by its use: presented again, the stand-in refuses it', async () => {
  const obo = await post({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    client_id: app.config.clientId,
    client_secret: app.local365.identity.demoAppCredential.clientSecret,
    assertion: await app.userToken(sencoUpn),
    requested_token_use: 'on_behalf_of',
    scope: GRAPH_SCOPE,
  });
  const first = obo.body['refresh_token']!;
  const redeem = (refreshToken: string) =>
    post({
      grant_type: 'refresh_token',
      client_id: app.config.clientId,
      client_secret: app.local365.identity.demoAppCredential.clientSecret,
      refresh_token: refreshToken,
      scope: GRAPH_SCOPE,
    });
  const once = await redeem(first);
  expect(once.status).toBe(200);
  expect(once.body['refresh_token']).toEqual(expect.any(String));
  expect(once.body['refresh_token']).not.toBe(first);
  const again = await redeem(first);
  expect(again.status).toBe(400);
  expect(again.body['error']).toBe('invalid_grant');
});

it('says so, and keeps saying so without asking, once Entra refuses the refresh token (sessions revoked)', async () => {
  const sent: Sent[] = [];
  const tokens = tokensWith(secret(), sent);
  await tokens.forUser(sencoId, await app.userToken(sencoUpn))();
  app.local365.identity.refreshTokens.revokeUser(sencoId);
  clock.offset += 2 * HOURS;
  sent.length = 0;
  for (const _run of [1, 2]) {
    const err = await rejection(tokens.unattended(sencoId)!());
    expect(err).toBeInstanceOf(UnattendedTokenUnavailableError);
    expect((err as UnattendedTokenUnavailableError).reason).toBe('refused');
  }
  expect(sent.map((s) => s.grant)).toEqual(['refresh_token']);
  // The SENCO opens SENCO Hub: a new exchange, and a new refresh token that works.
  await tokens.forUser(sencoId, await app.userToken(sencoUpn))();
  clock.offset += 2 * HOURS;
  await expect(tokens.unattended(sencoId)!()).resolves.toEqual(expect.any(String));
});

it('says consent is missing, and keeps saying so, when Entra answers the refresh with AADSTS65001', async () => {
  // Entra's answer when an admin has withdrawn the app's consent since the refresh token was issued.
  const withdrawn: typeof fetch = async (input, init) => {
    if (new URLSearchParams(init?.body as string).get('grant_type') !== 'refresh_token')
      return fetch(input, init);
    return Response.json(
      {
        error: 'invalid_grant',
        error_description:
          "AADSTS65001: The user or administrator has not consented to use the application with ID 'x'.",
        suberror: 'consent_required',
      },
      { status: 400 },
    );
  };
  const tokens = tokensWith(secret(), [], withdrawn);
  await tokens.forUser(sencoId, await app.userToken(sencoUpn))();
  clock.offset += 2 * HOURS;
  expect(await rejection(tokens.unattended(sencoId)!())).toBeInstanceOf(ConsentRequiredError);
  expect(await rejection(tokens.unattended(sencoId)!())).toBeInstanceOf(ConsentRequiredError);
});

describe('the stand-in refuses a client that cannot prove itself, as Entra does', () => {
  const demoPem = () => app.local365.identity.demoAppCredential.certificatePem;
  async function onBehalfOf(proof: Record<string, string>) {
    return post({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: app.config.clientId,
      assertion: await app.userToken(sencoUpn),
      requested_token_use: 'on_behalf_of',
      scope: GRAPH_SCOPE,
      ...proof,
    });
  }
  const asAssertion = (assertion: string) => ({
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
  const signed = (
    changes: { url?: string; clientId?: string; at?: Date; key?: string; pem?: string } = {},
  ) => {
    const ours = certificateCredential(changes.pem ?? demoPem());
    return clientAssertion(
      { url: changes.url ?? tokenUrl(), clientId: changes.clientId ?? app.config.clientId },
      { thumbprintSha256: ours.thumbprintSha256, privateKey: changes.key ?? ours.privateKey },
      changes.at ?? now(),
    );
  };
  const refused = async (proof: Record<string, string>, code: string | RegExp) => {
    const answer = await onBehalfOf(proof);
    expect(answer.status).toBe(401);
    expect(answer.body['error']).toBe('invalid_client');
    expect(answer.body['error_description']).toMatch(code);
  };
  // A certificate and key of some other app: not registered on SENCO Hub's registration.
  const otherPem = readFileSync(new URL('./testing/test-certificate.pem', import.meta.url), 'utf8');

  it('accepts the genuine article, by secret and by assertion', async () => {
    expect(
      (await onBehalfOf({ client_secret: app.local365.identity.demoAppCredential.clientSecret })).status,
    ).toBe(200);
    expect((await onBehalfOf(asAssertion(signed()))).status).toBe(200);
  });

  it('no proof at all, or a wrong secret', async () => {
    await refused({}, /AADSTS7000218/);
    await refused({ client_secret: 'not-the-secret' }, /AADSTS7000215/);
  });

  it('an assertion for another audience, expired, or not yet valid', async () => {
    await refused(
      asAssertion(signed({ url: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' })),
      /AADSTS700023/,
    );
    await refused(asAssertion(signed({ at: new Date(now().getTime() - HOURS) })), /AADSTS700024/);
    await refused(asAssertion(signed({ at: new Date(now().getTime() + HOURS) })), /AADSTS700024/);
  });

  it('an assertion signed with another key, or naming a certificate not registered on the app', async () => {
    await refused(
      asAssertion(signed({ key: certificateCredential(otherPem).privateKey })),
      /AADSTS700027: Client assertion failed signature validation/,
    );
    await refused(
      asAssertion(signed({ pem: otherPem })),
      /AADSTS700027: The certificate .* is not registered/,
    );
  });

  it('an assertion issued by another client id, or presented twice', async () => {
    await refused(asAssertion(signed({ clientId: '11111111-2222-4333-8444-555555555555' })), /AADSTS700021/);
    const once = signed();
    expect((await onBehalfOf(asAssertion(once))).status).toBe(200);
    await refused(asAssertion(once), /'jti' has been used/);
  });
});
