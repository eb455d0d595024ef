import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createApiClient, isTransient, type ApiClient } from '../api/api-client.ts';
import {
  DemoUserNotFoundError,
  createDemoTokenSource,
  demoSignIn,
  fetchDemoUsers,
  rememberedDemoUser,
  type DemoUser,
} from '../auth/demo-sign-in.ts';
import type * as MsalSignIn from '../auth/msal-sign-in.ts';
import { fetchTabSettings, type TabSettings } from '../auth/tab-settings.ts';
import type { HostContext } from '../host/teams-host.ts';
import type { MeAnswer } from '../../contract/me.ts';

/** How many times (2 seconds apart) to ask again while the server is busy or starting. */
export const ME_RETRIES = 10;

export type Session = {
  settings: TabSettings;
  api: ApiClient;
  /** Present in local mode: who is signed in (the list of demo users to switch to loads later: useDemoUsers). */
  demo?: { current: string; signedIn: DemoUser };
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

let msal: Promise<typeof MsalSignIn> | undefined;
/** MSAL's code, fetched once: inside Teams it is asked for alongside the tab's settings (start.tsx). */
export function loadMsal(): Promise<typeof MsalSignIn> {
  msal ??= import('../auth/msal-sign-in.ts').catch((error: unknown) => {
    msal = undefined; // a failed download is tried again on the next sign-in
    throw error;
  });
  return msal;
}

/**
 * The demo user: ?user= first, then the last one chosen here, then the SENCO (the stand-in's choice when none
 * is named). One request, which the served page has usually made already. A ?user= that names nobody is
 * refused: opening as the SENCO instead would show a stranger's link everything.
 */
async function signInDemoUser(requestedUser: string | undefined) {
  const remembered = rememberedDemoUser();
  try {
    return await demoSignIn(requestedUser ?? remembered ?? undefined);
  } catch (error) {
    if (!(error instanceof DemoUserNotFoundError)) throw error;
    if (requestedUser) throw new UnknownDemoUserError(requestedUser);
    return demoSignIn(undefined); // the one remembered here is no longer in the demo school
  }
}

async function startSession(host: HostContext, requestedUser: string | undefined): Promise<Session> {
  const settings = await fetchTabSettings();
  if (settings.mode === 'local') {
    const signedIn = await signInDemoUser(requestedUser);
    const first = { token: signedIn.access_token, expiresInSeconds: signedIn.expires_in };
    return {
      settings,
      api: createApiClient(createDemoTokenSource(signedIn.upn, first)),
      demo: {
        current: signedIn.upn,
        signedIn: {
          upn: signedIn.upn,
          displayName: signedIn.displayName,
          roles: signedIn.roles,
          ...(signedIn.jobTitle ? { jobTitle: signedIn.jobTitle } : {}),
        },
      },
    };
  }
  // MSAL is large and only needed with a tenant: load it on demand (start.tsx starts it inside Teams).
  const { createMsalTokenSource } = await loadMsal();
  const getToken = await createMsalTokenSource(settings, host.loginHint);
  return { settings, api: createApiClient(getToken) };
}

export function sessionQuery(host: HostContext, requestedUser: string | undefined) {
  return queryOptions({
    queryKey: ['session', requestedUser ?? ''] as const,
    queryFn: () => startSession(host, requestedUser),
    staleTime: Infinity,
    retry: false,
  });
}

export function useSession(host: HostContext, requestedUser: string | undefined) {
  return useQuery(sessionQuery(host, requestedUser));
}

export function meQuery(session: Session | undefined) {
  return queryOptions({
    queryKey: ['me', session?.demo?.current ?? 'tenant'] as const,
    queryFn: () => session!.api.get<MeAnswer>('/api/me'),
    enabled: session !== undefined,
    // Just after the server starts it is still loading the school's records (503): keep asking for a while,
    // about 20 seconds, then say so in words with a way to try again rather than spin for a minute.
    retry: (count, error) => isTransient(error) && count < ME_RETRIES,
    retryDelay: 2_000,
  });
}

export function useMe(session: Session | undefined) {
  return useQuery(meQuery(session));
}

/**
 * The demo users to switch to (local mode): asked for once `ready` (the first screen is drawn), not before, since
 * nobody needs the list to see their first screen and a large demo school's list takes the stand-in a while.
 */
export function useDemoUsers(inLocalMode: boolean, ready: boolean) {
  return useQuery({
    queryKey: ['session', 'demo-users'],
    queryFn: fetchDemoUsers,
    enabled: inLocalMode && ready,
    staleTime: Infinity,
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
