import { TokenRequestError, type AppToken } from './app-token-provider.ts';
import { requestToken, type TokenAnswer, type TokenEndpoint } from './token-endpoint.ts';

/**
 * Delegated Graph tokens for the signed-in member of staff, by the OAuth 2.0 on-behalf-of flow: the server
 * exchanges the token the tab sent to our API (the assertion) for a Graph token for the same person, so
 * calendar calls act as them in their own mailbox and nowhere else. App-only calendar access is never used
 * (Calendars.ReadWrite as an application permission reaches every mailbox in the school).
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-on-behalf-of-flow
 *
 * Tokens are kept per user until shortly before they expire; callers for the same user at the same moment
 * share one exchange.
 *
 * Unattended tokens (the periodic Outlook check, when nobody has SENCO Hub open): the exchange asks for
 * `offline_access`, so Entra answers with a refresh token as well, and later access tokens for that person come
 * from the `refresh_token` grant without them; each answer brings a new refresh token, which replaces the one
 * spent. We make both requests ourselves at the token endpoint (token-endpoint.ts), with the app's client
 * secret or certificate: MSAL for Node keeps the refresh token of an on-behalf-of answer out of reach and does
 * not document `acquireTokenSilent` after `acquireTokenOnBehalfOf`
 * (https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/5330).
 * Refresh tokens are held in memory only, never written to disk or logged: one would let whoever reads it act
 * as that person in Outlook for up to 90 days. After a restart, or once Entra refuses the refresh token
 * (90 days unused, sign-in sessions revoked, consent withdrawn), there is none until the person opens SENCO Hub
 * again, and the check says so instead of going quiet.
 * https://learn.microsoft.com/en-us/entra/identity-platform/refresh-tokens
 */

const GRAPH = 'https://graph.microsoft.com';
/**
 * What booking needs: events in the signed-in person's own calendar (a Teams meeting is made by the event's
 * `isOnlineMeeting`, no OnlineMeetings permission needed), and colleagues' free/busy for findMeetingTimes.
 * https://learn.microsoft.com/en-us/graph/api/user-post-events, https://learn.microsoft.com/en-us/graph/api/user-findmeetingtimes
 */
export const BOOKING_SCOPES = ['Calendars.ReadWrite', 'Calendars.Read.Shared'] as const;

const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * The school has not granted SENCO Hub a delegated permission it needs (Entra's AADSTS65001, or
 * `interaction_required`). The tab says so in plain words: only an admin can fix it.
 */
export class ConsentRequiredError extends Error {
  override name = 'ConsentRequiredError';
  constructor(
    readonly scopes: readonly string[],
    detail: string,
  ) {
    super(`SENCO Hub has not been granted ${scopes.join(', ')} in this school's Microsoft 365: ${detail}`);
  }
}

/** No token can be had for the person without them: none is held, or Entra refused the one held. */
export class UnattendedTokenUnavailableError extends Error {
  override name = 'UnattendedTokenUnavailableError';
  constructor(
    readonly reason: 'none-held' | 'refused',
    detail: string,
  ) {
    super(detail);
  }
}

export type DelegatedTokens = {
  /** `getToken` for createGraphConnection, acting as `userId`, whose API token is `assertion`. */
  forUser(userId: string, assertion: string): () => Promise<string>;
  /**
   * `getToken` acting as `userId` without them, from what their last exchange left (see above); undefined
   * when nothing was ever held for them. Once Entra has refused the refresh token, its calls throw that
   * refusal again (UnattendedTokenUnavailableError 'refused', or ConsentRequiredError) without asking, until
   * the person's next exchange.
   */
  unattended(userId: string): (() => Promise<string>) | undefined;
};

type Issued = AppToken & { refreshToken?: string };

/** True when Entra's answer means consent (or another interactive step) is missing. */
function needsConsent(answer: { error: string; description: string; suberror: string | undefined }): boolean {
  return (
    answer.error === 'interaction_required' ||
    answer.error === 'consent_required' ||
    answer.suberror === 'consent_required' ||
    /AADSTS65001\b/.test(answer.description)
  );
}

const scopeOf = (scopes: readonly string[]) =>
  [...scopes.map((s) => `${GRAPH}/${s}`), 'offline_access'].join(' ');

function issuedFrom(answer: Extract<TokenAnswer, { ok: true }>, now: Date): Issued {
  return {
    accessToken: answer.accessToken,
    expiresAt: new Date(now.getTime() + answer.expiresInSeconds * 1000),
    ...(answer.refreshToken ? { refreshToken: answer.refreshToken } : {}),
  };
}

function failure(what: string, answer: Extract<TokenAnswer, { ok: false }>): TokenRequestError {
  return new TokenRequestError(
    `${what} failed: ${answer.status} ${answer.error} ${answer.description}`.trim(),
  );
}

/** The on-behalf-of grant: the person's token for our API in, their Graph token (and a refresh token) out. */
async function exchange(endpoint: TokenEndpoint, assertion: string, scopes: readonly string[], now: Date) {
  const answer = await requestToken(
    endpoint,
    {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
      scope: scopeOf(scopes),
      requested_token_use: 'on_behalf_of',
    },
    now,
  );
  if (answer.ok) return issuedFrom(answer, now);
  if (needsConsent(answer)) throw new ConsentRequiredError(scopes, answer.description);
  throw failure('On-behalf-of token request', answer);
}

/**
 * The refresh_token grant. Consent withdrawn → ConsentRequiredError; any other `invalid_grant` (revoked,
 * lapsed, already spent) → UnattendedTokenUnavailableError 'refused'. Both mean the refresh token is dead.
 */
async function redeem(endpoint: TokenEndpoint, refreshToken: string, scopes: readonly string[], now: Date) {
  const answer = await requestToken(
    endpoint,
    { grant_type: 'refresh_token', refresh_token: refreshToken, scope: scopeOf(scopes) },
    now,
  );
  if (answer.ok) return issuedFrom(answer, now);
  if (needsConsent(answer)) throw new ConsentRequiredError(scopes, answer.description);
  if (answer.error === 'invalid_grant')
    throw new UnattendedTokenUnavailableError('refused', answer.description);
  throw failure('Refresh token request', answer);
}

/**
 * Delegated tokens from the token endpoint `endpoint.url`: Entra's (entraTokenUrl) in a school's tenant, the
 * stand-in's locally, by the same requests.
 */
export function createDelegatedTokens(
  endpoint: TokenEndpoint,
  input: { scopes?: readonly string[]; now?: () => Date } = {},
): DelegatedTokens {
  const now = input.now ?? (() => new Date());
  const scopes = input.scopes ?? BOOKING_SCOPES;
  type Entry = {
    token: AppToken | undefined;
    pending: Promise<Issued> | undefined;
    refreshToken?: string;
    /** Why Entra refused the last refresh token: said again until the person comes back. */
    refusal?: Error;
  };
  const cache = new Map<string, Entry>();
  const fresh = (token: AppToken | undefined) =>
    token !== undefined && token.expiresAt.getTime() - RENEW_BEFORE_MS > now().getTime();

  async function settle(entry: Entry, request: () => Promise<Issued>): Promise<string> {
    // One request at a time per person: a refresh token is spent by its use.
    entry.pending ??= request().finally(() => {
      entry.pending = undefined;
    });
    const issued = await entry.pending;
    entry.token = { accessToken: issued.accessToken, expiresAt: issued.expiresAt };
    // The new refresh token replaces the one just spent (Entra may also keep the old one working; the
    // stand-in does not, so neither do we rely on it).
    if (issued.refreshToken) {
      entry.refreshToken = issued.refreshToken;
      delete entry.refusal;
    }
    return issued.accessToken;
  }

  return {
    forUser(userId, assertion) {
      return async () => {
        const entry = cache.get(userId) ?? { token: undefined, pending: undefined };
        cache.set(userId, entry);
        if (fresh(entry.token)) return entry.token!.accessToken;
        return settle(entry, () => exchange(endpoint, assertion, scopes, now()));
      };
    },
    unattended(userId) {
      const held = cache.get(userId);
      if (!held?.refreshToken && !held?.refusal) return undefined;
      return async () => {
        const entry = cache.get(userId);
        if (entry?.refusal && !entry.refreshToken) throw entry.refusal;
        if (!entry?.refreshToken)
          throw new UnattendedTokenUnavailableError('none-held', 'No refresh token is held for this person');
        if (fresh(entry.token)) return entry.token!.accessToken;
        const refreshToken = entry.refreshToken;
        try {
          return await settle(entry, () => redeem(endpoint, refreshToken, scopes, now()));
        } catch (err) {
          // Refused for good: forget it, so the check says "not checked" until the person comes back.
          const dead = err instanceof UnattendedTokenUnavailableError || err instanceof ConsentRequiredError;
          if (dead && entry.refreshToken === refreshToken) {
            delete entry.refreshToken;
            entry.refusal = err;
            entry.token = undefined;
          }
          throw err;
        }
      };
    },
  };
}
