import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';

/** The person (or app) behind a validated bearer token. */
export type Principal = {
  userId: string;
  tenantId: string;
  upn: string;
  name: string;
  roles: string[];
};

export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    message: string,
    readonly reason: 'missing' | 'invalid' | 'expired',
  ) {
    super(message);
  }
}

export type TokenValidator = (authorization: string | undefined) => Promise<Principal>;

/**
 * Who issues tokens for our API. Entra issues v1 access tokens (issuer `https://sts.windows.net/{tid}/`) unless
 * the app registration sets `accessTokenAcceptedVersion: 2` (issuer `https://login.microsoftonline.com/{tid}/v2.0`);
 * both are signed with the tenant's one key set.
 * https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens#token-formats
 */
export type TokenIssuers = { v1: string; v2: string };

export type TokenValidatorOptions = {
  issuers: TokenIssuers;
  jwksUri: string;
  /** Our client id (the `aud` of v2 tokens) and Application ID URI (the `aud` of v1 tokens asked for by it). */
  audience: string[];
  /** The delegated scope a user's token must carry, e.g. `access_as_user`. */
  requiredScope: string;
  clockToleranceSeconds?: number;
  /** The server's clock, which tokens are checked against (default the system's). */
  now?: () => Date;
  /** For tests: a key set instead of fetching jwksUri. */
  keySet?: JWTVerifyGetKey;
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Validates bearer tokens for our API: RS256 signature from the issuer's key set, issuer (v1 or v2, matching the
 * token's `ver`), audience, expiry, then that a person is calling: the token is delegated (`scp`, no `idtyp: app`)
 * and carries our scope. App-only tokens, from our own app or any other in the tenant, are refused: every API call
 * acts for a signed-in member of staff, whose role decides what they see.
 * https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens#validate-tokens
 *
 * The same code serves Entra (a school's tenant) and the local stand-in; only the issuers and key set URL differ
 * (src/server/config.ts).
 */
export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const keySet = options.keySet ?? createRemoteJWKSet(new URL(options.jwksUri), { cooldownDuration: 30_000 });
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) throw new AuthError('No bearer token in the Authorization header.', 'missing');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], keySet, {
        issuer: [options.issuers.v1, options.issuers.v2],
        audience: options.audience,
        algorithms: ['RS256'],
        clockTolerance: options.clockToleranceSeconds ?? 300,
        ...(options.now ? { currentDate: options.now() } : {}),
        requiredClaims: ['exp', 'tid', 'oid'],
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new AuthError('The token has expired.', 'expired');
      if (err instanceof joseErrors.JOSEError)
        throw new AuthError(`The token is not valid: ${err.message}`, 'invalid');
      throw err;
    }
    checkVersion(payload, options.issuers);
    checkDelegated(payload, options.requiredScope);
    return {
      userId: str(payload['oid']),
      tenantId: str(payload['tid']),
      // v2 tokens name the user in preferred_username; v1 tokens in upn (or unique_name for guests).
      upn: str(payload['preferred_username']) || str(payload['upn']) || str(payload['unique_name']),
      name: str(payload['name']),
      roles: Array.isArray(payload['roles'])
        ? payload['roles'].filter((r): r is string => typeof r === 'string')
        : [],
    };
  };
}

/** A v1 token comes from the v1 issuer and a v2 token from the v2 one; anything else was not made by Entra. */
function checkVersion(payload: JWTPayload, issuers: TokenIssuers): void {
  const expected = payload['ver'] === '1.0' ? issuers.v1 : payload['ver'] === '2.0' ? issuers.v2 : undefined;
  if (expected === undefined)
    throw new AuthError('The token is not valid: its "ver" claim is neither "1.0" nor "2.0".', 'invalid');
  if (payload.iss !== expected)
    throw new AuthError(
      `The token is not valid: a version ${String(payload['ver'])} token must be issued by ${expected}.`,
      'invalid',
    );
}

function checkDelegated(payload: JWTPayload, requiredScope: string): void {
  const scp = payload['scp'];
  if (payload['idtyp'] === 'app' || typeof scp !== 'string') {
    throw new AuthError(
      'The token is an app-only token: SENCO Hub’s API only answers a signed-in member of staff.',
      'invalid',
    );
  }
  if (!scp.split(' ').includes(requiredScope)) {
    throw new AuthError(
      `The token does not carry the ${requiredScope} scope (field "scp"): ask for SENCO Hub’s ${requiredScope} scope.`,
      'invalid',
    );
  }
}
