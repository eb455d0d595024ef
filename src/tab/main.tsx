import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { preloadPage } from './app/pages.ts';
import { routeFromUrl } from './app/route.ts';
import { loadTheme } from './app/themes.ts';
import { detectHost } from './host/teams-host.ts';

// The page asked for starts downloading now, alongside sign-in, not after it.
const requested = routeFromUrl(new URL(window.location.href));
if (requested) preloadPage(requested.name);
const host = await detectHost(window.location);
// A dark or high-contrast start draws in its theme from the first frame.
await loadTheme(host.theme);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App host={host} />
  </StrictMode>,
);
