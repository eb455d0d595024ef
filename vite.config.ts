import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The tab is built into dist/tab and served by the Node server (src/server).
export default defineConfig({
  root: 'src/tab',
  publicDir: '../../public',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/tab',
    emptyOutDir: true,
    sourcemap: true,
    // dist/tab/.vite/manifest.json: the server reads it to preload, in the page it serves, the code that page needs.
    manifest: true,
    // The shell (React, Fluent UI's core, TanStack Query) is one ~550 kB chunk; MSAL is split out and loaded only
    // with a tenant.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // The tab; the page MSAL's sign-in popup returns to (src/tab/auth/redirect-bridge.ts); and the tab's first
      // requests (src/tab/app/early-start.ts), which the server writes into the page ahead of the main script.
      input: {
        main: 'src/tab/index.html',
        authRedirect: 'src/tab/auth-redirect.html',
        early: 'src/tab/app/early-entry.ts',
      },
      output: {
        // A few large files for the first screen rather than dozens of small ones: the browser opens six
        // connections to a server speaking HTTP/1.1, so each extra round of requests costs a round trip.
        // https://rolldown.rs/in-depth/manual-code-splitting
        codeSplitting: {
          groups: [
            // The early module and what it imports (its dependencies come with it): a few KB, loaded first. Vite's
            // helper for dynamic imports goes with it, so that the main script needs nothing from the shell.
            {
              name: 'early',
              test: (id) =>
                /src[\\/]tab[\\/]app[\\/]early-start\.ts$/.test(id) || id.includes('vite/preload-helper'),
              priority: 3,
            },
            // The tab's code (start.tsx) and everything it imports statically: React, Fluent UI's core, TanStack
            // Query, the shell. The main script imports it once the early requests are sent (main.tsx).
            { name: 'shell', test: /src[\\/]tab[\\/]start\.tsx$/, priority: 2 },
            // The register's page and what it needs beyond the shell, in one file rather than fourteen: the SEND
            // team's page, opened first and often. Pages sharing its pieces (the status badge) load it too.
            {
              name: 'register',
              test: /src[\\/]tab[\\/]features[\\/]register[\\/]components[\\/]register-page\.tsx$/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3978',
      '/local365': 'http://localhost:3978',
    },
  },
});
