import { earlyRequestsUnderWay, putEarlyAnswer, type EarlyAnswer } from '../api/early-answers.ts';
import { demoSignInPath, rememberedDemoUser, type DemoSignIn } from '../auth/demo-sign-in.ts';
import { inlineTabSettings, type TabSettings } from '../auth/tab-settings.ts';
import { openingRegisterPath } from '../features/register/api/register-request.ts';
import { routeFromUrl } from './route.ts';

/**
 * The tab's first requests, made by a module of a few KB that the served page runs ahead of the tab's main script
 * (its own entry, early-entry.ts, written into the page by src/server/http/tab-start-page.ts): the demo sign-in,
 * then `/api/me` and the opening page's first data together, while the browser is still fetching and running
 * React, Fluent UI and the rest. The answers wait in early-answers.ts; the main script's own requests
 * (session.ts, then boot.ts's `startSignIn`) take them, once, instead of asking again. Nothing else changes: if
 * this module never ran, or an answer failed, the main script asks as it always has.
 *
 * The page lists it before the main script, so it runs first; the main script then waits until it has sent its
 * requests (main.tsx) before running the rest of the tab's code, which would hold them back.
 *
 * Only in local mode, outside a frame: with a tenant the token comes from MSAL, and inside Teams the user and
 * page come from Teams' context, both of which only the main script has; there this module does nothing, and
 * never signs in a second time.
 */
export type EarlyStart = {
  url: URL;
  /** The settings the served page carries (none under vite's dev server). */
  settings: Pick<TabSettings, 'mode'> | undefined;
  framed: boolean;
  /** The demo user chosen here last time (localStorage), as session.ts reads it. */
  rememberedUser: string | null;
  fetch: typeof fetch;
};

/**
 * Who may be sent for the register before `/api/me` answers: the SEND team (the SENCO among them). The server
 * refuses everyone else; asking for them would only cost a request and an audit entry of a refusal.
 */
export function opensRegister(roles: readonly string[]): boolean {
  return roles.includes('Senco') || roles.includes('SendTeam');
}

/** Starts the early requests; settles once they have all been sent, or there is nothing to send (main.tsx waits). */
export async function startEarlyRequests(start: EarlyStart): Promise<void> {
  if (start.settings?.mode !== 'local' || start.framed) return;
  const ask = async (path: string, headers: Record<string, string>): Promise<EarlyAnswer> => {
    const res = await start.fetch(new URL(path, start.url), { headers });
    return { status: res.status, text: await res.text() };
  };
  // The user session.ts signs in: ?user= (host.loginHint outside Teams), else the one remembered here.
  const requested = start.url.searchParams.get('user') ?? undefined;
  const signInPath = demoSignInPath(requested ?? start.rememberedUser ?? undefined);
  const signingIn = ask(signInPath, {}); // the request the served page has preloaded
  putEarlyAnswer(signInPath, undefined, signingIn);
  const answer = await signingIn.catch(() => undefined);
  if (answer?.status !== 200) return; // the main script meets the refusal, and decides what to do
  let signedIn: DemoSignIn;
  try {
    signedIn = JSON.parse(answer.text) as DemoSignIn;
  } catch {
    return;
  }
  const { access_token: token, upn, roles } = signedIn;
  if (typeof token !== 'string' || typeof upn !== 'string' || !Array.isArray(roles)) return;
  // As api-client.ts asks: the same headers, so the answer is the one it would have had.
  const get = (path: string) =>
    putEarlyAnswer(path, token, ask(path, { Authorization: `Bearer ${token}`, Accept: 'application/json' }));
  get('/api/me');
  const route = routeFromUrl(start.url);
  if (route?.name === 'register' && opensRegister(roles)) get(openingRegisterPath(upn));
}

/** The early requests for the page this runs in (early-entry.ts). */
export function startEarlyRequestsHere(): void {
  let framed: boolean;
  try {
    framed = window.self !== window.top;
  } catch {
    framed = true; // a parent of another origin: framed
  }
  const sent = startEarlyRequests({
    url: new URL(window.location.href),
    settings: inlineTabSettings(),
    framed,
    rememberedUser: rememberedDemoUser(),
    fetch: window.fetch.bind(window),
  });
  earlyRequestsUnderWay(sent);
  sent.catch(() => undefined);
}
