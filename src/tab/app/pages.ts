import type { RouteName } from './route.ts';

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
