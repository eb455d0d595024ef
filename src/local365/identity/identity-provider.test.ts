import { SignJWT, createLocalJWKSet, decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import type { StandInContext } from '../context.ts';
import { loadDirectory } from '../directory/load-directory.ts';
import { buildTestSchool, createTestContext, ids } from '../directory/test-support.ts';
import { GraphError } from '../graph/graph-error.ts';
import { GRAPH_APP_ID } from './graph-permissions.ts';
import { X509Certificate, createHash, createPrivateKey, randomUUID } from 'node:crypto';
import {
  CLIENT_ASSERTION_TYPE,
  DEMO_APP_SECRET,
  demoAppCertificatePem,
  demoAppCredentials,
} from './client-authentication.ts';
import { createIdentityProvider } from './identity-provider.ts';
import { generateSigningKeyJwks, storeSigningKey } from './signing-keys.ts';
import { TokenRequestError } from './token-types.ts';

const API_CLIENT_ID = 'c0ffee00-5e4d-4b1c-9a8b-7c6d5e4f3a2b';
const OTHER_CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const SENCO = 'j.okafor@oakfield.example.org';
const TEACHER = 's.patel@oakfield.example.org';
const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';

// RSA key generation is slow: make the two keys these tests need once.
let keys: {
  ours: Awaited<ReturnType<typeof generateSigningKeyJwks>>;
  foreign: Awaited<ReturnType<typeof generateSigningKeyJwks>>;
};
beforeAll(async () => {
  keys = { ours: await generateSigningKeyJwks(), foreign: await generateSigningKeyJwks() };
});

async function setup(options: Omit<Parameters<typeof createIdentityProvider>[1], 'apiAudience'> = {}) {
  const { ctx, clock } = createTestContext('2026-11-23T09:00:00Z');
  loadDirectory(ctx, buildTestSchool());
  await storeSigningKey(ctx.db, keys.ours, ctx.now());
  const idp = createIdentityProvider(ctx, { apiAudience: API_CLIENT_ID, ...options });
  return { ctx, clock, idp };
}

const APP_ID_URI = `api://senco-hub.oakfield.example.org/${API_CLIENT_ID}`;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

async function graphRejection(
  promise: Promise<unknown>,
): Promise<{ status: number; code: string; message: string }> {
  const err = await rejection(promise);
  expect(err).toBeInstanceOf(GraphError);
  const e = err as GraphError;
  return { status: e.status, code: e.code, message: e.message };
}

describe('issueToken', () => {
  it('issues an Entra-shaped v2 token for our API with the user’s app roles', async () => {
    const { idp } = await setup();
    const res = await idp.issueToken({ upn: SENCO });
    expect(res).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const header = decodeProtectedHeader(res.access_token);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(header.kid).toBeTruthy();
    const claims = decodeJwt(res.access_token);
    expect(claims).toMatchObject({
      aud: API_CLIENT_ID,
      iss: `http://localhost:3978/local365/identity/${buildTestSchool().tenant.id}/v2.0`,
      tid: buildTestSchool().tenant.id,
      oid: ids.senco,
      preferred_username: SENCO,
      name: 'Jo Okafor',
      scp: 'access_as_user',
      roles: ['Senco', 'SendTeam'],
      azp: API_CLIENT_ID,
      ver: '2.0',
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.nbf).toBe(claims.iat);
    expect(claims.iat).toBe(Date.parse('2026-11-23T09:00:00Z') / 1000);
    expect(typeof claims.sub).toBe('string');
    expect(typeof claims.uti).toBe('string');
  });

  it('issues v1 tokens for our API when the registration leaves accessTokenAcceptedVersion null (Entra’s default) or 1', async () => {
    for (const accessTokenAcceptedVersion of [null, 1] as const) {
      const { idp } = await setup({ accessTokenAcceptedVersion, apiIdentifierUri: APP_ID_URI });
      const tenant = buildTestSchool().tenant.id;
      // Asked for by Application ID URI (as Teams and MSAL do): aud is that URI.
      const byUri = decodeJwt(
        (await idp.issueToken({ upn: SENCO, scope: `${APP_ID_URI}/access_as_user` })).access_token,
      );
      expect(byUri).toMatchObject({
        aud: APP_ID_URI,
        iss: `http://localhost:3978/local365/sts/${tenant}/`,
        ver: '1.0',
        upn: SENCO,
        unique_name: SENCO,
        appid: API_CLIENT_ID,
        scp: 'access_as_user',
        roles: ['Senco', 'SendTeam'],
        oid: ids.senco,
      });
      expect(byUri).not.toHaveProperty('preferred_username');
      expect(byUri).not.toHaveProperty('azp');
      // Asked for by client id: aud is the client id.
      const byId = decodeJwt(
        (await idp.issueToken({ upn: SENCO, scope: `${API_CLIENT_ID}/access_as_user` })).access_token,
      );
      expect(byId).toMatchObject({ aud: API_CLIENT_ID, ver: '1.0' });
    }
  });

  it('issues v2 tokens for our API when the registration sets accessTokenAcceptedVersion 2: aud is always the client id', async () => {
    const { idp } = await setup({ accessTokenAcceptedVersion: 2, apiIdentifierUri: APP_ID_URI });
    const claims = decodeJwt(
      (await idp.issueToken({ upn: SENCO, scope: `${APP_ID_URI}/access_as_user` })).access_token,
    );
    expect(claims).toMatchObject({
      aud: API_CLIENT_ID,
      ver: '2.0',
      preferred_username: SENCO,
      azp: API_CLIENT_ID,
    });
    expect(claims.iss).toMatch(/\/v2\.0$/);
  });

  it('refuses a token for another app’s API, as Entra does for an unknown resource', async () => {
    const { idp } = await setup({ apiIdentifierUri: APP_ID_URI });
    for (const scope of [
      'api://senco-hub.oakfield.example.org/11111111-2222-4333-8444-555555555555/access_as_user',
      'api://elsewhere.example.org/' + API_CLIENT_ID + '/access_as_user',
    ]) {
      const err = (await rejection(idp.issueToken({ upn: SENCO, scope }))) as TokenRequestError;
      expect(err.error).toBe('invalid_resource');
      expect(err.description).toContain('AADSTS500011');
    }
    // Without a configured URI, only api://{host}/{our client id} is ours.
    const { idp: loose } = await setup();
    const err = (await rejection(
      loose.issueToken({
        upn: SENCO,
        scope: 'api://x.example/11111111-2222-4333-8444-555555555555/access_as_user',
      }),
    )) as TokenRequestError;
    expect(err.error).toBe('invalid_resource');
  });

  it('exchanges a v1 API token on behalf of its user too', async () => {
    const { idp } = await setup({ accessTokenAcceptedVersion: null, apiIdentifierUri: APP_ID_URI });
    const api = await idp.issueToken({ upn: SENCO, scope: `${APP_ID_URI}/access_as_user` });
    const obo = await idp.issueToken({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: api.access_token,
      scope: GRAPH_DEFAULT,
      requested_token_use: 'on_behalf_of',
      client_id: API_CLIENT_ID,
      client_secret: DEMO_APP_SECRET,
    });
    expect(decodeJwt(obo.access_token)).toMatchObject({ aud: GRAPH_APP_ID, oid: ids.senco });
  });

  it('leaves out the roles claim for a user without app roles, as Entra does', async () => {
    const { idp } = await setup();
    const claims = decodeJwt((await idp.issueToken({ upn: TEACHER })).access_token);
    expect(claims).not.toHaveProperty('roles');
  });

  it('signs with a key published in the JWKS', async () => {
    const { ctx, idp } = await setup();
    const { access_token } = await idp.issueToken({ upn: SENCO });
    const jwks = createLocalJWKSet(await idp.jwks());
    const { payload } = await jwtVerify(access_token, jwks, {
      issuer: idp.issuer,
      audience: API_CLIENT_ID,
      currentDate: ctx.now(),
    });
    expect(payload.oid).toBe(ids.senco);
  });

  it('issues a delegated Graph token with the consented scopes', async () => {
    const { idp } = await setup();
    const claims = decodeJwt((await idp.issueToken({ upn: SENCO, scope: GRAPH_DEFAULT })).access_token);
    expect(claims.aud).toBe(GRAPH_APP_ID);
    expect(String(claims.scp).split(' ')).toEqual(
      expect.arrayContaining(['Calendars.ReadWrite', 'ChannelMessage.Send', 'User.Read']),
    );
    expect(claims).not.toHaveProperty('idtyp');
  });

  it('issues an app-only Graph token with application roles and idtyp app', async () => {
    const { idp } = await setup();
    const claims = decodeJwt(
      (
        await idp.issueToken({
          grant_type: 'client_credentials',
          client_id: API_CLIENT_ID,
          scope: GRAPH_DEFAULT,
        })
      ).access_token,
    );
    expect(claims).toMatchObject({ aud: GRAPH_APP_ID, idtyp: 'app', azp: API_CLIENT_ID });
    // Exactly the registration's application permissions: nothing the app does not use
    // (https://learn.microsoft.com/graph/permissions-selected-overview, https://learn.microsoft.com/graph/api/educationclass-list-members).
    // Directory.Read.All: the bot reads who is asking and their app roles (src/graph/staff-accounts.ts).
    expect([...(claims.roles as string[])].sort()).toEqual([
      'Directory.Read.All',
      'EduRoster.Read.All',
      'Member.Read.Hidden',
      'Sites.Selected',
    ]);
    expect(claims).not.toHaveProperty('scp');
    expect(claims.oid).toBe(claims.sub);
  });

  it('refuses an unknown user, naming them', async () => {
    const { idp } = await setup();
    const err = await rejection(idp.issueToken({ upn: 'ghost@oakfield.example.org' }));
    expect(err).toBeInstanceOf(TokenRequestError);
    expect((err as TokenRequestError).error).toBe('invalid_request');
    expect((err as TokenRequestError).description).toContain('ghost@oakfield.example.org');
  });

  it('refuses client credentials without a /.default scope', async () => {
    const { idp } = await setup();
    const err = (await rejection(
      idp.issueToken({ grant_type: 'client_credentials', client_id: API_CLIENT_ID, scope: 'User.Read.All' }),
    )) as TokenRequestError;
    expect(err.description).toContain("'scope'");
  });

  it('refuses a Graph scope the school has not consented to', async () => {
    const { idp } = await setup();
    const err = (await rejection(
      idp.issueToken({ upn: SENCO, scope: 'https://graph.microsoft.com/Mail.Send' }),
    )) as TokenRequestError;
    expect(err.error).toBe('invalid_grant');
    expect(err.description).toContain('Mail.Send');
  });

  it('exchanges an API token for the same user’s Graph token on behalf of them', async () => {
    const { idp } = await setup();
    const api = await idp.issueToken({ upn: SENCO });
    const obo = await idp.issueToken({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: api.access_token,
      scope: GRAPH_DEFAULT,
      requested_token_use: 'on_behalf_of',
      client_id: API_CLIENT_ID,
      client_secret: DEMO_APP_SECRET,
    });
    expect(decodeJwt(obo.access_token)).toMatchObject({ aud: GRAPH_APP_ID, oid: ids.senco });
  });

  it('refuses on-behalf-of without requested_token_use, from another client, or for a token that is not ours', async () => {
    const { idp } = await setup();
    const api = await idp.issueToken({ upn: SENCO });
    const obo = {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: api.access_token,
      scope: GRAPH_DEFAULT,
      requested_token_use: 'on_behalf_of',
      client_id: API_CLIENT_ID,
      client_secret: DEMO_APP_SECRET,
    };
    const { requested_token_use: _omitted, ...withoutUse } = obo;
    const noUse = (await rejection(idp.issueToken(withoutUse))) as TokenRequestError;
    expect(noUse.description).toContain("'requested_token_use'");
    const wrongUse = (await rejection(
      idp.issueToken({ ...obo, requested_token_use: 'id_token' }),
    )) as TokenRequestError;
    expect(wrongUse.description).toContain("'requested_token_use'");
    // Another app of the tenant, proving itself with its own secret, presenting SENCO Hub's user token.
    const { idp: twoApps } = await setup({
      appCredentials: new Map([
        [API_CLIENT_ID, demoAppCredentials()],
        [OTHER_CLIENT_ID, { secrets: ['another-apps-secret'], certificates: [] }],
      ]),
    });
    const otherClient = (await rejection(
      twoApps.issueToken({ ...obo, client_id: OTHER_CLIENT_ID, client_secret: 'another-apps-secret' }),
    )) as TokenRequestError;
    expect(otherClient.error).toBe('invalid_grant');
    expect(otherClient.description).toContain('AADSTS50013');
    const graphToken = await idp.issueToken({ upn: SENCO, scope: GRAPH_DEFAULT });
    const notOurs = (await rejection(
      idp.issueToken({ ...obo, assertion: graphToken.access_token }),
    )) as TokenRequestError;
    expect(notOurs.description).toContain('AADSTS50013');
  });

  it('accepts an RS256 assertion naming the certificate by x5t, and refuses one once the certificate has expired', async () => {
    const { clock, idp } = await setup();
    const pem = demoAppCertificatePem();
    const certificate = new X509Certificate(pem);
    const assertionAt = async (at: Date) => {
      const iat = Math.floor(at.getTime() / 1000);
      return new SignJWT({
        aud: idp.tokenEndpoint,
        iss: API_CLIENT_ID,
        sub: API_CLIENT_ID,
        jti: randomUUID(),
      })
        .setProtectedHeader({
          alg: 'RS256',
          typ: 'JWT',
          x5t: createHash('sha1').update(certificate.raw).digest('base64url'),
        })
        .setNotBefore(iat)
        .setExpirationTime(iat + 600)
        .sign(createPrivateKey(pem));
    };
    const oboAt = async (iso: string) => {
      clock.set(iso);
      return idp.issueToken({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: (await idp.issueToken({ upn: SENCO })).access_token,
        scope: GRAPH_DEFAULT,
        requested_token_use: 'on_behalf_of',
        client_id: API_CLIENT_ID,
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: await assertionAt(new Date(iso)),
      });
    };
    const minuteAfter = (date: string) => new Date(Date.parse(date) + 60_000).toISOString();
    await expect(oboAt(minuteAfter(certificate.validFrom))).resolves.toMatchObject({ token_type: 'Bearer' });
    const expired = (await rejection(oboAt(minuteAfter(certificate.validTo)))) as TokenRequestError;
    expect(expired.error).toBe('invalid_client');
    expect(expired.description).toMatch(
      /AADSTS700027: The certificate used to sign the client assertion expired/,
    );
  });

  it('keeps its signing key in the database, so tokens survive a restart', async () => {
    const { ctx, idp } = await setup();
    const { access_token } = await idp.issueToken({ upn: SENCO, scope: GRAPH_DEFAULT });
    const restarted = createIdentityProvider(ctx, { apiAudience: API_CLIENT_ID });
    await expect(restarted.authenticateGraph(`Bearer ${access_token}`)).resolves.toMatchObject({
      kind: 'user',
      userId: ids.senco,
    });
  });
});

describe('authenticateGraph', () => {
  it('turns a delegated Graph token into a user caller', async () => {
    const { ctx, idp } = await setup();
    const { access_token } = await idp.issueToken({ upn: SENCO, scope: GRAPH_DEFAULT });
    const caller = await idp.authenticateGraph(`Bearer ${access_token}`);
    expect(caller).toMatchObject({ kind: 'user', userId: ids.senco, upn: SENCO, tenantId: ctx.tenantId });
    expect(caller.kind === 'user' && caller.scopes).toContain('Calendars.ReadWrite');
  });

  it('turns an app-only token into an app caller', async () => {
    const { idp } = await setup();
    const { access_token } = await idp.issueToken({
      grant_type: 'client_credentials',
      client_id: API_CLIENT_ID,
      scope: GRAPH_DEFAULT,
    });
    await expect(idp.authenticateGraph(`Bearer ${access_token}`)).resolves.toMatchObject({
      kind: 'app',
      appId: API_CLIENT_ID,
    });
  });

  it('answers a missing token with "Access token is empty."', async () => {
    const { idp } = await setup();
    expect(await graphRejection(idp.authenticateGraph(undefined))).toEqual({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token is empty.',
    });
    expect((await graphRejection(idp.authenticateGraph('Bearer '))).message).toBe('Access token is empty.');
  });

  it('answers a token that is not a JWT as Graph does', async () => {
    const { idp } = await setup();
    expect((await graphRejection(idp.authenticateGraph('Bearer not-a-jwt'))).message).toBe(
      'CompactToken parsing failed with error code: 80049217',
    );
  });

  it('rejects an expired token', async () => {
    const { clock, idp } = await setup();
    const { access_token } = await idp.issueToken({ upn: SENCO, scope: GRAPH_DEFAULT });
    clock.advance(2 * 60 * 60 * 1000);
    expect(await graphRejection(idp.authenticateGraph(`Bearer ${access_token}`))).toEqual({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token has expired or is not yet valid.',
    });
  });

  it('rejects a token for our API sent to Graph: invalid audience', async () => {
    const { idp } = await setup();
    const { access_token } = await idp.issueToken({ upn: SENCO });
    expect(await graphRejection(idp.authenticateGraph(`Bearer ${access_token}`))).toMatchObject({
      status: 401,
      message: 'Access token validation failure. Invalid audience.',
    });
  });

  it('rejects a token signed by another key', async () => {
    const { ctx, idp } = await setup();
    const genuine = decodeJwt((await idp.issueToken({ upn: SENCO, scope: GRAPH_DEFAULT })).access_token);
    const privateKey = await importJWK(keys.foreign.privateJwk, 'RS256');
    const forged = await new SignJWT(genuine)
      .setProtectedHeader({
        alg: 'RS256',
        typ: 'JWT',
        kid: decodeProtectedHeader((await idp.issueToken({ upn: SENCO })).access_token).kid!,
      })
      .sign(privateKey);
    expect(await graphRejection(idp.authenticateGraph(`Bearer ${forged}`))).toMatchObject({
      status: 401,
      message: 'Access token validation failure.',
    });
    expect(ctx.tenantId).toBeTruthy();
  });

  it('rejects a token from another issuer even when signed with the same key', async () => {
    const { ctx, idp } = await setup();
    const elsewhere: StandInContext = { ...ctx, publicBaseUrl: () => 'http://other-host:4000/local365' };
    const otherIssuer = createIdentityProvider(elsewhere, { apiAudience: API_CLIENT_ID });
    const { access_token } = await otherIssuer.issueToken({ upn: SENCO, scope: GRAPH_DEFAULT });
    expect(await graphRejection(idp.authenticateGraph(`Bearer ${access_token}`))).toMatchObject({
      status: 401,
      message: 'Access token validation failure. Invalid issuer.',
    });
  });
});

describe('listDemoUsers', () => {
  it('lists staff with their app roles and classes', async () => {
    const { idp } = await setup();
    const users = idp.listDemoUsers();
    expect(users).toHaveLength(5);
    expect(users.find((u) => u.upn === SENCO)).toMatchObject({
      roles: ['Senco', 'SendTeam'],
      jobTitle: 'SENCO',
      classes: [],
    });
    expect(users.find((u) => u.id === ids.willowTa)?.classes).toEqual([
      { id: ids.willow, displayName: 'Year 4 Willow', role: 'member' },
    ]);
    expect(users.find((u) => u.id === ids.willowTeacher)?.classes).toEqual([
      { id: ids.willow, displayName: 'Year 4 Willow', role: 'teacher' },
    ]);
  });
});
