/**
 * Sign-in in local mode: the dev identity provider issues a real signed token for any demo user
 * (POST /local365/token), which our server validates exactly as it validates Entra tokens.
 */
import { appUrl } from '../api/api-client.ts';

export type DemoUser = {
  upn: string;
  displayName: string;
  jobTitle?: string;
  roles: string[];
};

export async function fetchDemoUsers(): Promise<DemoUser[]> {
  const res = await fetch(appUrl('/local365/users'));
  if (!res.ok) throw new Error(`Could not list the demo users (${res.status}).`);
  const body = (await res.json()) as { value?: DemoUser[] } | DemoUser[];
  return Array.isArray(body) ? body : (body.value ?? []);
}

export function createDemoTokenSource(upn: string) {
  let cached: { token: string; expiresAt: number } | undefined;
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
