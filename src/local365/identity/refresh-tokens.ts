import { createHash, randomBytes } from 'node:crypto';
import { migrate, type Db } from '../database.ts';
import { TokenRequestError } from './token-types.ts';

/**
 * The stand-in Entra's refresh tokens, as it issues them on the on-behalf-of grant when the middle tier asks
 * for `offline_access`, and as it redeems them on the `refresh_token` grant. Entra's rules kept here:
 *
 * - a refresh token is bound to the client it was issued to: another client presenting it is refused;
 * - it was issued for a resource (Microsoft Graph here) and its consented scopes: asking it for another
 *   resource, or for a scope not granted, is refused;
 * - it lapses after 90 days without use (Entra's default for confidential clients), and a user whose
 *   account is gone cannot use it.
 *
 * Only a hash of each token is stored. Tokens survive a restart of the stand-in, as Entra's do.
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-on-behalf-of-flow (refresh_token)
 * https://learn.microsoft.com/en-us/entra/identity-platform/refresh-tokens (lifetime)
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token
 */

const SCHEMA = `
CREATE TABLE idp_refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  resource TEXT NOT NULL,
  scopes TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idp_refresh_tokens_user ON idp_refresh_tokens (user_id);
`;

/** Entra's default: a refresh token unused for 90 days can no longer be redeemed. */
export const REFRESH_TOKEN_INACTIVE_DAYS = 90;

type Row = {
  client_id: string;
  user_id: string;
  resource: string;
  scopes: string;
  last_used_at: string;
  revoked: number;
};

export type RefreshGrant = { clientId: string; userId: string; resource: 'graph'; scopes: string[] };

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export function refreshTokenStore(db: Db, now: () => Date) {
  migrate(db, 'identity-refresh-tokens-v1', SCHEMA);

  return {
    /** A new refresh token for `grant`. */
    issue(grant: RefreshGrant): string {
      const token = `l365rt.${randomBytes(48).toString('base64url')}`;
      db.prepare(
        'INSERT INTO idp_refresh_tokens (token_hash, client_id, user_id, resource, scopes, last_used_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        hashOf(token),
        grant.clientId,
        grant.userId,
        grant.resource,
        grant.scopes.join(' '),
        now().toISOString(),
      );
      return token;
    },

    /**
     * The grant behind `token`, checked for the presenting client and the resource asked for; the token is
     * spent (a new one is issued with the answer, as Entra rotates them) and the lapse clock restarts.
     */
    redeem(
      token: string,
      request: { clientId: string; resource: 'graph' | 'api'; scopes: readonly string[] },
    ): RefreshGrant {
      const row = db
        .prepare<[string], Row>('SELECT * FROM idp_refresh_tokens WHERE token_hash = ?')
        .get(hashOf(token));
      if (!row || row.revoked)
        throw new TokenRequestError(
          'invalid_grant',
          "AADSTS9002313: Invalid request. Request is malformed or invalid (field 'refresh_token' is not a refresh token this tenant issued, or it was revoked).",
        );
      if (row.client_id !== request.clientId)
        throw new TokenRequestError(
          'invalid_grant',
          `AADSTS70000: The provided value for 'refresh_token' is not valid: it was issued to another client, not '${request.clientId}' (field 'client_id').`,
        );
      const idleDays = (now().getTime() - Date.parse(row.last_used_at)) / 86_400_000;
      if (idleDays > REFRESH_TOKEN_INACTIVE_DAYS)
        throw new TokenRequestError(
          'invalid_grant',
          `AADSTS700082: The refresh token has expired due to inactivity. The token was issued on ${row.last_used_at} and was inactive for ${REFRESH_TOKEN_INACTIVE_DAYS} days (field 'refresh_token').`,
        );
      if (request.resource !== row.resource)
        throw new TokenRequestError(
          'invalid_grant',
          "AADSTS65001: The refresh token was issued for Microsoft Graph: it cannot be used for another resource (field 'scope').",
        );
      const granted = row.scopes.split(' ');
      const beyond = request.scopes.filter((s) => s !== '.default' && !granted.includes(s));
      if (beyond.length)
        throw new TokenRequestError(
          'invalid_grant',
          `AADSTS65001: The user or administrator has not consented to scope '${beyond.join(' ')}' for this refresh token (field 'scope').`,
        );
      db.prepare('UPDATE idp_refresh_tokens SET revoked = 1 WHERE token_hash = ?').run(hashOf(token));
      return { clientId: row.client_id, userId: row.user_id, resource: 'graph', scopes: granted };
    },

    /** As `POST /users/{id}/revokeSignInSessions`: every refresh token of the user stops working. */
    revokeUser(userId: string): number {
      return db.prepare('UPDATE idp_refresh_tokens SET revoked = 1 WHERE user_id = ?').run(userId).changes;
    },
  };
}

export type RefreshTokenStore = ReturnType<typeof refreshTokenStore>;
