import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createApiClient, isTransient, type ApiClient } from '../api/api-client.ts';
import { createDemoTokenSource, fetchDemoUsers, type DemoUser } from '../auth/demo-sign-in.ts';
import type * as MsalSignIn from '../auth/msal-sign-in.ts';
import { fetchTabSettings, type TabSettings } from '../auth/tab-settings.ts';
import type { HostContext } from '../host/teams-host.ts';
import type { MeAnswer } from '../../contract/me.ts';

const DEMO_USER_KEY = 'sencohub.demoUser';

/** How many times (2 seconds apart) to ask again while the server is busy or starting. */
export const ME_RETRIES = 10;

export type Session = {
  settings: TabSettings;
  api: ApiClient;
  /** Present in local mode: the demo users and who is signed in. */
  demo?: { users: DemoUser[]; current: string };
};

/** A sign-in name asked for (?user=) that is no demo user: refused, never swapped for someone else. */
export class UnknownDemoUserError extends Error {
  override name = 'UnknownDemoUserError';
  constructor(readonly requested: string) {
    super(
      `There is no demo user with the sign-in name “${requested}”, so SENCO Hub has not signed you in as anyone. Check the name, or open SENCO Hub as the demo SENCO and choose someone from the Demo user list.`,
    );
  }
}

/**
 * Picks the demo user: ?user= first, then the last one chosen here, then the SENCO. A ?user= that names
 * nobody is refused: opening as the SENCO instead would show a stranger's link everything.
 */
export function chooseDemoUser(
  users: DemoUser[],
  requested: string | undefined,
  remembered: string | null,
): string | undefined {
  const has = (upn: string | null | undefined) =>
    upn ? users.find((u) => u.upn.toLowerCase() === upn.toLowerCase())?.upn : undefined;
  if (requested && !has(requested)) throw new UnknownDemoUserError(requested);
  return (
    has(requested) ?? has(remembered) ?? users.find((u) => u.roles.includes('Senco'))?.upn ?? users[0]?.upn
  );
}

export function rememberDemoUser(upn: string): void {
  try {
    localStorage.setItem(DEMO_USER_KEY, upn);
  } catch {
    // Storage can be blocked in some frames; the URL still carries the choice.
  }
}

function rememberedDemoUser(): string | null {
  try {
    return localStorage.getItem(DEMO_USER_KEY);
  } catch {
    return null;
  }
}

let msal: Promise<typeof MsalSignIn> | undefined;
/** MSAL's code, fetched once: inside Teams it is asked for alongside the tab's settings (main.tsx). */
export function loadMsal(): Promise<typeof MsalSignIn> {
  msal ??= import('../auth/msal-sign-in.ts').catch((error: unknown) => {
    msal = undefined; // a failed download is tried again on the next sign-in
    throw error;
  });
  return msal;
}

async function startSession(host: HostContext, requestedUser: string | undefined): Promise<Session> {
  const settings = await fetchTabSettings();
  if (settings.mode === 'local') {
    const users = await fetchDemoUsers();
    const current = chooseDemoUser(users, requestedUser, rememberedDemoUser());
    if (!current) throw new Error('The local stand-in has no demo users. Run: npm run seed -- --reset');
    return { settings, api: createApiClient(createDemoTokenSource(current)), demo: { users, current } };
  }
  // MSAL is large and only needed with a tenant: load it on demand (main.tsx starts it inside Teams).
  const { createMsalTokenSource } = await loadMsal();
  const getToken = await createMsalTokenSource(settings, host.loginHint);
  return { settings, api: createApiClient(getToken) };
}

export function useSession(host: HostContext, requestedUser: string | undefined) {
  return useQuery({
    queryKey: ['session', requestedUser ?? ''],
    queryFn: () => startSession(host, requestedUser),
    staleTime: Infinity,
    retry: false,
  });
}

export function useMe(session: Session | undefined) {
  const key = session?.demo?.current ?? 'tenant';
  return useQuery({
    queryKey: ['me', key],
    queryFn: () => session!.api.get<MeAnswer>('/api/me'),
    enabled: session !== undefined,
    // Just after the server starts it is still loading the school's records (503): keep asking for a while,
    // about 20 seconds, then say so in words with a way to try again rather than spin for a minute.
    retry: (count, error) => isTransient(error) && count < ME_RETRIES,
    retryDelay: 2_000,
  });
}

export const ROLE_LABELS: Record<string, string> = {
  Senco: 'SENCO',
  SendTeam: 'SEND team',
  Headteacher: 'Headteacher',
};

/** The roles a person holds, in the school's words; staff with no app role see their classes only. */
export function describeRoles(roles: readonly string[]): string {
  const named = roles.map((r) => ROLE_LABELS[r]).filter((r): r is string => r !== undefined);
  return named.length > 0 ? named.join(', ') : 'Staff';
}

export function useDemoUserLabel(users: DemoUser[] | undefined, upn: string | undefined) {
  return useMemo(() => users?.find((u) => u.upn === upn), [users, upn]);
}
