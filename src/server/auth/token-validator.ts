import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';

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
 * Validates bearer tokens for our API: RS256 signature from the issuer's key set, issuer, audience, expiry.
 * The same code serves Entra (a school's tenant) and the local dev identity provider; only the issuer and key
 * set URL differ (src/server/config.ts).
 */
export function createTokenValidator(options: {
  issuer: string;
  jwksUri: string;
  audience: string[];
  clockToleranceSeconds?: number;
  /** For tests: a key set instead of fetching jwksUri. */
  keySet?: JWTVerifyGetKey;
}): TokenValidator {
  const keySet = options.keySet ?? createRemoteJWKSet(new URL(options.jwksUri), { cooldownDuration: 30_000 });
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) throw new AuthError('No bearer token in the Authorization header.', 'missing');
    try {
      const { payload } = await jwtVerify(match[1], keySet, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['RS256'],
        clockTolerance: options.clockToleranceSeconds ?? 300,
        requiredClaims: ['exp', 'tid', 'oid'],
      });
      const str = (v: unknown) => (typeof v === 'string' ? v : '');
      return {
        userId: str(payload['oid']),
        tenantId: str(payload['tid']),
        upn: str(payload['preferred_username']),
        name: str(payload['name']),
        roles: Array.isArray(payload['roles'])
          ? payload['roles'].filter((r): r is string => typeof r === 'string')
          : [],
      };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new AuthError('The token has expired.', 'expired');
      if (err instanceof joseErrors.JOSEError)
        throw new AuthError(`The token is not valid: ${err.message}`, 'invalid');
      throw err;
    }
  };
}
