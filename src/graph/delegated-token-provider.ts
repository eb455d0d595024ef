import {
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  type AccountInfo,
} from '@azure/msal-node';
import { TokenRequestError, type AppToken, type AppTokenOptions } from './app-token-provider.ts';

/**
 * Delegated Graph tokens for the signed-in member of staff, by the OAuth 2.0 on-behalf-of flow: the server
 * exchanges the token the tab sent to our API (the assertion) for a Graph token for the same person, so
 * calendar calls act as them in their own mailbox and nowhere else. App-only calendar access is never used
 * (Calendars.ReadWrite as an application permission reaches every mailbox in the school).
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-on-behalf-of-flow
 * https://learn.microsoft.com/en-us/entra/msal/javascript/node/acquire-token-requests (acquireTokenOnBehalfOf)
 *
 * Tokens are kept per user until shortly before they expire; callers for the same user at the same moment
 * share one exchange.
 *
 * Unattended tokens (the periodic Outlook check, when nobody has SENCO Hub open): the exchange asks for
 * `offline_access`, so Entra answers with a refresh token as well, and later access tokens for that person come
 * from it without them. In a school's tenant MSAL keeps it in the confidential client's token cache and
 * `acquireTokenSilent` for the person's account redeems it; locally the stand-in's refresh_token grant does.
 * Held in memory only, never written to disk or logged: after a restart, or once Entra refuses the refresh
 * token (90 days unused, sign-in sessions revoked), there is none until the person opens SENCO Hub again, and
 * the check says so instead of going quiet.
 * https://learn.microsoft.com/en-us/entra/msal/javascript/node/acquire-token-requests (acquireTokenSilent)
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
   * when nothing is held for them. Its calls throw UnattendedTokenUnavailableError once Entra refuses.
   */
  unattended(userId: string): (() => Promise<string>) | undefined;
};

/** What lets a token be had later without the person: MSAL's account, or the refresh token itself. */
type Offline = { account: AccountInfo } | { refreshToken: string };
type Issued = AppToken & { offline?: Offline };
type Exchange = (assertion: string, scopes: readonly string[]) => Promise<Issued>;
type Refresh = (offline: Offline, scopes: readonly string[]) => Promise<Issued>;
type TokenSource = { exchange: Exchange; refresh: Refresh };

/** True when Entra's answer means consent (or another interactive step) is missing. */
function needsConsent(error: string | undefined, description: string | undefined): boolean {
  return (
    error === 'interaction_required' ||
    error === 'consent_required' ||
    /AADSTS65001\b/.test(description ?? '')
  );
}

function msalTokens(options: Extract<AppTokenOptions, { kind: 'tenant' }>): TokenSource {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      authority: `${options.authorityHost ?? 'https://login.microsoftonline.com'}/${options.tenantId}`,
      ...('clientSecret' in options.credential
        ? { clientSecret: options.credential.clientSecret }
        : { clientCertificate: options.credential.certificate }),
    },
  });
  const exchange: Exchange = async (assertion, scopes) => {
    // MSAL adds openid, profile and offline_access to every request: the answer carries a refresh token.
    const full = scopes.map((s) => `${GRAPH}/${s}`);
    try {
      const result = await app.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: full });
      if (!result?.accessToken) throw new TokenRequestError(`No delegated Graph token for ${full.join(' ')}`);
      return {
        accessToken: result.accessToken,
        expiresAt: result.expiresOn ?? new Date(Date.now() + 3_600_000),
        ...(result.account ? { offline: { account: result.account } } : {}),
      };
    } catch (err) {
      const e = err as { errorCode?: string; errorMessage?: string; subError?: string };
      if (
        err instanceof InteractionRequiredAuthError ||
        needsConsent(e.errorCode ?? e.subError, e.errorMessage)
      )
        throw new ConsentRequiredError(scopes, e.errorMessage ?? String(err));
      throw err;
    }
  };
  const refresh: Refresh = async (offline, scopes) => {
    if (!('account' in offline)) throw new Error('unreachable: MSAL keeps its own refresh tokens');
    try {
      const result = await app.acquireTokenSilent({
        account: offline.account,
        scopes: scopes.map((s) => `${GRAPH}/${s}`),
      });
      return {
        accessToken: result.accessToken,
        expiresAt: result.expiresOn ?? new Date(Date.now() + 3_600_000),
        offline,
      };
    } catch (err) {
      const e = err as { errorCode?: string; errorMessage?: string };
      if (err instanceof InteractionRequiredAuthError || e.errorCode === 'no_tokens_found')
        throw new UnattendedTokenUnavailableError('refused', e.errorMessage ?? String(err));
      throw err;
    }
  };
  return { exchange, refresh };
}

type TokenAnswer = {
  access_token?: unknown;
  expires_in?: unknown;
  refresh_token?: unknown;
  error?: string;
  error_description?: string;
  suberror?: string;
};

function localExchange(options: Extract<AppTokenOptions, { kind: 'local' }>, now: () => Date): TokenSource {
  const doFetch = options.fetch ?? fetch;
  const post = async (fields: Record<string, string>) => {
    const res = await doFetch(options.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return { res, body: (await res.json().catch(() => ({}))) as TokenAnswer };
  };
  const issued = (body: TokenAnswer): Issued => {
    if (typeof body.access_token !== 'string')
      throw new TokenRequestError('Token response has no access_token');
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
    return {
      accessToken: body.access_token,
      expiresAt: new Date(now().getTime() + seconds * 1000),
      ...(typeof body.refresh_token === 'string' ? { offline: { refreshToken: body.refresh_token } } : {}),
    };
  };
  const scopeOf = (scopes: readonly string[]) =>
    [...scopes.map((s) => `${GRAPH}/${s}`), 'offline_access'].join(' ');
  const exchange: Exchange = async (assertion, scopes) => {
    const { res, body } = await post({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: options.clientId,
      assertion,
      scope: scopeOf(scopes),
      requested_token_use: 'on_behalf_of',
    });
    if (!res.ok) {
      if (needsConsent(body.suberror ?? body.error, body.error_description))
        throw new ConsentRequiredError(scopes, body.error_description ?? body.error ?? `HTTP ${res.status}`);
      throw new TokenRequestError(
        `On-behalf-of token request failed: ${res.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim(),
      );
    }
    return issued(body);
  };
  const refresh: Refresh = async (offline, scopes) => {
    if (!('refreshToken' in offline))
      throw new Error('unreachable: the stand-in answers with refresh tokens');
    const { res, body } = await post({
      grant_type: 'refresh_token',
      client_id: options.clientId,
      refresh_token: offline.refreshToken,
      scope: scopeOf(scopes),
    });
    if (res.status === 400 && body.error === 'invalid_grant')
      throw new UnattendedTokenUnavailableError('refused', body.error_description ?? body.error);
    if (!res.ok)
      throw new TokenRequestError(
        `Refresh token request failed: ${res.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim(),
      );
    return issued(body);
  };
  return { exchange, refresh };
}

/** Delegated tokens from Entra (MSAL) in a school's tenant, or from the stand-in's token endpoint locally. */
export function createDelegatedTokens(
  options: AppTokenOptions,
  input: { scopes?: readonly string[]; now?: () => Date } = {},
): DelegatedTokens {
  const now = input.now ?? (() => new Date());
  const scopes = input.scopes ?? BOOKING_SCOPES;
  const source = options.kind === 'tenant' ? msalTokens(options) : localExchange(options, now);
  type Entry = { token: AppToken | undefined; pending: Promise<Issued> | undefined; offline?: Offline };
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
    if (issued.offline) entry.offline = issued.offline;
    return issued.accessToken;
  }

  return {
    forUser(userId, assertion) {
      return async () => {
        const entry = cache.get(userId) ?? { token: undefined, pending: undefined };
        cache.set(userId, entry);
        if (fresh(entry.token)) return entry.token!.accessToken;
        return settle(entry, () => source.exchange(assertion, scopes));
      };
    },
    unattended(userId) {
      if (!cache.get(userId)?.offline) return undefined;
      return async () => {
        const entry = cache.get(userId);
        if (!entry?.offline)
          throw new UnattendedTokenUnavailableError('none-held', 'No refresh token is held for this person');
        if (fresh(entry.token)) return entry.token!.accessToken;
        const offline = entry.offline;
        try {
          return await settle(entry, () => source.refresh(offline, scopes));
        } catch (err) {
          // Refused for good: forget it, so the check says "not checked" until the person comes back.
          if (err instanceof UnattendedTokenUnavailableError && entry.offline === offline)
            delete entry.offline;
          throw err;
        }
      };
    },
  };
}
