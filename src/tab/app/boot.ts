import type { QueryClient } from '@tanstack/react-query';
import type { HostContext } from '../host/teams-host.ts';
import { prefetchPageData } from './pages.ts';
import { parsePage, routeFromUrl, type Route } from './route.ts';
import { meQuery, sessionQuery } from './session.ts';

const started = new WeakSet<QueryClient>();

/** The page the tab opens on: a deep link's subPageId inside Teams, else `?page=` (as RouterProvider reads it). */
export function openingRoute(host: HostContext): Route | undefined {
  return parsePage(host.subPageId) ?? routeFromUrl(new URL(window.location.href));
}

/**
 * The path to the first screen, started as the tab's script starts (start.tsx) rather than once React has drawn
 * the shell: sign-in, then `/api/me` and the opening page's first data together. The shell's queries find these
 * in the cache, already asked for. Once per query client: the shell calls it too (tests render it alone).
 */
export function startSignIn(client: QueryClient, host: HostContext, route: Route | undefined): void {
  if (started.has(client)) return;
  started.add(client);
  client.fetchQuery(sessionQuery(host, host.loginHint)).then(
    (session) => {
      void client.prefetchQuery(meQuery(session));
      if (!route) return;
      // Roles are known before `/api/me` in the demo only: then nobody is sent for what the server would refuse.
      const upn = session.demo?.current ?? host.loginHint;
      prefetchPageData(route, { client, api: session.api, upn, roles: session.demo?.signedIn.roles });
    },
    () => undefined, // shown by the shell, whose query holds the failure
  );
}
