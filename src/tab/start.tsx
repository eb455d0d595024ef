import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createQueryClient } from './app/app.tsx';
import { openingRoute, startSignIn } from './app/boot.ts';
import { preloadPage } from './app/pages.ts';
import { routeFromUrl } from './app/route.ts';
import { loadMsal } from './app/session.ts';
import { loadTheme } from './app/themes.ts';
import { inlineTabSettings, prefetchTabSettings } from './auth/tab-settings.ts';
import { detectHost } from './host/teams-host.ts';

/**
 * The tab's start, called by the main script (main.tsx) once the early requests are sent. A function rather than
 * code at the top of the module: this module shares its chunk with React and Fluent UI (vite.config.ts), which the
 * dark theme's chunk imports, and a top-level await here would leave that import waiting on this module for ever.
 */
export async function startTab(): Promise<void> {
  // The served page carries the settings and has already asked for the requested page's code (and, in local mode,
  // for the demo sign-in): see src/server/http/tab-start-page.ts. Without them (vite's dev server) the same
  // requests start here, alongside one another rather than one after another.
  const requested = routeFromUrl(new URL(window.location.href));
  if (requested) preloadPage(requested.name);
  prefetchTabSettings();
  // With a tenant, sign-in needs MSAL at once: its code comes while the host is detected.
  const startMsal = () => void loadMsal().catch(() => undefined);
  if (inlineTabSettings()?.mode === 'tenant') startMsal();
  const host = await detectHost(window.location);
  // Inside Teams the tab is almost always signed in with a tenant.
  if (host.inTeams) startMsal();
  // Sign-in, then /api/me and the page's first data together: before React draws anything.
  const queryClient = createQueryClient();
  startSignIn(queryClient, host, openingRoute(host));
  // A dark or high-contrast start draws in its theme from the first frame.
  await loadTheme(host.theme);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App host={host} queryClient={queryClient} />
    </StrictMode>,
  );
}
