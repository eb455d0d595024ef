/**
 * Sign-in in local mode: the dev identity provider issues a real signed token for any demo user, which our
 * server validates exactly as it validates Entra tokens. The first token comes with the sign-in itself
 * (GET /local365/demo-sign-in, asked for by the served page as it loads); later ones from POST /local365/token.
 */
import { appUrl } from '../api/api-client.ts';
import { takeEarlyAnswer, type EarlyAnswer } from '../api/early-answers.ts';

export type DemoUser = {
  upn: string;
  displayName: string;
  jobTitle?: string;
  roles: string[];
};

/** Who the demo sign-in signed in, with their first token. */
export type DemoSignIn = {
  upn: string;
  displayName: string;
  jobTitle?: string;
  roles: string[];
  access_token: string;
  expires_in?: number;
};

/** The stand-in knows nobody on the staff by the sign-in name asked for. */
export class DemoUserNotFoundError extends Error {
  override name = 'DemoUserNotFoundError';
}

/**
 * The address of the demo sign-in, exactly as the server writes it into the page's preload
 * (src/server/http/tab-start-page.ts), so the answer the page already asked for is the one used.
 */
export function demoSignInPath(upn: string | undefined): string {
  return upn ? `/local365/demo-sign-in?upn=${encodeURIComponent(upn)}` : '/local365/demo-sign-in';
}

const DEMO_USER_KEY = 'sencohub.demoUser';

/** Remembers the demo user chosen here, for the next time the tab opens without `?user=`. */
export function rememberDemoUser(upn: string): void {
  try {
    localStorage.setItem(DEMO_USER_KEY, upn);
  } catch {
    // Storage can be blocked in some frames; the URL still carries the choice.
  }
}

export function rememberedDemoUser(): string | null {
  try {
    return localStorage.getItem(DEMO_USER_KEY);
  } catch {
    return null;
  }
}

/** The demo sign-in's answer, as it came. */
export async function askDemoSignIn(path: string): Promise<EarlyAnswer> {
  const res = await fetch(appUrl(path));
  return { status: res.status, text: await res.text() };
}

/**
 * Signs in as `upn`, or without one as the school's SENCO: one request, the first token with it. The served
 * page's early module (src/tab/app/early-start.ts) has usually made it already: its answer is taken, once.
 */
export async function demoSignIn(upn: string | undefined): Promise<DemoSignIn> {
  const path = demoSignInPath(upn);
  const early = takeEarlyAnswer(path, undefined);
  const res = (early && (await early.catch(() => undefined))) ?? (await askDemoSignIn(path));
  if (res.status === 404 && upn) throw new DemoUserNotFoundError(upn);
  if (res.status === 404)
    throw new Error('The local stand-in has no demo users. Run: npm run seed -- --reset');
  if (res.status < 200 || res.status > 299)
    throw new Error(`Could not sign in${upn ? ` as ${upn}` : ''} (${res.status}).`);
  return JSON.parse(res.text) as DemoSignIn;
}

export async function fetchDemoUsers(): Promise<DemoUser[]> {
  const res = await fetch(appUrl('/local365/users'));
  if (!res.ok) throw new Error(`Could not list the demo users (${res.status}).`);
  const body = (await res.json()) as { value?: DemoUser[] } | DemoUser[];
  return Array.isArray(body) ? body : (body.value ?? []);
}

export function createDemoTokenSource(upn: string, first?: { token: string; expiresInSeconds?: number }) {
  let cached: { token: string; expiresAt: number } | undefined = first && {
    token: first.token,
    expiresAt: Date.now() + (first.expiresInSeconds ?? 3600) * 1000,
  };
  // The first requests of a page (/api/me and its first data, together) share one token request.
  let asking: Promise<string> | undefined;
  async function ask(): Promise<string> {
    const res = await fetch(appUrl('/local365/token'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ upn }),
    });
    if (!res.ok) throw new Error(`Could not sign in as ${upn} (${res.status}).`);
    const body = (await res.json()) as { access_token: string; expires_in?: number };
    cached = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
    return cached.token;
  }
  return (): Promise<string> => {
    if (cached && cached.expiresAt - 60_000 > Date.now()) return Promise.resolve(cached.token);
    asking ??= ask().finally(() => {
      asking = undefined;
    });
    return asking;
  };
}
