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
    // Fluent UI and React make one ~650 kB chunk; MSAL is split out and loaded only with a tenant.
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // The tab, and the page MSAL's sign-in popup returns to (src/tab/auth/redirect-bridge.ts).
      input: { main: 'src/tab/index.html', authRedirect: 'src/tab/auth-redirect.html' },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3978',
      '/local365': 'http://localhost:3978',
    },
  },
});
