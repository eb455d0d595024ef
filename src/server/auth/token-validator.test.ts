import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from 'jose';
import { buildTestSchool, createTestContext } from '../../local365/directory/test-support.ts';
import { loadDirectory } from '../../local365/directory/load-directory.ts';
import { createIdentityProvider } from '../../local365/identity/identity-provider.ts';
import { parseConfig } from '../config.ts';
import { AuthError, createTokenValidator, type TokenValidator } from './token-validator.ts';

const issuer = 'https://login.example/tenant/v2.0';
const issuerV1 = 'https://sts.example/tenant/';
const audience = '11111111-2222-4333-8444-555555555555';
const appIdUri = `api://senco-hub.school.example/${audience}`;

let trusted: CryptoKey;
let stranger: CryptoKey;
let validate: TokenValidator;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  trusted = pair.privateKey;
  stranger = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  validate = createTokenValidator({
    issuers: { v1: issuerV1, v2: issuer },
    jwksUri: 'https://unused.example/keys',
    audience: [audience, appIdUri],
    requiredScope: 'access_as_user',
    keySet: createLocalJWKSet({ keys: [jwk] }),
  });
});

function token(
  overrides: {
    key?: CryptoKey;
    iss?: string;
    aud?: string;
    exp?: number;
    claims?: Record<string, unknown>;
  } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    tid: 'tenant',
    oid: 'user-1',
    preferred_username: 'senco@school.example',
    name: 'Ms Senco',
    roles: ['Senco'],
    scp: 'access_as_user',
    ver: '2.0',
    ...overrides.claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(overrides.iss ?? issuer)
    .setAudience(overrides.aud ?? audience)
    .setIssuedAt(now - 60)
    .setExpirationTime(overrides.exp ?? now + 3600)
    .sign(overrides.key ?? trusted);
}

async function reason(authorization: string | undefined): Promise<string> {
  try {
    await validate(authorization);
    return 'accepted';
  } catch (err) {
    if (err instanceof AuthError) return err.reason;
    throw err;
  }
}

describe('createTokenValidator', () => {
  it('accepts a token from the trusted issuer for our audience and returns who it is', async () => {
    await expect(validate(`Bearer ${await token()}`)).resolves.toEqual({
      userId: 'user-1',
      tenantId: 'tenant',
      upn: 'senco@school.example',
      name: 'Ms Senco',
      roles: ['Senco'],
    });
  });

  it.each([
    ['no header', () => Promise.resolve(undefined), 'missing'],
    ['a non-bearer scheme', async () => `Basic ${await token()}`, 'missing'],
    ['a token signed by another key', async () => `Bearer ${await token({ key: stranger })}`, 'invalid'],
    [
      'a token for another app',
      async () => `Bearer ${await token({ aud: 'api://someone-else' })}`,
      'invalid',
    ],
    [
      'a token from another issuer',
      async () => `Bearer ${await token({ iss: 'https://evil.example/v2.0' })}`,
      'invalid',
    ],
    [
      'an expired token (beyond the 5 minute skew)',
      async () => `Bearer ${await token({ exp: Math.floor(Date.now() / 1000) - 600 })}`,
      'expired',
    ],
    ['garbage', () => Promise.resolve('Bearer not.a.jwt'), 'invalid'],
    [
      'an app-only token (no scp, idtyp app), from any app in the tenant',
      async () =>
        `Bearer ${await token({ claims: { scp: undefined, idtyp: 'app', roles: ['Sites.Selected'] } })}`,
      'invalid',
    ],
    [
      'an app-only v1 token (no scp, no idtyp)',
      async () =>
        `Bearer ${await token({ iss: issuerV1, aud: appIdUri, claims: { scp: undefined, ver: '1.0', roles: ['Senco'] } })}`,
      'invalid',
    ],
    [
      'a user token without our scope',
      async () => `Bearer ${await token({ claims: { scp: 'User.Read Calendars.ReadWrite' } })}`,
      'invalid',
    ],
    [
      'a user token whose scp only looks like ours',
      async () => `Bearer ${await token({ claims: { scp: 'access_as_user_admin' } })}`,
      'invalid',
    ],
    ['a v2 token from the v1 issuer', async () => `Bearer ${await token({ iss: issuerV1 })}`, 'invalid'],
    [
      'a token of no known version',
      async () => `Bearer ${await token({ claims: { ver: undefined } })}`,
      'invalid',
    ],
    [
      'a token without a tenant',
      async () => `Bearer ${await token({ claims: { tid: undefined } })}`,
      'invalid',
    ],
  ])('refuses %s', async (_name, header, expected) => {
    expect(await reason(await header())).toBe(expected);
  });

  it('accepts a v1 token (the format Entra issues unless the registration asks for v2), naming the user from upn', async () => {
    const v1 = await token({
      iss: issuerV1,
      aud: appIdUri,
      claims: {
        ver: '1.0',
        preferred_username: undefined,
        upn: 'senco@school.example',
        scp: 'access_as_user',
      },
    });
    await expect(validate(`Bearer ${v1}`)).resolves.toMatchObject({
      userId: 'user-1',
      upn: 'senco@school.example',
      roles: ['Senco'],
    });
  });

  it('accepts a v2 token asked for by Application ID URI, and our scope among others', async () => {
    expect(
      await reason(`Bearer ${await token({ aud: appIdUri, claims: { scp: 'openid access_as_user' } })}`),
    ).toBe('accepted');
  });

  it('says why an app-only token is refused', async () => {
    const appOnly = await token({ claims: { scp: undefined, idtyp: 'app' } });
    await expect(validate(`Bearer ${appOnly}`)).rejects.toThrow(/app-only/);
  });

  it('still accepts a token that expired within the clock skew allowance', async () => {
    expect(await reason(`Bearer ${await token({ exp: Math.floor(Date.now() / 1000) - 60 })}`)).toBe(
      'accepted',
    );
  });

  it('ignores roles that are not strings', async () => {
    const principal = await validate(`Bearer ${await token({ claims: { roles: ['SendTeam', 7, null] } })}`);
    expect(principal.roles).toEqual(['SendTeam']);
  });
});

describe('createTokenValidator with the local stand-in’s identity provider', () => {
  it.each([
    ['v2 (accessTokenAcceptedVersion 2)', 2 as const],
    ['v1 (accessTokenAcceptedVersion null, Entra’s default)', null],
  ])('accepts its %s tokens for our API, however the tab asks', async (_name, version) => {
    const config = parseConfig({});
    const { ctx } = createTestContext('2026-11-23T09:00:00Z');
    loadDirectory(ctx, buildTestSchool());
    const idp = createIdentityProvider(ctx, {
      apiAudience: config.clientId,
      apiIdentifierUri: config.auth.audience[1]!,
      accessTokenAcceptedVersion: version,
    });
    const localValidate = createTokenValidator({
      ...config.auth,
      issuers: { v1: idp.issuerV1, v2: idp.issuer },
      keySet: createLocalJWKSet(await idp.jwks()),
      clockToleranceSeconds: 10 * 365 * 86400,
    });
    const upn = 'j.okafor@oakfield.example.org';
    for (const scope of [config.apiScope, `${config.clientId}/access_as_user`, undefined]) {
      const { access_token } = await idp.issueToken({ upn, ...(scope ? { scope } : {}) });
      await expect(localValidate(`Bearer ${access_token}`)).resolves.toMatchObject({
        upn,
        roles: ['Senco', 'SendTeam'],
      });
    }
    // Its app-only tokens are for Graph and never pass as a person.
    const appOnly = await idp.issueToken({
      grant_type: 'client_credentials',
      client_id: config.clientId,
      scope: 'https://graph.microsoft.com/.default',
    });
    await expect(localValidate(`Bearer ${appOnly.access_token}`)).rejects.toThrow(AuthError);
  });
});
