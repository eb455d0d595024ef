import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../api/api-client.ts';
import { prefetchRegister } from '../features/register/register-session.ts';
import { opensRegister } from './early-start.ts';
import type { Route, RouteName } from './route.ts';

/**
 * Each page's code, loaded on first use so the first download is only the shell (React, Fluent UI's core,
 * TanStack Query). `preloadPage` starts the requested page's download as the tab starts, alongside sign-in and
 * `/api/me`, rather than after them: the module is fetched once, and `lazy` then finds it loaded.
 */
export const pageModules = {
  home: () => import('./home-page.tsx'),
  register: () => import('../features/register/components/register-page.tsx'),
  pupil: () => import('./pupil-page.tsx'),
  passport: () => import('../features/passport/components/passport-page.tsx'),
  provision: () => import('../features/provision/components/provision-page.tsx'),
  class: () => import('../features/class-view/components/class-page.tsx'),
  'my-pupils': () => import('../features/my-pupils/components/my-pupils-page.tsx'),
  config: () => import('../features/config/components/config-page.tsx'),
  settings: () => import('../features/settings/components/settings-page.tsx'),
} satisfies Record<RouteName, () => Promise<unknown>>;

export function preloadPage(name: RouteName): void {
  // A failed download is retried (and reported) by the page itself when it is shown.
  pageModules[name]().catch(() => undefined);
}

/**
 * The first data the requested page asks for, started as soon as there is a token: alongside `/api/me` and the
 * page's code rather than after both. Only where the page's first request is known before `/api/me` answers.
 */
export function prefetchPageData(
  route: Route,
  context: {
    client: QueryClient;
    api: ApiClient;
    upn: string | undefined;
    /** Known before `/api/me` in the demo only: then nobody is sent for what the server would refuse them. */
    roles: readonly string[] | undefined;
  },
): void {
  const { client, api, upn, roles } = context;
  const seesRegister = roles === undefined || opensRegister(roles);
  if (route.name === 'register' && upn && seesRegister) prefetchRegister(client, api, upn);
}
