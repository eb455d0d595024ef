import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from 'jose';
import { AuthError, createTokenValidator, type TokenValidator } from './token-validator.ts';

const issuer = 'https://login.example/tenant/v2.0';
const audience = '11111111-2222-4333-8444-555555555555';

let trusted: CryptoKey;
let stranger: CryptoKey;
let validate: TokenValidator;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  trusted = pair.privateKey;
  stranger = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  validate = createTokenValidator({
    issuer,
    jwksUri: 'https://unused.example/keys',
    audience: [audience],
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
      'a token without a tenant',
      async () => `Bearer ${await token({ claims: { tid: undefined } })}`,
      'invalid',
    ],
  ])('refuses %s', async (_name, header, expected) => {
    expect(await reason(await header())).toBe(expected);
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
