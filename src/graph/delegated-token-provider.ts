import { ConfidentialClientApplication, InteractionRequiredAuthError } from '@azure/msal-node';
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

export type DelegatedTokens = {
  /** `getToken` for createGraphConnection, acting as `userId`, whose API token is `assertion`. */
  forUser(userId: string, assertion: string): () => Promise<string>;
};

type Exchange = (assertion: string, scopes: readonly string[]) => Promise<AppToken>;

/** True when Entra's answer means consent (or another interactive step) is missing. */
function needsConsent(error: string | undefined, description: string | undefined): boolean {
  return (
    error === 'interaction_required' ||
    error === 'consent_required' ||
    /AADSTS65001\b/.test(description ?? '')
  );
}

function msalExchange(options: Extract<AppTokenOptions, { kind: 'tenant' }>): Exchange {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      authority: `${options.authorityHost ?? 'https://login.microsoftonline.com'}/${options.tenantId}`,
      ...('clientSecret' in options.credential
        ? { clientSecret: options.credential.clientSecret }
        : { clientCertificate: options.credential.certificate }),
    },
  });
  return async (assertion, scopes) => {
    const full = scopes.map((s) => `${GRAPH}/${s}`);
    try {
      const result = await app.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: full });
      if (!result?.accessToken) throw new TokenRequestError(`No delegated Graph token for ${full.join(' ')}`);
      return {
        accessToken: result.accessToken,
        expiresAt: result.expiresOn ?? new Date(Date.now() + 3_600_000),
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
}

function localExchange(options: Extract<AppTokenOptions, { kind: 'local' }>, now: () => Date): Exchange {
  const doFetch = options.fetch ?? fetch;
  return async (assertion, scopes) => {
    const res = await doFetch(options.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        client_id: options.clientId,
        assertion,
        scope: scopes.map((s) => `${GRAPH}/${s}`).join(' '),
        requested_token_use: 'on_behalf_of',
      }).toString(),
    });
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: string;
      error_description?: string;
      suberror?: string;
    };
    if (!res.ok) {
      if (needsConsent(body.suberror ?? body.error, body.error_description))
        throw new ConsentRequiredError(scopes, body.error_description ?? body.error ?? `HTTP ${res.status}`);
      throw new TokenRequestError(
        `On-behalf-of token request failed: ${res.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim(),
      );
    }
    if (typeof body.access_token !== 'string')
      throw new TokenRequestError('Token response has no access_token');
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
    return { accessToken: body.access_token, expiresAt: new Date(now().getTime() + seconds * 1000) };
  };
}

/** Delegated tokens from Entra (MSAL) in a school's tenant, or from the stand-in's token endpoint locally. */
export function createDelegatedTokens(
  options: AppTokenOptions,
  input: { scopes?: readonly string[]; now?: () => Date } = {},
): DelegatedTokens {
  const now = input.now ?? (() => new Date());
  const scopes = input.scopes ?? BOOKING_SCOPES;
  const exchange = options.kind === 'tenant' ? msalExchange(options) : localExchange(options, now);
  const cache = new Map<string, { token: AppToken | undefined; pending: Promise<AppToken> | undefined }>();
  return {
    forUser(userId, assertion) {
      return async () => {
        const entry = cache.get(userId) ?? { token: undefined, pending: undefined };
        cache.set(userId, entry);
        const held = entry.token;
        if (held && held.expiresAt.getTime() - RENEW_BEFORE_MS > now().getTime()) return held.accessToken;
        entry.pending ??= exchange(assertion, scopes).finally(() => {
          entry.pending = undefined;
        });
        entry.token = await entry.pending;
        // Drop tokens that have run out, so the map holds only people who used booking lately.
        for (const [id, e] of cache)
          if (e.token && e.token.expiresAt <= now() && !e.pending) cache.delete(id);
        return entry.token.accessToken;
      };
    },
  };
}
