import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { preloadPage } from './app/pages.ts';
import { routeFromUrl } from './app/route.ts';
import { loadMsal } from './app/session.ts';
import { loadTheme } from './app/themes.ts';
import { prefetchTabSettings } from './auth/tab-settings.ts';
import { detectHost } from './host/teams-host.ts';

// The page asked for starts downloading now, alongside sign-in, not after it; so does the first step of sign-in.
const requested = routeFromUrl(new URL(window.location.href));
if (requested) preloadPage(requested.name);
prefetchTabSettings();
const host = await detectHost(window.location);
// Inside Teams the tab is almost always signed in with a tenant: MSAL's code comes while the settings do.
if (host.inTeams) void loadMsal().catch(() => undefined);
// A dark or high-contrast start draws in its theme from the first frame.
await loadTheme(host.theme);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App host={host} />
  </StrictMode>,
);
